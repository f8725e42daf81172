#!/usr/bin/env sh
# Builds api.jar when its sources changed, then serves it: ./run.sh [--port N] [--host H]
# JVM flags: lean defaults for a small box, overridden by JAVA_OPTS (its flags come last and win).
set -e
cd "$(dirname "$0")"
make -s api.jar
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
DEFAULT_OPTS="-XX:+UseSerialGC -Xms16m -Xmx64m"
# shellcheck disable=SC2086
exec "$JAVA" $DEFAULT_OPTS $JAVA_OPTS -jar api.jar "$@"
