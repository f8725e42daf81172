# Shared by deploy/test/run.sh and deploy/test/scale.sh (sourced, bash): instances of the test
# fixtures and nginx with deploy/nginx.conf, on 127.0.0.1 only. The caller sets $work (a temporary
# folder), and kills what these start on exit (their pids: $nginx_pid, $pid1, $pid2, ...).

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PATH=$PATH:/usr/sbin

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# need COMMAND PACKAGE: installs the package with apt-get (as root) when the command is missing.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $2" >&2
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" || { apt-get update -qq \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; }; } >"$work/apt-$2.log" 2>&1
    fi
    command -v "$1" >/dev/null 2>&1
}

# free_ports N: sets $base to a port from which N ports are free, in 21400-21499.
free_ports() {
    local i ok
    for _ in $(seq 30); do
        base=$((21400 + RANDOM % (100 - $1))) ok=1
        for i in $(seq 0 $(($1 - 1))); do port_free $((base + i)) || ok=0; done
        [ "$ok" = 1 ] && return 0
    done
    return 1
}

# The fixtures of test/fixtures/api/child, found by ServiceLoader from a services file of their own; run.sh's
# JVM flags, as the instances of a deployment have them; and the server's DEBUG log (a connection it
# drops, say), which run.sh shows when a check fails.
setup_instances() {
    mkdir -p "$work/cp/META-INF/services"
    printf 'api.child.Hello\napi.child.Echo\napi.child.Client\n' >"$work/cp/META-INF/services/io.apiroutes.ApiHandler"
    printf 'handlers=java.util.logging.ConsoleHandler\njava.util.logging.ConsoleHandler.level=ALL\nio.apiroutes.level=ALL\n' \
        >"$work/logging.properties"
    opts="$(sed -n 's/^DEFAULT_OPTS="\(.*\)"$/\1/p' run.sh | head -1) -Djava.util.logging.config.file=$work/logging.properties"
}

# start_instance N PORT: starts instance N and waits (at most 30 s) until /readyz answers 200; sets pidN.
start_instance() {
    # shellcheck disable=SC2086
    "$JAVA" $opts -cp "build/classes:build/test:$work/cp" io.apiroutes.cli.Main --host 127.0.0.1 --port "$2" \
        --shutdown-grace "${GRACE:-10}" --trust-proxy 127.0.0.1 >>"$work/instance$1.log" 2>&1 &
    eval "pid$1=$!"
    local until=$(( $(now_ms) + 30000 ))
    while [ "$(now_ms)" -lt "$until" ]; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$2/readyz")" = 200 ] && return 0
        sleep 0.1
    done
    return 1
}

# start_nginx LISTEN_PORT UPSTREAM_PORT...: nginx with deploy/nginx.conf, where only the listen and
# upstream ports, the pid file, the error log and an access log for the counts are changed (a
# second upstream port left out removes its server line). Sets nginx_pid and nginx_changed (lines).
start_nginx() {
    local listen=$1 second='/127\.0\.0\.1:3002/d'
    [ -z "${3:-}" ] || second="s|127\.0\.0\.1:3002|127.0.0.1:$3|"
    sed -e "s|^pid .*|pid $work/nginx.pid;|" \
        -e "s|^error_log .*|error_log $work/nginx-error.log warn;|" \
        -e "s|127\.0\.0\.1:3001|127.0.0.1:$2|" -e "$second" \
        -e "s|listen 80;|listen 127.0.0.1:$listen;|" \
        -e "s|access_log off;|log_format deploy '\$msec \$request_method \$status \$upstream_addr'; access_log ${NGINX_LOG:-$work/access.log deploy buffer=64k flush=200ms};|" \
        deploy/nginx.conf >"$work/nginx.conf"
    nginx_changed=$(diff deploy/nginx.conf "$work/nginx.conf" | grep -c '^>')
    nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' >"$work/nginx.out" 2>&1 &
    nginx_pid=$!
    for _ in $(seq 100); do port_free "$listen" || return 0; sleep 0.1; done
    return 1
}
