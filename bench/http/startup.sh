#!/usr/bin/env bash
# make bench, start-up part: from launch to the first 200 of GET /api/hello, against `java -version` of
# the same runtime (issue 23: at most 2x), for the runtime image of `make image` (with its class-data
# archives), the same image without the application's archive, and ./run.sh (with `make cds`'s
# archive), on JDK 17 and the newest 21+: medians of RUNS launches, taking turns. Writes its section of
# BENCHMARKS.md.
#
#   bench/http/startup.sh                 # from the repository root; about 2 minutes
# Environment: BENCH_JAVA_HOMES, BENCH_STARTS=10, BENCH_OUT=BENCHMARKS.md.
# Only 127.0.0.1 and ports 21640-21659 are used; every wait is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

RUNS=${BENCH_STARTS:-10}
OUT=${BENCH_OUT:-BENCHMARKS.md}
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
command -v curl >/dev/null || bench_die "curl is needed"

HOMES=$(bench_java_homes jlink)
FIRST_HOME=$(echo "$HOMES" | awk '{ print $1 }')
TMP=$BENCH_DIR/startup && rm -rf "$TMP" && mkdir -p "$TMP/classes"
make -s api.jar build/apiroutes.jar >/dev/null || bench_die "make failed"
"$FIRST_HOME/bin/javac" --release 17 -encoding UTF-8 -cp build/apiroutes.jar -d "$TMP/classes" bench/http/ColdStart.java \
    bench/http/ApiTestStarts.java bench/http/StartPhases.java || bench_die "cannot compile ColdStart, ApiTestStarts and StartPhases"
ROWS=$TMP/rows.md && : > "$ROWS"

# anatomy IMAGE PORT LABEL: what a start of IMAGE is made of; appends a row to ANATOMY. The time by phase,
# medians of 5 runs of StartPhases with the image's java and its archive: the JVM (-Xlog:startuptime's
# Create VM, from the JVM's start to before main), the route table, the engine (built, bound, started)
# and the first request. The classes, from one launch of bin/apiroutes with every class load logged,
# asked for /api/hello until the first 200 and then killed: how many, from the archives, spun at run
# time (method-handle forms, lambdas), the JDK's, and apiroutes' by package.
ANATOMY=$TMP/anatomy.md && : > "$ANATOMY"
anatomy() {
    local log=$PWD/$TMP/anatomy-$3 classes=$PWD/$TMP/classes pid phases
    for _ in 1 2 3 4 5; do
        (cd "$1" && exec bin/java -Xlog:startuptime:file="$log.startuptime":uptime -XX:SharedArchiveFile=bin/../lib/api.jsa \
            -cp "bin/../lib/api.jar:$classes" StartPhases) 2>&1 | tr '\n' ' '
        sed -n 's/^\[[0-9.]*s\] Create VM, \([0-9.]*\) secs.*/\1/p' "$log.startuptime"
    done > "$log.phases"
    # a row of the file: route table, engine, first request (µs), then the JVM (s); the medians in ms
    column() { awk -v c="$1" -v scale="$2" 'NF == 4 { print $c * scale }' "$log.phases" | sort -g \
        | awk -v f="$3" '{ a[NR] = $1 } END { printf f, NR ? a[int((NR + 1) / 2)] : -1 }'; }
    phases="$(column 4 1000 '%.0f ms') | $(column 1 0.001 '%.1f ms') | $(column 2 0.001 '%.1f ms') | $(column 3 0.001 '%.1f ms')"
    (cd "$1" && JAVA_OPTS="-Xlog:class+load:file=$log.class+load:uptime" exec bin/apiroutes --host 127.0.0.1 --port "$2") > "$log.out" 2>&1 &
    pid=$!
    for _ in $(seq 3000); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$2/api/hello")" = 200 ] && break
        kill -0 $pid 2>/dev/null || break
        sleep 0.01
    done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    awk -v jdk="$3" -v phases="$phases" '
        { n++ }
        / source: shared objects file/ { shared++ }
        / source: (__JVM_LookupDefineClass__|__Lookup_defineClass__|__ClassDefiner__)/ { spun++ }
        $2 ~ /^(java|javax|jdk|sun|com\.sun)\./ { jdk_classes++ }
        $2 ~ /^api\./ { routes++ }
        $2 ~ /^io\.apiroutes\./ { split($2, part, "."); pkg = (3 in part && 4 in part) ? part[3] : "(public API)"
                                  if (pkg ~ /^[A-Z]/) pkg = "(public API)"; by[pkg]++; app++ }
        END { list = ""; for (k in by) list = list sprintf("%s %d, ", k, by[k])
              printf "| %s | %s | %d | %d | %d | %d | %d: %s | %d |\n", jdk, phases, n, shared, spun, jdk_classes, app,
                     substr(list, 1, length(list) - 2), routes }' "$log.class+load" >> "$ANATOMY"
}

idx=0
for home in $HOMES; do
    f=$(java_feature "$home/bin/java")
    echo "== JDK $f"
    image=$PWD/$TMP/image-$f
    JAVA_HOME=$home IMAGE_DIR=$image make -s image > "$TMP/image-$f.log" 2>&1 || { cat "$TMP/image-$f.log"; bench_die "make image failed on $f"; }
    JAVA_HOME=$home make -s cds > "$TMP/cds-$f.log" 2>&1 || bench_die "make cds failed on $f"
    p=$((21640 + idx * 5))
    JAVA_HOME=$home "$home/bin/java" -cp "$TMP/classes" ColdStart "$RUNS" \
        image "$p" --in="$image" bin/apiroutes --host 127.0.0.1 --port "$p" -- \
        noarchive $((p + 1)) "$image/bin/java" -jar "$image/lib/api.jar" --host 127.0.0.1 --port $((p + 1)) -- \
        run.sh $((p + 2)) env JAVA_HOME="$home" ./run.sh --host 127.0.0.1 --port $((p + 2)) -- \
        image-version 0 "$image/bin/java" -version -- \
        jdk-version 0 "$home/bin/java" -version > "$TMP/cold-$f.txt" \
        || bench_die "cold start failed on $f"
    read -r test_first test_later < <("$home/bin/java" -cp "build/apiroutes.jar:$TMP/classes" ApiTestStarts 21)
    med() { awk -v s="$1" '$1 == s { print $2 }' "$TMP/cold-$f.txt"; }
    image_version=$(med image-version)
    jdk_version=$(med jdk-version)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
    printf '| %s | %s ms | %s ms (**%sx**) | %s ms (%sx) | %s ms | %s ms (**%sx**) | %s ms, then **%s ms** | %s |\n' "$f" "$image_version" \
        "$(med image)" "$(ratio "$(med image)" "$image_version")" "$(med noarchive)" "$(ratio "$(med noarchive)" "$image_version")" \
        "$jdk_version" "$(med run.sh)" "$(ratio "$(med run.sh)" "$jdk_version")" "$test_first" "$test_later" \
        "$(sed -n 's/^image: \(api.jsa [0-9]* KB\).*/\1/p' "$TMP/image-$f.log"), image $(du -sm "$image" | cut -f1) MB" >> "$ROWS"
    tail -1 "$ROWS"
    anatomy "$image" $((p + 3)) "$f"
    tail -1 "$ANATOMY"
    idx=$((idx + 1))
done
ELAPSED=$(( $(date +%s) - STARTED ))
SECTION=$TMP/section.md
{
    echo "<!-- make bench startup: begin (generated by bench/http/startup.sh; edit outside these markers) -->"
    echo "## Start-up: latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; $(nproc) CPUs; load average before the run: $LOAD_BEFORE."
    echo "From launch to the first 200 of \`GET /api/hello\` (ColdStart, polling every millisecond), median of $RUNS launches taking turns; \`java -version\` of the same runtime, median of $RUNS taking turns with them, for the ratio. The image is \`make image\`'s (jlink with \`--generate-cds-archive\`, the application's archive from a training run); \"without its archive\" is the same image's \`bin/java -jar lib/api.jar\` (the JDK's archive only); run.sh uses \`make cds\`'s archive."
    echo
    echo "| JDK | image: java -version | image: first answer | image without its archive | JDK: java -version | ./run.sh: first answer | ApiTest.start() to a first answer: the first in a JVM, then the median of 20 more | archive, image size |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|"
    cat "$ROWS"
    echo
    echo "What the image's start is made of. Time by phase, medians of 5 runs of \`StartPhases\` (bench/http) with the image's java and archive: the JVM (\`-Xlog:startuptime\`'s \`Create VM\`, to before \`main\`), the route table (\`ApiRoutes.discover()\`), the engine (\`ApiServer.Builder.start()\`: built, bound, started) and the first request (\`GET /api/hello\` to its status line); \`bin/apiroutes\` adds its launcher and the start-up line. Classes: one launch of \`bin/apiroutes\` with \`-Xlog:class+load\`, to the first 200 of \`/api/hello\`: from the archives, spun at run time (method-handle forms and lambdas no archive holds), the JDK's, apiroutes' by package and the routes'."
    echo
    echo "| JDK | the JVM | route table | engine | first request | classes by the first answer | from the archives | spun at run time | the JDK's | apiroutes', by package | the routes' |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
    sort -u "$ANATOMY"
    echo "<!-- make bench startup: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench startup"
cat "$SECTION"
echo "== startup done in ${ELAPSED} s; results in $OUT"
