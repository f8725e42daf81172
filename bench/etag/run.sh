#!/usr/bin/env bash
# make bench, ETag part: what the hash of an answer's ETag costs per body size (JMH, the JMH jars of
# bench/json, fetched there once). Prints JMH's table; BENCHMARKS.md ("ETags") records a run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT=build/bench-etag
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
if [ ! -f bench/lib/jmh-core-1.37.jar ]; then
    mvn -q -B -f bench/json/pom.xml org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DoutputDirectory="$ROOT/bench/lib"
fi
CP="$(ls bench/lib/*.jar | tr '\n' ':')"
rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/bench"
"$JAVAC" --release 17 -encoding UTF-8 -d "$OUT/lib" $(find src -name '*.java' ! -name module-info.java)
"$JAVAC" --release 17 -encoding UTF-8 -cp "$OUT/lib:$CP" -processorpath "$CP" -d "$OUT/bench" bench/etag/EtagBenchmark.java
"$JAVA" -cp "$OUT/lib:$OUT/bench:$CP" org.openjdk.jmh.Main 'io\.apiroutes\.http\.EtagBenchmark' ${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 500ms}
