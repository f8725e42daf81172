#!/usr/bin/env bash
# make soak: the figures of issue 4 (SECURITY.md), on each JDK found, against 127.0.0.1 only.
#   1. slow clients: SOAK_STALLED connections stall mid-request-line or mid-headers while
#      SOAK_SLOW_REQUESTS normal requests (SOAK_SLOW_RATE a second) measure latency
#   2. load: wrk, SOAK_WRK_CONNS connections for SOAK_WRK_SECONDS each, keep-alive on and off
#   3. shutdown under load: SIGTERM while requests to a 100 ms route are in flight
# The server is java -jar api.jar with run.sh's JVM flags. Every wait is bounded; every process
# started here is stopped by its pid on exit. Results: build/soak/results.md (and stdout).
# SOAK_JDKS="/usr/lib/jvm/a /usr/lib/jvm/b" picks the JAVA_HOMEs; default: 17 and the newest 21+.
set -euo pipefail
cd "$(dirname "$0")/../.."

STALLED=${SOAK_STALLED:-1000}
SLOW_REQUESTS=${SOAK_SLOW_REQUESTS:-200}
SLOW_RATE=${SOAK_SLOW_RATE:-20}
WRK_CONNS=${SOAK_WRK_CONNS:-200}
WRK_SECONDS=${SOAK_WRK_SECONDS:-40}
SHUTDOWN_CONNS=${SOAK_SHUTDOWN_CONNS:-50}
DIR=build/soak
PIDS=""

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
[ "$(ulimit -n)" -ge $((STALLED * 2 + 1000)) ] || ulimit -n $((STALLED * 2 + 1000)) 2>/dev/null \
    || die "open-file limit $(ulimit -n) is too low for $STALLED stalled connections"

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
javac --release 17 -encoding UTF-8 -d "$DIR/client" bench/soak/Soak.java
javac --release 17 -encoding UTF-8 -cp build/classes -processorpath build/classes -processor io.apiroutes.HandlerProcessor \
    -d "$DIR/handlers" bench/soak/handlers/api/soak/Slow.java
jar --create --file "$DIR/soak-handlers.jar" -C "$DIR/handlers" .

free_port() {
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        ss -ltn 2>/dev/null | grep -q ":$p " || { echo "$p"; return; }
    done
    die "no free port"
}

# start_server JAVA_HOME PORT LOG CLASSPATH -> sets SERVER_PID; waits until /api/hello answers
start_server() {
    # shellcheck disable=SC2086
    "$1/bin/java" $JVM_OPTS -cp "$4" io.apiroutes.Main --port "$2" --host 127.0.0.1 >"$3" 2>&1 &
    SERVER_PID=$!
    PIDS="$PIDS $SERVER_PID"
    for _ in $(seq 100); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$2/api/hello" && return
        sleep 0.1
    done
    die "the server on port $2 did not start: $(cat "$3")"
}

stop_server() {
    kill "$1" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}

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

SLOW_ROWS=""; LOAD_ROWS=""; STOP_ROWS=""; JDK_LINES=""
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for home in $SOAK_JDKS; do
    feature=$(java_feature "$home")
    JDK_LINES="$JDK_LINES
- Java $feature: $(java_build "$home")"
    port=$(free_port)
    log="$DIR/logs/api-$feature.log"
    start_server "$home" "$port" "$log" api.jar
    pid=$SERVER_PID
    executor=$(sed -n 's/.*(Java [0-9]*, \(.*\))$/\1/p' "$log" | head -1)
    echo "soak: Java $feature ($executor) on port $port, pid $pid" >&2

    # 1. slow clients
    rm -f "$DIR/sample.stop"
    sample "$pid" "$DIR/sample" & sampler=$!
    line=$(timeout 180 "$home/bin/java" -cp "$DIR/client" Soak slow "$port" "$STALLED" "$SLOW_REQUESTS" "$SLOW_RATE") \
        || die "the slow-client run failed on Java $feature"
    touch "$DIR/sample.stop"; wait "$sampler" || true
    peaks=$(cat "$DIR/sample")
    echo "soak: slow $line $peaks" >&2
    SLOW_ROWS="$SLOW_ROWS
| $feature | $executor | $(field "$line" stalled) | $(field "$line" ok)/$(field "$line" requests) | $(field "$line" p50_ms) | $(field "$line" p99_ms) | $(field "$line" max_ms) | $(field "$line" stalled_still_open) | $(field "$peaks" peak_threads) | $(field "$peaks" peak_rss_mb) |"
    sleep 2

    # 2. load, keep-alive on and off
    for mode in on off; do
        header=()
        [ "$mode" = off ] && header=(-H "Connection: close")
        rss_before=$(rss_mb "$pid")
        out=$(timeout $((WRK_SECONDS + 30)) wrk -t2 -c"$WRK_CONNS" -d"${WRK_SECONDS}s" --timeout 10s "${header[@]}" \
            -s bench/soak/wrk.lua "http://127.0.0.1:$port/api/hello" 2>&1) || die "wrk failed: $out"
        line=$(echo "$out" | sed -n 's/^SOAK //p')
        [ -n "$line" ] || die "no result from wrk: $out"
        rss_after=$(rss_mb "$pid")
        requests=$(field "$line" requests)
        seconds=$(awk -v us="$(field "$line" duration_us)" 'BEGIN {printf "%.1f", us / 1e6}')
        rps=$(awk -v n="$requests" -v s="$seconds" 'BEGIN {printf "%.0f", n / s}')
        echo "soak: wrk keep-alive $mode: $line rss ${rss_before}->${rss_after} MB" >&2
        LOAD_ROWS="$LOAD_ROWS
| $feature | $mode | $requests | $seconds | $rps | $(ms "$(field "$line" p50_us)") | $(ms "$(field "$line" p99_us)") | $(ms "$(field "$line" p999_us)") | $(field "$line" connect)/$(field "$line" read)/$(field "$line" write)/$(field "$line" timeout) | $(field "$line" non2xx) | $rss_before → $rss_after |"
    done
    stop_server "$pid"

    # 3. shutdown under load: wrk keeps 100 connections busy on the 100 ms route; the client
    # tracks its own 50 and sends SIGTERM after 3 s
    port=$(free_port)
    log="$DIR/logs/shutdown-$feature.log"
    start_server "$home" "$port" "$log" "api.jar:$DIR/soak-handlers.jar"
    pid=$SERVER_PID
    wrk -t1 -c100 -d8s "http://127.0.0.1:$port/api/soak/slow" >"$DIR/logs/shutdown-wrk-$feature.txt" 2>&1 & wrk_pid=$!
    PIDS="$PIDS $wrk_pid"
    line=$(timeout 90 "$home/bin/java" -cp "$DIR/client" Soak shutdown "$port" "$pid" "$SHUTDOWN_CONNS" 3) \
        || die "the shutdown run failed on Java $feature"
    code=0; wait "$pid" || code=$?
    wait "$wrk_pid" || true
    echo "soak: shutdown $line exit=$code" >&2
    STOP_ROWS="$STOP_ROWS
| $feature | $(field "$line" in_flight) | $(field "$line" completed) | $(field "$line" turned_away_503) | $(field "$line" lost) | $(field "$line" answered_pct)% | $(field "$line" exit_ms) | $code |"
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
    echo "Soak run of $(date -u +%Y-%m-%d) on $(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo),"
    echo "server: java $JVM_OPTS -jar api.jar (run.sh's flags), client and wrk on the same machine; $(( $(date +%s) - started )) s in all;"
    echo "load average before the run: $load_before (anything else running shares the same CPUs)."
    echo "$JDK_LINES"
    echo
    echo "Slow clients: $STALLED connections stall (half mid-request-line, half mid-headers) while $SLOW_REQUESTS GET /api/hello, $SLOW_RATE a second, each on a new connection, measure latency (ms)."
    echo
    echo "| Java | executor | stalled | ok | p50 | p99 | max | stalled still open at end | peak threads | peak RSS MB |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "${SLOW_ROWS#?}"
    echo
    echo "Load: wrk -t2 -c$WRK_CONNS -d${WRK_SECONDS}s GET /api/hello; keep-alive off is wrk -H 'Connection: close' (latency ms; errors connect/read/write/timeout)."
    echo
    echo "| Java | keep-alive | requests | s | req/s | p50 | p99 | p99.9 | socket errors | non-2xx | RSS MB before → after |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |"
    echo "${LOAD_ROWS#?}"
    echo
    echo "Shutdown under load: wrk -c100 and $SHUTDOWN_CONNS tracked keep-alive clients on a 100 ms route; SIGTERM after 3 s. In flight: sent before SIGTERM, not answered by then. 200: admitted before SIGTERM and completed; 503: not yet read into a handler at SIGTERM, turned away with Connection: close; lost: no answer."
    echo
    echo "| Java | in flight | completed 200 | turned away 503 | lost | answered | exit after SIGTERM ms | exit code |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "${STOP_ROWS#?}"
} | tee "$DIR/results.md"
