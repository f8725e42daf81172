# The capacity scenarios of bench/soak/run.sh, which sources this file and provides start_server,
# stop_server, running, forget, field, free_port, log_row and the variables they use. Each scenario
# runs on a fresh server, so that one's wreckage does not spill into the next; the Capacity client
# (bench/soak/Capacity.java) probes /livez and samples the server meanwhile. A server that dies is
# reported with its exit code; a client that fails is reported as such; neither stops the run.

# capacity_client LIMIT MODE ARGS...: the Capacity client on the JDK under test, for at most LIMIT
# seconds; its line in OUT, or client_failed=CODE
capacity_client() {
    local limit=$1 code=0
    shift
    OUT=$(timeout "$limit" "$home/bin/java" -Xmx512m -cp "$DIR/client" Capacity "$@" 2>>"$DIR/logs/capacity-client-$tag.txt") \
        || code=$?
    [ "$code" = 0 ] || OUT="client_failed=$code"
}

# capacity_conns: wrk -c$CONNS on /api/hello, watched by the client; wrk's summary line in LINE
capacity_conns() {
    local wrk_pid out="$DIR/logs/conns-wrk-$tag.txt"
    timeout $((CONNS_SECONDS + 30)) wrk -t2 -c"$CONNS" -d"${CONNS_SECONDS}s" --timeout 10s -s bench/soak/wrk.lua \
        "http://127.0.0.1:$port/api/hello" >"$out" 2>&1 &
    wrk_pid=$!
    PIDS="$PIDS $wrk_pid"
    capacity_client $((CONNS_SECONDS + 60)) watch "$port" "$pid" $((CONNS_SECONDS + 1))
    wait "$wrk_pid" || true
    forget "$wrk_pid"
    LINE=$(sed -n 's/^SOAK //p' "$out")
    [ -n "$LINE" ] || LINE="none $(tail -n 1 "$out" | tr ' |' '_/')"
}

# out NAME: a field of the client's line, ? when it has none
out() { local v; v=$(field "$OUT" "$1"); echo "${v:-?}"; }

# connection_cell: what the connections of OUT got, as a table cell
connection_cell() {
    echo "connected $(out connected)/$(out connections); answers $(out statuses | sed 's/,/, /g; s/:/ × /g');" \
        "server closed $(out closed_unanswered) unanswered, $(out closed_answered) answered;" \
        "open at the end: $(out open_waiting) waiting, $(out open_answered) answered"
}

# got_cell SCENARIO: what the clients got, as a table cell
got_cell() {
    local requests seconds
    case $OUT in client_failed=*) echo "the client failed (exit $(out client_failed)): $DIR/logs/capacity-client-$tag.txt"; return ;; esac
    case $1 in
        conns)
            if [ "${LINE%% *}" = none ]; then echo "wrk gave no result: ${LINE#none }"; return; fi
            requests=$(field "$LINE" requests)
            seconds=$(awk -v us="$(field "$LINE" duration_us)" 'BEGIN {printf "%.1f", us / 1e6}')
            echo "$(awk -v n="$requests" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}') req/s ($requests in $seconds s);" \
                "socket errors connect/read/write/timeout $(field "$LINE" connect)/$(field "$LINE" read)/$(field "$LINE" write)/$(field "$LINE" timeout);" \
                "non-2xx $(field "$LINE" non2xx)" ;;
        heads | idle) connection_cell ;;
        slowget) echo "$(connection_cell); answer after p50 $(out answer_p50_s) s, max $(out answer_max_s) s" ;;
        streams) echo "$(out sse_200) × 200 text/event-stream, $(out retry_503) × 503 with Retry-After; $(connection_cell);" \
            "$(out events) events, $(out live) streams live at the end" ;;
        errors) echo "$(out requests) requests ($(out per_s)/s): $(out statuses | sed 's/,/, /g; s/:/ × /g');" \
            "log $(awk -v b="$(out log_bytes)" 'BEGIN {printf "%.1f", b / 1048576}') MB, $(out per_failed) bytes per failed request" ;;
    esac
}

# run_capacity SCENARIO: one scenario on a fresh server with the soak routes; a row in CAPACITY_ROWS
run_capacity() {
    local scenario=$1 t0 end code=0
    t0=$(date +%s)
    LINE=""
    port=$(free_port)
    log="$DIR/logs/$scenario-$tag.log"
    start_server "$home" "$port" "$log" "api.jar:$DIR/soak-handlers.jar"
    pid=$SERVER_PID
    echo "soak: Java $java, $scenario on port $port, pid $pid" >&2
    case $scenario in
        conns) capacity_conns ;;
        heads) capacity_client $((HEADS_SECONDS + 60)) heads "$port" "$pid" "$HEADS" "$HEADS_SECONDS" ;;
        idle) capacity_client $((IDLE_SECONDS + 60)) idle "$port" "$pid" "$IDLE" "$IDLE_SECONDS" ;;
        slowget) capacity_client $((SLOWGET_SLEEP + 80)) slowget "$port" "$pid" "$SLOWGET" "$SLOWGET_SLEEP" ;;
        streams) capacity_client $((STREAMS_SECONDS + 60)) streams "$port" "$pid" "$STREAMS" "$STREAMS_SECONDS" ;;
        errors) capacity_client $((ERRORS_SECONDS + 80)) errors "$port" "$pid" "$ERRORS_SECONDS" "$ERRORS_RATE" "$log" ;;
    esac
    if running "$pid"; then
        end=alive
        stop_server "$pid"
    else
        wait "$pid" || code=$?
        forget "$pid"
        end="died after $(out died_s) s, exit $code"
    fi
    echo "soak: $scenario $OUT ${LINE:+wrk: $LINE }server: $end ($(since "$t0") s)" >&2
    CAPACITY_ROWS="$CAPACITY_ROWS
| $feature | $engine | $scenario | $(got_cell "$scenario") | $(out probe_ok)/$(out probes) | $(out probe_timeout)/$(out probe_refused)/$(out probe_reset)/$(out probe_non200) | $(out probe_p99_ms) | $(out probe_max_ms) | $(out peak_threads) | $(out peak_rss_mb) | $(out peak_files) | $end |"
    log_row "$scenario"
}

# capacity_table: the paragraph and table of the capacity scenarios that ran
capacity_table() {
    local text="Capacity: each scenario on a fresh server (run.sh's flags)."
    want conns && text="$text conns: wrk -t2 -c$CONNS -d${CONNS_SECONDS}s GET /api/hello."
    want heads && text="$text heads: $HEADS connections send half a request head (half mid-request-line, half mid-headers) and wait ${HEADS_SECONDS} s."
    want idle && text="$text idle: $IDLE connections send one GET /api/hello, read the answer and stay open, idle, ${IDLE_SECONDS} s."
    want slowget && text="$text slowget: $SLOWGET GET /api/soak/sleep at once (the handler sleeps ${SLOWGET_SLEEP} s), each on its own connection, waited for up to $((SLOWGET_SLEEP + 20)) s."
    want streams && text="$text streams: $STREAMS GET /api/soak/events (an event a second) read for ${STREAMS_SECONDS} s; live: a byte in the last 3 s."
    want errors && text="$text errors: GET /api/soak/overflow (a StackOverflowError), $ERRORS_RATE a second on 4 client threads for ${ERRORS_SECONDS} s, each on a new connection; log: what the server wrote to stdout and stderr meanwhile."
    table "$text Meanwhile GET /livez on a new connection every 200 ms, 1 s limit: ok/probes, failures timeout/refused/reset or closed/non-200, and the time to the answer of all but the refused (a timeout counts as 1 s); the server's peak threads, RSS and open files (/proc, every 200 ms)." \
        "| Java | engine | scenario | clients got | /livez ok | /livez failed | /livez p99 ms | /livez max ms | peak threads | peak RSS MB | peak open files | server at the end |" \
        "| --- | --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |" "$CAPACITY_ROWS"
}
