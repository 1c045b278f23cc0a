#!/usr/bin/env bash
# CaseGrid: run every test. Starts its own private PostgreSQL (separate data folder and port from the run
# script's) and its own Azurite (the Azure Storage emulator, for the tests of the Azure Storage provider), runs the
# whole solution's tests against them, and stops them again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

export CASEGRID_PGNAME="test"
export CASEGRID_PGPORT="${CASEGRID_TEST_PGPORT:-55433}"
export CASEGRID_PGDB="casegrid_test"

casegrid_need_dotnet
casegrid_build_web
(cd src/Web && npm run --silent test)

export CASEGRID_AZURITE_NAME="test"
# Its own ports too (beside a run-local.sh Azurite of the same worktree): blob, queue and table from base + 10.
export CASEGRID_AZURITE_PORT_BASE="${CASEGRID_TEST_AZURITE_PORT_BASE:-$(( ${CASEGRID_AZURITE_PORT_BASE:-10000} + 10 ))}"
deploy/pg.sh start
trap 'deploy/pg.sh stop || true; deploy/azurite.sh stop || true' EXIT
deploy/azurite.sh start
export CASEGRID_TEST_CONNECTION="$(deploy/pg.sh url)"
export CASEGRID_TEST_MIGRATION_CONNECTION="$(deploy/pg.sh url migration)"
export CASEGRID_TEST_AZURE_CONNECTION="$(deploy/azurite.sh url)"

# A test that hangs ends its test run after 15 minutes (no single test takes near that), naming the test, instead of
# holding the whole run until CI's limit.
hang=(--blame-hang-timeout 15m --blame-hang-dump-type none)
dotnet test CaseGrid.sln -c Release --logger "console;verbosity=normal" "${hang[@]}" "$@"
# The grain and API tests again with their hosts on Azure Storage alone (Azurite): grain state, reminders, the event
# log, keys, the feed's order, partner index, idempotency keys, audit, webhooks and mail there. Tests that look into
# PostgreSQL itself, or drive deploy/cluster.sh's processes (on PostgreSQL), carry Store=PostgreSQL; the Azure stores'
# own tests (Store=Azure) ran above.
CASEGRID_TEST_STORAGE=azure dotnet test tests/CaseGrid.Grains.Tests -c Release --no-build --logger "console;verbosity=normal" "${hang[@]}" \
    --filter "Store!=PostgreSQL&Store!=Azure"
CASEGRID_TEST_STORAGE=azure dotnet test tests/CaseGrid.Api.Tests -c Release --no-build --logger "console;verbosity=normal" "${hang[@]}" \
    --filter "Store!=PostgreSQL&Store!=Azure"
deploy/pg.sh stop || true
deploy/azurite.sh stop || true
trap - EXIT

# The browser tests in real Chromium, against a CaseGrid of their own (other ports, their own PostgreSQL).
tests/e2e/run.sh

# Network faults and a rolling upgrade on a real cluster under load (deploy/faults.sh, network namespaces): as root
# only, about 8 minutes. CASEGRID_TEST_FAULTS=0 leaves them out; where namespaces cannot be made they are left out
# with a notice (exit 3).
if [ "${CASEGRID_TEST_FAULTS:-1}" != 0 ]; then
    status=0
    deploy/faults.sh run || status=$?
    case "$status" in
        0) ;;
        3) echo "test.sh: the network faults were left out: deploy/faults.sh cannot run on this machine (see above)" >&2 ;;
        *) exit "$status" ;;
    esac
fi
