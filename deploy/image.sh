#!/usr/bin/env sh
# make image: a runtime image of its own in build/image, then a smoke test of it.
#   build/image/bin/java       a jlink runtime of the modules jdeps finds in api.jar (java.base, jdk.httpserver),
#                              with run.sh's JVM flags built in (jlink --add-options)
#   build/image/lib/api.jar    the server and the routes
#   build/image/bin/apiroutes  the launcher: java -jar lib/api.jar "$@", JAVA_OPTS after the built-in flags
# The smoke test starts bin/apiroutes on a free loopback port, asks /readyz for a 200 and an unknown
# route for the JSON 404, and stops it with SIGTERM. JAVA_HOME picks the JDK whose runtime is linked; JLINK_OPTS replaces
# the size options (BENCHMARKS.md compares them).
set -eu
cd "$(dirname "$0")/.."
bin=${JAVA_HOME:+$JAVA_HOME/bin/}
image=build/image
feature=$("${bin}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

modules=$("${bin}jdeps" --print-module-deps --ignore-missing-deps api.jar)
# --compress: 0|1|2 before JDK 21, zip-0..9 from 21 (the old values are deprecated there).
if [ "$feature" -ge 21 ]; then compress=zip-9; else compress=2; fi
# No --generate-cds-archive: it halves the start-up and adds 21-27 MB (BENCHMARKS.md); no
# --strip-native-debug-symbols: libjvm.so of these JDKs has none to strip.
default="--strip-debug --no-header-files --no-man-pages --compress=$compress"
opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' run.sh | head -1)

rm -rf "$image"
# shellcheck disable=SC2086
"${bin}jlink" --add-modules "$modules" --output "$image" ${JLINK_OPTS:-$default} --add-options="$opts"
cp api.jar "$image/lib/api.jar"
cat >"$image/bin/apiroutes" <<'EOF'
#!/bin/sh
# apiroutes in its own runtime: the JVM flags of run.sh are built into this java; JAVA_OPTS come after them.
dir=$(dirname "$0")
# shellcheck disable=SC2086
exec "$dir/java" $JAVA_OPTS -jar "$dir/../lib/api.jar" "$@"
EOF
chmod +x "$image/bin/apiroutes"
echo "image: $image, Java $feature, modules $modules, $(du -sk "$image" | cut -f1) KB ($(du -sk "$image/lib/modules" | cut -f1) KB of modules, $(du -sk "$image/lib/server/libjvm.so" | cut -f1) KB of libjvm.so)"
echo "image: jlink ${JLINK_OPTS:-$default} --add-options=\"$opts\""

# Smoke test: the image serves, on loopback.
log=$(mktemp)
"$image/bin/apiroutes" --host 127.0.0.1 --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
port=
for _ in $(seq 300); do
    port=$(sed -n 's|^apiroutes [^ ]* ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' "$log")
    [ -n "$port" ] || ! kill -0 $pid 2>/dev/null && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$log"; echo "FAIL image: bin/apiroutes did not start"; exit 1; }
ready=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/readyz")
missing=$(curl -s --max-time 5 "http://127.0.0.1:$port/api/no-such-route")
kill $pid
wait $pid || true
if [ "$ready" = 200 ] && [ "$missing" = '{"error":"Not Found"}' ]; then
    echo "PASS image: bin/apiroutes answers /readyz with 200 ($(head -1 "$log"))"
else
    cat "$log"; echo "FAIL image: /readyz $ready, /api/no-such-route $missing"; exit 1
fi
