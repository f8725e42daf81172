#!/usr/bin/env sh
# make image: a runtime image of its own in build/image (IMAGE_DIR), then a smoke test of it.
#   build/image/bin/java       a jlink runtime of the modules jdeps finds in api.jar (java.base, jdk.httpserver),
#                              with run.sh's JVM flags built in (jlink --add-options) and the JDK's classes
#                              archived (--generate-cds-archive)
#   build/image/lib/api.jar    the server and the routes
#   build/image/lib/api.jsa    the application's class-data archive, from a training run of every route
#                              (an AOT cache on Java 24+, a dynamic CDS archive before), and archive.cksum,
#                              the checksums of api.jar, api.jsa and the runtime's release file, made together
#   build/image/bin/apiroutes  the launcher: java -jar lib/api.jar "$@" with the archive when it fits,
#                              JAVA_OPTS after the built-in flags
# The smoke test starts bin/apiroutes on a free loopback port, asks /readyz for a 200 and an unknown
# route for the JSON 404, checks that classes came from the archives, then does the same with api.jar
# changed (one warning, no archive), stopping each with SIGTERM. JAVA_HOME picks the JDK whose runtime
# is linked; JLINK_OPTS replaces the size and archive options (BENCHMARKS.md compares them).
set -eu
unset CDPATH # a cd in $(...) must print nothing
cd "$(dirname "$0")/.."
bin=${JAVA_HOME:+$JAVA_HOME/bin/}
image=${IMAGE_DIR:-build/image}
feature=$("${bin}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

modules=$("${bin}jdeps" --print-module-deps --ignore-missing-deps api.jar)
# No --compress: a compressed lib/modules is inflated resource by resource at every start, which the
# first answer waits for, and the image gzipped, as a registry sends a container's layers, is smaller
# uncompressed (BENCHMARKS.md, "The runtime image"). --generate-cds-archive: the JDK's own classes
# archived (lib/server/classes.jsa), which the application's archive below builds on. No
# --strip-native-debug-symbols: libjvm.so of these JDKs has none to strip.
default="--strip-debug --no-header-files --no-man-pages --generate-cds-archive"
opts=$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' run.sh | head -1)

rm -rf "$image"
# shellcheck disable=SC2086
"${bin}jlink" --add-modules "$modules" --output "$image" ${JLINK_OPTS:-$default} --add-options="$opts"
cp api.jar "$image/lib/api.jar"
cat >"$image/bin/apiroutes" <<'EOF'
#!/bin/sh
# apiroutes in its own runtime: the JVM flags of run.sh are built into this java; JAVA_OPTS come after them.
# The application's class-data archive, lib/api.jsa, made at `make image` by a training run (an AOT
# cache on Java 24+, a dynamic CDS archive before), serves only beside the api.jar it was made with, as
# make image wrote it for this runtime; otherwise it is left out with one warning. Java 25 takes
# classes from an AOT cache made for another api.jar without a word (the old code runs), and an archive
# from another image (another JDK) leaves either JVM without the JDK's archive too, Java 17 without a
# word: so lib/archive.cksum holds the checksums of api.jar, api.jsa and the runtime's release file,
# which one cksum reads again. Java 17's archive, though, finds api.jar by the path it was trained
# with, bin/../lib/api.jar from the image's folder (a fourth line of archive.cksum), and checks the
# jar's time itself: it serves when the image's folder is the working directory and the image was
# copied with its times (cp -a, tar, docker COPY), and there make image gave api.jar, api.jsa and
# archive.cksum one time, which says what changed without a process. Java 24+'s serves from any
# working directory and any copy.
# Shell builtins where they do (${0%/*}, read, test): a process is a few milliseconds of every start.
case "$0" in */*) dir=${0%/*} ;; *) dir=. ;; esac
lib=$dir/../lib
archive=
CDPATH= # a cd in $(...) must print nothing
another_jar="apiroutes: the class-data archive in lib/ was made for another api.jar; starting without it (make image makes a new one)"
another_archive="apiroutes: lib/api.jsa is not the class-data archive make image made for this runtime; starting without it (make image makes a new one)"
# same_time A B: whether the two files have the same time
same_time() { ! [ "$1" -nt "$2" ] && ! [ "$1" -ot "$2" ]; }
if [ -f "$lib/api.jsa" ]; then
    jar_made= archive_made= runtime_made= jar_from=
    [ -f "$lib/archive.cksum" ] && { read -r jar_made; read -r archive_made; read -r runtime_made; read -r jar_from; } < "$lib/archive.cksum"
    if [ -z "$runtime_made" ]; then
        echo "apiroutes: lib/api.jsa has no complete lib/archive.cksum beside it (make image writes both); starting without it" >&2
    elif [ -n "$jar_from" ]; then
        if ! [ "$jar_from" -ef "$lib/api.jar" ]; then
            echo "apiroutes: this Java's class-data archive in lib/ serves when the image's folder is the working directory (cd $dir/..); starting without it" >&2
        elif same_time "$lib/api.jar" "$lib/archive.cksum" && same_time "$lib/api.jsa" "$lib/archive.cksum"; then
            archive="-XX:SharedArchiveFile=$lib/api.jsa"
        elif same_time "$lib/api.jsa" "$lib/archive.cksum"; then
            echo "$another_jar" >&2
        elif same_time "$lib/api.jar" "$lib/archive.cksum"; then
            echo "$another_archive" >&2
        else
            echo "apiroutes: the image was copied without its files' times, which this Java's class-data archive checks (cp -a, tar and docker COPY keep them); starting without it" >&2
        fi
    else
        now=$(cd "$lib" && cksum api.jar api.jsa ../release)
        if [ "$now" = "$jar_made
$archive_made
$runtime_made" ]; then
            archive="-XX:SharedArchiveFile=$lib/api.jsa"
        elif [ "${now%%
*}" != "$jar_made" ]; then
            echo "$another_jar" >&2
        else
            echo "$another_archive" >&2
        fi
    fi
fi
# shellcheck disable=SC2086
exec "$dir/java" ${archive:+"$archive"} $JAVA_OPTS -jar "$lib/api.jar" "$@"
EOF
chmod +x "$image/bin/apiroutes"

# The training run: the image's own java serves every route of api.jar once (GET and POST, and a 404),
# and writes the application's archive, lib/api.jsa, as it exits: an AOT cache on Java 24+ (JEP 483/514:
# classes loaded and linked, and profiles), a dynamic CDS archive on top of the JDK's before. Either is
# used with -XX:SharedArchiveFile (on 24+ the same as -XX:AOTCache), so the launcher and the Dockerfile
# name one file.
archive=$(cd "$image" && pwd)/lib/api.jsa
# relative to the image's folder, where the training run starts: JAVA_OPTS is split on spaces
if [ "$feature" -ge 24 ]; then flag="-XX:AOTCacheOutput=lib/api.jsa"; else flag="-XX:ArchiveClassesAtExit=lib/api.jsa"; fi
# start IMAGE LOG [JAVA_OPTS [FOLDER]]: starts IMAGE/bin/apiroutes on a free loopback port, output to LOG,
# from the image's own folder (as the Dockerfile and the systemd unit do) or FOLDER; sets pid, and port
# once it is ready (empty when it did not start within 30 s).
start() {
    if [ -n "${4:-}" ]; then
        launcher=$(cd "$1" && pwd)/bin/apiroutes
        (cd "$4" && JAVA_OPTS="${3:-}" exec "$launcher" --host 127.0.0.1 --port 0) >"$2" 2>&1 &
    else
        (cd "$1" && JAVA_OPTS="${3:-}" exec bin/apiroutes --host 127.0.0.1 --port 0) >"$2" 2>&1 &
    fi
    pid=$!
    port=
    for _ in $(seq 300); do
        port=$(sed -n 's|^apiroutes [^ ]* ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' "$2")
        [ -n "$port" ] || ! kill -0 $pid 2>/dev/null && break
        sleep 0.1
    done
}
training=$(mktemp)
# From the image's folder, as bin/apiroutes: Java 17's archive keeps the jar's path as given,
# bin/../lib/api.jar. Under a path with a space, Java 17 writes apiroutes' classes into the archive but
# never takes them from it (measured: none shared): the training then runs in a copy elsewhere, its
# files' times kept, and its archive comes back.
trained_in=${archive%/lib/api.jsa}
case "$trained_in" in *' '*) trained_in=$(mktemp -d) && cp -a "$image/." "$trained_in/" ;; esac
start "$trained_in" "$training" "$flag"
if [ -n "$port" ]; then
    for path in $(sed -n 's|^  \(/api[^ ]*\) -> .*|\1|p' "$training" | sed 's|\[[^]]*\]\]*|1|g') /api/no-such-route; do
        curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port$path" || true
        curl -s -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d '{"a":[1,"b",null]}' "http://127.0.0.1:$port$path" || true
    done
fi
kill $pid 2>/dev/null || true
wait $pid || true
if [ "$trained_in/lib/api.jsa" != "$archive" ]; then
    cp -p "$trained_in/lib/api.jsa" "$archive" 2>/dev/null || true
    rm -rf "$trained_in"
fi
if [ -s "$archive" ]; then
    (cd "$image/lib" && cksum api.jar api.jsa ../release > archive.cksum)
    if [ "$feature" -lt 24 ]; then
        echo bin/../lib/api.jar >> "$image/lib/archive.cksum"
        touch -r "$image/lib/api.jar" "$image/lib/api.jsa" "$image/lib/archive.cksum"
    fi
    echo "image: $(basename "$archive") $(du -k "$archive" | cut -f1) KB, from a training run of every route"
else
    cat "$training"; echo "image: no application archive made (the image runs without it)"
fi
rm -f "$training"
echo "image: $image, Java $feature, modules $modules, $(du -sk "$image" | cut -f1) KB ($(du -sk "$image/lib/modules" | cut -f1) KB of modules, $(du -sk "$image/lib/server/libjvm.so" | cut -f1) KB of libjvm.so)"
echo "image: jlink ${JLINK_OPTS:-$default} --add-options=\"$opts\""

# Smoke test: the image serves, on loopback, with its archive, from its own folder; a copy whose api.jar
# changed after the archive was made serves too, without it, saying so once; so does a copy whose
# archive is not the one make image made (another image's, say), which keeps the JDK's archive. A copy
# moved elsewhere (to a folder whose name has a space; times kept, as tar, cp -a and docker COPY keep
# them) uses its archive from its own folder; from another working directory Java 24+ still does, Java
# 17 says once that it does not; so with a copy that lost its files' times (cp -r).
# serve IMAGE LOG [FOLDER]: starts IMAGE/bin/apiroutes, asks /readyz and an unknown route, stops it;
# prints "<readyz status> <404 body>".
serve() {
    start "$1" "$2" "-Xlog:class+load:file=$2.classes" "${3:-}"
    [ -n "$port" ] || { kill $pid 2>/dev/null; cat "$2" >&2; echo "FAIL image: $1/bin/apiroutes did not start" >&2; exit 1; }
    echo "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/readyz") $(curl -s --max-time 5 "http://127.0.0.1:$port/api/no-such-route")"
    kill $pid
    wait $pid || true
}
# shared LOG [PACKAGE]: how many classes (of PACKAGE) came from an archive in the run that wrote LOG
shared() { grep "^.*${2:-}" "$1.classes" | grep -c 'source: shared objects file' || true; }
# warned LOG TEXT: how many lines of LOG say TEXT
warned() { grep -c "$2" "$1" || true; }
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
fresh=$(serve "$image" "$work/fresh.log")
cp -a "$image" "$work/stale"
echo changed > "$work/changed.txt"
"${bin}jar" uf "$work/stale/lib/api.jar" -C "$work" changed.txt
stale=$(serve "$work/stale" "$work/stale.log")
cp -a "$image" "$work/foreign"
printf 'another archive' >> "$work/foreign/lib/api.jsa"
foreign=$(serve "$work/foreign" "$work/foreign.log")
mkdir "$work/moved here" && (cd "$image" && tar -cf - .) | (cd "$work/moved here" && tar -xf -)
moved=$(serve "$work/moved here" "$work/moved.log")
outside=$(serve "$work/moved here" "$work/outside.log" /)
cp -r "$image" "$work/copied"
# A copy's files get the times they were written at: three different ones where the clock tells them
# apart; set so here, as a kernel before 6.13 (a clock of 1-4 ms) may give the three one time.
touch -d '3 seconds ago' "$work/copied/lib/api.jar" && touch -d '2 seconds ago' "$work/copied/lib/api.jsa"
copied=$(serve "$work/copied" "$work/copied.log")
apiroutes='io\.apiroutes\.'
outside_ok=no
if [ "$feature" -ge 24 ]; then
    [ "$(shared "$work/outside.log" "$apiroutes")" -gt 50 ] && [ "$(warned "$work/outside.log" 'apiroutes:')" = 0 ] \
        && [ "$(shared "$work/copied.log" "$apiroutes")" -gt 50 ] && [ "$(warned "$work/copied.log" 'apiroutes:')" = 0 ] && outside_ok=yes
else
    [ "$(shared "$work/outside.log" "$apiroutes")" = 0 ] \
        && [ "$(warned "$work/outside.log" 'serves when the image.s folder is the working directory')" = 1 ] \
        && [ "$(shared "$work/copied.log" "$apiroutes")" = 0 ] && [ "$(warned "$work/copied.log" 'copied without its files. times')" = 1 ] \
        && outside_ok=yes
fi
ok='200 {"error":"Not Found"}'
if [ "$fresh" = "$ok" ] && [ "$stale" = "$ok" ] && [ "$foreign" = "$ok" ] && [ "$moved" = "$ok" ] && [ "$outside" = "$ok" ] && [ "$copied" = "$ok" ] \
    && [ "$(shared "$work/fresh.log")" -gt 1000 ] && [ "$(shared "$work/fresh.log" "$apiroutes")" -gt 50 ] \
    && [ "$(warned "$work/stale.log" 'made for another api.jar')" = 1 ] && [ "$(shared "$work/stale.log" "$apiroutes")" = 0 ] \
    && [ "$(warned "$work/foreign.log" 'not the class-data archive make image made for this runtime')" = 1 ] \
    && [ "$(shared "$work/foreign.log" "$apiroutes")" = 0 ] && [ "$(shared "$work/foreign.log")" -gt 500 ] \
    && [ "$(shared "$work/moved.log" "$apiroutes")" -gt 50 ] && [ "$(warned "$work/moved.log" 'apiroutes:\|warning')" = 0 ] \
    && [ "$outside_ok" = yes ] && [ "$(cat "$work/outside.log" "$work/copied.log" | grep -c 'warning')" = 0 ]; then
    echo "PASS image: bin/apiroutes answers /readyz with 200, $(shared "$work/fresh.log") classes from the archives, $(shared "$work/fresh.log" "$apiroutes") of them apiroutes' ($(head -1 "$work/fresh.log")); with api.jar changed, or an archive make image did not make, one warning and none of apiroutes' from the archive ($(shared "$work/foreign.log") of the JDK's still); moved, from its folder, $(shared "$work/moved.log" "$apiroutes") of apiroutes'; from another folder or copied without times (cp -r), $(if [ "$feature" -ge 24 ]; then echo "$(shared "$work/outside.log" "$apiroutes") and $(shared "$work/copied.log" "$apiroutes") of apiroutes'"; else echo "one warning and none"; fi)"
else
    cat "$work/fresh.log" "$work/stale.log" "$work/foreign.log" "$work/moved.log" "$work/outside.log" "$work/copied.log"
    for run in fresh stale foreign moved outside copied; do
        echo "FAIL image: $run: $(shared "$work/$run.log") shared classes, $(shared "$work/$run.log" "$apiroutes") apiroutes'"
    done
    exit 1
fi
