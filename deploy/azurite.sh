#!/usr/bin/env bash
# CaseGrid: a private Azurite (Microsoft's local Azure Storage emulator, npm package pinned in deploy/azurite) on
# loopback, for running and testing CaseGrid with CaseGrid:Storage:Provider=AzureStorage.
#
# Usage: deploy/azurite.sh start|stop|status|url
#
#   start   install the pinned Azurite if missing, start it (idempotent), wait until its table service answers
#   stop    stop the Azurite this script started for this data folder (by its pid file)
#   status  exit 0 when it runs, 3 when not
#   url     print the storage connection string (Azurite's well-known development account) for its ports
#
# Environment:
#   CASEGRID_AZURITE_NAME       a name that keeps several instances of one repo apart (e.g. "test")
#   CASEGRID_AZURITE_PORT_BASE  blob port; queue is +1, table +2 (default 10000)
# Data lives in <repo>/.local/azurite[-NAME] (its log beside it, azurite.log); it listens on 127.0.0.1 only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NAME="${CASEGRID_AZURITE_NAME:-}"
DATA="$CASEGRID_REPO/.local/azurite${NAME:+-$NAME}"
BASE="${CASEGRID_AZURITE_PORT_BASE:-10000}"
BLOB=$BASE QUEUE=$((BASE + 1)) TABLE=$((BASE + 2))
PIDFILE="$DATA/azurite.pid"
# Azurite's published development account (the same in every Azurite): not a secret.
ACCOUNT=devstoreaccount1
ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

url() {
    echo "DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$BLOB/$ACCOUNT;QueueEndpoint=http://127.0.0.1:$QUEUE/$ACCOUNT;TableEndpoint=http://127.0.0.1:$TABLE/$ACCOUNT;"
}

start() {
    running && return 0
    casegrid_need_node
    casegrid_npm_ci "$CASEGRID_REPO/deploy/azurite"
    mkdir -p "$DATA"
    # setsid: Azurite outlives this script, in its own session, stopped by `stop` through its pid file.
    setsid "$CASEGRID_REPO/deploy/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
        --location "$DATA" --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" \
        --tableHost 127.0.0.1 --tablePort "$TABLE" >"$DATA/azurite.log" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$TABLE") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$BLOB") 2>/dev/null; then
            echo "azurite: running on 127.0.0.1:$BLOB (blob), $QUEUE (queue), $TABLE (table); data in $DATA" >&2
            return 0
        fi
        running || { echo "azurite: did not start; see $DATA/azurite.log" >&2; cat "$DATA/azurite.log" >&2; exit 1; }
        sleep 0.2
    done
    echo "azurite: not answering on $TABLE after 20 s; see $DATA/azurite.log" >&2
    exit 1
}

stop() {
    running || { rm -f "$PIDFILE"; return 0; }
    local pid
    pid="$(cat "$PIDFILE")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$PIDFILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) running || exit 3 ;;
    url) url ;;
    *) echo "usage: deploy/azurite.sh start|stop|status|url" >&2; exit 2 ;;
esac
