#!/usr/bin/env bash
# make test-deploy: two apiroutes instances behind nginx (deploy/nginx.conf, only its ports and
# file paths changed), on 127.0.0.1 only. Under a steady wrk load of GETs and POSTs:
#   1. a rolling restart (SIGTERM one, start it again, then the other): no request may fail;
#   2. one instance killed with SIGKILL: how many requests failed, and nginx stops sending to it.
# Also builds and smoke-tests the runtime image (make image), and ./run.sh in a copy of the tree (built at
# its first start, not at the next, again when a handler changed). Installs nginx and wrk from Debian's
# packages when they are missing (as root). Under a minute on an idle machine;
# every process it starts is stopped on exit (DEPLOY_KEEP=1 keeps its logs). Ends with one line:
# N passed, M failed, K skipped.
set -u
cd "$(dirname "$0")/../.."

GRACE=10
work=$(mktemp -d /tmp/apiroutes-deploy.XXXXXX)
passed=0 failed=0 skipped=0
nginx_pid="" wrk_pid="" pid1="" pid2=""

cleanup() {
    for p in $wrk_pid $pid1 $pid2 $nginx_pid; do kill "$p" 2>/dev/null; done
    for p in $wrk_pid $pid1 $pid2 $nginx_pid; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
    wait 2>/dev/null
    [ -n "${DEPLOY_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
finish() {
    if [ "$failed" -gt 0 ]; then
        echo "nginx's error log, last lines:"; tail -n 5 "$work/nginx-error.log" 2>/dev/null
        echo "the instances' logs, but their route tables:"; grep -hv '^  /api\|^apiroutes ready' "$work"/instance*.log 2>/dev/null | tail -n 20
    fi
    echo "test-deploy: $passed passed, $failed failed, $skipped skipped"; echo "$passed passed, $failed failed, $skipped skipped"; exit $(( failed > 0 )); }

# shellcheck source=deploy/test/lib.sh
. deploy/test/lib.sh
if ! need nginx nginx || ! need wrk wrk || ! need curl curl; then
    echo "SKIP nginx, wrk or curl missing and not installable here"
    skipped=3
    finish
fi

make -s build/test.stamp >"$work/make.log" 2>&1 || { cat "$work/make.log"; fail "build"; finish; }

free_ports 3 || { fail "three free ports"; finish; }
port1=$base port2=$((base + 1)) portn=$((base + 2))
setup_instances

# stop_instance N SIGNAL: signals instance N and waits for it (at most GRACE + 10 s); sets exit_code, stop_ms.
stop_instance() {
    local pid t0
    pid=$(eval echo "\$pid$1")
    t0=$(date +%s%N)
    [ "$2" != KILL ] || disown "$pid" 2>/dev/null # no "Killed" line from bash; its exit code is not needed
    kill "-$2" "$pid"
    exit_code=timeout
    for _ in $(seq $(( (GRACE + 10) * 20 ))); do
        if ! kill -0 "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null; exit_code=$?; break; fi
        sleep 0.05
    done
    stop_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    eval "pid$1="
}

# serves_again PORT SINCE_MS: waits (at most 15 s) until nginx logged a 2xx from that instance after SINCE_MS.
serves_again() {
    local until=$(( $(now_ms) + 15000 ))
    while [ "$(now_ms)" -lt "$until" ]; do
        tail -c 100000 "$work/access.log" | awk -v p="127.0.0.1:$1" -v t="$2" \
            '$1 * 1000 > t && $NF == p && $3 ~ /^2/ { found = 1; exit } END { exit !found }' && return 0
        sleep 0.1
    done
    return 1
}

start_nginx "$portn" "$port1" "$port2" || { cat "$work/nginx.out"; fail "nginx starts"; finish; }
check "deploy/nginx.conf is run as shipped, $nginx_changed lines changed (ports, files, access log)" [ "$nginx_changed" -eq 6 ]
start_instance 1 "$port1" || { cat "$work/instance1.log"; fail "instance 1 starts"; finish; }
start_instance 2 "$port2" || { cat "$work/instance2.log"; fail "instance 2 starts"; finish; }
echo "instances on 127.0.0.1:$port1 and :$port2, nginx on :$portn, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"

n="http://127.0.0.1:$portn"
check "GET through nginx: 200" [ "$(curl -s -o /dev/null -w '%{http_code}' "$n/api/child/hello")" = 200 ]
check "POST through nginx: 200 with the body echoed" \
    [ "$(curl -s -H 'Content-Type: application/json' -d '{"a":1}' "$n/api/child/echo")" = '{"a":1}' ]
check "the health paths are not served through nginx (404), and served by the instance (200)" \
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$n/readyz")$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port1/livez")" = 404200 ]
# The client comes from 127.0.0.3; nginx, from 127.0.0.1, is the one proxy the instances trust.
client=$(curl -s --interface 127.0.0.3 -H 'X-Forwarded-For: 203.0.113.9' -H 'Forwarded: for=198.51.100.7' "$n/api/child/client")
check "behind nginx the client is the one nginx saw, whatever it claims ($client)" \
    [ "$client" = "{\"client\":\"127.0.0.3\",\"peer\":\"127.0.0.1\",\"origin\":\"http://127.0.0.1:$portn\"}" ]
direct=$(curl -s -H 'X-Forwarded-For: 203.0.113.9' "http://127.0.0.1:$port1/api/child/client" --interface 127.0.0.3)
check "straight to an instance, a forwarded header is not believed ($direct)" \
    [ "$direct" = "{\"client\":\"127.0.0.3\",\"peer\":\"127.0.0.3\",\"origin\":\"http://127.0.0.1:$port1\"}" ]
body=$(head -c 1048577 /dev/zero | tr '\0' 'a')
check "a body over 1 MiB is refused by nginx with 413, as apiroutes would" \
    [ "$(printf %s "$body" | curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary @- "$n/api/child/echo")" = 413 ]

# ---- the runtime image of make image (jlink) serves
if deploy/image.sh >"$work/image.log" 2>&1; then pass "$(grep '^PASS' "$work/image.log" | cut -c6-)"; else cat "$work/image.log"; fail "make image"; fi
grep '^image:' "$work/image.log"

# ---- ./run.sh in a copy of the tree: builds api.jar on its first start, starts without make while
# nothing changed, builds again when a handler changed
tree=$work/tree
mkdir -p "$tree" && tar --exclude=./.git --exclude=./build --exclude=./api.jar -cf - . | tar -xf - -C "$tree"
# run_sh LOG: starts the copy's ./run.sh on a free loopback port, output to LOG, and prints the body of
# its /api/hello (empty when it did not start within 120 s); stops it.
run_sh() {
    (cd "$tree" && exec ./run.sh --host 127.0.0.1 --port 0) >"$1" 2>&1 &
    local pid=$! port=
    for _ in $(seq 1200); do
        port=$(sed -n 's|^apiroutes [^ ]* ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' "$1")
        [ -n "$port" ] || ! kill -0 $pid 2>/dev/null && break
        sleep 0.1
    done
    [ -n "$port" ] && curl -s --max-time 5 "http://127.0.0.1:$port/api/hello"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
}
built() { grep -q '^api.jar: [0-9]* bytes' "$1"; }
hello=$(run_sh "$work/run-sh-1.log")
check "./run.sh in a fresh tree builds api.jar and serves /api/hello ($hello)" \
    eval 'built "$work/run-sh-1.log" && [ "$hello" = "{\"message\":\"Hello from Java!\"}" ]'
# what an older run.sh remembered: two lines (the java and its flags), which this one reads as stale
printf '%s\n%s\n' "$(head -n 1 "$tree/build/jvm-opts")" "-XX:+UseSerialGC" > "$tree/build/jvm-opts"
hello=$(run_sh "$work/run-sh-2.log")
check "./run.sh again, nothing changed: serves without building, and asks the JVM again about a remembered set of flags that is not its own" \
    eval '! built "$work/run-sh-2.log" && [ "$hello" = "{\"message\":\"Hello from Java!\"}" ] && [ "$(wc -l < "$tree/build/jvm-opts")" = 3 ]'
sed -i 's/Hello from Java!/Hello again!/' "$tree/api/Hello.java"
hello=$(run_sh "$work/run-sh-3.log")
check "./run.sh after api/Hello.java changed: builds again and serves the new answer ($hello)" \
    eval 'built "$work/run-sh-3.log" && [ "$hello" = "{\"message\":\"Hello again!\"}" ]'

# ---- 1. rolling restart under load
sleep 0.5 # nginx flushes its log every 200 ms: what came before stays out of the counts
: >"$work/access.log"
wrk -t2 -c32 -d120s --timeout 10s -s deploy/test/mixed.lua "$n/" >"$work/wrk1.txt" 2>&1 &
wrk_pid=$!
sleep 3
ok=1
for i in 1 2; do
    port=$(eval echo "\$port$i")
    stop_instance "$i" TERM
    echo "$(date +%T.%N | cut -c1-12) instance $i: SIGTERM -> exit $exit_code after $stop_ms ms"
    [ "$exit_code" = 143 ] || ok=0
    t=$(now_ms)
    start_instance "$i" "$port" || { ok=0; cat "$work/instance$i.log"; break; }
    serves_again "$port" "$t" || { ok=0; echo "instance $i got no traffic from nginx within 15 s"; }
    echo "$(date +%T.%N | cut -c1-12) instance $i: ready again in $(( $(now_ms) - t )) ms, taking traffic"
done
sleep 2
kill -INT "$wrk_pid"; wait "$wrk_pid"; wrk_pid=""
sleep 0.5
wrk1=$(grep '^WRK ' "$work/wrk1.txt")
echo "rolling restart: $wrk1"
# 499 is nginx's note that wrk, stopped at the end, closed a connection: not counted as failed.
counts() { awk '{ n[$2]++; if ($3 !~ /^2|499/) { bad[$2]++; s[$2 " " $3]++ } } END { for (m in n) printf "%s %d (non-2xx %d) ", m, n[m], bad[m] + 0; for (k in s) printf "[%s: %d] ", k, s[k] }' "$work/access.log"; }
echo "rolling restart, nginx's log: $(counts)"
retried=$(awk 'NF > 4 { r[$2]++ } END { for (m in r) printf "%s %d ", m, r[m] }' "$work/access.log")
echo "rolling restart: retried on the other instance by nginx (refused connections): ${retried:-none}"
check "rolling restart: both instances stopped with SIGTERM (143) and came back" [ "$ok" = 1 ]
none_failed() { [[ $1 =~ non2xx=0\ connect=0\ read=0\ write=0\ timeout=0 ]] && awk '$3 !~ /^2|499/ { exit 1 }' "$work/access.log"; }
check "rolling restart: zero failed requests and zero non-2xx answers, GETs and POSTs" none_failed "$wrk1"

# ---- 2. SIGKILL under load
sleep 0.5
: >"$work/access.log"
wrk -t2 -c32 -d120s --timeout 10s -s deploy/test/mixed.lua "$n/" >"$work/wrk2.txt" 2>&1 &
wrk_pid=$!
sleep 3
killed=$(date +%s.%N)
stop_instance 1 KILL
sleep 6
kill -INT "$wrk_pid"; wait "$wrk_pid"; wrk_pid=""
sleep 0.5
wrk2=$(grep '^WRK ' "$work/wrk2.txt")
echo "SIGKILL: $wrk2"
echo "SIGKILL, nginx's log: $(counts)"
after=$(awk -v p="127.0.0.1:$port1" -v t="$killed" '$1 > t + 1 && $NF == p' "$work/access.log" | wc -l)
tries=$(awk -v p="127.0.0.1:$port1," -v t="$killed" '$1 > t && NF > 4 && $4 == p' "$work/access.log" | wc -l)
lost=$(awk '$3 !~ /^2|499/' "$work/access.log" | wc -l)
echo "SIGKILL: $lost request(s) failed (in flight on the killed instance; nginx does not retry a POST it sent);"
echo "  afterwards nginx tried the killed instance $tries time(s), each retried on the other, and answered none from it"
check "SIGKILL: nginx stopped sending to the killed instance (0 answers from it after 1 s)" [ "$after" -eq 0 ]
check "SIGKILL: the other instance served on (over 1000 2xx)" \
    [ "$(awk -v p="127.0.0.1:$port2" '$NF == p && $3 ~ /^2/' "$work/access.log" | wc -l)" -gt 1000 ]

finish
