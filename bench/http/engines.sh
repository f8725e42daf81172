#!/usr/bin/env bash
# make bench, engine part: apiroutes on the JDK's engine, on its own engine, and on robaho/httpserver
# (on the class path as the JDK's HttpServerProvider), against Javalin 6 (Jetty 11), Vert.x 5 core
# (Netty, native epoll) and Helidon 4 SE (21+ only), on JDK 17 and the newest 21+: GET /api/hello at
# c1 and c50, POST /api/echo and GET /api/users/42 at c50 (Javalin answers hello only); writes its
# section of BENCHMARKS.md.
#
#   bench/http/engines.sh                 # from the repository root; about 3 minutes on 17, 5 on 25
# Environment: BENCH_JAVA_HOMES, BENCH_SECONDS=2 BENCH_ROUNDS=3 BENCH_WARMUP=2 BENCH_COLD_RUNS=3,
#   BENCH_OUT=BENCHMARKS.md, JAVA_OPTS (added after run.sh's DEFAULT_OPTS, for every server).
# The peers come from Maven Central (bench/http/pom.xml) into build/bench-http/lib, never into api.jar.
# Only 127.0.0.1 and ports 21500-21599 are used; every wait is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

SECS=${BENCH_SECONDS:-2}; ROUNDS=${BENCH_ROUNDS:-3}; WARMUP=${BENCH_WARMUP:-2}; COLD_RUNS=${BENCH_COLD_RUNS:-3}
OUT=${BENCH_OUT:-BENCHMARKS.md}
SCENARIOS="hello-c1 hello-c50 echo-c50 users-c50"
SERVERS="jdk apiroutes platform robaho javalin vertx helidon"
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_need_tools

HOMES=$(bench_java_homes)
FIRST_HOME=$(echo "$HOMES" | awk '{ print $1 }')

echo "== building api.jar and fetching the peers (Maven Central, once)"
make -s api.jar >/dev/null || bench_die "make api.jar failed"
LIB=$PWD/$BENCH_DIR/lib
# Each peer in a folder of its own (a profile of bench/http/pom.xml), fetched once.
for peer in javalin robaho vertx helidon; do
    [ -f "$LIB/$peer/.done" ] && continue
    rm -rf "${LIB:?}/$peer" && mkdir -p "$LIB/$peer"
    mvn -q -B -f bench/http/pom.xml -P "$peer" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DoutputDirectory="$LIB/$peer" || bench_die "cannot fetch $peer with mvn"
    touch "$LIB/$peer/.done"
done
mkdir -p "$BENCH_DIR/engines"
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -cp "$LIB/javalin/*" -d "$BENCH_DIR/engines" bench/http/JavalinHello.java \
    || bench_die "cannot compile JavalinHello"
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -cp "$LIB/vertx/*" -d "$BENCH_DIR/engines" bench/http/VertxPeer.java \
    || bench_die "cannot compile VertxPeer"
LAST_HOME=$(echo "$HOMES" | awk '{ print $NF }')
if [ "$(java_feature "$LAST_HOME/bin/java")" -ge 21 ] 2>/dev/null; then
    "$LAST_HOME/bin/javac" --release 21 -encoding UTF-8 -cp "$LIB/helidon/*" -d "$BENCH_DIR/engines" bench/http/HelidonPeer.java \
        || bench_die "cannot compile HelidonPeer"
fi
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -cp api.jar -d "$BENCH_DIR/classes" bench/http/ColdStart.java bench/http/ApiLauncher.java \
    || bench_die "cannot compile ColdStart and ApiLauncher"
OPTS=$(run_sh_opts)
TMP=$BENCH_DIR/engines/run && rm -rf "$TMP" && mkdir -p "$TMP"
jar_kb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }
fmt_int() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); n = length(s); o = ""; for (i = 1; i <= n; i++) { o = o substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) o = o "," } print o }'; }
peer_cp() { echo "$BENCH_DIR/engines:$(ls "$LIB/$1"/*.jar | tr '\n' ':')"; }
API_JAR=$(wc -c < api.jar)
ENGINE_BYTES=$(unzip -v api.jar | awk '/io\/apiroutes\/(engine|http1)\// { s += $3 } END { print s + 0 }')
ROBAHO_JAR=$(cat "$LIB"/robaho/httpserver-*.jar | wc -c)
peer_bytes() { ls "$LIB/$1"/*.jar | xargs cat | wc -c; }

label() {
    case $1 in
        jdk) echo "apiroutes, JDK engine" ;; apiroutes) echo "apiroutes, own engine (its default threads)" ;;
        platform) echo "apiroutes, own engine on platform threads" ;;
        robaho) echo "apiroutes on robaho/httpserver 1.0.29" ;; javalin) echo "Javalin 6.7 (Jetty 11)" ;;
        vertx) echo "Vert.x 5.0.7 core (Netty 4.2, native epoll)" ;; helidon) echo "Helidon 4.5 SE (virtual threads)" ;;
    esac
}

bench_jdk() {
    home=$1; idx=$2; java=$home/bin/java
    f=$(java_feature "$java"); build=$("$java" -version 2>&1 | sed -n 2p)
    res=$TMP/jdk-$idx && mkdir -p "$res"
    # robaho/httpserver 1.0.29 and Helidon 4 are built for Java 21: not run on 17, where the own
    # engine runs on platform threads anyway (on 21+ it runs on virtual threads unless told otherwise).
    servers=$SERVERS
    [ "$f" -ge 21 ] || servers="jdk apiroutes javalin vertx"
    # shellcheck disable=SC2206
    opts=($OPTS)
    declare -A cmd port pid
    i=0
    for s in $servers; do
        i=$((i + 1)); port[$s]=$((21500 + idx * 10 + i))
        case $s in
            jdk|apiroutes) cmd[$s]="$java ${opts[*]} -jar api.jar --engine $s --host 127.0.0.1 --port ${port[$s]}" ;;
            platform) cmd[$s]="$java ${opts[*]} -cp api.jar:$BENCH_DIR/classes ApiLauncher --host 127.0.0.1 --port ${port[$s]} --engine-threads platform" ;;
            robaho) cmd[$s]="$java ${opts[*]} -cp api.jar:$(ls "$LIB"/robaho/httpserver-*.jar) io.apiroutes.cli.Main --engine jdk --host 127.0.0.1 --port ${port[$s]}" ;;
            javalin) cmd[$s]="$java ${opts[*]} -cp $(peer_cp javalin) JavalinHello --port ${port[$s]}" ;;
            vertx) cmd[$s]="$java ${opts[*]} -cp $(peer_cp vertx) VertxPeer --port ${port[$s]}" ;;
            helidon) cmd[$s]="$java ${opts[*]} -cp $(peer_cp helidon) HelidonPeer --port ${port[$s]}" ;;
        esac
    done
    echo "== JDK $f ($build)"
    echo "   cold start (median of $COLD_RUNS, in turn)"
    cold_args=()
    for s in $servers; do
        # shellcheck disable=SC2206
        cold_args+=(-- "$s" "${port[$s]}" ${cmd[$s]})
    done
    "$java" -cp "$BENCH_DIR/classes" ColdStart "$COLD_RUNS" "${cold_args[@]:1}" > "$res/cold.txt" || bench_die "cold start failed"
    for s in $servers; do
        # shellcheck disable=SC2086
        start_server "$res/$s.log" "${port[$s]}" ${cmd[$s]}; pid[$s]=$SERVER_PID
    done
    first_lines=""
    for s in $servers; do case $s in javalin|vertx|helidon) continue ;; esac; first_lines="$first_lines $s: \`$(grep -m1 'ready' "$res/$s.log")\`;"; done
    echo "   warm-up, then $ROUNDS rounds of ${SECS} s (servers in turn)"
    # Javalin's peer answers hello only
    serves() { [ "$1" != javalin ] || [ "${2%%-*}" = hello ]; }
    for sc in $SCENARIOS; do for s in $servers; do serves "$s" "$sc" && run_wrk "${port[$s]}" "$sc" "$WARMUP" >/dev/null; done; done
    : > "$res/runs.txt"
    for round in $(seq "$ROUNDS"); do
        for sc in $SCENARIOS; do for s in $servers; do
            serves "$s" "$sc" || continue
            echo "$sc $s $(run_wrk "${port[$s]}" "$sc" "$SECS" "${pid[$s]}")" >> "$res/runs.txt"
        done; done
    done
    declare -A rss
    for s in $servers; do rss[$s]=$(rss_kb "${pid[$s]}" VmRSS); stop_server "${pid[$s]}"; done
    col() { awk -v s="$1" -v w="$2" -v c="$3" '$1 == s && $2 == w { print $c }' "$res/runs.txt" | median; }
    {
        echo "### JDK $f: $build"
        echo
        echo "| wrk -t1, ${SECS} s, median of $ROUNDS | hello c1 req/s | c1 p50 / p99 | c1 CPU µs/req | hello c50 req/s | c50 p50 / p99 | c50 CPU µs/req | echo c50 req/s (p99) | users c50 req/s (p99) | errors | cold start (CPU) | RSS after load |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        for s in $servers; do
            read -r cold_med _ _ _ cold_cpu < <(awk -v s="$s" '$1 == s { print $2, $3, $4, $5, $6 }' "$res/cold.txt")
            errs=$(awk -v w="$s" '$2 == w { e += $6 + $7 } END { print e + 0 }' "$res/runs.txt")
            json_cells=""
            for sc in echo-c50 users-c50; do
                if serves "$s" "$sc"; then json_cells="$json_cells$(printf '%s (%.2f ms) | ' "$(fmt_int "$(col "$sc" "$s" 3)")" "$(col "$sc" "$s" 5)")"
                else json_cells="$json_cells— | "; fi
            done
            printf '| %s | %s | %.3f / %.3f ms | %.0f | %s | %.2f / %.2f ms | %.0f | %s%s | %s ms (%s) | %s MB |\n' "$(label "$s")" \
                "$(fmt_int "$(col hello-c1 "$s" 3)")" "$(col hello-c1 "$s" 4)" "$(col hello-c1 "$s" 5)" "$(col hello-c1 "$s" 8)" \
                "$(fmt_int "$(col hello-c50 "$s" 3)")" "$(col hello-c50 "$s" 4)" "$(col hello-c50 "$s" 5)" "$(col hello-c50 "$s" 8)" \
                "$json_cells" "$errs" "$cold_med" "$cold_cpu" "$(jar_kb "${rss[$s]:-0}")"
        done
        echo
        ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
        cold() { awk -v s="$1" '$1 == s { print $2 }' "$res/cold.txt"; }
        best_p99=$(for s in javalin vertx helidon; do col hello-c50 "$s" 5; done | awk 'NF && $1 > 0' | sort -g | head -1)
        line="Own engine / Javalin: hello c1 **$(ratio "$(col hello-c1 apiroutes 3)" "$(col hello-c1 javalin 3)")**"
        [ "$f" -ge 21 ] && line="$line (on platform threads $(ratio "$(col hello-c1 platform 3)" "$(col hello-c1 javalin 3)"))"
        line="$line, cold start $(ratio "$(cold apiroutes)" "$(cold javalin)"). Own engine / Vert.x at c50: hello **$(ratio "$(col hello-c50 apiroutes 3)" "$(col hello-c50 vertx 3)")**,"
        line="$line echo **$(ratio "$(col echo-c50 apiroutes 3)" "$(col echo-c50 vertx 3)")**, users **$(ratio "$(col users-c50 apiroutes 3)" "$(col users-c50 vertx 3)")**"
        [ "$f" -ge 21 ] && line="$line; / Helidon at c50: hello $(ratio "$(col hello-c50 apiroutes 3)" "$(col hello-c50 helidon 3)"), own / robaho $(ratio "$(col hello-c50 apiroutes 3)" "$(col hello-c50 robaho 3)")"
        line="$line. Hello c50 p99: own engine $(col hello-c50 apiroutes 5) ms, best peer $best_p99 ms."
        echo "$line First log lines:$first_lines"
        echo
    } > "$res/table.md"
}

idx=0
for home in $HOMES; do
    bench_jdk "$home" "$idx"
    idx=$((idx + 1))
done
ELAPSED=$(( $(date +%s) - STARTED ))
SECTION=$TMP/section.md
{
    echo "<!-- make bench engines: begin (generated by bench/http/engines.sh; edit outside these markers) -->"
    echo "## Engines: latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; $(nproc) CPUs; load average before the run: $LOAD_BEFORE."
    echo "JVM flags for every server: \`$OPTS\`. Servers take turns within each round; only ratios within one run are comparable."
    echo "Sizes: api.jar $API_JAR bytes, of which the own engine $ENGINE_BYTES bytes compressed; robaho/httpserver's jar $ROBAHO_JAR bytes; with their dependencies, Javalin (Jetty, Kotlin, SLF4J) $(peer_bytes javalin) bytes, Vert.x (Netty, Jackson core) $(peer_bytes vertx) bytes, Helidon (with Jackson databind) $(peer_bytes helidon) bytes."
    echo
    for i in $(seq 0 $((idx - 1))); do cat "$TMP/jdk-$i/table.md"; done
    echo "<!-- make bench engines: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench engines"
cat "$SECTION"
echo "== engines done in ${ELAPSED} s; results in $OUT"
