#!/bin/sh
# Builds api.jar when its sources changed, then serves it: ./run.sh [--port N] [--host H]
# Dev mode, ./run.sh dev [--dir api] [--port N]: serves the sources under api/ compiled in memory,
# compiled again on each save (needs a JDK).
# JVM flags: lean defaults for a small box, overridden by JAVA_OPTS (its flags come last and win).
set -e
unset CDPATH
case "$0" in */*) cd "${0%/*}" ;; esac
# Each step here is a shell builtin where it can be: a process is a few milliseconds of every start.
# The java that runs: JAVA_HOME's, else the first on PATH, looked up here rather than by a subshell.
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else
    JAVA=java
    set -f; saved_ifs=$IFS; IFS=:
    for dir in $PATH; do
        if [ -x "${dir:-.}/java" ] && [ ! -d "${dir:-.}/java" ]; then JAVA=${dir:-.}/java; break; fi
    done
    IFS=$saved_ifs; set +f
fi
if [ "$1" = dev ]; then
    # The server's classes only: dev mode compiles the handlers itself. No heap cap, the compiler
    # needs room; C1 only, which compiles the compiler's code sooner (BENCHMARKS.md, dev mode).
    make -s build/classes.stamp
    # shellcheck disable=SC2086
    exec "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $JAVA_OPTS -cp build/classes io.apiroutes.cli.Main "$@"
fi
# make reads its Makefile before it knows there is nothing to do (about 60 ms); the shell answers that
# first, as find -newer would. Without build/ (removed by hand) make runs too: what follows keeps its
# answers there.
# newer PATH...: whether one of the paths, or a file or folder under them, is newer than api.jar
# (symbolic links to folders are not followed; dot-files count, as make compiles them).
newer() {
    for path in "$@"; do
        [ "$path" -nt api.jar ] && return 0
        if [ -d "$path" ] && [ ! -L "$path" ]; then newer "$path"/* "$path"/.[!.]* "$path"/..?* && return 0; fi
    done
    return 1
}
if [ ! -f api.jar ] || [ ! -d build ] || newer src api Makefile LICENSE; then
    make -s api.jar
fi
# Serial GC and a 64 MB heap: a small API needs no more, and the JVM's defaults let RSS reach
# 300-500 MB. The Tier3 thresholds, five times the JVM's, leave the code that runs only at start-up
# interpreted instead of compiled by C1 once and never again, which on two cores took CPU from the
# start itself; the hot paths still reach C2 within the first requests (BENCHMARKS.md, start-up).
# TrimNativeHeapInterval returns the C heap the JIT freed to the OS every second: RSS under load
# 101 -> 77 MB on JDK 25, no throughput change (BENCHMARKS.md). It stays last: see below.
DEFAULT_OPTS="-XX:+UseSerialGC -Xms16m -Xmx64m -XX:Tier3InvocationThreshold=1000 -XX:Tier3MinInvocationThreshold=500 -XX:Tier3CompileThreshold=10000 -XX:Tier3BackEdgeThreshold=300000 -XX:TrimNativeHeapInterval=1000"
# Older JDK 17 updates do not know the last flag: ask the JVM rather than fail to start, once per java
# and set of flags (the answer is kept in build/jvm-opts: asking is a JVM start, a third of the
# server's own). A java is known by its real path, kept in the first line; -ef compares it with this
# one's file. The flags asked for are the third line.
KNOWN_ID="" KNOWN_OPTS="" KNOWN_ASKED=""
# (a file of an older run.sh has fewer lines: a read at its end fails, which set -e must not see)
if [ -f build/jvm-opts ]; then { read -r KNOWN_ID; read -r KNOWN_OPTS; read -r KNOWN_ASKED; } < build/jvm-opts || :; fi
if [ -n "$KNOWN_ID" ] && [ "$JAVA" -ef "$KNOWN_ID" ] && [ "$KNOWN_ASKED" = "$DEFAULT_OPTS" ]; then
    DEFAULT_OPTS=$KNOWN_OPTS
else
    ASKED=$DEFAULT_OPTS
    if ! "$JAVA" -XX:TrimNativeHeapInterval=1000 -version >/dev/null 2>&1; then
        DEFAULT_OPTS=${DEFAULT_OPTS% -XX:TrimNativeHeapInterval=1000}
    fi
    printf '%s\n%s\n%s\n' "$(readlink -f "$JAVA" 2>/dev/null || echo "$JAVA")" "$DEFAULT_OPTS" "$ASKED" > build/jvm-opts
fi
# The class-data archive of `make cds`, when it is newer than api.jar and this is the java that made it.
ARCHIVE_OPTS=""
CDS_ID=""
if [ -f build/cds.java ]; then read -r CDS_ID < build/cds.java || :; fi
if [ -n "$CDS_ID" ] && [ "$JAVA" -ef "$CDS_ID" ]; then
    if [ build/api.aot -nt api.jar ]; then ARCHIVE_OPTS="-XX:AOTCache=build/api.aot"
    elif [ build/api.jsa -nt api.jar ]; then ARCHIVE_OPTS="-XX:SharedArchiveFile=build/api.jsa"; fi
fi
# shellcheck disable=SC2086
exec "$JAVA" $DEFAULT_OPTS $ARCHIVE_OPTS $JAVA_OPTS -jar api.jar "$@"
