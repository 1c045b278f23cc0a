#!/usr/bin/env bash
# CaseGrid browser tests: start a CaseGrid of their own (private PostgreSQL "e2e" on 55436, the silo host on
# http://127.0.0.1:5095 with its own cluster ports, the demo loaded afresh), run the tests in Debian's Chromium
# with Node's test runner (e2e.test.mjs, and rules.test.mjs: leaving prison and meetings as held), stop it, then
# start it again on an empty database without the demo and run the caseload set up through the browser alone
# (empty.test.mjs). Extra arguments go to `node --test`.
#   E2E_SKIP_BUILD=1  reuse the existing Release build of the silo (the web app is still built and copied in)
#   E2E_ONLY=demo|empty  run only one of the two parts
#   CASEGRID_E2E_PGPORT, CASEGRID_E2E_HTTP_PORT, CASEGRID_E2E_SILO_PORT, CASEGRID_E2E_GATEWAY_PORT
#                     other ports than 55436, 5095, 11121 and 30011, so two runs on one machine keep apart
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/common.sh"
cd "$CASEGRID_REPO"

export CASEGRID_PGNAME="e2e" CASEGRID_PGPORT="${CASEGRID_E2E_PGPORT:-55436}" CASEGRID_PGDB="casegrid_e2e"
PORT="${CASEGRID_E2E_HTTP_PORT:-5095}"
BASE="http://127.0.0.1:$PORT"

casegrid_need_dotnet
casegrid_need_node
casegrid_need_chromium
casegrid_need_pdftotext
casegrid_build_web
if [ "${E2E_SKIP_BUILD:-}" != "1" ]; then
    dotnet build src/Silo/CaseGrid.Silo.csproj -c Release -v quiet -nologo
else
    rm -rf src/Silo/bin/Release/net10.0/web && mkdir -p src/Silo/bin/Release/net10.0/web
    cp -R src/Web/dist/. src/Silo/bin/Release/net10.0/web/
fi
casegrid_npm_ci "$CASEGRID_REPO/tests/e2e"

export CASEGRID_REPO CASEGRID_URL="$BASE"
export CASEGRID_E2E_SILO_PORT="${CASEGRID_E2E_SILO_PORT:-11121}" CASEGRID_E2E_GATEWAY_PORT="${CASEGRID_E2E_GATEWAY_PORT:-30011}"
export CASEGRID_E2E_LOG="$CASEGRID_REPO/.local/e2e-silo.log" CASEGRID_E2E_PIDFILE="$CASEGRID_REPO/.local/e2e-silo.pid"
mkdir -p "$CASEGRID_REPO/.local"
: >"$CASEGRID_E2E_LOG"

stop_all() {
    "$CASEGRID_REPO/tests/e2e/silo.sh" stop || true
    "$CASEGRID_REPO/deploy/pg.sh" stop >/dev/null 2>&1 || true
}
trap stop_all EXIT

# A fresh database every run: the previous run's is dropped and made again empty; the silo applies the schema (as the
# migration role) when it starts.
fresh_database() {
    export CASEGRID_PGDB="$1"
    deploy/pg.sh reset
    export CASEGRID_E2E_CONN="$(deploy/pg.sh url)" CASEGRID_E2E_MIGRATIONS="$(deploy/pg.sh url migration)"
}
deploy/certs.sh make

# One part: a fresh database, the host with or without the demo, one test file, the host stopped again.
status=0
run_part() {
    local database="$1" demo="$2" file="$3"
    shift 3
    fresh_database "$database"
    export CASEGRID_E2E_SEED_DEMO="$demo"
    tests/e2e/silo.sh start
    tests/e2e/silo.sh ready
    local failed=0
    # A test that hangs fails after 15 minutes (and the run goes on) rather than holding CI to its limit.
    # shellcheck disable=SC2086 # one or more test files, split on spaces
    (cd tests/e2e && node --test --test-concurrency=1 --test-timeout=900000 "$@" $file) || failed=$?
    if [ "$failed" != 0 ]; then
        status=$failed
        # What the host said while the tests failed, for a failure seen only in CI.
        echo "e2e: the host's warnings and errors ($CASEGRID_E2E_LOG):" >&2
        grep -E -A4 "^(warn|fail|crit):" "$CASEGRID_E2E_LOG" | tail -200 >&2 || true
    fi
    tests/e2e/silo.sh stop
}

[ "${E2E_ONLY:-}" = "empty" ] || run_part casegrid_e2e true "e2e.test.mjs rules.test.mjs" "$@"
# The same host on an empty database without the demo: everything is set up through the browser.
[ "${E2E_ONLY:-}" = "demo" ] || run_part casegrid_e2e_empty false empty.test.mjs "$@"
exit $status
