#!/usr/bin/env bash
# make bench, profile part: where a keep-alive request's time goes at c1 (wrk -t1 -c1, GET /api/hello),
# per JDK (17 and the newest 21+) and engine, with run.sh's flags: the server's user and system CPU
# per request (/proc), its system calls per request (strace -c -f, a run of its own, since tracing
# slows it), and the share of its CPU samples by layer (JFR's jdk.ExecutionSample, attributed to the
# innermost apiroutes frame: bench/http/ProfileLayers). Writes its section of BENCHMARKS.md.
#
#   bench/http/profile.sh                 # from the repository root; about 2 minutes
# Environment: BENCH_JAVA_HOMES, BENCH_SECONDS=8, BENCH_OUT=BENCHMARKS.md.
# Only 127.0.0.1 and ports 21620-21639 are used; every wait is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

SECS=${BENCH_SECONDS:-8}
OUT=${BENCH_OUT:-BENCHMARKS.md}
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_need_tools
command -v strace >/dev/null || bench_die "strace is needed (apt-get install strace)"

HOMES=${BENCH_JAVA_HOMES:-}
if [ -z "$HOMES" ]; then
    have17="" best="" bestf=0
    for home in /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/jcmd" ] || continue
        real=$(readlink -f "$home"); f=$(java_feature "$real/bin/java")
        if [ "$f" = 17 ] && [ -z "$have17" ]; then have17=$real; fi
        if [ "${f:-0}" -ge 21 ] 2>/dev/null && [ "$f" -gt "$bestf" ]; then best=$real; bestf=$f; fi
    done
    HOMES="$have17 $best"
fi
FIRST_HOME=$(echo "$HOMES" | awk '{ print $1 }')

make -s api.jar >/dev/null || bench_die "make api.jar failed"
mkdir -p "$BENCH_DIR/profile"
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -d "$BENCH_DIR/profile" bench/http/ProfileLayers.java || bench_die "cannot compile ProfileLayers"
OPTS=$(run_sh_opts)
TMP=$BENCH_DIR/profile/run && rm -rf "$TMP" && mkdir -p "$TMP"
ROWS=$TMP/rows.md && : > "$ROWS"
# Execution samples alone, every millisecond of a thread running Java code (the profile settings take
# one every 10 ms, too few at c1, where the server's thread spends most of its time in read).
cat > "$TMP/samples.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="apiroutes layers">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">1 ms</setting></event>
</configuration>
JFC
LAYERS=$TMP/layers.md && : > "$LAYERS"
ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }
wrk_c1() { timeout $(($2 + 20)) wrk -t1 -c1 -d"$2s" -s bench/http/wrk.lua "http://127.0.0.1:$1/api/hello" 2>&1 | sed -n 's/^RESULT //p'; }
field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# one_case HOME LABEL PORT ENGINE-ARGS...
one_case() {
    home=$1; label=$2; port=$3; shift 3
    # shellcheck disable=SC2086
    start_server "$TMP/server-$port.log" "$port" "$home/bin/java" $OPTS -jar api.jar --host 127.0.0.1 --port "$port" "$@"
    pid=$SERVER_PID
    wrk_c1 "$port" 3 >/dev/null
    # CPU and JFR samples over one run
    jfr=$PWD/$TMP/rec-$port.jfr
    "$home/bin/jcmd" "$pid" JFR.start name=layers settings="$PWD/$TMP/samples.jfc" filename="$jfr" >/dev/null 2>&1 || bench_die "JFR.start failed"
    read -r u0 s0 < <(ticks "$pid")
    res=$(wrk_c1 "$port" "$SECS")
    read -r u1 s1 < <(ticks "$pid")
    "$home/bin/jcmd" "$pid" JFR.stop name=layers >/dev/null 2>&1 || bench_die "JFR.stop failed"
    reqs=$(field "$res" requests); rps=$(field "$res" rps); p50=$(field "$res" p50_ms)
    # system calls over a run of their own
    strace -c -f -qq -o "$TMP/strace-$port.txt" -p "$pid" & tracer=$!
    sleep 1
    sres=$(wrk_c1 "$port" 4)
    kill -INT "$tracer" 2>/dev/null; wait "$tracer" 2>/dev/null
    sreqs=$(field "$sres" requests)
    stop_server "$pid"
    calls=$(awk -v n="${sreqs:-0}" '$NF ~ /^[a-z_0-9]+$/ && $(NF-1) ~ /^[0-9]+$/ && $NF != "total" && n > 0 { c = (NF == 6 ? $4 : $4); printf "%s %.2f\n", $NF, c / n }' "$TMP/strace-$port.txt" \
        | sort -k2 -gr | awk '$2 >= 0.01 { printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 } END { print "" }')
    total=$(awk -v n="${sreqs:-0}" '$NF == "total" && n > 0 { printf "%.1f", $4 / n }' "$TMP/strace-$port.txt")
    printf '| %s | %s | %s ms | %s | %s | %s: %s |\n' "$label" "$(awk -v v="$rps" 'BEGIN { printf "%.0f", v }')" "$p50" \
        "$(awk -v t=$((u1 - u0)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')" \
        "$(awk -v t=$((s1 - s0)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')" \
        "${total:-?}" "$calls" >> "$ROWS"
    echo "$label" > "$TMP/layers-$port.txt"
    "$FIRST_HOME/bin/java" -cp "$BENCH_DIR/profile" ProfileLayers "$jfr" >> "$TMP/layers-$port.txt" || bench_die "ProfileLayers failed"
    echo "   $(tail -1 "$ROWS")"
}

idx=0; CASES=""
for home in $HOMES; do
    f=$(java_feature "$home/bin/java")
    echo "== JDK $f: wrk -c1, GET /api/hello"
    p=$((21620 + idx * 5))
    one_case "$home" "JDK $f, own engine" "$p" --engine apiroutes; CASES="$CASES $p"
    one_case "$home" "JDK $f, JDK engine" $((p + 1)) --engine jdk
    CASES="$CASES $((p + 1))"
    idx=$((idx + 1))
done
ELAPSED=$(( $(date +%s) - STARTED ))
SECTION=$TMP/section.md
{
    echo "<!-- make bench profile: begin (generated by bench/http/profile.sh; edit outside these markers) -->"
    echo "## Profile of one connection: latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; $(nproc) CPUs; load average before the run: $LOAD_BEFORE."
    echo "JVM flags: \`$OPTS\`. wrk -t1 -c1 on \`/api/hello\` for ${SECS} s after 3 s of warm-up; CPU from /proc over that run; system calls from \`strace -c -f\` over a 4 s run of their own (tracing slows the server, so its rate is not shown)."
    echo
    echo "| JDK, engine | c1 req/s | p50 | user CPU µs/req | system CPU µs/req | system calls per request: all, then each |"
    echo "|---|---:|---:|---:|---:|---|"
    cat "$ROWS"
    echo
    echo "Share of the server's CPU samples (JFR \`jdk.ExecutionSample\`, every 1 ms of a thread running Java code), by the layer of the innermost apiroutes frame, which includes the JDK code that layer calls:"
    echo
    # one column per case, one row per layer
    for p in $CASES; do [ -f "$TMP/layers-$p.txt" ] && echo "$TMP/layers-$p.txt"; done | sort -u > "$TMP/files"
    awk 'FNR == 1 { n++; name[n] = $0; next } { split($0, c, "\t"); layer[c[1]] = 1; v[n, c[1]] = sprintf("%.1f %%", c[3]); if (c[1] == "all") v[n, c[1]] = c[2] " samples" }
        END {
            printf "| layer |"; for (i = 1; i <= n; i++) printf " %s |", name[i]; print ""
            printf "|---|"; for (i = 1; i <= n; i++) printf "---:|"; print ""
            for (l in layer) if (l != "all") { printf "| %s |", l; for (i = 1; i <= n; i++) printf " %s |", ((i, l) in v ? v[i, l] : "—"); print "" }
            printf "| all |"; for (i = 1; i <= n; i++) printf " %s |", v[i, "all"]; print ""
        }' $(cat "$TMP/files")
    echo "<!-- make bench profile: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench profile"
cat "$SECTION"
echo "== profile done in ${ELAPSED} s; results in $OUT"
