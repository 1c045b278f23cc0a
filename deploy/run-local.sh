#!/usr/bin/env bash
# CaseGrid: run everything on this machine — a private PostgreSQL on loopback (initialised on first run, with
# random passwords), the local secrets (deploy/certs.sh: cluster certificates and the master key, in .local/pki),
# the schema (applied by the migration role), one process hosting the Orleans silo and the API, and the demo case.
# Ctrl-C stops it all.
#
#   deploy/run-local.sh                   on PostgreSQL (the default)
#   deploy/run-local.sh --storage azure   on Azure Storage alone: a private Azurite (deploy/azurite.sh, the emulator
#                                         pinned in deploy/azurite) with its data in .local/azurite; no PostgreSQL.
#                                         CASEGRID_STORAGE=azure does the same.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

STORAGE="${CASEGRID_STORAGE:-postgresql}"
while [ $# -gt 0 ]; do
    case "$1" in
        --storage) STORAGE="${2:?--storage needs azure or postgresql}"; shift 2 ;;
        --storage=*) STORAGE="${1#--storage=}"; shift ;;
        *) echo "run-local.sh: unknown argument $1 (use --storage azure|postgresql)" >&2; exit 2 ;;
    esac
done
case "$STORAGE" in
    azure|postgresql) ;;
    *) echo "run-local.sh: --storage is azure or postgresql, not $STORAGE" >&2; exit 2 ;;
esac

PORT="${CASEGRID_HTTP_PORT:-5080}"
MAILPORT="${CASEGRID_MAIL_PORT:-$((PORT + 445))}"
casegrid_need_dotnet
casegrid_build_web
deploy/certs.sh make
if [ "$STORAGE" = azure ]; then
    deploy/azurite.sh start
    export CaseGrid__Storage__Provider=AzureStorage
    CaseGrid__Storage__Azure__ConnectionString="$(deploy/azurite.sh url)"
    export CaseGrid__Storage__Azure__ConnectionString
else
    deploy/pg.sh start
    export ConnectionStrings__casegrid="$(deploy/pg.sh url)"
    export ConnectionStrings__migrations="$(deploy/pg.sh url migration)"
fi
mapfile -t SECRETS < <(deploy/certs.sh env silo)

dotnet build src/Silo/CaseGrid.Silo.csproj -c Release -v quiet -nologo

cat <<INFO

  CaseGrid is starting on http://127.0.0.1:$PORT (storage: $STORAGE)
    API reference:   http://127.0.0.1:$PORT/openapi/v1.json
    Ready check:     http://127.0.0.1:$PORT/health/ready
    Demo case:       case-demo-ola (Ola Nordmann, released in six weeks; housing handover to Bergen kommune offered)
    Mail sent:       $CASEGRID_REPO/.local/mail/*.eml (a development SMTP sink on 127.0.0.1:$MAILPORT; one log line per mail)

  Get a token for a demo user (u-kari kontaktbetjent, u-lars friomsorg, u-ingrid and u-sofie Bergen kommune,
  u-nora NAV, u-ola the person, u-per/u-mette/u-arne/u-jon unit leaders; add "roles":["casegrid-admin"] for an administrator):
    TOKEN=\$(curl -s -X POST http://127.0.0.1:$PORT/dev/token -H 'Content-Type: application/json' \\
            -d '{"userId":"u-kari","displayName":"Kari Nilsen"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
    curl -s -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$PORT/api/v1/cases/case-demo-ola

INFO

export ASPNETCORE_ENVIRONMENT=Development
# The development issuer's key: made on first run, readable by this user only, never in the repository; tokens
# stay valid across restarts.
export CaseGrid__Auth__DevSigningKeyFile="$CASEGRID_REPO/.local/dev-signing.key"
export CaseGrid__Silo__SeedDemo=true
# Work-list mail goes to an SMTP sink inside the process that keeps each mail as a file (docs: README, "Told when away").
export CaseGrid__Mail__Enabled=true
export CaseGrid__Mail__DevSink__Enabled=true
export CaseGrid__Mail__DevSink__Port="$MAILPORT"
export CaseGrid__Mail__DevSink__Directory="$CASEGRID_REPO/.local/mail"
export CaseGrid__Mail__PublicUrl="http://127.0.0.1:$PORT/"
cd src/Silo/bin/Release/net10.0
exec env "${SECRETS[@]}" dotnet CaseGrid.Silo.dll --urls "http://127.0.0.1:$PORT"
