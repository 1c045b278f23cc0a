#!/usr/bin/env bash
# CaseGrid: a scale-out cluster on this machine — 2 pure silo processes and 2 API host processes (Orleans
# clients) on one private PostgreSQL, each process on its own loopback ports. For failover and scale-out tests.
#
# Usage: deploy/cluster.sh start|stop|status|endpoints|kill-silo N|start-silo N|kill-api N|start-api N
#
#   start         PostgreSQL (instance "cluster"), build src/Silo + src/Api (Release), start what is not running,
#                 wait until silos answer /health/live, API hosts /health/ready and the demo case is readable
#   stop          stop the 4 processes (SIGTERM, after 20 s SIGKILL), then the cluster's PostgreSQL
#   status        which processes are alive, their health, the Orleans membership table (exit 0 = all healthy, 3 = not)
#   endpoints     print the endpoints file (shell syntax: API1=..., SILO1_HTTP=..., PG=...)
#   kill-silo N   SIGKILL silo N (1 or 2), for failure tests;  start-silo N  start it again and wait for it
#   launch-silo N start silo N and return at once, without waiting (to kill a silo during its own start-up)
#   kill-api N    SIGKILL API host N;                           start-api N   start it again and wait for it
#
# Silos and API hosts speak mutual TLS with certificates from the local authority deploy/certs.sh makes (.local/pki);
# the silos apply the schema as the migration role, and every process connects to PostgreSQL as the application role.
#
# Processes (all ClusterId casegrid-local, HTTP on 127.0.0.1):
#   silo1  silo port 11111, gateway 30000, http://127.0.0.1:5181/health/live, loads the demo through api1's REST API
#   silo2  silo port 11112, gateway 30001, http://127.0.0.1:5182/health/live
#   api1   http://127.0.0.1:5081   (Development, POST /dev/token enabled)
#   api2   http://127.0.0.1:5082   (same development signing key, <dir>/dev-signing.key: a token from one host works on the other)
#
# Environment:
#   CASEGRID_CLUSTER_DIR     logs, pid files, endpoints.env and the binaries the processes run
#                            (default: <repo>/.local/cluster)
#   CASEGRID_CLUSTER_PGPORT  PostgreSQL port (default: 55435; data folder .local/pgdata-cluster, db casegrid_cluster)
#   CASEGRID_CLUSTER_WAIT    seconds to wait for the cluster to become healthy (default: 90)
#   CASEGRID_CLUSTER_PORT_OFFSET  added to every port above (default: 0), so two clusters on one machine keep apart
#
# Each process runs from a copy of its build output (<dir>/app/silo, <dir>/app/api), taken by `start` when
# nothing is running, so a rebuild of src/ by someone else does not change binaries under running processes.
# Logs: <dir>/silo1.log ... (appended, one header per start); pids: <dir>/silo1.pid ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

export CASEGRID_PGNAME="cluster"
export CASEGRID_PGPORT="${CASEGRID_CLUSTER_PGPORT:-55435}"
export CASEGRID_PGDB="casegrid_cluster"

DIR="${CASEGRID_CLUSTER_DIR:-$CASEGRID_REPO/.local/cluster}"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
WAIT_SECONDS="${CASEGRID_CLUSTER_WAIT:-90}"
STOP_SECONDS=20
CLUSTER_ID="casegrid-local"
SERVICE_ID="casegrid"
HOST="127.0.0.1"
DEMO_CASE="case-demo-ola"

ALL=(silo1 silo2 api1 api2)
OFF="${CASEGRID_CLUSTER_PORT_OFFSET:-0}"
SILO_PORT=([1]=$((11111 + OFF)) [2]=$((11112 + OFF)))
GATEWAY_PORT=([1]=$((30000 + OFF)) [2]=$((30001 + OFF)))
SILO_HTTP=([1]=$((5181 + OFF)) [2]=$((5182 + OFF)))
API_HTTP=([1]=$((5081 + OFF)) [2]=$((5082 + OFF)))

log() { printf 'cluster.sh: %s\n' "$*" >&2; }
die() { printf 'cluster.sh: error: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs_since() { local t0="$1" t1; t1="$(now_ms)"; printf '%d.%01d' $(( (t1 - t0) / 1000 )) $(( (t1 - t0) % 1000 / 100 )); }

# ---------------------------------------------------------------- process table

kind_of() { case "$1" in silo[12]) echo silo ;; api[12]) echo api ;; *) die "unknown process '$1'" ;; esac; }
index_of() { echo "${1: -1}"; }
http_port_of() {
    local n; n="$(index_of "$1")"
    if [ "$(kind_of "$1")" = silo ]; then echo "${SILO_HTTP[$n]}"; else echo "${API_HTTP[$n]}"; fi
}
url_of() { echo "http://$HOST:$(http_port_of "$1")"; }
health_path_of() { if [ "$(kind_of "$1")" = silo ]; then echo /health/live; else echo /health/ready; fi; }
app_dir_of() { echo "$DIR/app/$(kind_of "$1")"; }
dll_of() { if [ "$(kind_of "$1")" = silo ]; then echo CaseGrid.Silo.dll; else echo CaseGrid.Api.dll; fi; }
pid_file_of() { echo "$DIR/$1.pid"; }
log_file_of() { echo "$DIR/$1.log"; }
ports_of() {
    local n; n="$(index_of "$1")"
    if [ "$(kind_of "$1")" = silo ]; then echo "${SILO_HTTP[$n]} ${SILO_PORT[$n]} ${GATEWAY_PORT[$n]}"; else echo "${API_HTTP[$n]}"; fi
}

# The pid of a running process, or nothing (a stale pid file, or a pid reused by something else, counts as not running).
pid_of() {
    local f pid
    f="$(pid_file_of "$1")"
    [ -f "$f" ] || return 1
    pid="$(cat "$f" 2>/dev/null || true)"
    case "$pid" in ''|*[!0-9]*) return 1 ;; esac
    kill -0 "$pid" 2>/dev/null || return 1
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$(dll_of "$1")" || return 1
    fi
    echo "$pid"
}
alive() { pid_of "$1" >/dev/null; }

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true; }

port_busy() {
    if command -v ss >/dev/null 2>&1; then
        ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
    fi
}

# ---------------------------------------------------------------- build, start, stop

pg_url() { deploy/pg.sh url; }
migrations_url() { deploy/pg.sh url migration; }

build_and_snapshot() {
    local t0; t0="$(now_ms)"
    log "building src/Silo and src/Api (Release)"
    # Build output goes to stderr: stdout carries only the summary.
    casegrid_build_copies "$DIR/app.new" silo=src/Silo api=src/Api || die "the build failed"
    rm -rf "$DIR/app"
    mv "$DIR/app.new" "$DIR/app"
    log "built in $(secs_since "$t0") s"
}

# Start one process in the background, in its own session, with its app folder as working directory.
start_proc() {
    local name="$1" conn="$2" n kind dir logf pidf p
    n="$(index_of "$name")"; kind="$(kind_of "$name")"
    dir="$(app_dir_of "$name")"; logf="$(log_file_of "$name")"; pidf="$(pid_file_of "$name")"
    [ -f "$dir/$(dll_of "$name")" ] || die "$dir/$(dll_of "$name") is missing; run: $0 start"
    for p in $(ports_of "$name"); do
        ! port_busy "$p" || die "port $p (for $name) is in use by another process: $(ss -Hltnp "sport = :$p" 2>/dev/null | head -n 1)"
    done
    local -a envs=(
        "ASPNETCORE_ENVIRONMENT=Development"
        "ConnectionStrings__casegrid=$conn"
        "CaseGrid__Cluster__ClusterId=$CLUSTER_ID"
        "CaseGrid__Cluster__ServiceId=$SERVICE_ID"
    )
    local -a secrets
    mapfile -t secrets < <(deploy/certs.sh env "$kind")
    envs+=("${secrets[@]}")
    if [ "$kind" = silo ]; then
        envs+=(
            "ConnectionStrings__migrations=$(migrations_url)"
            "CaseGrid__Cluster__SiloPort=${SILO_PORT[$n]}"
            "CaseGrid__Cluster__GatewayPort=${GATEWAY_PORT[$n]}"
            "CaseGrid__Silo__AdvertisedAddress=$HOST"
            "CaseGrid__Silo__HostApi=false"
            "CaseGrid__Silo__SeedDemo=$([ "$n" = 1 ] && echo true || echo false)"
            "CaseGrid__Silo__DemoApiUrl=$(url_of api1)"
        )
    else
        # Both API hosts sign and check with one key, made on first start and readable by this user only.
        envs+=("CaseGrid__Auth__DevIssuerEnabled=true" "CaseGrid__Auth__DevSigningKeyFile=$DIR/dev-signing.key")
    fi
    rm -f "$pidf"
    printf '\n===== %s: starting %s (%s) at %s\n' "$(date -u +%FT%TZ)" "$name" "$(url_of "$name")" "$dir" >>"$logf"
    # The inner shell writes its own pid, then becomes dotnet: the pid file holds the server's pid.
    setsid bash -c 'echo $$ >"$1"; cd "$2" || exit 1; shift 2; exec env "$@"' _ "$pidf" "$dir" \
        "${envs[@]}" dotnet "$(dll_of "$name")" --urls "$(url_of "$name")" \
        </dev/null >>"$logf" 2>&1 &
    local deadline=$(( $(now_ms) + 5000 ))
    until [ -s "$pidf" ]; do
        [ "$(now_ms)" -lt "$deadline" ] || die "$name did not start (log: $logf)"
        sleep 0.05
    done
    log "started $name (pid $(cat "$pidf"), log $logf)"
}

# Wait until every named process answers its health endpoint with 200; fail early if one exits.
wait_healthy() {
    local deadline="$1"; shift
    local -a pending=("$@")
    local name code t0
    t0="$(now_ms)"
    while [ "${#pending[@]}" -gt 0 ]; do
        local -a still=()
        for name in "${pending[@]}"; do
            if ! alive "$name"; then
                tail -n 40 "$(log_file_of "$name")" >&2 || true
                die "$name exited during start-up (log: $(log_file_of "$name"))"
            fi
            code="$(http_code "$(url_of "$name")$(health_path_of "$name")" 2)"
            if [ "$code" = 200 ]; then
                log "$name healthy after $(secs_since "$t0") s ($(url_of "$name")$(health_path_of "$name"))"
            else
                still+=("$name")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        if [ "${#pending[@]}" -eq 0 ]; then break; fi
        if [ "$(now_ms)" -ge "$deadline" ]; then
            for name in "${pending[@]}"; do tail -n 20 "$(log_file_of "$name")" >&2 || true; done
            die "not healthy within ${WAIT_SECONDS}s: ${pending[*]} (the rest keeps running; $0 stop cleans up)"
        fi
        sleep 0.5
    done
}

dev_token() { # dev_token API_URL USER_ID
    curl -s --max-time 5 -X POST "$1/dev/token" -H 'Content-Type: application/json' -d "{\"userId\":\"$2\"}" \
        | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

# Silo 1 loads the demo in the background after it joins: wait until the demo case reads through an API host.
wait_demo() {
    local deadline="$1" api token code
    api="$(url_of api1)"
    while :; do
        token="$(dev_token "$api" u-kari || true)"
        if [ -n "$token" ]; then
            code="$(http_code_auth "$api/api/v1/cases/$DEMO_CASE" "$token")"
            if [ "$code" = 200 ]; then log "demo case $DEMO_CASE readable"; return 0; fi
        fi
        [ "$(now_ms)" -lt "$deadline" ] || die "demo case $DEMO_CASE not readable within ${WAIT_SECONDS}s (see $(log_file_of silo1))"
        sleep 0.5
    done
}
http_code_auth() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $2" "$1" 2>/dev/null || true; }

# SIGTERM, wait up to STOP_SECONDS, then SIGKILL; pid files removed.
stop_procs() {
    local name pid
    local -a running=()
    for name in "$@"; do
        if pid="$(pid_of "$name")"; then
            kill -TERM "$pid" 2>/dev/null || true
            running+=("$name:$pid")
        else
            rm -f "$(pid_file_of "$name")"
        fi
    done
    [ "${#running[@]}" -gt 0 ] || return 0
    local deadline=$(( $(now_ms) + STOP_SECONDS * 1000 )) t0 entry left
    t0="$(now_ms)"
    while :; do
        left=0
        for entry in "${running[@]}"; do
            if kill -0 "${entry#*:}" 2>/dev/null; then left=1; fi
        done
        if [ "$left" -eq 0 ]; then break; fi
        [ "$(now_ms)" -lt "$deadline" ] || break
        sleep 0.2
    done
    for entry in "${running[@]}"; do
        name="${entry%%:*}"; pid="${entry#*:}"
        if kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) still running after ${STOP_SECONDS}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        else
            log "stopped $name (pid $pid)"
        fi
        rm -f "$(pid_file_of "$name")"
    done
    log "stopped ${#running[@]} process(es) in $(secs_since "$t0") s"
}

write_endpoints() {
    local conn="$1" f="$DIR/endpoints.env"
    {
        echo "# CaseGrid local cluster (deploy/cluster.sh); shell syntax, source it."
        echo "CLUSTER_ID=$CLUSTER_ID"
        echo "API1=$(url_of api1)"
        echo "API2=$(url_of api2)"
        local n
        for n in 1 2; do
            echo "SILO${n}_HTTP=$(url_of "silo$n")"
            echo "SILO${n}_PORT=${SILO_PORT[$n]}"
            echo "SILO${n}_GATEWAY=${GATEWAY_PORT[$n]}"
        done
        echo "PG='$conn'"
        echo "LOG_DIR=$DIR"
    } >"$f.tmp"
    mv "$f.tmp" "$f"
}

print_summary() {
    local api1 api2
    api1="$(url_of api1)"; api2="$(url_of api2)"
    cat <<INFO

  CaseGrid cluster "$CLUSTER_ID" is up (2 silos, 2 API hosts, PostgreSQL $HOST:$CASEGRID_PGPORT db $CASEGRID_PGDB)
    API host 1:   $api1        (ready: $api1/health/ready, OpenAPI: $api1/openapi/v1.json)
    API host 2:   $api2        (ready: $api2/health/ready)
    Silo 1:       silo $HOST:${SILO_PORT[1]}, gateway ${GATEWAY_PORT[1]}, $(url_of silo1)/health/live  (loaded the demo)
    Silo 2:       silo $HOST:${SILO_PORT[2]}, gateway ${GATEWAY_PORT[2]}, $(url_of silo2)/health/live
    Logs + pids:  $DIR/{silo1,silo2,api1,api2}.{log,pid}
    Endpoints:    $DIR/endpoints.env  (source it: API1, API2, SILO1_HTTP, SILO1_PORT, SILO1_GATEWAY, ..., PG)

  A token for a demo user (u-kari kontaktbetjent, u-lars friomsorg, u-ingrid and u-sofie Bergen kommune, u-nora NAV,
  u-ola the person, u-per/u-mette/u-arne/u-jon unit leaders); both hosts accept it:
    TOKEN=\$(curl -s -X POST $api1/dev/token -H 'Content-Type: application/json' \\
            -d '{"userId":"u-kari","displayName":"Kari Nilsen"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
    curl -s -H "Authorization: Bearer \$TOKEN" $api2/api/v1/cases/$DEMO_CASE

  Failure tests: $0 kill-silo 2; $0 start-silo 2; $0 status.  Stop all: $0 stop

INFO
}

# ---------------------------------------------------------------- commands

cmd_start() {
    local t0 name
    t0="$(now_ms)"
    mkdir -p "$DIR"
    local -a missing=()
    for name in "${ALL[@]}"; do alive "$name" || missing+=("$name"); done
    if [ "${#missing[@]}" -eq 0 ]; then
        log "already running (${ALL[*]}); $0 status shows their health"
        print_summary
        return 0
    fi
    casegrid_need_dotnet
    deploy/pg.sh start
    local conn; conn="$(pg_url)"
    if [ "${#missing[@]}" -eq "${#ALL[@]}" ] || [ ! -d "$DIR/app" ]; then
        build_and_snapshot
    else
        log "some processes are running; starting only ${missing[*]} from the existing binaries in $DIR/app"
    fi
    write_endpoints "$conn"

    local deadline=$(( $(now_ms) + WAIT_SECONDS * 1000 )) t1
    t1="$(now_ms)"
    local -a silos=() apis=()
    for name in "${missing[@]}"; do
        case "$name" in silo*) silos+=("$name") ;; api*) apis+=("$name") ;; esac
    done
    # Silos first (they apply the schema under an advisory lock, so both may start together); the API hosts,
    # being Orleans clients, then find the silos' gateways in the membership table.
    for name in "${silos[@]+"${silos[@]}"}"; do start_proc "$name" "$conn"; done
    wait_healthy "$deadline" silo1 silo2
    log "silos up in $(secs_since "$t1") s"
    for name in "${apis[@]+"${apis[@]}"}"; do start_proc "$name" "$conn"; done
    wait_healthy "$deadline" api1 api2
    wait_demo "$deadline"
    log "cluster healthy in $(secs_since "$t1") s after the build ($(secs_since "$t0") s in all)"
    print_summary
}

cmd_stop() {
    mkdir -p "$DIR"
    # API hosts first, so the silos' last act is not answering clients that are going away anyway.
    stop_procs api1 api2
    stop_procs silo1 silo2
    deploy/pg.sh stop
}

cmd_status() {
    local name pid code ok=0
    printf '%-6s %-8s %-6s %-40s %s\n' NAME PID STATE HEALTH CODE
    for name in "${ALL[@]}"; do
        if pid="$(pid_of "$name")"; then
            code="$(http_code "$(url_of "$name")$(health_path_of "$name")" 6)"
            [ "$code" = 200 ] || ok=3
            printf '%-6s %-8s %-6s %-40s %s\n' "$name" "$pid" alive "$(url_of "$name")$(health_path_of "$name")" "${code:-000}"
        else
            ok=3
            printf '%-6s %-8s %-6s %-40s %s\n' "$name" - dead "$(url_of "$name")$(health_path_of "$name")" -
        fi
    done
    echo
    if deploy/pg.sh status >/dev/null 2>&1; then
        echo "PostgreSQL: running on $HOST:$CASEGRID_PGPORT (db $CASEGRID_PGDB)"
        echo "Orleans membership ($CLUSTER_ID; status 3 = Active, 6 = Dead):"
        deploy/pg.sh psql -q -P pager=off -c \
            "SELECT address, port, proxyport AS gateway, generation, status, siloname, iamalivetime
               FROM orleansmembershiptable WHERE deploymentid = '$CLUSTER_ID' ORDER BY port, generation" 2>/dev/null \
            || echo "  (no membership table yet)"
    else
        ok=3
        echo "PostgreSQL: not running ($HOST:$CASEGRID_PGPORT)"
    fi
    return "$ok"
}

check_n() { case "${1:-}" in 1|2) ;; *) die "give 1 or 2 (got '${1:-}')" ;; esac; }

zombie() { [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

cmd_kill() { # cmd_kill NAME
    local name="$1" pid
    if ! pid="$(pid_of "$name")"; then
        rm -f "$(pid_file_of "$name")"
        log "$name is not running"
        return 0
    fi
    kill -KILL "$pid"
    local deadline=$(( $(now_ms) + 5000 ))
    # Dead once gone or a zombie: the process that reaps it may take seconds, and the silo is dead long before.
    while kill -0 "$pid" 2>/dev/null && ! zombie "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.02; done
    rm -f "$(pid_file_of "$name")"
    printf '\n===== %s: %s killed (SIGKILL) by cluster.sh\n' "$(date -u +%FT%TZ)" "$name" >>"$(log_file_of "$name")"
    log "killed $name (pid $pid, SIGKILL) at $(date -u +%T.%3NZ)"
}

cmd_start_one() { # cmd_start_one NAME [nowait]
    local name="$1" wait="${2:-wait}" t0
    mkdir -p "$DIR"
    if alive "$name"; then
        log "$name is already running (pid $(pid_of "$name"))"
        return 0
    fi
    [ -d "$DIR/app" ] || die "no binaries in $DIR/app; run: $0 start"
    deploy/pg.sh status >/dev/null 2>&1 || die "the cluster's PostgreSQL is not running; run: $0 start"
    t0="$(now_ms)"
    start_proc "$name" "$(pg_url)"
    [ "$wait" = wait ] || return 0
    wait_healthy $(( $(now_ms) + WAIT_SECONDS * 1000 )) "$name"
    log "$name healthy in $(secs_since "$t0") s"
}

usage() {
    awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"
}

main() {
    local cmd="${1:-}"
    [ $# -gt 0 ] && shift
    case "$cmd" in
        start)      cmd_start ;;
        stop)       cmd_stop ;;
        status)     cmd_status ;;
        endpoints)  [ -f "$DIR/endpoints.env" ] || die "no $DIR/endpoints.env; run: $0 start"; cat "$DIR/endpoints.env" ;;
        kill-silo)  check_n "${1:-}"; cmd_kill "silo$1" ;;
        start-silo) check_n "${1:-}"; cmd_start_one "silo$1" ;;
        launch-silo) check_n "${1:-}"; cmd_start_one "silo$1" nowait ;;
        kill-api)   check_n "${1:-}"; cmd_kill "api$1" ;;
        start-api)  check_n "${1:-}"; cmd_start_one "api$1" ;;
        -h|--help|help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
