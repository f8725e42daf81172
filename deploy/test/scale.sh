#!/usr/bin/env bash
# Requests per second on this machine (BENCHMARKS.md, "Scaling"): straight to one instance, then
# through nginx (deploy/nginx.conf, access log off) to one and to two instances. GET
# /api/child/hello with wrk -t2 -c64 (SCALE_SECONDS, 10 s, after 3 s of warm-up), on 127.0.0.1 only;
# the CPU that nginx, the instances and wrk used during each run, and the instances' largest RSS.
# Run it on a quiet machine: everything shares its cores. JAVA_HOME picks the JDK.
set -u
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/apiroutes-scale.XXXXXX)
nginx_pid="" pid1="" pid2=""
cleanup() {
    for p in $pid1 $pid2 $nginx_pid; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# shellcheck source=deploy/test/lib.sh
. deploy/test/lib.sh
seconds=${SCALE_SECONDS:-10}

need nginx nginx && need wrk wrk && need curl curl || { echo "scale: nginx, wrk and curl are needed"; exit 1; }
make -s api.jar build/test.stamp >"$work/make.log" 2>&1 || { cat "$work/make.log"; exit 1; }
setup_instances
free_ports 3 || { echo "scale: no free ports"; exit 1; }
port1=$base port2=$((base + 1)) portn=$((base + 2))
start_instance 1 "$port1" && start_instance 2 "$port2" || { cat "$work"/instance*.log; exit 1; }

ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# run NAME URL PIDS...: warm-up, then a measured wrk run; prints req/s, p99 and the CPU (in cores) of each part.
run() {
    local name=$1 url=$2 n0 j0 w0 n1 j1 peak=0 r p
    wrk -t2 -c64 -d3s "$url" >/dev/null 2>&1
    n0=$(ticks $nginx_workers) j0=$(ticks "$pid1" "$pid2")
    wrk -t2 -c64 -d"${seconds}s" --latency "$url" >"$work/wrk.txt" 2>&1 &
    local wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
        for p in $pid1 $pid2; do r=$(rss "$p"); [ "$r" -gt "$peak" ] && peak=$r; done
        w0=$(ticks "$wrk_pid")
        sleep 0.2
    done
    wait "$wrk_pid"
    n1=$(ticks $nginx_workers) j1=$(ticks "$pid1" "$pid2")
    local rps p99 errors
    rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
    errors=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$work/wrk.txt")
    cores() { awk -v t="$1" -v s="$seconds" 'BEGIN { printf "%.2f", t / 100 / s }'; }
    echo "| $name | $rps | $p99 | $(cores $((n1 - n0))) | $(cores $((j1 - j0))) | $(cores "${w0:-0}") | $peak | ${errors:-none} |"
}

echo "Java: $("$JAVA" -version 2>&1 | sed -n 2p); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c64 -d${seconds}s GET /api/child/hello"
echo "| path | req/s | p99 | nginx CPU (cores) | instances CPU (cores) | wrk CPU (cores) | largest instance RSS (MB) | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
nginx_workers=""
run "straight to one instance" "http://127.0.0.1:$port1/api/child/hello"
for n in 1 2; do
    if [ "$n" = 1 ]; then NGINX_LOG=off start_nginx "$portn" "$port1"; else NGINX_LOG=off start_nginx "$portn" "$port1" "$port2"; fi
    nginx_workers="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"
    run "nginx, $n instance(s)" "http://127.0.0.1:$portn/api/child/hello"
    kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null
    for _ in $(seq 50); do port_free "$portn" && break; sleep 0.1; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
