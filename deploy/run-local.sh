#!/usr/bin/env bash
# CaseGrid: run everything on this machine — a private PostgreSQL on loopback (initialised on first run, with
# random passwords), the local secrets (deploy/certs.sh: cluster certificates and the master key, in .local/pki),
# the schema (applied by the migration role), one process hosting the Orleans silo and the API, and the demo case.
# Ctrl-C stops it all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEGRID_REPO"

PORT="${CASEGRID_HTTP_PORT:-5080}"
MAILPORT="${CASEGRID_MAIL_PORT:-$((PORT + 445))}"
casegrid_need_dotnet
casegrid_build_web
deploy/certs.sh make
deploy/pg.sh start
CONN="$(deploy/pg.sh url)"
MIGRATIONS="$(deploy/pg.sh url migration)"
mapfile -t SECRETS < <(deploy/certs.sh env silo)

dotnet build src/Silo/CaseGrid.Silo.csproj -c Release -v quiet -nologo

cat <<INFO

  CaseGrid is starting on http://127.0.0.1:$PORT
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
export ConnectionStrings__casegrid="$CONN"
export ConnectionStrings__migrations="$MIGRATIONS"
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
