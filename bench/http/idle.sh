#!/usr/bin/env bash
# make bench, idle part: what 10,000 idle keep-alive connections cost 50 active ones. For each JDK
# (17 and the newest 21+) and each engine, run.sh's flags (64 MB heap): GET /api/hello at c50 without
# idle connections, then with IDLE ones open (each asked once, then left idle: bench/http/IdleClients),
# then each idle one asked again. The own engine runs with its default connection cap (from the heap:
# 4,096 under 64 MB, past which the longest-idle connection is closed for a new one) and with the cap
# raised past IDLE; the JDK's engine with apiroutes' settings. Writes its section of BENCHMARKS.md.
#
#   bench/http/idle.sh                    # from the repository root; about 3 minutes
# Environment: BENCH_JAVA_HOMES, BENCH_IDLE=10000, BENCH_SECONDS=2 BENCH_ROUNDS=3, BENCH_OUT=BENCHMARKS.md.
# Needs a file limit past IDLE + 100 for this shell (the JVMs raise theirs to the hard limit).
# Only 127.0.0.1 and ports 21600-21619 are used; every wait is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap 'bench_cleanup; [ -n "${CLIENT_PID:-}" ] && kill "$CLIENT_PID" 2>/dev/null' EXIT
trap 'exit 130' INT TERM

IDLE=${BENCH_IDLE:-10000}; SECS=${BENCH_SECONDS:-2}; ROUNDS=${BENCH_ROUNDS:-3}
OUT=${BENCH_OUT:-BENCHMARKS.md}
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_need_tools
[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -gt $((IDLE + 100)) ] || bench_die "the hard file limit $(ulimit -Hn) is below $((IDLE + 100))"

HOMES=${BENCH_JAVA_HOMES:-}
if [ -z "$HOMES" ]; then
    have17="" best="" bestf=0
    for home in /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        real=$(readlink -f "$home"); f=$(java_feature "$real/bin/java")
        if [ "$f" = 17 ] && [ -z "$have17" ]; then have17=$real; fi
        if [ "${f:-0}" -ge 21 ] 2>/dev/null && [ "$f" -gt "$bestf" ]; then best=$real; bestf=$f; fi
    done
    HOMES="$have17 $best"
fi
FIRST_HOME=$(echo "$HOMES" | awk '{ print $1 }')

make -s api.jar >/dev/null || bench_die "make api.jar failed"
mkdir -p "$BENCH_DIR/idle"
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -d "$BENCH_DIR/idle" bench/http/IdleClients.java || bench_die "cannot compile IdleClients"
OPTS=$(run_sh_opts)
TMP=$BENCH_DIR/idle/run && rm -rf "$TMP" && mkdir -p "$TMP"
ROWS=$TMP/rows.md && : > "$ROWS"

threads_of() { awk '$1 == "Threads:" { print $2 }' "/proc/$1/status" 2>/dev/null; }
# c50 ROUNDS times: prints "median_rps median_p99_ms"
c50() {
    for _ in $(seq "$ROUNDS"); do run_wrk "$1" hello-c50 "$SECS"; done | awk '{ print $1, $3 }' > "$TMP/c50"
    echo "$(awk '{ print $1 }' "$TMP/c50" | median) $(awk '{ print $2 }' "$TMP/c50" | median)"
}

# one_case JAVA LABEL PORT ENGINE-ARGS...
one_case() {
    java=$1; label=$2; port=$3; shift 3
    # shellcheck disable=SC2086
    start_server "$TMP/server-$port.log" "$port" "$java" $OPTS -jar api.jar --host 127.0.0.1 --port "$port" "$@"
    spid=$SERVER_PID # run_wrk sets pid
    run_wrk "$port" hello-c50 "$SECS" >/dev/null
    read -r base_rps base_p99 < <(c50 "$port")
    base_threads=$(threads_of "$spid")
    fifo=$TMP/fifo-$port && rm -f "$fifo" && mkfifo "$fifo"
    "$java" -Xss256k -cp "$BENCH_DIR/idle" IdleClients "$port" "$IDLE" < "$fifo" > "$TMP/clients-$port.txt" 2>&1 &
    CLIENT_PID=$!
    exec 9>"$fifo"
    for _ in $(seq 1200); do grep -q '^open' "$TMP/clients-$port.txt" && break; kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.05; done
    opened=$(sed -n 's/^open \([0-9]*\) failed \([0-9]*\) in \([0-9]*\) ms/\1 (\2 refused or closed, \3 ms)/p' "$TMP/clients-$port.txt")
    idle_threads=$(threads_of "$spid"); idle_rss=$(rss_kb "$spid" VmRSS)
    read -r idle_rps idle_p99 < <(c50 "$port")
    echo >&9; exec 9>&-
    for _ in $(seq 600); do grep -q '^alive' "$TMP/clients-$port.txt" && break; kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.05; done
    alive=$(sed -n 's/^alive \([0-9]*\) of .*/\1/p' "$TMP/clients-$port.txt")
    wait "$CLIENT_PID" 2>/dev/null; CLIENT_PID=""
    stop_server "$spid"
    printf '| %s | %s | %s → %s | %s MB | %s | %s | **%s** | %s → %s ms | %s |\n' "$label" "${opened:-none}" "$base_threads" "$idle_threads" \
        "$(awk -v k="${idle_rss:-0}" 'BEGIN { printf "%.0f", k / 1024 }')" "$(fmt_int "$base_rps")" "$(fmt_int "$idle_rps")" \
        "$(awk -v a="$idle_rps" -v b="$base_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "$base_p99" "$idle_p99" "${alive:-?}" >> "$ROWS"
    echo "   $label: $(tail -1 "$ROWS")"
}
fmt_int() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); n = length(s); o = ""; for (i = 1; i <= n; i++) { o = o substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) o = o "," } print o }'; }

idx=0
for home in $HOMES; do
    java=$home/bin/java; f=$(java_feature "$java")
    echo "== JDK $f: $IDLE idle connections beside c50"
    p=$((21600 + idx * 5))
    one_case "$java" "JDK $f, own engine, default cap" "$p" --engine apiroutes
    one_case "$java" "JDK $f, own engine, --max-connections $((IDLE + 1000))" $((p + 1)) --engine apiroutes --max-connections $((IDLE + 1000))
    one_case "$java" "JDK $f, JDK engine" $((p + 2)) --engine jdk
    idx=$((idx + 1))
done
ELAPSED=$(( $(date +%s) - STARTED ))
SECTION=$TMP/section.md
{
    echo "<!-- make bench idle: begin (generated by bench/http/idle.sh; edit outside these markers) -->"
    echo "## Idle connections: latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; $(nproc) CPUs; load average before the run: $LOAD_BEFORE."
    echo "JVM flags: \`$OPTS\`. $IDLE connections opened, each asked \`GET /api/hello\` once and left idle; wrk -t1 -c50 on \`/api/hello\`, ${SECS} s, median of $ROUNDS, before and while they are open; then each idle one asked again (\"still answering\")."
    echo
    echo "| JDK, server | idle connections opened | server threads: before → with them | RSS with them | c50 req/s without | with | ratio | c50 p99 without → with | idle ones still answering |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    cat "$ROWS"
    echo "<!-- make bench idle: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench idle"
cat "$SECTION"
echo "== idle done in ${ELAPSED} s; results in $OUT"
