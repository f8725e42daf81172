#!/usr/bin/env bash
# Benchmarks apiroutes' JSON (Json.toBytes / Json.parse / Json.read) against Jackson's ObjectMapper
# with JMH, then prints a table: ours, Jackson, the ratio and the error bars.
#
#   bench/json/run.sh [report.md] [extra JMH arguments...]
#
# Fetches JMH and Jackson with mvn into bench/lib/ (git-ignored) the first time, compiles src/ and
# the benchmark into build/bench-json/, runs one JMH fork (about 2.5 minutes on 2 cores).
# Set JAVA_HOME to run on another JDK, JMH_OPTS to change the run settings (default below).
# Extra arguments go to JMH after them, e.g. -prof gc.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
LIB=bench/lib
OUT=build/bench-json
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 1s -i 8 -r 500ms}"
REPORT="${1:-}"
[ $# -gt 0 ] && shift

jars="jmh-core-1.37 jmh-generator-annprocess-1.37 jackson-databind-2.18.2 jackson-datatype-jsr310-2.18.2"
for jar in $jars; do
    if [ ! -f "$LIB/$jar.jar" ]; then
        echo "Fetching JMH and Jackson into $LIB/ ..."
        mvn -q -B -f bench/json/pom.xml \
            org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
            -DoutputDirectory="$ROOT/$LIB"
        break
    fi
done
CP="$(ls "$LIB"/*.jar | tr '\n' ':')"

echo "Compiling src/ and the benchmark into $OUT/ ..."
rm -rf "$OUT"
mkdir -p "$OUT/lib" "$OUT/bench"
# the library on the class path, as api.jar runs it (module-info.java left out)
"$JAVAC" --release 17 -encoding UTF-8 -d "$OUT/lib" $(find src -name '*.java' ! -name module-info.java)
"$JAVAC" --release 17 -encoding UTF-8 -cp "$OUT/lib:$CP" -processorpath "$CP" -d "$OUT/bench" bench/json/*.java

"$JAVA" -cp "$OUT/lib:$OUT/bench:$CP" org.openjdk.jmh.Main 'jsonbench\.JsonBenchmark' \
    $JMH_OPTS -rf json -rff "$OUT/result.json" "$@"

echo
"$JAVA" -cp "$OUT/lib:$OUT/bench:$CP" jsonbench.BenchReport "$OUT/result.json" "$REPORT"
