# Shared by bench/http/run.sh and bench/http/compare.sh (sourced, bash). Everything targets
# 127.0.0.1 only; every wait is bounded; every server started here is killed on exit.

BENCH_DIR=build/bench-http
BENCH_PIDS=""

bench_die() { echo "bench: $*" >&2; exit 1; }

# Kills the servers this script started (by pid, never by name), then waits for them.
bench_cleanup() {
    for pid in $BENCH_PIDS; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $BENCH_PIDS; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=""
}

bench_need_tools() {
    command -v curl >/dev/null || bench_die "curl is needed"
    if ! command -v wrk >/dev/null; then
        echo "bench: installing wrk" >&2
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; } \
            || bench_die "wrk is missing and apt-get install -y wrk failed"
    fi
}

# java_feature JAVA -> 17, 25, ...
java_feature() {
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}

# bench_java_homes [TOOL]: BENCH_JAVA_HOMES when set, else JDK 17 and the newest 21+ under
# /usr/lib/jvm that have bin/TOOL (javac when not given), space-separated.
bench_java_homes() {
    if [ -n "${BENCH_JAVA_HOMES:-}" ]; then echo "$BENCH_JAVA_HOMES"; return; fi
    tool=${1:-javac} have17="" best="" bestf=0
    for home in /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/$tool" ] || continue
        real=$(readlink -f "$home"); f=$(java_feature "$real/bin/java")
        if [ "$f" = 17 ] && [ -z "$have17" ]; then have17=$real; fi
        if [ "${f:-0}" -ge 21 ] 2>/dev/null && [ "$f" -gt "$bestf" ]; then best=$real; bestf=$f; fi
    done
    echo "$have17 $best"
}

# The JVM flags run.sh starts api.jar with (its DEFAULT_OPTS line), then JAVA_OPTS.
run_sh_opts() {
    opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' run.sh | head -1)
    [ -n "$opts" ] || echo "bench: warning: no DEFAULT_OPTS=\"...\" line in run.sh; using no JVM flags" >&2
    echo "$opts ${JAVA_OPTS:-}"
}

# The sun.net.httpserver / jdk.httpserver properties apiroutes sets (ServerDefaults), as -D flags,
# so that the baseline runs the JDK server with the same settings.
server_default_props() {
    sed -n 's/.*p\.put("\([^"]*\)", *"\([^"]*\)").*/-D\1=\2/p' src/io/apiroutes/jdk/ServerDefaults.java | tr '\n' ' '
}

# Compiles the baseline, the cold-start poller and the launcher into build/bench-http.
compile_bench() {
    javac_bin=$1
    jar_bin=$2
    rm -rf "$BENCH_DIR/classes" "$BENCH_DIR/baseline" && mkdir -p "$BENCH_DIR/classes" "$BENCH_DIR/baseline" "$BENCH_DIR/logs"
    "$javac_bin" --release 17 -encoding UTF-8 -Xlint:all -d "$BENCH_DIR/baseline" bench/http/Baseline.java || bench_die "cannot compile Baseline"
    "$jar_bin" --create --file "$BENCH_DIR/baseline.jar" --main-class Baseline -C "$BENCH_DIR/baseline" . || bench_die "cannot jar Baseline"
    "$javac_bin" --release 17 -encoding UTF-8 -cp api.jar -d "$BENCH_DIR/classes" bench/http/ColdStart.java bench/http/ApiLauncher.java \
        || bench_die "cannot compile ColdStart/ApiLauncher"
}

port_free() { ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null && ! (ss -ltn 2>/dev/null | grep -q "127.0.0.1:$1 \|\*:$1 \|\]:$1 "); }

# start_server LOG PORT CMD... : starts it in the background, waits (at most 30 s) for a 200 on
# /api/hello, and sets SERVER_PID.
start_server() {
    log=$1; port=$2; shift 2
    port_free "$port" || bench_die "port $port is in use"
    "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    BENCH_PIDS="$BENCH_PIDS $SERVER_PID"
    for _ in $(seq 600); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/api/hello")" = 200 ]; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; bench_die "server on port $port exited: $*"; }
        sleep 0.05
    done
    bench_die "server on port $port gave no 200 within 30 s: $*"
}

stop_server() {
    kill "$1" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
}

# rss_kb PID FIELD (VmRSS, VmHWM)
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null; }

# Scenarios: name, connections, method+path.
scenario_conns() { case $1 in hello-c1) echo 1 ;; *) echo 50 ;; esac; }
scenario_path() { case $1 in hello-*) echo /api/hello ;; echo-*|list-*) echo /api/echo ;; users-*) echo /api/users/42 ;; esac; }
# list-*: a 50 KB JSON list that compression.sh writes into $BENCH_DIR
scenario_body() { case $1 in echo-*) echo bench/http/echo.json ;; list-*) echo "$BENCH_DIR/list50k.json" ;; *) echo "" ;; esac; }

# cpu_ticks PID -> user + system clock ticks the process has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# rss_sampler PID SECONDS OUTFILE: the largest VmRSS (kB) seen every 0.2 s for SECONDS, into OUTFILE.
rss_sampler() {
    max=0
    for _ in $(seq $(($2 * 5))); do
        r=$(rss_kb "$1" VmRSS); [ -n "$r" ] && [ "$r" -gt "$max" ] && max=$r
        sleep 0.2
    done
    echo "$max" > "$3"
}

# run_wrk PORT SCENARIO SECONDS [PID] -> "rps p50_ms p99_ms errors non2xx cpu_us_per_request max_rss_kb"
# cpu_us_per_request is the server's CPU time (user + system, from /proc) over the requests
# served: less sensitive than req/s to other load on a shared machine. max_rss_kb is the largest
# VmRSS sampled during the run. Both 0 when no PID is given.
run_wrk() {
    port=$1; sc=$2; secs=$3; pid=${4:-}
    before=0; sampled=$BENCH_DIR/rss-sample.$$
    rm -f "$sampled"
    if [ -n "$pid" ]; then before=$(cpu_ticks "$pid"); rss_sampler "$pid" "$secs" "$sampled" & sampler=$!; fi
    out=$(BENCH_BODY=$(scenario_body "$sc") timeout $((secs + 20)) wrk -t1 -c"$(scenario_conns "$sc")" -d"${secs}s" \
        -s bench/http/wrk.lua "${BENCH_SCHEME:-http}://127.0.0.1:$port$(scenario_path "$sc")" 2>&1)
    after=0; rss=0
    if [ -n "$pid" ]; then after=$(cpu_ticks "$pid"); wait "$sampler" 2>/dev/null; rss=$(cat "$sampled" 2>/dev/null || echo 0); fi
    line=$(printf '%s\n' "$out" | sed -n 's/^RESULT //p')
    if [ -z "$line" ]; then
        echo "bench: wrk gave no result for $sc on port $port: $out" >&2
        echo "0 0 0 1 0 0 0"
        return
    fi
    printf '%s\n' "$line" | awk -v t=$((after - before)) -v hz="$CLK_TCK" -v rss="${rss:-0}" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "%s %s %s %s %s %.1f %d\n", v["rps"], v["p50_ms"], v["p99_ms"], v["errors"], v["non2xx"], (v["requests"] > 0 ? t / hz * 1e6 / v["requests"] : 0), rss }'
}

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# keep_alive PORT -> yes/no: does curl serve two requests on one connection? (When the server
# closes after the first, curl silently reconnects: it then prints "Connected to" twice.)
keep_alive() {
    connects=$(curl -sv -o /dev/null -o /dev/null "http://127.0.0.1:$1/api/hello" "http://127.0.0.1:$1/api/users/42" 2>&1 \
        | grep -c '^\* Connected to')
    if [ "$connects" = 1 ]; then echo yes; else echo no; fi
}

# exact_length PORT PATH [BODYFILE] -> yes/no: Content-Length present, equal to the body, no chunking.
exact_length() {
    if [ -n "${3:-}" ]; then
        resp=$(curl -s -i --data-binary @"$3" -H 'Content-Type: application/json' "http://127.0.0.1:$1$2" | tr -d '\r')
    else
        resp=$(curl -s -i "http://127.0.0.1:$1$2" | tr -d '\r')
    fi
    declared=$(printf '%s\n' "$resp" | sed -n 's/^[Cc]ontent-[Ll]ength: *//p')
    chunked=$(printf '%s\n' "$resp" | grep -ci '^transfer-encoding')
    body=$(printf '%s' "$resp" | awk 'found { print } /^$/ && !found { found = 1 }')
    if [ -n "$declared" ] && [ "$chunked" = 0 ] && [ "$declared" = "$(printf '%s' "$body" | wc -c)" ]; then echo yes; else echo no; fi
}

# body PORT PATH [BODYFILE] -> the response body
body_of() {
    if [ -n "${3:-}" ]; then
        curl -s --data-binary @"$3" -H 'Content-Type: application/json' "http://127.0.0.1:$1$2"
    else
        curl -s "http://127.0.0.1:$1$2"
    fi
}

# write_section OUT SECTION MARKER: puts SECTION (a file whose first and last lines are the markers
# "<!-- MARKER: begin ..." and "<!-- MARKER: end -->") in place of those markers' section of OUT,
# or at its end when OUT has none; the rest of OUT is kept.
write_section() {
    if [ -f "$1" ] && grep -q "<!-- $3: begin" "$1" && grep -q "<!-- $3: end -->" "$1"; then
        awk -v section="$2" -v begin="<!-- $3: begin" -v end="<!-- $3: end -->" '
            index($0, begin) == 1 { while ((getline line < section) > 0) print line; skip = 1; next }
            index($0, end) == 1 { skip = 0; next }
            !skip { print }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
    else
        { [ -f "$1" ] && cat "$1" && echo; cat "$2"; } > "$1.tmp" && mv "$1.tmp" "$1"
    fi
}
