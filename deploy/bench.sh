#!/usr/bin/env bash
# CaseGrid: the benchmark harness in one command. Starts a private PostgreSQL, builds CaseGrid, the harness and the
# bare SignalR hub (Release), installs the Hocuspocus peer (npm ci), runs the scenarios as separate processes on
# this machine, prints the figures and markdown tables, and stops everything it started.
#
# Usage: deploy/bench.sh [--scenarios LIST] [--systems LIST] [--seconds N] [--warmup N] [more harness flags]
#
#   --scenarios   meeting,fanout,board,throughput,idle,cold,faults,work or all (default all); curve only
#                 when named (all,curve: both)
#                   meeting  (a) 1 group of 10, 4 editing, presence heartbeats
#                   fanout   (b) 1,000 connections in groups of 10
#                   board    (c) one group of 200 (a national handover board)
#                   throughput (f) sustained durable edits/s: --writers N (default 64) in flight over
#                            --throughput-cases N (default 200) cases; p50/p99 from send to acknowledgement
#                   idle     (d) N cases activated and idle (--idle-cases): memory per active case, each case a copy
#                            of a plan made through REST (--idle-template realistic: 35 events
#                            from five units, or small: 7)
#                   curve    the cost curve (CaseGrid; the bare hub too when --systems names it): one group of
#                            --curve-groups 10,100,1000 members at --curve-rate 20 edits/s by 4 editors; then
#                            --curve-cases 1000,10000,100000 active cases (copies of the --idle-template plan) with
#                            --writers hub writers, each on its own case among them (100,000 cases: about 15
#                            minutes more on two cores)
#                   cold     (e) cold activation of cases with 1,000 and 10,000 events: latency to first read
#                   work     (g) what needs me: a user with --work-user-cases (200) among --work-cases (100,000)
#                            active cases; reading the list, and an item reaching the open page at --work-rate (200)/s
#                   faults   the server process killed, CaseGrid and Hocuspocus side by side; then on 2 silos +
#                            2 API hosts: kill a silo, kill an API host, restart PostgreSQL, pause a client for 30 s
#   --storage     postgresql (default) or azure: CaseGrid on Azure Storage alone, in a private Azurite (instance
#                 "bench", ports from CASEGRID_BENCH_AZURITE_PORT_BASE, default 10460; emptied each run) — for
#                 throughput, cold and the fan-out scenarios (idle, work and faults copy rows in PostgreSQL)
#   --systems     casegrid,bare,hocuspocus or all (default all): which systems run (a)-(c) and (f) (Hocuspocus not (f))
#   --seconds N   measured seconds per fan-out scenario (default 20), after --warmup N (default 5); the first one on
#                 each freshly started server after --host-warmup N (default 60): a .NET host's JIT optimises its hot
#                 paths in its first minute
#   --meeting-rate / --fanout-rate / --board-rate   edits per second in (a)/(b)/(c) (default 5 / 200 / 20)
#   --idle-gcdump PATH  (d) writes a heap dump of the silo host (dotnet-gcdump at PATH) after the first 1,000 cases
#                 and after all, into <dir>/out; `dotnet-gcdump report FILE` lists types by size
#   --idle-cases N (default 20000; the issue's figure is for 100000, about 7 minutes more)   --cold-events N (default 1000) --cold-cases N (20) --cold-large-events N (10000) --cold-large-cases N (5)   --pause N seconds (default 30)
#
# Environment:
#   CASEGRID_BENCH_PGNAME   PostgreSQL instance name (default bench; data in .local/pgdata-bench)
#   CASEGRID_BENCH_PGPORT   its port (default 55445)
#   CASEGRID_BENCH_DIR      binaries, logs and results (default <repo>/.local/bench)
#   CASEGRID_BENCH_KEEP_PG  1 = leave PostgreSQL running afterwards
#   CASEGRID_BENCH_KEEP_DATA 1 = keep the bench database of earlier runs (by default each run starts from an empty one)
#   CASEGRID_BENCH_PORT_OFFSET  added to every port below (default 0), so two runs can share the machine
# Ports used: HTTP 5200-5299, Orleans silo 11200-11299 and gateway 30200-30299 (all 127.0.0.1), each plus the offset.
#
# The default run takes about twenty minutes on two cores ((g) activates 100,000 cases: about 6 of them). Results: <dir>/out/results-*.md; process logs: <dir>/out/logs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

# pg.sh reads these: the benchmark's own instance, never the one tests or the cluster use.
export CASEGRID_PGNAME="${CASEGRID_BENCH_PGNAME:-bench}" CASEGRID_PGPORT="${CASEGRID_BENCH_PGPORT:-55445}" CASEGRID_PGDB="casegrid_bench"
DIR="$(realpath -m "${CASEGRID_BENCH_DIR:-.local/bench}")"
PEER="$CASEGRID_REPO/bench/peer-hocuspocus"

log() { printf 'bench.sh: %s\n' "$*" >&2; }

# --storage azure: CaseGrid's hosts on Azure Storage alone, in a private Azurite of the benchmark's own (the other
# arguments go to the harness).
storage=postgresql
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --storage) storage="${2:?--storage needs postgresql or azure}"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- ${args[@]+"${args[@]}"}
case "$storage" in postgresql|azure) ;; *) log "--storage is postgresql or azure, not $storage"; exit 2 ;; esac
# Every port the harness uses, shifted so that two runs on one machine do not meet.
OFFSET="${CASEGRID_BENCH_PORT_OFFSET:-0}"
case "$OFFSET" in ''|*[!0-9]*) log "CASEGRID_BENCH_PORT_OFFSET is a whole number, not $OFFSET"; exit 2 ;; esac
PORTS=(--http-base $((5200 + OFFSET)) --silo-port-base $((11200 + OFFSET)) --gateway-port-base $((30200 + OFFSET)))

casegrid_need_dotnet
wants_peer=1
case " $* " in *" --systems "*) [[ " $* " == *hocuspocus* || " $* " == *" all "* ]] || wants_peer=0 ;; esac
if [ "$wants_peer" = 1 ]; then
    casegrid_need_node
    casegrid_npm_ci "$PEER"
fi

deploy/pg.sh start
# Every run starts from an empty database: what earlier runs left (hundreds of thousands of cases and their
# reminders, which a silo's reminder service loads and fires) would otherwise weigh on memory and activation.
if [ "${CASEGRID_BENCH_KEEP_DATA:-0}" != 1 ]; then deploy/pg.sh reset; fi
AZURE=()
if [ "$storage" = azure ]; then
    # Its own instance and data, emptied first: each run's tables start empty, as the database does.
    export CASEGRID_AZURITE_NAME=bench CASEGRID_AZURITE_PORT_BASE="${CASEGRID_BENCH_AZURITE_PORT_BASE:-10460}"
    deploy/azurite.sh stop >/dev/null 2>&1 || true
    rm -rf "$CASEGRID_REPO/.local/azurite-bench"
    deploy/azurite.sh start >&2
    AZURE=(--azure "$(deploy/azurite.sh url)")
fi
cleanup() {
    if [ "${CASEGRID_BENCH_KEEP_PG:-0}" != 1 ]; then deploy/pg.sh stop || true; fi
    if [ "$storage" = azure ]; then deploy/azurite.sh stop || true; fi
}
trap cleanup EXIT
CONN="$(deploy/pg.sh url)"
MIGRATIONS="$(deploy/pg.sh url migration)"
PKI="$(deploy/certs.sh dir)"

log "building src/Silo, src/Api, bench/CaseGrid.Harness and bench/CaseGrid.BareHub (Release)"
# The processes run from a copy, so a rebuild of src/ by someone else does not change binaries under a running benchmark.
casegrid_build_copies "$DIR/app" silo=src/Silo api=src/Api harness=bench/CaseGrid.Harness bare=bench/CaseGrid.BareHub
mkdir -p "$DIR/out"

log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
stamp="$(date -u +%Y%m%d-%H%M%S)"
dotnet "$DIR/app/harness/CaseGrid.Harness.dll" \
    --pg "$CONN" --pg-migrations "$MIGRATIONS" --pki "$PKI" --pg-port "$CASEGRID_PGPORT" --pg-control "$CASEGRID_REPO/deploy/pg.sh" \
    --silo-dir "$DIR/app/silo" --api-dir "$DIR/app/api" --bare-dir "$DIR/app/bare" --peer-dir "$PEER" \
    --out "$DIR/out" "${PORTS[@]}" ${AZURE[@]+"${AZURE[@]}"} "$@" 2>&1 | tee "$DIR/out/run-$stamp.log"
exit "${PIPESTATUS[0]}"
