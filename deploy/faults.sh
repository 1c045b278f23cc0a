#!/usr/bin/env bash
# CaseGrid: network faults on a real cluster, under load. Each process gets a Linux network namespace of its own and an
# address on a private bridge — PostgreSQL, 2 silos, 2 API hosts and the load (the benchmark harness) — so a fault can
# cut exactly one path. Under about 200 edits/s with watchers on both API hosts, the harness (scenario `netfaults`)
# injects each fault, proves with a probe that it holds, heals it, and checks: no acknowledged edit lost, none applied
# twice, the event log's key counting the appends it rejected (a second writer), every watcher current after the heal,
# and the errors the clients saw. Results: a markdown table (docs/reliability.md explains it).
#
# Usage: deploy/faults.sh [run] [harness flags]      build, set up, run every fault, tear down (needs root; exit 3
#                                                   when it cannot run on this machine, 1 when a fault broke a promise)
#        deploy/faults.sh check                     the namespaces and PostgreSQL alone: every fault's probe fails while
#                                                   it holds and passes when healed (seconds; no CaseGrid)
#        deploy/faults.sh cleanup                   remove what an interrupted run of this worktree left
#   used by the harness during a run (CASEGRID_FAULTS_PREFIX set):
#        deploy/faults.sh cut A B | heal            drop every packet between nodes A and B (iptables in A) | undo all
#        deploy/faults.sh slow A B                  A's link: 200 ms latency and 5 % loss (tc netem) when the kernel
#                                                   has netem, else 5 % loss each way between A and B (iptables statistic)
#                                                   and A's packets to B held 200 ms in user space (NFQUEUE, deploy/netdelay)
#        deploy/faults.sh stall-pg | resume-pg      SIGSTOP | SIGCONT the PostgreSQL server and its backends
#        deploy/faults.sh probe A B PORT            exit 0 when A reaches B:PORT within 2 s (connected, or refused by B)
#        deploy/faults.sh pg-ready A                exit 0 when PostgreSQL answers A within 3 s
#        deploy/faults.sh ping A B                  100 pings A -> B: "loss% avg_rtt_ms"
#   Nodes: pg silo1 silo2 api1 api2 client.
#
# Everything stays inside namespaces this script makes (named cgf<id>-<node>, the bridge in cgf<id>-hub, addresses
# 10.77.0.0/24 inside them); no interface, route or firewall rule of the machine itself is touched, and only processes
# inside those namespaces are ended. A trap removes them on any exit; the whole run is bounded by
# CASEGRID_FAULTS_TIMEOUT seconds (default 1200).
#
# After the faults, a rolling upgrade: each silo, then each API host, stopped (SIGTERM) and started from a second build
# under the same load.
#
# Environment: CASEGRID_FAULTS_DIR (binaries, logs, results; default <repo>/.local/faults), CASEGRID_FAULTS_NEW_BUILD (the
# build the rolling upgrade moves to: a folder with silo/ and api/; default a second copy of this tree's build).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

NET="10.77.0"
declare -A ADDR=([pg]=2 [silo1]=11 [silo2]=12 [api1]=21 [api2]=22 [client]=30)
NODES=(pg silo1 silo2 api1 api2 client)
PG_PORT=5432
DIR="$(realpath -m "${CASEGRID_FAULTS_DIR:-.local/faults}")"
# PostgreSQL's data: outside the repository, whose folders its service user may not enter.
PGDATA="/var/lib/casegrid-faults/$(printf '%s' "$CASEGRID_REPO" | md5sum | cut -c1-12)/pgdata"
STATE="$DIR/prefix"   # the namespaces' prefix of the run under way, for cleanup after an interruption

log() { printf 'faults.sh: %s\n' "$*" >&2; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { printf 'faults.sh: error: %s\n' "$*" >&2; exit 1; }
cannot() { printf 'faults.sh: cannot run on this machine: %s\n' "$*" >&2; exit 3; }
addr() { [ -n "${ADDR[$1]:-}" ] || die "unknown node '$1' (nodes: ${NODES[*]})"; echo "$NET.${ADDR[$1]}"; }
ns() { addr "$1" >/dev/null; echo "${PREFIX:?}-$1"; }
in_ns() { local n; n="$(ns "$1")"; shift; ip netns exec "$n" "$@"; }

# PostgreSQL of the run: its own data folder, outside the repository when root runs (the server's user must enter it).
pg() {
    CASEGRID_PGDATA="$PGDATA" CASEGRID_PGNAME= CASEGRID_PGPORT="$PG_PORT" CASEGRID_PGDB=casegrid_faults \
        CASEGRID_PGLISTEN="$(addr pg)" in_ns pg "$CASEGRID_REPO/deploy/pg.sh" "$@"
}

# ---------------------------------------------------------------- the namespaces

setup() {
    local hub="$PREFIX-hub" node
    ip netns add "$hub"
    ip -n "$hub" link add br0 type bridge
    ip -n "$hub" link set br0 up
    for node in "${NODES[@]}"; do
        ip netns add "$(ns "$node")"
        ip -n "$(ns "$node")" link set lo up
        # Made inside the hub with its other end straight in the node's namespace: the machine's own never sees either.
        ip -n "$hub" link add "h-$node" type veth peer name eth0 netns "$(ns "$node")"
        ip -n "$hub" link set "h-$node" master br0 up
        ip -n "$(ns "$node")" addr add "$(addr "$node")/24" dev eth0
        ip -n "$(ns "$node")" link set eth0 up
        # Faults go into a chain of their own, so healing is one flush.
        in_ns "$node" iptables -w -N CASEGRID_FAULT
        in_ns "$node" iptables -w -I INPUT -j CASEGRID_FAULT
        in_ns "$node" iptables -w -I OUTPUT -j CASEGRID_FAULT
    done
}

teardown() {
    local prefix="$1" node pids
    [ -n "$prefix" ] || return 0
    PREFIX="$prefix"
    # Only what runs inside this run's namespaces: the silos, API hosts, harness and PostgreSQL of the run.
    for node in client api1 api2 silo1 silo2; do
        if ip netns list | grep -qw "$prefix-$node"; then
            pids="$(ip netns pids "$prefix-$node" 2>/dev/null | tr '\n' ' ')"
            if [ -n "${pids// /}" ]; then
                kill -CONT $pids 2>/dev/null || true
                kill -KILL $pids 2>/dev/null || true
            fi
        fi
    done
    if ip netns list | grep -qw "$prefix-pg"; then
        resume_pg 2>/dev/null || true
        pg stop >/dev/null 2>&1 || true
        pids="$(ip netns pids "$prefix-pg" 2>/dev/null | tr '\n' ' ')"
        if [ -n "${pids// /}" ]; then kill -KILL $pids 2>/dev/null || true; fi
    fi
    for node in "${NODES[@]}" hub; do
        ip netns del "$prefix-$node" 2>/dev/null || true
    done
    rm -f "$STATE" "$DIR"/netdelay-"$prefix"-*.pid
}

# ---------------------------------------------------------------- faults (the harness calls these)

pg_pids() {
    local postmaster
    postmaster="$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null)" || return 0
    [ -n "$postmaster" ] && echo "$postmaster" $(pgrep -P "$postmaster" || true)
}

stall_pg() { local p; p="$(pg_pids)"; [ -n "$p" ] || die "PostgreSQL is not running"; kill -STOP $p; echo "$p" | wc -w; }
resume_pg() { local p; p="$(pg_pids)"; [ -z "$p" ] || kill -CONT $p; }

cut_link() {
    local a="$1" b; b="$(addr "$2")"
    in_ns "$a" iptables -w -A CASEGRID_FAULT -s "$b" -j DROP
    in_ns "$a" iptables -w -A CASEGRID_FAULT -d "$b" -j DROP
    echo "every packet between $1 and $2 dropped (iptables in $1)"
}

# Added latency without netem: the link's packets to B go to NFQUEUE, where deploy/netdelay (run in A's namespace)
# holds each for 200 ms and lets it go on in order; the loss stays iptables' own.
slow() {
    local a="$1" b; b="$(addr "$2")"
    if in_ns "$a" tc qdisc replace dev eth0 root netem delay 200ms loss 5% 2>/dev/null; then
        echo "netem: 200 ms, 5 % loss on $1's link"
        return
    fi
    in_ns "$a" iptables -w -A CASEGRID_FAULT -s "$b" -m statistic --mode random --probability 0.05 -j DROP
    in_ns "$a" iptables -w -A CASEGRID_FAULT -d "$b" -m statistic --mode random --probability 0.05 -j DROP
    if [ -x "$DIR/netdelay" ]; then
        in_ns "$a" iptables -w -A CASEGRID_FAULT -d "$b" -j NFQUEUE --queue-num 0 --queue-bypass
        local pidfile="$DIR/netdelay-$PREFIX-$a.pid"
        if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
            setsid ip netns exec "$(ns "$a")" "$DIR/netdelay" 0 200 </dev/null >>"$DIR/netdelay-$a.log" 2>&1 &
            echo $! >"$pidfile"
        fi
        echo "$1 -> $2: 200 ms added (NFQUEUE, held by deploy/netdelay; this kernel has no netem), 5 % loss each way (iptables statistic)"
    else
        echo "$1 <-> $2: 5 % loss each way (iptables statistic); no added latency: this kernel has no netem and deploy/netdelay could not be built"
    fi
}

stop_netdelay() {
    local pidfile pid
    for pidfile in "$DIR"/netdelay-"$PREFIX"-*.pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        # SIGTERM lets every held packet go before it ends.
        if kill -TERM "$pid" 2>/dev/null; then
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$pidfile"
    done
}

heal() {
    local node
    for node in "${NODES[@]}"; do
        in_ns "$node" iptables -w -F CASEGRID_FAULT
        in_ns "$node" tc qdisc del dev eth0 root 2>/dev/null || true
    done
    stop_netdelay
}

# Reachable: a connection opens, or is refused by B's kernel (nothing listens there); cut: no answer, or refused here.
probe() {
    local out
    out="$(in_ns "$1" timeout 2 bash -c "exec 3<>/dev/tcp/$(addr "$2")/$3" 2>&1)" && return 0
    case "$out" in *"Connection refused"*) return 0 ;; *) return 1 ;; esac
}

pg_ready() { in_ns "$1" timeout 3 /usr/lib/postgresql/15/bin/pg_isready -q -h "$(addr pg)" -p "$PG_PORT"; }

ping_loss() {
    in_ns "$1" ping -q -n -c 100 -i 0.01 -W 1 "$(addr "$2")" 2>/dev/null \
        | awk -F'[ /%,]+' '/packet loss/ { for (i = 1; i <= NF; i++) if ($i == "packet") loss = $(i - 1) } /^rtt/ { avg = $7 } END { printf "%s %s\n", loss, avg == "" ? "-" : avg }'
}

# ---------------------------------------------------------------- the run

# deploy/netdelay: only needed where the kernel has no netem; without it the slow link is loss alone (and says so).
build_netdelay() {
    if ! [ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || ! command -v gcc >/dev/null; then
        log "installing gcc and libnetfilter-queue-dev (Debian) to build deploy/netdelay"
        { apt-get install -y gcc libnetfilter-queue-dev || { apt-get update && apt-get install -y gcc libnetfilter-queue-dev; }; } >&2 \
            || { log "could not install them: the slow link will be loss without added latency"; return 0; }
    fi
    gcc -O2 -Wall -Wextra -Werror -o "$DIR/netdelay" deploy/netdelay/netdelay.c -lnetfilter_queue -lnfnetlink >&2 \
        || { log "deploy/netdelay did not build: the slow link will be loss without added latency"; rm -f "$DIR/netdelay"; }
}

need_tools() {
    [ "$(id -u)" -eq 0 ] || cannot "network namespaces need root"
    local missing=() tool
    for tool in ip:iproute2 iptables:iptables ping:iputils-ping; do
        command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]} (Debian)"
        { apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }; } >&2 \
            || cannot "could not install ${missing[*]}"
    fi
    ip netns add "cgf$$-try" 2>/dev/null && ip netns del "cgf$$-try" || cannot "this machine does not allow network namespaces"
    mkdir -p "$DIR"
    build_netdelay
    if [ -f "$STATE" ]; then
        log "removing what an interrupted run left ($(cat "$STATE"))"
        teardown "$(cat "$STATE")"
    fi
}

start_network() {
    PREFIX="cgf$$"
    echo "$PREFIX" >"$STATE"
    trap 'teardown "$PREFIX"' EXIT
    trap 'exit 130' INT TERM
    log "namespaces $PREFIX-{hub,$(IFS=,; echo "${NODES[*]}")} on $NET.0/24"
    setup
    mkdir -p "$(dirname "$PGDATA")"
    chmod 755 "$(dirname "$(dirname "$PGDATA")")" "$(dirname "$PGDATA")"
    pg start >&2
}

# The network alone, no CaseGrid: each fault's probe fails while it holds and passes once healed (a few seconds).
check() {
    need_tools
    start_network
    expect() { local want="$1"; shift; if "$@"; then got=open; else got=cut; fi; printf '  %-44s %s\n' "$*" "$got"; [ "$got" = "$want" ] || die "expected $want"; }
    expect open probe silo1 silo2 11111; expect open probe silo1 pg "$PG_PORT"; expect open probe api1 silo1 30000
    cut_link silo1 silo2 >/dev/null
    expect cut probe silo1 silo2 22; expect cut probe silo2 silo1 22; expect open probe silo1 pg "$PG_PORT"
    heal
    cut_link silo1 pg >/dev/null
    expect cut probe silo1 pg "$PG_PORT"; expect open probe silo2 pg "$PG_PORT"
    heal
    expect open probe silo1 pg "$PG_PORT"
    log "slow api1 <-> silo1: $(slow api1 silo1); ping api1 -> silo1: $(ping_loss api1 silo1) (loss %, avg ms)"
    heal
    log "healed: ping api1 -> silo1: $(ping_loss api1 silo1)"
    log "stall-pg: $(stall_pg) processes stopped"
    expect cut pg_ready client
    resume_pg
    expect open pg_ready client
    log "check passed"
}

run() {
    need_tools
    casegrid_need_dotnet

    log "building src/Silo, src/Api and bench/CaseGrid.Harness (Release)"
    casegrid_build_copies "$DIR/app" silo=src/Silo api=src/Api harness=bench/CaseGrid.Harness
    mkdir -p "$DIR/out"
    # The rolling upgrade restarts every process from a second build: CASEGRID_FAULTS_NEW_BUILD (a folder with silo/
    # and api/: another release's build output), else a second copy of this tree's (other files, the same code).
    if [ -n "${CASEGRID_FAULTS_NEW_BUILD:-}" ]; then
        cp -a "$CASEGRID_FAULTS_NEW_BUILD" "$DIR/app/new"
    else
        mkdir -p "$DIR/app/new"
        cp -a "$DIR/app/silo" "$DIR/app/new/silo"
        cp -a "$DIR/app/api" "$DIR/app/new/api"
    fi
    local pki; pki="$(deploy/certs.sh dir)"

    start_network
    pg reset >&2
    local conn migrations
    conn="$(pg url)"
    migrations="$(pg url migration)"

    local stamp; stamp="$(date -u +%Y%m%d-%H%M%S)"
    log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
    set +e
    CASEGRID_FAULTS_PREFIX="$PREFIX" timeout --kill-after=30 "${CASEGRID_FAULTS_TIMEOUT:-1200}" \
        ip netns exec "$PREFIX-client" dotnet "$DIR/app/harness/CaseGrid.Harness.dll" --scenarios netfaults --systems casegrid \
        --pg "$conn" --pg-migrations "$migrations" --pki "$pki" --pg-port "$PG_PORT" --pg-control "$CASEGRID_REPO/deploy/pg.sh" \
        --silo-dir "$DIR/app/silo" --api-dir "$DIR/app/api" --bare-dir "$DIR/app/silo" --peer-dir "$DIR/app" \
        --out "$DIR/out" --net-control "$CASEGRID_REPO/deploy/faults.sh" --net-subnet "$NET" --pg-log "$PGDATA.run/postgres.log" --new-build "$DIR/app/new" \
        "$@" 2>&1 | tee "$DIR/out/run-$stamp.log"
    local status="${PIPESTATUS[0]}"
    set -e
    [ "$status" -ne 124 ] || log "the run did not end within ${CASEGRID_FAULTS_TIMEOUT:-1200} s and was stopped"
    return "$status"
}

case "${1:-run}" in
    run) shift || true; run "$@" ;;
    check) check ;;
    cleanup) [ -f "$STATE" ] && teardown "$(cat "$STATE")"; log "clean" ;;
    cut|slow|heal|stall-pg|resume-pg|probe|pg-ready|ping)
        PREFIX="${CASEGRID_FAULTS_PREFIX:?set by deploy/faults.sh run}"
        command="$1"; shift
        export PATH="$PATH:/usr/lib/postgresql/15/bin"
        case "$command" in
            cut) cut_link "$@" ;;
            slow) slow "$@" ;;
            heal) heal ;;
            stall-pg) stall_pg ;;
            resume-pg) resume_pg ;;
            probe) probe "$@" ;;
            pg-ready) pg_ready "$@" ;;
            ping) ping_loss "$@" ;;
        esac ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac
