#!/usr/bin/env bash
# CaseGrid: failover under load, measured. On deploy/cluster.sh's layout (2 silos, 2 API hosts, their own PostgreSQL)
# members edit fresh cases at about 200 edits/s over the hub and REST while watchers on both API hosts only watch;
# a silo is SIGKILLed N times (default 20): 10 s, 3 s and 6 s after its restart, and during its own start-up. Prints
# each kill and the distribution of the time until the killed silo's cases accept writes again, and fails if any
# watcher was not current within 5 s of any kill or any answer was untrue (a write answered "not done" that happened,
# a write applied twice).
#
# Usage: deploy/failover-bench.sh [N]
#
# The same drill runs in the test command with 10 kills (LiveFailoverTests). Ports and data: as deploy/cluster.sh
# (CASEGRID_CLUSTER_PGPORT, CASEGRID_CLUSTER_PORT_OFFSET); the cluster is started and stopped by the drill.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

trials="${1:-20}"
case "$trials" in ''|*[!0-9]*) echo "failover-bench.sh: give a number of kills (got '$trials')" >&2; exit 2 ;; esac
out="$CASEGRID_REPO/.local/failover-bench-$(date -u +%Y%m%d-%H%M%S).log"
mkdir -p "$CASEGRID_REPO/.local"

casegrid_need_dotnet
dotnet build tests/CaseGrid.Api.Tests -c Release -v quiet -nologo >&2
status=0
CASEGRID_FAILOVER_TRIALS="$trials" CASEGRID_FAILOVER_STRICT=1 dotnet test tests/CaseGrid.Api.Tests -c Release --no-build \
    --filter "FullyQualifiedName~LiveFailoverTests" --logger "console;verbosity=detailed" >"$out" 2>&1 || status=$?
# The drill's own lines, once each, in order.
sed -n '/Standard Output Messages:/,$p' "$out" | grep -E '^\s*(trial [0-9]+:|writes accepted|every watcher|    )' | sed 's/^ //' || true
grep -E '^(Passed|Failed)!|Total tests|Passed:|Failed:' "$out" | head -n 4 || true
echo "failover-bench.sh: full output in $out" >&2
exit "$status"
