#!/usr/bin/env bash
# Dev mode: time from a file's save to the first request served by the new code, for projects of
# 1, 20 and 200 handlers, with run.sh's dev-mode JVM flags (BENCHMARKS.md, "Dev mode").
#
#   bench/dev/run.sh                      # from anywhere; about 1 minute per JDK on an idle machine
# Environment:
#   BENCH_JAVA_HOMES="/jdk17 /jdk25"      JDKs to run on (default: the java on PATH, and Temurin 25 when installed)
#   DEV_EDITS=10                          saves per project size
#   DEV_OPTS="..."                        JVM flags of the server (default: run.sh's for dev mode), then JAVA_OPTS
# 127.0.0.1 only; each wait is bounded (3 min to start, 1 min per save); the servers are killed at the end.
set -eu
cd "$(dirname "$0")/../.."
make -s build/classes.stamp
out=build/bench-dev
rm -rf "$out" && mkdir -p "$out"
javac --release 17 -encoding UTF-8 -d "$out" bench/dev/DevBench.java
opts=${DEV_OPTS:-$(sed -n 's/^ *exec "$JAVA" \(.*\) $JAVA_OPTS -cp build\/classes io\.apiroutes\.Main "$@"$/\1/p' run.sh)}
opts="$opts ${JAVA_OPTS:-}"
homes=${BENCH_JAVA_HOMES:-"$(dirname "$(dirname "$(readlink -f "$(command -v java)")")") $( [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && echo /usr/lib/jvm/temurin-25-jdk-amd64)"}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: $opts"
for home in $homes; do
    echo
    echo "$("$home/bin/java" -version 2>&1 | sed -n 2p)"
    echo
    java -cp "$out" DevBench --java "$home/bin/java" --classes build/classes --opts "$opts" --edits "${DEV_EDITS:-10}" 1 20 200
done
