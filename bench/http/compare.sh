#!/usr/bin/env bash
# A/B(/C...) experiments behind the proposals in BENCHMARKS.md: starts every variant, then runs
# each scenario on each in turn (A B A B ...), and prints median req/s and p99, errors and RSS.
#
#   bench/http/compare.sh 'LABEL:::COMMAND with {PORT}' 'LABEL:::COMMAND with {PORT}' ...
#   e.g. bench/http/compare.sh \
#     'pool4:::java -XX:+UseSerialGC -Xmx64m -cp api.jar:build/bench-http/classes ApiLauncher --port {PORT} --executor growing:4' \
#     'pool8:::java -XX:+UseSerialGC -Xmx64m -cp api.jar:build/bench-http/classes ApiLauncher --port {PORT} --executor growing:8'
# Environment: BENCH_SCENARIOS="hello-c1 hello-c50 echo-c50 users-c50" BENCH_SECONDS=5 BENCH_ROUNDS=3
#   BENCH_WARMUP=3 BENCH_PORT_BASE=21400. Commands run from the repository root, on 127.0.0.1 only.
# Needs build/bench-http (bench/http/run.sh, or: . bench/http/lib.sh; compile_bench javac jar).
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_need_tools
SCENARIOS=${BENCH_SCENARIOS:-hello-c1 hello-c50 echo-c50 users-c50}
SECS=${BENCH_SECONDS:-5}; ROUNDS=${BENCH_ROUNDS:-3}; WARMUP=${BENCH_WARMUP:-3}
PORT=${BENCH_PORT_BASE:-21400}
OUTDIR=$BENCH_DIR/compare && rm -rf "$OUTDIR" && mkdir -p "$OUTDIR"
labels=() ports=() pids=()
for spec in "$@"; do
    label=${spec%%:::*}; cmd=${spec#*:::}; PORT=$((PORT + 1))
    cmd=${cmd//\{PORT\}/$PORT}
    # shellcheck disable=SC2086
    start_server "$OUTDIR/$label.log" "$PORT" $cmd
    labels+=("$label"); ports+=("$PORT"); pids+=("$SERVER_PID")
    echo "$label: pid $SERVER_PID port $PORT idle RSS $(rss_kb "$SERVER_PID" VmRSS) kB: $cmd" >&2
done
n=${#labels[@]}
for sc in $SCENARIOS; do for i in $(seq 0 $((n - 1))); do run_wrk "${ports[$i]}" "$sc" "$WARMUP" >/dev/null; done; done
: > "$OUTDIR/runs.txt"
for round in $(seq "$ROUNDS"); do
    for sc in $SCENARIOS; do
        for i in $(seq 0 $((n - 1))); do
            r=$(run_wrk "${ports[$i]}" "$sc" "$SECS" "${pids[$i]}")
            echo "$sc ${labels[$i]} $r" >> "$OUTDIR/runs.txt"
            echo "round $round $sc ${labels[$i]} $r" >&2
        done
    done
done
printf '%-12s' scenario; for l in "${labels[@]}"; do printf ' | %-26s' "$l rps/p99ms/cpu-us"; done; echo
for sc in $SCENARIOS; do
    printf '%-12s' "$sc"
    for l in "${labels[@]}"; do
        rps=$(awk -v s="$sc" -v w="$l" '$1 == s && $2 == w { print $3 }' "$OUTDIR/runs.txt" | median)
        p99=$(awk -v s="$sc" -v w="$l" '$1 == s && $2 == w { print $5 }' "$OUTDIR/runs.txt" | median)
        cpu=$(awk -v s="$sc" -v w="$l" '$1 == s && $2 == w { print $8 }' "$OUTDIR/runs.txt" | median)
        printf ' | %-26s' "$(printf '%.0f / %.2f / %.1f' "$rps" "$p99" "$cpu")"
    done
    echo
done
printf '%-12s' "errors"; for l in "${labels[@]}"; do printf ' | %-26s' "$(awk -v w="$l" '$2 == w { e += $6 + $7 } END { print e + 0 }' "$OUTDIR/runs.txt")"; done; echo
printf '%-12s' "RSS load MB"; for l in "${labels[@]}"; do printf ' | %-26s' "$(awk -v w="$l" '$2 == w && $1 != "hello-c1" && $9 > m { m = $9 } END { printf "%.0f", m / 1024 }' "$OUTDIR/runs.txt")"; done; echo
printf '%-12s' "RSS/HWM MB"; for i in $(seq 0 $((n - 1))); do printf ' | %-26s' "$(( $(rss_kb "${pids[$i]}" VmRSS) / 1024 )) / $(( $(rss_kb "${pids[$i]}" VmHWM) / 1024 ))"; done; echo
printf '%-12s' "threads"; for i in $(seq 0 $((n - 1))); do printf ' | %-26s' "$(awk '$1 == "Threads:" { print $2 }' "/proc/${pids[$i]}/status")"; done; echo
