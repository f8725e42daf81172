#!/usr/bin/env bash
# make bench, HTTP part: apiroutes (java -jar api.jar, with run.sh's JVM flags) against a plain JDK
# HttpServer answering the same bytes (bench/http/Baseline.java), on every JDK found (17 and the
# newest 21+), then writes the tables and the targets of issue 5 into BENCHMARKS.md.
#
#   bench/http/run.sh                     # from the repository root; about 3 minutes per JDK
# Environment:
#   BENCH_JAVA_HOMES="/jdk17 /jdk25"      JDKs to run on (default: the one on PATH / JAVA_HOME, plus
#                                         17 and the newest 21+ under /usr/lib/jvm)
#   BENCH_SECONDS=3 BENCH_ROUNDS=5 BENCH_WARMUP=3 BENCH_COLD_RUNS=5
#   BENCH_OUT=BENCHMARKS.md               where the results go (between the "make bench" markers)
#   JAVA_OPTS                             added after run.sh's DEFAULT_OPTS, for both servers
#
# Only 127.0.0.1 is used (ports BENCH_PORT_BASE, 21300 by default, to +99: below the ephemeral range). Every loop is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

SECONDS_PER_RUN=${BENCH_SECONDS:-3}
ROUNDS=${BENCH_ROUNDS:-5}
WARMUP=${BENCH_WARMUP:-3}
COLD_RUNS=${BENCH_COLD_RUNS:-5}
OUT=${BENCH_OUT:-BENCHMARKS.md}
PORT_BASE=${BENCH_PORT_BASE:-21300}
SCENARIOS="hello-c1 hello-c50 echo-c50 users-c50"
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

bench_need_tools

# ---- the JDKs ----
jdk_homes() {
    if [ -n "${BENCH_JAVA_HOMES:-}" ]; then
        echo "$BENCH_JAVA_HOMES"
        return
    fi
    primary=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
    seen="" have17="" best="" bestf=0
    for home in "$primary" /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        real=$(readlink -f "$home")
        case " $seen " in *" $real "*) continue ;; esac
        seen="$seen $real"
        f=$(java_feature "$real/bin/java")
        if [ "$f" = 17 ] && [ -z "$have17" ]; then have17=$real; fi
        if [ "${f:-0}" -ge 21 ] 2>/dev/null && [ "$f" -gt "$bestf" ]; then best=$real; bestf=$f; fi
    done
    echo "$have17 $best"
}
HOMES=$(jdk_homes)
[ -n "$(echo "$HOMES" | tr -d ' ')" ] || bench_die "no JDK found (set BENCH_JAVA_HOMES)"
FIRST_HOME=$(echo "$HOMES" | awk '{ print $1 }')

# ---- build ----
echo "== building api.jar and the baseline"
make -s api.jar >/dev/null || bench_die "make api.jar failed"
compile_bench "$FIRST_HOME/bin/javac" "$FIRST_HOME/bin/jar"
JAR_BYTES=$(wc -c < api.jar)
OPTS=$(run_sh_opts)
PROPS=$(server_default_props)
TMP=$BENCH_DIR/run && rm -rf "$TMP" && mkdir -p "$TMP" "$BENCH_DIR/cds"
POOL=$(( $(nproc) * 2 > 4 ? $(nproc) * 2 : 4 ))

# train_archive FLAG PORT LOG CMD... : one run that serves a few requests, then SIGTERM, so the
# JVM writes its class-data archive (JDK 17 dynamic CDS) or AOT cache (JDK 25) on exit.
train_archive() {
    port=$1; log=$2; shift 2
    start_server "$log" "$port" "$@"
    for _ in 1 2 3 4 5; do
        body_of "$port" /api/hello >/dev/null; body_of "$port" /api/users/7 >/dev/null
        body_of "$port" /api/echo bench/http/echo.json >/dev/null; body_of "$port" /api/nope >/dev/null
    done
    kill "$SERVER_PID"
    for _ in $(seq 600); do kill -0 "$SERVER_PID" 2>/dev/null || return 0; sleep 0.1; done
    echo "bench: archive training did not exit within 60 s" >&2
    stop_server "$SERVER_PID"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "n/a") print "n/a"; else if ((op == ">=" && v >= t) || (op == "<=" && v <= t)) print "PASS"; else print "MISS" }'; }
fmt_int() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); n = length(s); o = ""; for (i = 1; i <= n; i++) { o = o substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) o = o "," } print o }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

TARGETS=$TMP/targets.md
: > "$TARGETS"
target() { echo "| $1 | $2 | $3 | $4 |" >> "$TARGETS"; }

# ---- one JDK ----
bench_jdk() {
    home=$1; idx=$2
    java=$home/bin/java
    f=$(java_feature "$java")
    build=$("$java" -version 2>&1 | sed -n 2p)
    # apiroutes' own choice (ServerExecutors): virtual threads from Java 24, else a pool that grows
    # only when work stalls; checked against its first log line below.
    if [ "$f" -ge 24 ]; then exec_kind=virtual; exec_text="virtual threads"; else exec_kind=pool:$POOL; exec_text="pool of $POOL"; fi
    api_port=$((PORT_BASE + idx * 10 + 1)); base_port=$((PORT_BASE + idx * 10 + 2))
    # shellcheck disable=SC2206
    opts=($OPTS)
    api_tail=(-jar api.jar --port "$api_port" --host 127.0.0.1)
    # shellcheck disable=SC2206
    base_tail=($PROPS -jar "$BENCH_DIR/baseline.jar" --port "$base_port" --executor "$exec_kind")
    api_cmd=("$java" "${opts[@]}" "${api_tail[@]}")
    base_cmd=("$java" "${opts[@]}" "${base_tail[@]}")
    res=$TMP/jdk-$idx
    mkdir -p "$res"
    echo "== JDK $f ($build): $exec_text"

    echo "   cold start (median of $COLD_RUNS, alternating)"
    "$java" -cp "$BENCH_DIR/classes" ColdStart "$COLD_RUNS" apiroutes "$api_port" "${api_cmd[@]}" \
        -- baseline "$base_port" "${base_cmd[@]}" > "$res/cold.txt" || bench_die "cold start failed"

    # Class-data archives: the JDK 17 dynamic CDS archive, or the JDK 24+ AOT cache (JEP 483/514).
    if [ "$f" -ge 25 ]; then kind=aot; make_flag=-XX:AOTCacheOutput; use_flag=-XX:AOTCache;
    else kind=jsa; make_flag=-XX:ArchiveClassesAtExit; use_flag=-XX:SharedArchiveFile; fi
    api_arc=$BENCH_DIR/cds/api-$f.$kind; base_arc=$BENCH_DIR/cds/baseline-$f.$kind
    rm -f "$api_arc" "$base_arc"
    echo "   training the $kind archives"
    train_archive "$api_port" "$res/train-api.log" "$java" "${opts[@]}" "$make_flag=$api_arc" "${api_tail[@]}"
    train_archive "$base_port" "$res/train-base.log" "$java" "${opts[@]}" "$make_flag=$base_arc" "${base_tail[@]}"
    if [ -s "$api_arc" ] && [ -s "$base_arc" ]; then
        "$java" -cp "$BENCH_DIR/classes" ColdStart "$COLD_RUNS" \
            apiroutes "$api_port" "$java" "${opts[@]}" "$use_flag=$api_arc" "${api_tail[@]}" \
            -- baseline "$base_port" "$java" "${opts[@]}" "$use_flag=$base_arc" "${base_tail[@]}" \
            > "$res/cold-archive.txt" || : > "$res/cold-archive.txt"
    else
        : > "$res/cold-archive.txt"
    fi
    arc_bytes=$( [ -s "$api_arc" ] && wc -c < "$api_arc" || echo 0)

    echo "   starting both servers"
    start_server "$res/api.log" "$api_port" "${api_cmd[@]}"; api_pid=$SERVER_PID
    start_server "$res/base.log" "$base_port" "${base_cmd[@]}"; base_pid=$SERVER_PID
    sleep 1
    api_idle=$(rss_kb "$api_pid" VmRSS); base_idle=$(rss_kb "$base_pid" VmRSS)
    first_line=$(head -1 "$res/api.log")
    exec_note=""
    case "$exec_kind:$first_line" in
        virtual:*"virtual threads"*|pool:*"thread pool of $POOL "*) ;;
        *) exec_note=" **Warning: apiroutes says \`$first_line\`; the baseline ran $exec_kind.**" ;;
    esac
    same=yes
    for p in /api/hello /api/users/42; do
        [ "$(body_of "$api_port" "$p")" = "$(body_of "$base_port" "$p")" ] || same=no
    done
    [ "$(body_of "$api_port" /api/echo bench/http/echo.json)" = "$(body_of "$base_port" /api/echo bench/http/echo.json)" ] || same=no
    api_ka=$(keep_alive "$api_port"); base_ka=$(keep_alive "$base_port")
    api_len=yes
    [ "$(exact_length "$api_port" /api/hello)" = yes ] && [ "$(exact_length "$api_port" /api/users/42)" = yes ] \
        && [ "$(exact_length "$api_port" /api/echo bench/http/echo.json)" = yes ] || api_len=no

    echo "   warm-up (${WARMUP} s per scenario and server)"
    for sc in $SCENARIOS; do
        run_wrk "$api_port" "$sc" "$WARMUP" >/dev/null
        run_wrk "$base_port" "$sc" "$WARMUP" >/dev/null
    done
    : > "$res/runs.txt"
    for round in $(seq "$ROUNDS"); do
        echo "   round $round/$ROUNDS"
        for sc in $SCENARIOS; do
            echo "$sc apiroutes $(run_wrk "$api_port" "$sc" "$SECONDS_PER_RUN" "$api_pid")" >> "$res/runs.txt"
            echo "$sc baseline $(run_wrk "$base_port" "$sc" "$SECONDS_PER_RUN" "$base_pid")" >> "$res/runs.txt"
        done
    done
    api_threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$api_pid/status"); base_threads=$(awk '$1 == "Threads:" { print $2 }' "/proc/$base_pid/status")
    api_rss=$(rss_kb "$api_pid" VmRSS); api_hwm=$(rss_kb "$api_pid" VmHWM)
    base_rss=$(rss_kb "$base_pid" VmRSS); base_hwm=$(rss_kb "$base_pid" VmHWM)
    stop_server "$api_pid"; stop_server "$base_pid"

    # ---- this JDK's table ----
    col() { awk -v s="$1" -v w="$2" -v c="$3" '$1 == s && $2 == w { print $c }' "$res/runs.txt" | median; }
    errs() { awk -v w="$1" '$2 == w { e += $6 + $7 } END { print e + 0 }' "$res/runs.txt"; }
    {
        echo "### JDK $f: $build"
        echo
        echo "Executor: $exec_text (apiroutes' own choice; the baseline is given the same).$exec_note JVM flags for both: \`$OPTS\`; the baseline also gets ServerDefaults' properties: \`$PROPS\`."
        echo
        echo "| scenario (wrk -t1, ${SECONDS_PER_RUN} s, median of $ROUNDS) | apiroutes req/s | baseline req/s | ratio | apiroutes p99 | baseline p99 | p99 ratio | server CPU µs/req apiroutes / baseline |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    } > "$res/table.md"
    for sc in $SCENARIOS; do
        a_rps=$(col "$sc" apiroutes 3); b_rps=$(col "$sc" baseline 3)
        a_p99=$(col "$sc" apiroutes 5); b_p99=$(col "$sc" baseline 5)
        a_cpu=$(col "$sc" apiroutes 8); b_cpu=$(col "$sc" baseline 8)
        r=$(ratio "$a_rps" "$b_rps"); pr=$(ratio "$a_p99" "$b_p99")
        label="GET /api/hello c1"
        case $sc in hello-c50) label="GET /api/hello c50" ;; echo-c50) label="POST /api/echo c50 (293 B)" ;; users-c50) label="GET /api/users/42 c50" ;; esac
        echo "| $label | $(fmt_int "$a_rps") | $(fmt_int "$b_rps") | **$r** | $(printf '%.2f' "$a_p99") ms | $(printf '%.2f' "$b_p99") ms | $pr | $(printf '%.0f' "$a_cpu") / $(printf '%.0f' "$b_cpu") |" >> "$res/table.md"
        cr_cpu=$(ratio "$a_cpu" "$b_cpu")
        target "Throughput ≥ 0.95× baseline, $label, JDK $f" "≥ 0.95" "$r (CPU per request: $cr_cpu×)" "$(verdict "$r" ">=" 0.95)"
        if [ "$sc" != hello-c1 ]; then
            target "p99 ≤ 1.1× baseline, $label, JDK $f" "≤ 1.10" "$pr" "$(verdict "$pr" "<=" 1.10)"
        else
            stall=$(awk -v a="$a_rps" -v p="$a_p99" 'BEGIN { print (a >= 1000 && p < 40) ? "PASS" : "MISS" }')
            target "c1: no Nagle stall (≥ 1,000 req/s, p99 < 40 ms), JDK $f" "no stall" "$(fmt_int "$a_rps") req/s, p99 $(printf '%.2f' "$a_p99") ms" "$stall"
        fi
        if [ "$sc" = hello-c50 ]; then
            n=$(ratio "$a_rps" 1799)
            target "≥ 13× Next.js (quoted 1,799 req/s, not this run), hello c50, JDK $f" "≥ 13" "$n" "$(verdict "$n" ">=" 13)"
            j=$(ratio "$a_rps" 29880)
            target "≥ Javalin 6 (quoted 29,880 req/s, not this run), hello c50, JDK $f" "≥ 1.00" "$j" "$(verdict "$j" ">=" 1)"
        fi
    done
    read -r a_cold_med a_cold_min a_cold_max a_cold_all a_cold_cpu < <(awk '$1 == "apiroutes" { print $2, $3, $4, $5, $6 }' "$res/cold.txt")
    read -r b_cold_med b_cold_min b_cold_max b_cold_all b_cold_cpu < <(awk '$1 == "baseline" { print $2, $3, $4, $5, $6 }' "$res/cold.txt")
    cr=$(ratio "$a_cold_med" "$b_cold_med")
    a_arc=$(awk '$1 == "apiroutes" { print $2 }' "$res/cold-archive.txt"); b_arc=$(awk '$1 == "baseline" { print $2 }' "$res/cold-archive.txt")
    a_arc_cpu=$(awk '$1 == "apiroutes" { print $6 }' "$res/cold-archive.txt"); b_arc_cpu=$(awk '$1 == "baseline" { print $6 }' "$res/cold-archive.txt")
    a_err=$(errs apiroutes); b_err=$(errs baseline)
    # RSS under load: the largest VmRSS sampled during the measured c50 runs (after the warm-up).
    load_rss() { awk -v w="$1" '$2 == w && $1 != "hello-c1" && $9 > m { m = $9 } END { print m + 0 }' "$res/runs.txt"; }
    api_load=$(load_rss apiroutes); base_load=$(load_rss baseline)
    {
        echo
        echo "| | apiroutes | baseline | ratio |"
        echo "|---|---:|---:|---:|"
        echo "| cold start to first 200, median of $COLD_RUNS (min–max) | $a_cold_med ms ($a_cold_min–$a_cold_max) | $b_cold_med ms ($b_cold_min–$b_cold_max) | **$cr** |"
        echo "| CPU used by the JVM by its first 200, median | $a_cold_cpu ms | $b_cold_cpu ms | $(ratio "$a_cold_cpu" "$b_cold_cpu") |"
        if [ -n "$a_arc" ]; then
            echo "| cold start with a $kind archive ($use_flag, made by a training run) | $a_arc ms (CPU $a_arc_cpu ms) | $b_arc ms (CPU $b_arc_cpu ms) | $(ratio "$a_arc" "$b_arc") |"
            echo "| apiroutes with its archive vs the baseline without | $a_arc ms | $b_cold_med ms | $(ratio "$a_arc" "$b_cold_med") |"
        fi
        echo "| RSS idle (VmRSS after start) | $(mb "$api_idle") MB | $(mb "$base_idle") MB | |"
        echo "| RSS under c50 load (largest VmRSS sampled every 0.2 s in the measured runs) | $(mb "$api_load") MB | $(mb "$base_load") MB | |"
        echo "| RSS after load (VmRSS) | $(mb "$api_rss") MB | $(mb "$base_rss") MB | |"
        echo "| RSS peak since start, warm-up and JIT included (VmHWM) | $(mb "$api_hwm") MB | $(mb "$base_hwm") MB | |"
        echo "| JVM threads after load (platform threads: pool workers, JDK and JIT) | $api_threads | $base_threads | |"
        echo "| socket errors + non-2xx, all runs | $a_err | $b_err | |"
        echo "| keep-alive (curl reuses the connection) | $api_ka | $base_ka | |"
        echo "| exact Content-Length, no chunking (hello, users, echo) | $api_len | | |"
        echo "| same response bodies as the baseline | $same | | |"
        echo
        echo "Cold starts (ms, in run order): apiroutes $a_cold_all, baseline $b_cold_all. The $kind archive of apiroutes is $(awk -v b="$arc_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB."
        echo "apiroutes' first log line: \`$first_line\`"
        echo
    } >> "$res/table.md"
    target "Cold start ≤ 1.15× baseline, JDK $f" "≤ 1.15" "$cr ($a_cold_med / $b_cold_med ms; CPU $(ratio "$a_cold_cpu" "$b_cold_cpu")×)" "$(verdict "$cr" "<=" 1.15)"
    rss_ok=$(awk -v k="$api_load" -v e="$a_err" 'BEGIN { print (k > 0 && k <= 80 * 1024 && e == 0) ? "PASS" : "MISS" }')
    target "RSS under c50 load ≤ 80 MB with no errors, JDK $f" "≤ 80 MB, 0 errors" "$(mb "$api_load") MB (peak incl. warm-up $(mb "$api_hwm") MB), $a_err errors" "$rss_ok"
    target "Keep-alive works, JDK $f" "yes" "$api_ka" "$([ "$api_ka" = yes ] && echo PASS || echo MISS)"
    target "Exact Content-Length, no chunking, JDK $f" "yes" "$api_len" "$([ "$api_len" = yes ] && echo PASS || echo MISS)"
    target "Start-up time in the first log line, JDK $f" "yes" "$(echo "$first_line" | grep -Eq ' in [0-9]+ ms' && echo yes || echo no)" \
        "$(echo "$first_line" | grep -Eq ' in [0-9]+ ms' && echo PASS || echo MISS)"
}

idx=0
for home in $HOMES; do
    bench_jdk "$home" "$idx"
    idx=$((idx + 1))
done
jar_kb=$(awk -v b="$JAR_BYTES" 'BEGIN { printf "%.1f", b / 1024 }')
target "api.jar ≤ 128 KB" "≤ 128 KB" "$jar_kb KB ($JAR_BYTES bytes)" "$(awk -v b="$JAR_BYTES" 'BEGIN { print b <= 131072 ? "PASS" : "MISS" }')"
ELAPSED=$(( $(date +%s) - STARTED ))

# ---- BENCHMARKS.md ----
SECTION=$TMP/section.md
{
    echo "<!-- make bench: begin (generated by bench/http/run.sh; edit outside these markers) -->"
    echo "## Latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src api 2>/dev/null || echo ' + uncommitted changes'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s."
    echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); load average before the run: $LOAD_BEFORE."
    echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }'), one thread, loopback, keep-alive; api.jar: $JAR_BYTES bytes."
    echo
    echo "### Targets of issue 5"
    echo
    echo "| target | wanted | measured | |"
    echo "|---|---|---|---|"
    cat "$TARGETS"
    echo
    for i in $(seq 0 $((idx - 1))); do
        cat "$TMP/jdk-$i/table.md"
    done
    echo "<!-- make bench: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench"
echo "== done in ${ELAPSED} s; results in $OUT"
grep -E 'MISS' "$TARGETS" | sed 's/^/   /' || true
