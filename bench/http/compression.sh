#!/usr/bin/env bash
# make bench, compression and HTTPS part. For each JDK (17 and the newest 21+), run.sh's flags:
#  - gzip's cost: the own engine with --gzip-min 0, POST /api/echo with the echo body (293 B) and with
#    a 50 KB JSON list (the answer is the body), wrk c50, without and with Accept-Encoding: gzip:
#    req/s, server CPU per request, bytes on the wire;
#  - HTTPS: the JDK engine (the one that serves TLS) with a self-signed RSA 2048 certificate made by
#    openssl, GET /api/hello at c50 on keep-alive connections and with a new connection (a full
#    handshake) per request, against the same engine on plain HTTP and against Javalin 6's HTTPS
#    (a Jetty 11 SSL connector, bench/http/JavalinHello.java) with the same certificate.
# Writes its section of BENCHMARKS.md.
#
#   bench/http/compression.sh             # from the repository root; about 3 minutes
# Environment: BENCH_JAVA_HOMES, BENCH_SECONDS=2 BENCH_ROUNDS=3, BENCH_OUT=BENCHMARKS.md.
# Only 127.0.0.1 and ports 21700-21719 are used; every wait is bounded; servers are killed on exit.
set -u
cd "$(dirname "$0")/../.."
. bench/http/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

SECS=${BENCH_SECONDS:-2}; ROUNDS=${BENCH_ROUNDS:-3}
OUT=${BENCH_OUT:-BENCHMARKS.md}
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_need_tools
command -v openssl >/dev/null || bench_die "openssl is needed for the HTTPS part"
HOMES=$(bench_java_homes)

make -s api.jar >/dev/null || bench_die "make api.jar failed"
TMP=$BENCH_DIR/compression && rm -rf "$TMP" && mkdir -p "$TMP"
ROWS=$TMP/rows.md && : > "$ROWS"
TLS_ROWS=$TMP/tls-rows.md && : > "$TLS_ROWS"
python3 -c 'import json; print(json.dumps([{"id": i, "name": "user %d" % i, "email": "user%d@example.com" % i, "active": i % 3 == 0, "score": i * 7 % 101} for i in range(600)]))' \
    > "$BENCH_DIR/list50k.json" || bench_die "cannot write the 50 KB list"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" -days 2 -subj /CN=localhost \
    >/dev/null 2>&1 || bench_die "openssl could not make a certificate"
openssl pkcs12 -export -in "$TMP/cert.pem" -inkey "$TMP/key.pem" -out "$TMP/keystore.p12" -passout pass:changeit \
    || bench_die "openssl could not make a keystore"
# Javalin 6 (Jetty 11) with the same certificate, as engines.sh fetches it (Maven Central, once)
LIB=$PWD/$BENCH_DIR/lib
if [ ! -f "$LIB/javalin/.done" ]; then
    rm -rf "$LIB/javalin" && mkdir -p "$LIB/javalin"
    mvn -q -B -f bench/http/pom.xml -P javalin org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
        -DoutputDirectory="$LIB/javalin" || bench_die "cannot fetch javalin with mvn"
    touch "$LIB/javalin/.done"
fi
mkdir -p "$TMP/classes"
"$(echo "$HOMES" | awk '{ print $1 }')/bin/javac" --release 17 -encoding UTF-8 -cp "$LIB/javalin/*" -d "$TMP/classes" \
    bench/http/JavalinHello.java || bench_die "cannot compile JavalinHello"
OPTS=$(run_sh_opts)

# median SC PORT PID [env...]: "rps cpu_us_per_request" medians of ROUNDS wrk runs
median_of() {
    sc=$1; port=$2; pid=$3; shift 3
    (
        [ $# -gt 0 ] && export "$@" # wrk.lua and run_wrk read them
        for _ in $(seq "$ROUNDS"); do run_wrk "$port" "$sc" "$SECS" "$pid"; done
    ) | awk '{ print $1, $6 }' > "$TMP/runs"
    echo "$(awk '{ print $1 }' "$TMP/runs" | median) $(awk '{ print $2 }' "$TMP/runs" | median)"
}
wire_bytes() { curl -s -o /dev/null -w '%{size_download}' --data-binary @"$2" -H 'Content-Type: application/json' ${3:+-H "Accept-Encoding: $3"} "http://127.0.0.1:$1/api/echo"; }
start_tls() {
    log=$1; port=$2; shift 2
    "$@" >"$log" 2>&1 &
    SERVER_PID=$!; BENCH_PIDS="$BENCH_PIDS $SERVER_PID"
    for _ in $(seq 600); do
        [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 1 "https://127.0.0.1:$port/api/hello")" = 200 ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; bench_die "TLS server on port $port exited"; }
        sleep 0.05
    done
    bench_die "TLS server on port $port gave no 200 within 30 s"
}

idx=0
for home in $HOMES; do
    java=$home/bin/java; f=$(java_feature "$java")
    p=$((21700 + idx * 5))
    echo "== JDK $f: gzip"
    # shellcheck disable=SC2086
    start_server "$TMP/gzip-$p.log" "$p" "$java" $OPTS -jar api.jar --host 127.0.0.1 --port "$p" --gzip-min 0
    gpid=$SERVER_PID
    run_wrk "$p" list-c50 "$SECS" >/dev/null # warm-up
    for sc in echo-c50 list-c50; do
        body=$(scenario_body "$sc")
        run_wrk "$p" "$sc" "$SECS" >/dev/null # warm-up of this body, both ways
        BENCH_ACCEPT_ENCODING=gzip run_wrk "$p" "$sc" "$SECS" >/dev/null
        : > "$TMP/id" && : > "$TMP/gz"
        for _ in $(seq "$ROUNDS"); do # interleaved, so that drift in the machine's load falls on both
            run_wrk "$p" "$sc" "$SECS" "$gpid" | awk '{ print $1, $6 }' >> "$TMP/id"
            BENCH_ACCEPT_ENCODING=gzip run_wrk "$p" "$sc" "$SECS" "$gpid" | awk '{ print $1, $6 }' >> "$TMP/gz"
        done
        read -r id_rps id_cpu < <(echo "$(awk '{ print $1 }' "$TMP/id" | median) $(awk '{ print $2 }' "$TMP/id" | median)")
        read -r gz_rps gz_cpu < <(echo "$(awk '{ print $1 }' "$TMP/gz" | median) $(awk '{ print $2 }' "$TMP/gz" | median)")
        id_bytes=$(wire_bytes "$p" "$body"); gz_bytes=$(wire_bytes "$p" "$body" gzip)
        awk -v f="$f" -v sc="$sc" -v ir="$id_rps" -v gr="$gz_rps" -v ic="$id_cpu" -v gc="$gz_cpu" -v ib="$id_bytes" -v gb="$gz_bytes" 'BEGIN {
            printf "| JDK %s | %s | %d → %d B (%.0f %%) | %.0f | %.0f | %.2f | %.1f | %.1f | %+.1f µs |\n", f, (sc == "echo-c50" ? "echo" : "list, 50 KB"),
                ib, gb, 100 * gb / ib, ir, gr, (ir > 0 ? gr / ir : 0), ic, gc, gc - ic }' >> "$ROWS"
    done
    stop_server "$gpid"
    echo "== JDK $f: HTTPS"
    # shellcheck disable=SC2086
    start_server "$TMP/plain-$p.log" $((p + 1)) "$java" $OPTS -jar api.jar --host 127.0.0.1 --port $((p + 1)) --engine jdk
    ppid=$SERVER_PID
    run_wrk $((p + 1)) hello-c50 "$SECS" >/dev/null
    read -r plain_ka _ < <(median_of hello-c50 $((p + 1)) "$ppid")
    read -r plain_new _ < <(median_of hello-c50 $((p + 1)) "$ppid" BENCH_CLOSE=1)
    stop_server "$ppid"
    # shellcheck disable=SC2086
    start_tls "$TMP/tls-$p.log" $((p + 2)) "$java" $OPTS -jar api.jar --host 127.0.0.1 --port $((p + 2)) \
        --tls-cert "$TMP/cert.pem" --tls-key "$TMP/key.pem"
    tpid=$SERVER_PID
    BENCH_SCHEME=https run_wrk $((p + 2)) hello-c50 "$SECS" >/dev/null
    read -r tls_ka tls_ka_cpu < <(median_of hello-c50 $((p + 2)) "$tpid" BENCH_SCHEME=https)
    read -r tls_new tls_new_cpu < <(median_of hello-c50 $((p + 2)) "$tpid" BENCH_SCHEME=https BENCH_CLOSE=1)
    stop_server "$tpid"
    # shellcheck disable=SC2086
    start_tls "$TMP/javalin-$p.log" $((p + 4)) "$java" $OPTS -cp "$TMP/classes:$LIB/javalin/*" JavalinHello \
        --port $((p + 3)) --tls-port $((p + 4)) "$TMP/keystore.p12" changeit
    jpid=$SERVER_PID
    BENCH_SCHEME=https run_wrk $((p + 4)) hello-c50 "$SECS" >/dev/null
    read -r jv_ka jv_ka_cpu < <(median_of hello-c50 $((p + 4)) "$jpid" BENCH_SCHEME=https)
    read -r jv_new jv_new_cpu < <(median_of hello-c50 $((p + 4)) "$jpid" BENCH_SCHEME=https BENCH_CLOSE=1)
    stop_server "$jpid"
    awk -v f="$f" -v pk="$plain_ka" -v tk="$tls_ka" -v pn="$plain_new" -v tn="$tls_new" -v tkc="$tls_ka_cpu" -v tnc="$tls_new_cpu" \
        -v jk="$jv_ka" -v jn="$jv_new" -v jkc="$jv_ka_cpu" -v jnc="$jv_new_cpu" 'BEGIN {
        printf "| JDK %s | %.0f | %.0f (%.2f) | %.1f µs | %.0f | %.0f (%.2f) | %.0f µs | %.0f, %.1f µs (%.2f) | %.0f, %.0f µs (%.2f) |\n", f, pk, tk, (pk > 0 ? tk / pk : 0), tkc, pn, tn, (pn > 0 ? tn / pn : 0), tnc,
            jk, jkc, (jk > 0 ? tk / jk : 0), jn, jnc, (jn > 0 ? tn / jn : 0) }' >> "$TLS_ROWS"
    idx=$((idx + 1))
done

ELAPSED=$(( $(date +%s) - STARTED ))
SECTION=$TMP/section.md
{
    echo "<!-- make bench compression: begin (generated by bench/http/compression.sh; edit outside these markers) -->"
    echo "## Compression and HTTPS: latest run"
    echo
    echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), in $((ELAPSED / 60)) min $((ELAPSED % 60)) s; $(nproc) CPUs; load average before the run: $LOAD_BEFORE."
    echo "JVM flags: \`$OPTS\`. wrk -t1 -c50, ${SECS} s, median of $ROUNDS; CPU is the server's user + system time per request."
    echo
    echo "gzip (own engine, \`--gzip-min 0\` so that the echo body, under 1 KiB, is compressed too, which by default it is not): \`POST /api/echo\`, whose answer is the body, without and with \`Accept-Encoding: gzip\`."
    echo
    echo "| JDK | body | bytes on the wire | req/s identity | req/s gzip | ratio | CPU µs/req identity | gzip | gzip's cost |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    cat "$ROWS"
    echo
    echo "HTTPS (the JDK's engine, which serves TLS; a self-signed RSA 2048 certificate): \`GET /api/hello\` on keep-alive connections, and with \`Connection: close\` (a new connection, so a full TLS handshake, per request), against the same engine on plain HTTP, and Javalin 6's HTTPS (Jetty 11, the same certificate and JVM flags)."
    echo
    echo "| JDK | keep-alive req/s, HTTP | HTTPS (ratio) | HTTPS CPU/req | new connection per request, HTTP | HTTPS = handshakes/s (ratio) | HTTPS CPU/handshake | Javalin 6 HTTPS keep-alive: req/s, CPU/req (apiroutes / Javalin) | Javalin handshakes/s, CPU/handshake (apiroutes / Javalin) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    cat "$TLS_ROWS"
    echo "<!-- make bench compression: end -->"
} > "$SECTION"
write_section "$OUT" "$SECTION" "make bench compression"
cat "$SECTION"
echo "== compression done in ${ELAPSED} s; results in $OUT"
