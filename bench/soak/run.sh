#!/usr/bin/env bash
# make soak: the figures of docs/security.md, on each JDK found, against 127.0.0.1 only.
#   slow      SOAK_STALLED connections stall mid-request-line or mid-headers while
#             SOAK_SLOW_REQUESTS normal requests (SOAK_SLOW_RATE a second) measure latency
#   load      wrk, SOAK_WRK_CONNS connections for SOAK_WRK_SECONDS each, keep-alive on and off
#   c1000     wrk, SOAK_C1000_CONNS keep-alive connections for SOAK_C1000_SECONDS
#   hung      SOAK_HUNG_REQUESTS at once to a handler that hangs past its 2 s time limit; then up
#             to SOAK_HUNG_SETTLE seconds for the server's threads to return
#   amplify   per JSON shape that amplifies most, SOAK_AMPLIFY_ROUNDS bursts of SOAK_AMPLIFY_CONCURRENT
#             worst-case bodies of SOAK_AMPLIFY_BYTES at once to an echo route
#   nonread   SOAK_NONREAD_CONNS clients ask for 8 MB answers and never read, for SOAK_NONREAD_SECONDS,
#             while GET /api/hello (SOAK_NONREAD_RATE a second) measures latency
#   churn     SOAK_CHURN_LOOPS connections send half a body and close or reset (SOAK_CHURN_THREADS
#             client threads); then SOAK_CHURN_FOLLOWUPS requests on new connections
#   shutdown  SIGTERM while requests to a 100 ms route are in flight
# The capacity scenarios, each on a fresh server, while /livez is probed on a new connection every
# 200 ms (1 s limit) and the server's threads, RSS and open files are sampled (their peaks):
#   conns     wrk -t2 -cSOAK_CONNS (4000) on /api/hello for SOAK_CONNS_SECONDS
#   heads     SOAK_HEADS (4000) connections send half a request head and wait, for SOAK_HEADS_SECONDS
#   idle      SOAK_IDLE (4000) connections send one GET, read the answer and stay idle, SOAK_IDLE_SECONDS
#   slowget   SOAK_SLOWGET (2000) GETs at once to a handler that sleeps SOAK_SLOWGET_SLEEP (28) s
#   streams   SOAK_STREAMS (3000) event streams (an event a second) read for SOAK_STREAMS_SECONDS
#   errors    a route failing with StackOverflowError, SOAK_ERRORS_RATE a second for SOAK_ERRORS_SECONDS;
#             the bytes the server logged meanwhile
# A server that dies in one is reported with its exit code, and the run goes on.
# SOAK_SCENARIOS="hung churn" runs some of them. The server is java -jar api.jar with run.sh's JVM
# flags (with the routes of bench/soak/handlers on the class path but for the first three). Every
# wait is bounded; every process started here is stopped by its pid on exit. Results:
# build/soak/results.md (and stdout), server logs in build/soak/logs.
# SOAK_JDKS="/usr/lib/jvm/a /usr/lib/jvm/b" picks the JAVA_HOMEs; default: 17 and the newest 21+.
# SOAK_ENGINE=jdk runs the server on the JDK's engine (--engine), apiroutes or unset on apiroutes' own (the default);
# SOAK_ENGINES="jdk apiroutes" runs everything on each in turn.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCENARIOS=" ${SOAK_SCENARIOS:-slow load c1000 hung amplify nonread churn shutdown conns heads idle slowget streams errors} "
ENGINES=${SOAK_ENGINES:-${SOAK_ENGINE:-apiroutes}}
STALLED=${SOAK_STALLED:-1000}
SLOW_REQUESTS=${SOAK_SLOW_REQUESTS:-200}
SLOW_RATE=${SOAK_SLOW_RATE:-20}
WRK_CONNS=${SOAK_WRK_CONNS:-200}
WRK_SECONDS=${SOAK_WRK_SECONDS:-15}
C1000_CONNS=${SOAK_C1000_CONNS:-1000}
C1000_SECONDS=${SOAK_C1000_SECONDS:-20}
HUNG_REQUESTS=${SOAK_HUNG_REQUESTS:-200}
HUNG_SETTLE=${SOAK_HUNG_SETTLE:-80}
AMPLIFY_ROUNDS=${SOAK_AMPLIFY_ROUNDS:-2}
AMPLIFY_CONCURRENT=${SOAK_AMPLIFY_CONCURRENT:-64}
AMPLIFY_BYTES=${SOAK_AMPLIFY_BYTES:-1048576}
NONREAD_CONNS=${SOAK_NONREAD_CONNS:-40}
NONREAD_SECONDS=${SOAK_NONREAD_SECONDS:-30}
NONREAD_RATE=${SOAK_NONREAD_RATE:-20}
CHURN_LOOPS=${SOAK_CHURN_LOOPS:-20000}
CHURN_THREADS=${SOAK_CHURN_THREADS:-4}
CHURN_FOLLOWUPS=${SOAK_CHURN_FOLLOWUPS:-500}
SHUTDOWN_CONNS=${SOAK_SHUTDOWN_CONNS:-50}
CONNS=${SOAK_CONNS:-4000}
CONNS_SECONDS=${SOAK_CONNS_SECONDS:-15}
HEADS=${SOAK_HEADS:-4000}
HEADS_SECONDS=${SOAK_HEADS_SECONDS:-20}
IDLE=${SOAK_IDLE:-4000}
IDLE_SECONDS=${SOAK_IDLE_SECONDS:-20}
SLOWGET=${SOAK_SLOWGET:-2000}
SLOWGET_SLEEP=${SOAK_SLOWGET_SLEEP:-28}
STREAMS=${SOAK_STREAMS:-3000}
STREAMS_SECONDS=${SOAK_STREAMS_SECONDS:-30}
ERRORS_SECONDS=${SOAK_ERRORS_SECONDS:-30}
ERRORS_RATE=${SOAK_ERRORS_RATE:-100}
DIR=build/soak
PIDS=""

want() { case "$SCENARIOS" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

die() { echo "soak: $*" >&2; exit 1; }

cleanup() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    for pid in $PIDS; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

command -v curl >/dev/null || die "curl is needed"
if ! command -v wrk >/dev/null; then
    echo "soak: installing wrk" >&2
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } \
        || die "wrk is missing and apt-get install -y wrk failed"
fi
most=0
for n in "$STALLED" "$C1000_CONNS" "$CONNS" "$HEADS" "$IDLE" "$SLOWGET" "$STREAMS"; do [ "$n" -gt "$most" ] && most=$n; done
files=$((most * 2 + 1000))
[ "$(ulimit -n)" -ge "$files" ] || ulimit -n "$files" 2>/dev/null \
    || die "open-file limit $(ulimit -n) is too low for $most connections (hard limit $(ulimit -Hn))"

java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1; }
java_build() { "$1/bin/java" -version 2>&1 | sed -n '2p'; }

if [ -z "${SOAK_JDKS:-}" ]; then
    SOAK_JDKS=""
    newest=""; newest_feature=0
    for home in /usr/lib/jvm/*/; do
        home=${home%/}
        [ -x "$home/bin/java" ] || continue
        [ -L "$home" ] && continue
        f=$(java_feature "$home")
        if [ "$f" = 17 ] && ! echo "$SOAK_JDKS" | grep -q 17; then SOAK_JDKS="$home"; fi
        if [ "${f%%.*}" -ge 21 ] 2>/dev/null && [ "${f%%.*}" -gt "$newest_feature" ]; then newest=$home; newest_feature=${f%%.*}; fi
    done
    SOAK_JDKS="$SOAK_JDKS $newest"
fi

JVM_OPTS=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' run.sh | head -1)
[ -n "$JVM_OPTS" ] || echo "soak: warning: no DEFAULT_OPTS line in run.sh; no JVM flags" >&2

make -s api.jar >/dev/null
rm -rf "$DIR" && mkdir -p "$DIR/client" "$DIR/handlers" "$DIR/logs"
javac --release 17 -encoding UTF-8 -d "$DIR/client" bench/soak/*.java
javac --release 17 -encoding UTF-8 -cp build/classes -processorpath build/classes -processor io.apiroutes.processor.HandlerProcessor \
    -d "$DIR/handlers" bench/soak/handlers/api/soak/*.java
jar --create --file "$DIR/soak-handlers.jar" -C "$DIR/handlers" .

# free_port: a port below the ephemeral range (where the churn's and wrk's closed connections wait out
# TIME_WAIT) that no socket uses, listening or not
free_port() {
    local low p
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    [ "$low" -gt 12000 ] || low=32768
    for _ in $(seq 50); do
        p=$((10000 + RANDOM % (low - 10000)))
        ss -tanH 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
    done
    die "no free port"
}

# start_server JAVA_HOME PORT LOG CLASSPATH -> sets SERVER_PID; waits until /api/hello answers
start_server() {
    # shellcheck disable=SC2086
    "$1/bin/java" $JVM_OPTS -cp "$4" io.apiroutes.cli.Main --port "$2" --host 127.0.0.1 --engine "$engine" >"$3" 2>&1 &
    SERVER_PID=$!
    PIDS="$PIDS $SERVER_PID"
    for _ in $(seq 100); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$2/api/hello" && return
        sleep 0.1
    done
    die "the server on port $2 did not start: $(cat "$3")"
}

# stop_server PID: SIGTERM, SIGKILL after 15 s; then reaps it
stop_server() {
    kill "$1" 2>/dev/null || true
    for _ in $(seq 150); do running "$1" || break; sleep 0.1; done
    running "$1" && kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null || true
    forget "$1"
}

# running PID: the process lives (a zombie, exited and not yet reaped, does not)
running() {
    local state
    state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# forget PID: a process reaped, which cleanup must not signal (its pid may belong to another by then)
forget() { PIDS=$(echo " $PIDS " | sed "s/ $1 / /"); }

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# sample PID FILE: peak threads and RSS every 0.2 s, until the file STOP appears
sample() {
    local peak_threads=0 peak_rss=0 t r
    while [ ! -e "$2.stop" ] && kill -0 "$1" 2>/dev/null; do
        t=$(awk '/^Threads/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
        r=$(awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
        [ "${t:-0}" -gt "$peak_threads" ] && peak_threads=$t
        [ "${r:-0}" -gt "$peak_rss" ] && peak_rss=$r
        sleep 0.2
    done
    echo "peak_threads=$peak_threads peak_rss_mb=$((peak_rss / 1024))" >"$2"
}

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ms() { awk -v us="$1" 'BEGIN {printf "%.1f", us / 1000}'; }

# start_sampling PID / stop_sampling: peak threads and RSS of PID in between, in PEAKS
start_sampling() {
    rm -f "$DIR/sample" "$DIR/sample.stop"
    sample "$1" "$DIR/sample" &
    SAMPLER=$!
}
stop_sampling() {
    touch "$DIR/sample.stop"
    wait "$SAMPLER" || true
    PEAKS=$(cat "$DIR/sample" 2>/dev/null || echo "peak_threads=? peak_rss_mb=?")
}

# client MODE ARGS...: runs the Soak client on the JDK under test, bounded by SOAK_CLIENT_TIMEOUT seconds
client() {
    local mode=$1
    shift
    timeout "${SOAK_CLIENT_TIMEOUT:-240}" "$home/bin/java" -cp "$DIR/client" Soak "$mode" "$@" \
        || die "the $mode run failed on Java $java (server log: $log)"
}

# alive_or_die: the scenario left the server running
alive_or_die() {
    kill -0 "$pid" 2>/dev/null || die "the server died during $1 on Java $java: $(tail -n 20 "$log")"
}

# scenario MODE sampled|unsampled ARGS...: runs the client's MODE against the server, checks that the
# server lived through it, and tells the result on stderr; the client's lines in OUT, the server's peak
# threads and RSS in PEAKS when sampled
scenario() {
    local mode=$1 sampled=$2 t0
    shift 2
    t0=$(date +%s)
    PEAKS=""
    if [ "$sampled" = sampled ]; then start_sampling "$pid"; fi
    OUT=$(client "$mode" "$@")
    if [ "$sampled" = sampled ]; then stop_sampling; fi
    alive_or_die "$mode"
    echo "soak: $mode $(echo "$OUT" | tr '\n' ' ')$PEAKS ($(since "$t0") s)" >&2
}

# log_row LABEL: what the server logged that is not routine (Main's format: date time LEVEL logger: message)
log_row() {
    local severe warning oom first
    severe=$(grep -c -E '^[0-9-]+ [0-9:]+ SEVERE ' "$log" || true)
    warning=$(grep -c -E '^[0-9-]+ [0-9:]+ WARNING ' "$log" || true)
    oom=$(grep -c 'OutOfMemoryError' "$log" || true)
    first=$(grep -m1 -E '^[0-9-]+ [0-9:]+ (SEVERE|WARNING) |OutOfMemoryError|Exception in thread|died of' "$log" \
        | cut -c1-160 | sed 's/|/\\|/g' || true)
    LOG_ROWS="$LOG_ROWS
| $java | $1 | $severe | $warning | $oom | ${first:-none} |"
}

# span MIN MAX: "MIN–MAX", or "-" when there is none
span() { if [ "$1" = - ]; then echo -; else echo "$1–$2"; fi; }

since() { echo $(( $(date +%s) - $1 )); }

# 1. slow clients
run_slow() {
    local line
    scenario slow sampled "$port" "$STALLED" "$SLOW_REQUESTS" "$SLOW_RATE"
    line=$OUT
    SLOW_ROWS="$SLOW_ROWS
| $java | $executor | $(field "$line" stalled) | $(field "$line" ok)/$(field "$line" requests) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" stalled_still_open) | $(field "$PEAKS" peak_threads) | $(field "$PEAKS" peak_rss_mb) |"
    sleep 2
}

# wrk_line CONNS SECONDS [HEADER...]: wrk's summary line (wrk.lua), in LINE
wrk_line() {
    local conns=$1 seconds=$2 out
    shift 2
    out=$(timeout $((seconds + 30)) wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s "$@" \
        -s bench/soak/wrk.lua "http://127.0.0.1:$port/api/hello" 2>&1) || die "wrk failed: $out"
    LINE=$(echo "$out" | sed -n 's/^SOAK //p')
    [ -n "$LINE" ] || die "no result from wrk: $out"
}

# load_cells: requests, seconds, req/s, latency and errors of LINE, as table cells
load_cells() {
    local requests seconds rps
    requests=$(field "$LINE" requests)
    seconds=$(awk -v us="$(field "$LINE" duration_us)" 'BEGIN {printf "%.1f", us / 1e6}')
    rps=$(awk -v n="$requests" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
    echo "$requests | $seconds | $rps | $(ms "$(field "$LINE" p50_us)") | $(ms "$(field "$LINE" p99_us)") | $(ms "$(field "$LINE" p999_us)") | $(field "$LINE" connect)/$(field "$LINE" read)/$(field "$LINE" write)/$(field "$LINE" timeout) | $(field "$LINE" non2xx)"
}

# 2. load, keep-alive on and off
run_load() {
    local mode rss_before rss_after
    for mode in on off; do
        header=()
        [ "$mode" = off ] && header=(-H "Connection: close")
        rss_before=$(rss_mb "$pid")
        wrk_line "$WRK_CONNS" "$WRK_SECONDS" "${header[@]}"
        rss_after=$(rss_mb "$pid")
        echo "soak: wrk keep-alive $mode: $LINE rss ${rss_before}->${rss_after} MB" >&2
        LOAD_ROWS="$LOAD_ROWS
| $java | $mode | $(load_cells) | $rss_before → $rss_after |"
    done
}

# 3. a thousand keep-alive connections
run_c1000() {
    sleep 2
    start_sampling "$pid"
    wrk_line "$C1000_CONNS" "$C1000_SECONDS"
    stop_sampling
    echo "soak: wrk c$C1000_CONNS: $LINE $PEAKS" >&2
    C1000_ROWS="$C1000_ROWS
| $java | $(load_cells) | $(field "$PEAKS" peak_threads) | $(field "$PEAKS" peak_rss_mb) |"
}

# 4. handlers that hang past their time limit
run_hung() {
    local line
    scenario hung unsampled "$port" "$pid" "$HUNG_REQUESTS" "$HUNG_SETTLE"
    line=$OUT
    HUNG_ROWS="$HUNG_ROWS
| $java | $(field "$line" exact_503)/$(field "$line" requests) | $(field "$line" other) | $(field "$line" min_ms) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" after_status) | $(field "$line" interrupted) interrupted, $(field "$line" overslept) slept to the end | $(field "$line" threads_before) → $(field "$line" threads_peak) → $(field "$line" threads_after_1s) → $(field "$line" threads_settled) ($(field "$line" settled_s) s) |"
}

# 5. concurrent bodies whose parsed trees amplify most
run_amplify() {
    local line after
    scenario amplify sampled "$port" "$pid" "$AMPLIFY_ROUNDS" "$AMPLIFY_CONCURRENT" "$AMPLIFY_BYTES"
    after=$(echo "$OUT" | sed -n 's/^after_status=\([0-9-]*\) alive=\(.*\)$/\1, alive: \2/p')
    while read -r line; do
        case "$line" in shape=*) ;; *) continue ;; esac
        AMPLIFY_ROWS="$AMPLIFY_ROWS
| $java | \`$(field "$line" shape)\` | $(field "$line" bursts) × $AMPLIFY_CONCURRENT | $(field "$line" s200) | $(field "$line" s413) | $(field "$line" s503) | $(field "$line" other) | $(field "$line" failed) | $(field "$line" wrong_body) | $(awk -v a="$(field "$line" burst_ms_min)" -v b="$(field "$line" burst_ms_max)" 'BEGIN {printf "%.1f–%.1f", a / 1000, b / 1000}') | $after | $(field "$PEAKS" peak_rss_mb) |"
    done <<<"$OUT"
}

# 6. clients that ask for large answers and never read them
run_nonread() {
    local line
    scenario nonread sampled "$port" "$pid" "$NONREAD_CONNS" "$NONREAD_SECONDS" "$NONREAD_RATE"
    line=$OUT
    NONREAD_ROWS="$NONREAD_ROWS
| $java | $(field "$line" connections) | $(field "$line" cut) | $(span "$(field "$line" cut_s_min)" "$(field "$line" cut_s_max)") | $(field "$line" still_open) | $(field "$line" ok)/$(field "$line" requests) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$PEAKS" peak_threads) | $(field "$PEAKS" peak_rss_mb) | $(field "$line" after_status), alive: $(field "$line" alive) |"
}

# 7. connections that leave mid-body, closing or resetting
run_churn() {
    local line
    scenario churn unsampled "$port" "$CHURN_LOOPS" "$CHURN_THREADS" "$CHURN_FOLLOWUPS"
    line=$OUT
    CHURN_ROWS="$CHURN_ROWS
| $java | $(field "$line" loops) | $(awk -v ms="$(field "$line" churn_ms)" 'BEGIN {printf "%.1f", ms / 1000}') | $(field "$line" churn_per_s) | $(field "$line" not_connected)/$(field "$line" write_failed) | $(field "$line" ok)/$(field "$line" followups) | $(field "$line" refused) | $(field "$line" other) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) |"
}

# 8. shutdown under load: wrk keeps 100 connections busy on the 100 ms route; the client
# tracks its own and sends SIGTERM after 3 s
run_shutdown() {
    local line code wrk_pid
    port=$(free_port)
    log="$DIR/logs/shutdown-$tag.log"
    start_server "$home" "$port" "$log" "api.jar:$DIR/soak-handlers.jar"
    pid=$SERVER_PID
    wrk -t1 -c100 -d8s "http://127.0.0.1:$port/api/soak/slow" >"$DIR/logs/shutdown-wrk-$tag.txt" 2>&1 &
    wrk_pid=$!
    PIDS="$PIDS $wrk_pid"
    line=$(client shutdown "$port" "$pid" "$SHUTDOWN_CONNS" 3)
    code=0; wait "$pid" || code=$?
    wait "$wrk_pid" || true
    forget "$pid"; forget "$wrk_pid"
    echo "soak: shutdown $line exit=$code" >&2
    STOP_ROWS="$STOP_ROWS
| $java | $(field "$line" in_flight) | $(field "$line" completed) | $(field "$line" turned_away_503) | $(field "$line" lost) | $(field "$line" answered_pct)% | $(field "$line" exit_ms) | $code |"
    log_row shutdown
}

# run_capacity SCENARIO and CAPACITY_ROWS: the capacity scenarios
. bench/soak/capacity.sh

SLOW_ROWS=""; LOAD_ROWS=""; C1000_ROWS=""; HUNG_ROWS=""; AMPLIFY_ROWS=""; NONREAD_ROWS=""; CHURN_ROWS=""; STOP_ROWS=""
CAPACITY_ROWS=""; LOG_ROWS=""; JDK_LINES=""; TIMES=""
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for home in $SOAK_JDKS; do
    feature=$(java_feature "$home")
    JDK_LINES="$JDK_LINES
- Java $feature: $(java_build "$home")"
    for engine in $ENGINES; do
        tag="$feature-$engine"
        java=$feature
        [ "$(echo "$ENGINES" | wc -w)" -eq 1 ] || java="$feature $engine"
        jdk_started=$(date +%s)

        # --- the examples alone: slow clients, load, 1000 connections
        if want slow || want load || want c1000; then
            port=$(free_port)
            log="$DIR/logs/api-$tag.log"
            start_server "$home" "$port" "$log" api.jar
            pid=$SERVER_PID
            executor=$(sed -n 's/.*(Java [0-9]*, \(.*\))$/\1/p' "$log" | head -1)
            echo "soak: Java $java ($executor) on port $port, pid $pid" >&2
            ran=""
            for scenario in slow load c1000; do
                if want $scenario; then "run_$scenario"; ran="$ran, $scenario"; fi
            done
            alive_or_die "${ran#, }"
            stop_server "$pid"
            log_row "${ran#, }"
        fi

        # --- the soak routes: hung handlers, amplifying bodies, clients that do not read, churn
        if want hung || want amplify || want nonread || want churn; then
            port=$(free_port)
            log="$DIR/logs/attacks-$tag.log"
            start_server "$home" "$port" "$log" "api.jar:$DIR/soak-handlers.jar"
            pid=$SERVER_PID
            echo "soak: Java $java, soak routes on port $port, pid $pid" >&2
            ran=""
            for scenario in hung amplify nonread churn; do
                if want $scenario; then "run_$scenario"; ran="$ran, $scenario"; fi
            done
            alive_or_die "${ran#, }"
            stop_server "$pid"
            log_row "${ran#, }"
        fi

        if want shutdown; then run_shutdown; fi
        for scenario in conns heads idle slowget streams errors; do
            if want $scenario; then run_capacity $scenario; fi
        done
        TIMES="$TIMES, Java $java $(since "$jdk_started") s"
    done
done
# table TEXT HEADER ALIGNMENT ROWS: a paragraph and its table, when the scenario ran
table() {
    [ -n "$4" ] || return 0
    printf '\n%s\n\n%s\n%s\n%s\n' "$1" "$2" "$3" "${4#?}"
}

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "Soak run of $(date -u +%Y-%m-%d) on $(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo),"
    echo "server: java $JVM_OPTS -jar api.jar --engine ${ENGINES// / or --engine } (run.sh's flags), client and wrk on the same machine; $(since "$started") s in all (${TIMES#, });"
    echo "load average before the run: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running shares the same CPUs)."
    echo "$JDK_LINES"
    table "Slow clients: $STALLED connections stall (half mid-request-line, half mid-headers) while $SLOW_REQUESTS GET /api/hello, $SLOW_RATE a second, each on a new connection, measure latency (ms)." \
        "| Java | executor | stalled | ok | p50 | p99 | max | stalled still open at end | peak threads | peak RSS MB |" \
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" "$SLOW_ROWS"
    table "Load: wrk -t2 -c$WRK_CONNS -d${WRK_SECONDS}s GET /api/hello; keep-alive off is wrk -H 'Connection: close' (latency ms; errors connect/read/write/timeout)." \
        "| Java | keep-alive | requests | s | req/s | p50 | p99 | p99.9 | socket errors | non-2xx | RSS MB before → after |" \
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |" "$LOAD_ROWS"
    table "$C1000_CONNS keep-alive connections: wrk -t2 -c$C1000_CONNS -d${C1000_SECONDS}s GET /api/hello (latency ms; errors connect/read/write/timeout)." \
        "| Java | requests | s | req/s | p50 | p99 | p99.9 | socket errors | non-2xx | peak threads | peak RSS MB |" \
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |" "$C1000_ROWS"
    table "Hung handlers: $HUNG_REQUESTS GET /api/soak/hang at once, each on its own connection; the handler sleeps 60 s, its time limit is 2 s. Exact: 503 {\"error\":\"Handler timed out after 2 s\"} with Connection: close; times from the request to that answer (ms). Handler outcomes as the route counted them. Threads of the server process: before → peak → 1 s after the last answer → settled (within ${HUNG_SETTLE} s)." \
        "| Java | exact 503 | other | min | p50 | p99 | max | GET after | handlers | threads |" \
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |" "$HUNG_ROWS"
    table "Amplifying bodies: per shape, $AMPLIFY_ROUNDS bursts of $AMPLIFY_CONCURRENT worst-case JSON bodies of at most $AMPLIFY_BYTES bytes at once, POST /api/soak/echo (which answers the parsed body). No answer: the connection failed or the client's 60 s timeout ran out; wrong: a 200 whose body is not the one sent. After: GET /api/hello once all bursts were answered." \
        "| Java | body | bursts | 200 | 413 | 503 | other | no answer | wrong | burst s (fastest–slowest) | after | peak RSS MB |" \
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |" "$AMPLIFY_ROWS"
    table "Clients that do not read: $NONREAD_CONNS connections ask for 8 MiB answers (half bytes, half JSON, shared data) with a 4 KB receive buffer and never read, for ${NONREAD_SECONDS} s, while GET /api/hello, $NONREAD_RATE a second on new connections, measures latency (ms). Cut off: the server's end of the connection left ESTABLISHED (/proc/net/tcp), seconds after the request." \
        "| Java | stalled | cut off | cut off after s | still open | GETs ok | p50 | p99 | max | peak threads | peak RSS MB | GET after |" \
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |" "$NONREAD_ROWS"
    table "Churn: $CHURN_LOOPS connections on $CHURN_THREADS client threads, each sending POST /api/soak/echo with Content-Length: 10 and 2 bytes of body, then closing (half) or resetting (half, SO_LINGER 0); then $CHURN_FOLLOWUPS GET /api/hello one after another, each on a new connection (ms). Client errors: connect failed/write failed. Refused: the follow-up's connection failed or closed without an answer." \
        "| Java | loops | s | loops/s | client errors | follow-ups ok | refused | other | p50 | p99 | max |" \
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |" "$CHURN_ROWS"
    table "Shutdown under load: wrk -c100 and $SHUTDOWN_CONNS tracked keep-alive clients on a 100 ms route; SIGTERM after 3 s. In flight: sent before SIGTERM, not answered by then. 200: admitted before SIGTERM and completed; 503: not yet read into a handler at SIGTERM, turned away with Connection: close; lost: no answer." \
        "| Java | in flight | completed 200 | turned away 503 | lost | answered | exit after SIGTERM ms | exit code |" \
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" "$STOP_ROWS"
    capacity_table
    table "Server logs (build/soak/logs): lines at SEVERE and WARNING, and any OutOfMemoryError." \
        "| Java | scenarios | SEVERE | WARNING | OutOfMemoryError | first such line |" \
        "| --- | --- | ---: | ---: | ---: | --- |" "$LOG_ROWS"
} | tee "$DIR/results.md"
