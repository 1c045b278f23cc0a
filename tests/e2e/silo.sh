#!/usr/bin/env bash
# The e2e CaseGrid host: start | stop | ready. run.sh sets the environment; the tests call it to stop and restart
# the server (connection banner, catch-up). CASEGRID_E2E_SEED_DEMO=false starts it without the demo (an empty
# database, set up through the browser alone).
set -euo pipefail
: "${CASEGRID_REPO:?}" "${CASEGRID_URL:?}" "${CASEGRID_E2E_CONN:?}" "${CASEGRID_E2E_MIGRATIONS:?}" "${CASEGRID_E2E_PIDFILE:?}" "${CASEGRID_E2E_LOG:?}"

case "${1:-}" in
    start)
        if curl -s -o /dev/null --max-time 2 "$CASEGRID_URL/health/ready"; then
            echo "e2e: something already answers on $CASEGRID_URL; stop it first" >&2
            exit 1
        fi
        mapfile -t secrets < <("$CASEGRID_REPO/deploy/certs.sh" env silo)
        (
            cd "$CASEGRID_REPO/src/Silo/bin/Release/net10.0"
            export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__casegrid="$CASEGRID_E2E_CONN" CaseGrid__Silo__SeedDemo="${CASEGRID_E2E_SEED_DEMO:-true}"
            export ConnectionStrings__migrations="$CASEGRID_E2E_MIGRATIONS"
            # One key across the restarts the tests make, so the browser's token stays good.
            export CaseGrid__Auth__DevSigningKeyFile="$CASEGRID_REPO/.local/e2e-dev-signing.key"
            export CaseGrid__Cluster__SiloPort="${CASEGRID_E2E_SILO_PORT:-11121}" CaseGrid__Cluster__GatewayPort="${CASEGRID_E2E_GATEWAY_PORT:-30011}"
            exec env "${secrets[@]}" dotnet CaseGrid.Silo.dll --urls "$CASEGRID_URL"
        ) >>"$CASEGRID_E2E_LOG" 2>&1 </dev/null &
        echo $! >"$CASEGRID_E2E_PIDFILE"
        ;;
    stop)
        pid="$(cat "$CASEGRID_E2E_PIDFILE" 2>/dev/null || true)"
        [ -n "$pid" ] || exit 0
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$CASEGRID_E2E_PIDFILE"
        ;;
    ready)
        # Ready when the demo is loaded (or was there already) and its case can be read; a demo that failed to load
        # fails the run here rather than as puzzling test failures later. Without the demo: when it answers ready.
        pid="$(cat "$CASEGRID_E2E_PIDFILE")"
        for _ in $(seq 1 180); do
            kill -0 "$pid" 2>/dev/null || { echo "e2e: CaseGrid exited; see $CASEGRID_E2E_LOG" >&2; tail -30 "$CASEGRID_E2E_LOG" >&2; exit 1; }
            if [ "${CASEGRID_E2E_SEED_DEMO:-true}" = "false" ]; then
                curl -sf -o /dev/null --max-time 5 "$CASEGRID_URL/health/ready" && exit 0
                sleep 1
                continue
            fi
            if grep -q "Loading the demo failed" "$CASEGRID_E2E_LOG"; then
                echo "e2e: the demo did not load; see $CASEGRID_E2E_LOG" >&2
                grep -A3 "Loading the demo failed" "$CASEGRID_E2E_LOG" >&2
                exit 1
            fi
            token="$(curl -s -X POST "$CASEGRID_URL/dev/token" -H 'Content-Type: application/json' -d '{"userId":"u-kari"}' 2>/dev/null \
                | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' || true)"
            if grep -qE "Demo case case-demo-ola (loaded|is already there)" "$CASEGRID_E2E_LOG" && [ -n "$token" ] && curl -sf -o /dev/null -H "Authorization: Bearer $token" "$CASEGRID_URL/api/v1/cases/case-demo-ola"; then
                exit 0
            fi
            sleep 1
        done
        echo "e2e: CaseGrid did not become ready; see $CASEGRID_E2E_LOG" >&2
        tail -30 "$CASEGRID_E2E_LOG" >&2
        exit 1
        ;;
    *) echo "usage: silo.sh start|stop|ready" >&2; exit 2 ;;
esac
