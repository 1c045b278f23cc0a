#!/usr/bin/env bash
# CaseGrid: manage a private PostgreSQL 15 instance on loopback for development, tests and operators.
#
# Usage: deploy/pg.sh start|stop|status|psql [psql args...]|url [app|migration]|apply-schema|reset|backup [FILE]|restore FILE
#
#   start         initdb on first run, start the server, create the roles + database (idempotent)
#   stop          stop the server (fast shutdown)
#   status        show whether the server is running (exit 0 = running, 3 = not running)
#   psql          open psql on the CaseGrid database as the application role (extra args passed through)
#   url           print the Npgsql connection string of the application role (casegrid);
#                 `url migration` that of the migration role (casegrid_owner), which owns and applies the schema
#   apply-schema  start if needed, then apply the schema's pending migrations as the migration role, through the
#                 silo's own migration step (`CaseGrid.Silo migrate`: journaled, in order, under a lock)
#   reset         start if needed, then drop the CaseGrid database and create it empty (all its data is gone)
#   backup [FILE] start if needed, then write a consistent copy of the CaseGrid database (pg_dump, custom format) to
#                 FILE (default: <repo>/.local/backups/<db>-<UTC time>.dump) while CaseGrid goes on writing; prints
#                 the file. The master key is NOT in it: keep it apart (docs/operations.md, "Backup and restore").
#   restore FILE  start if needed, then restore FILE (made by `backup`) into the CaseGrid database, which must be empty
#                 (a fresh instance, or after `reset`), in one transaction; then run the migration step with the
#                 master key the backup's cases were sealed under
#
# Environment:
#   CASEGRID_PGDATA   data folder          (default: <repo>/.local/pgdata[-NAME]; as root, when the service
#                                          user cannot reach the repo, /var/lib/casegrid-pg/<repo hash>/pgdata[-NAME])
#   CASEGRID_PGNAME   a name that keeps several instances of one repo apart (e.g. "test")
#   CASEGRID_PGPORT   TCP port             (default: 55432; listens on 127.0.0.1 only)
#   CASEGRID_PGDB     database name        (default: casegrid)
#   CASEGRID_PGBIN    PostgreSQL bin folder (default: /usr/lib/postgresql/15/bin, else `pg_config --bindir`)
#   CASEGRID_PGLISTEN another address to listen on besides 127.0.0.1, with the /24 around it allowed in (password
#                     logins as everywhere); `url` then names it (deploy/faults.sh: PostgreSQL in a network namespace)
#   CASEGRID_PGEPOCH  a new data folder's transaction ids start this many epochs (2^32 transactions) on, as those of
#                     a database that has run for years (tests of restores and upgrades; default: 0)
#
# Socket + server log live in "<data folder>.run/" (postgres.log). The server listens on 127.0.0.1 and its Unix
# socket only, and every connection authenticates with scram-sha-256. The passwords are random, made once per data
# folder and kept in "<data folder>.auth/" (mode 0700, one file per role, 0600, owned by whoever runs this script);
# nothing about them is committed. A data folder made by an earlier version of this script (trust authentication)
# gets its passwords, and scram-sha-256, on its next start. fsync stays on.
#
# Roles: postgres (bootstrap superuser, used by this script only); casegrid_owner (the migration role: owns the
# database and every object of the schema, applies deploy/sql); casegrid_app (no login: the rights the application
# needs, granted by deploy/sql/090-casegrid-grants.sql); casegrid (logs in, member of casegrid_app, owns nothing:
# it cannot drop or disable the append-only triggers, nor UPDATE or DELETE events and audit records).
# As root, the server runs as the system user "casegrid-pg" (created if missing): PostgreSQL refuses to run
# as root. As a normal user, it runs as that user.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"

PG_MAJOR=15
PGDATA_DIR="${CASEGRID_PGDATA:-$REPO/.local/pgdata${CASEGRID_PGNAME:+-$CASEGRID_PGNAME}}"
# As root the server runs as a service user, who may not be able to enter a checkout under /root: then the
# default data folder moves to /var/lib, one per checkout.
others_can_enter() {
    local d="$1"
    while [ "$d" != "/" ]; do
        [ "$(( 0$(stat -c %a "$d") & 1 ))" -eq 1 ] || return 1
        d="$(dirname "$d")"
    done
}
if [ -z "${CASEGRID_PGDATA:-}" ] && [ "$(id -u)" -eq 0 ] \
    && ! others_can_enter "$REPO"; then
    PGDATA_DIR="/var/lib/casegrid-pg/$(printf '%s' "$REPO" | md5sum | cut -c1-12)/pgdata${CASEGRID_PGNAME:+-$CASEGRID_PGNAME}"
fi
PORT="${CASEGRID_PGPORT:-55432}"
DB="${CASEGRID_PGDB:-casegrid}"
APP_ROLE="casegrid"           # the application logs in as this role
APP_GROUP="casegrid_app"      # what the application may do (granted by deploy/sql/090-casegrid-grants.sql)
OWNER_ROLE="casegrid_owner"   # the migration role: owns the database and the schema
SUPERUSER="postgres"          # bootstrap superuser name inside the cluster
SERVICE_USER="casegrid-pg"    # OS user that runs the server when this script runs as root
HOST="127.0.0.1"
LISTEN="${CASEGRID_PGLISTEN:-}"
case "$LISTEN" in ''|[0-9]*.[0-9]*.[0-9]*.[0-9]*) ;; *) printf 'pg.sh: error: CASEGRID_PGLISTEN must be an IPv4 address (got %s)\n' "$LISTEN" >&2; exit 1 ;; esac

log() { printf 'pg.sh: %s\n' "$*" >&2; }
die() { printf 'pg.sh: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- paths

# Absolute path of the data folder (it may not exist yet).
case "$PGDATA_DIR" in
    /*) ;;
    *) PGDATA_DIR="$PWD/$PGDATA_DIR" ;;
esac
PGDATA_DIR="${PGDATA_DIR%/}"
RUN_DIR="$PGDATA_DIR.run"
AUTH_DIR="$PGDATA_DIR.auth"
LOG_FILE="$RUN_DIR/postgres.log"
SOCKET_DIR="$RUN_DIR"
# Unix socket paths are limited to ~107 bytes; fall back to a short folder the script owns under /tmp.
if [ $(( ${#SOCKET_DIR} + 20 )) -gt 100 ]; then
    SOCKET_DIR="/tmp/casegrid-pg.$PORT"
fi

case "$PORT" in
    ''|*[!0-9]*) die "CASEGRID_PGPORT must be a number (got '$PORT')" ;;
esac
case "$DB" in
    ''|*[!A-Za-z0-9_]*) die "CASEGRID_PGDB must match [A-Za-z0-9_]+ (got '$DB')" ;;
esac

# ---------------------------------------------------------------- binaries

find_bindir() {
    local d
    for d in "${CASEGRID_PGBIN:-}" "/usr/lib/postgresql/$PG_MAJOR/bin"; do
        if [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/psql" ]; then
            echo "$d"; return 0
        fi
    done
    if command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir 2>/dev/null || true)"
        if [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/psql" ]; then
            echo "$d"; return 0
        fi
    fi
    return 1
}

install_postgres() {
    log "PostgreSQL $PG_MAJOR not found; installing postgresql-$PG_MAJOR with apt-get"
    command -v apt-get >/dev/null 2>&1 || die "apt-get not available; install PostgreSQL $PG_MAJOR manually or set CASEGRID_PGBIN"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install postgresql-$PG_MAJOR manually or set CASEGRID_PGBIN"
        sudo="sudo"
    fi
    # We only need the binaries: ask postgresql-common not to create/start its default 'main' cluster.
    $sudo mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/casegrid-no-main-cluster.conf >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR"
}

BINDIR=""
ensure_binaries() {
    [ -n "$BINDIR" ] && return 0
    if ! BINDIR="$(find_bindir)"; then
        install_postgres
        BINDIR="$(find_bindir)" || die "PostgreSQL $PG_MAJOR binaries still not found after installation"
    fi
}

# ---------------------------------------------------------------- OS user

RUN_AS=""   # empty = current user
resolve_run_as() {
    if [ "$(id -u)" -ne 0 ]; then
        RUN_AS=""
        return 0
    fi
    # Root: run the server as the owner of an existing data folder (if not root), else as casegrid-pg.
    command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) is required to run PostgreSQL as a non-root user"
    if [ -f "$PGDATA_DIR/PG_VERSION" ]; then
        local owner
        owner="$(stat -c %U "$PGDATA_DIR")"
        if [ "$owner" != "root" ] && [ "$owner" != "UNKNOWN" ]; then
            RUN_AS="$owner"
            return 0
        fi
    fi
    RUN_AS="$SERVICE_USER"
    if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
        log "creating system user $SERVICE_USER"
        local nologin=/usr/sbin/nologin
        [ -x "$nologin" ] || nologin=/bin/false
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell "$nologin" --comment "CaseGrid PostgreSQL" "$SERVICE_USER"
    fi
}

# Run a command as the server's OS user.
as_pg() {
    if [ -n "$RUN_AS" ]; then
        # From /, so the service user is never asked to enter a folder it cannot (such as a checkout under /root).
        (cd / && runuser -u "$RUN_AS" -- "$@")
    else
        "$@"
    fi
}

# ---------------------------------------------------------------- server helpers

is_running() {
    [ -f "$PGDATA_DIR/PG_VERSION" ] || return 1
    as_pg "$BINDIR/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# ---------------------------------------------------------------- passwords

# The password of a role in this data folder, made (random, 0600) the first time it is asked for.
password_of() {
    local role="$1" f="$AUTH_DIR/$1.password"
    if [ ! -s "$f" ]; then
        mkdir -p "$(dirname "$AUTH_DIR")"
        (umask 077; mkdir -p "$AUTH_DIR")
        chmod 700 "$AUTH_DIR"
        (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$f.tmp")
        mv "$f.tmp" "$f"
    fi
    chmod 600 "$f"
    cat "$f"
}

have_passwords() { [ -s "$AUTH_DIR/$SUPERUSER.password" ]; }

psql_admin() {
    PGPASSWORD="$(password_of "$SUPERUSER")" \
        "$BINDIR/psql" -X -q -h "$HOST" -p "$PORT" -U "$SUPERUSER" -d postgres -v ON_ERROR_STOP=1 "$@"
}

psql_app() {
    PGPASSWORD="$(password_of "$APP_ROLE")" "$BINDIR/psql" -X -h "$HOST" -p "$PORT" -U "$APP_ROLE" -d "$DB" "$@"
}

psql_owner() {
    PGPASSWORD="$(password_of "$OWNER_ROLE")" "$BINDIR/psql" -X -h "$HOST" -p "$PORT" -U "$OWNER_ROLE" -d "$DB" "$@"
}

prepare_dirs() {
    local parent
    parent="$(dirname "$PGDATA_DIR")"
    mkdir -p "$parent"
    mkdir -p "$PGDATA_DIR" "$RUN_DIR" "$SOCKET_DIR"
    if [ -n "$RUN_AS" ]; then
        chown "$RUN_AS:" "$PGDATA_DIR" "$RUN_DIR" "$SOCKET_DIR"
        # The server user must be able to reach its folders.
        runuser -u "$RUN_AS" -- test -w "$PGDATA_DIR" \
            || die "user $RUN_AS cannot reach $PGDATA_DIR (a parent folder is not searchable?); set CASEGRID_PGDATA to a path under e.g. /var/lib or /srv"
    fi
    chmod 700 "$PGDATA_DIR"
    chmod 755 "$RUN_DIR" "$SOCKET_DIR"
}

write_config() {
    # Regenerated on every start so port/socket changes take effect; postgresql.conf includes it.
    # $1: the authentication method, scram-sha-256 (trust only while an old data folder gets its passwords).
    local method="${1:-scram-sha-256}"
    as_pg tee "$PGDATA_DIR/casegrid.conf" >/dev/null <<EOF
# Generated by deploy/pg.sh on each start; edit the script, not this file.
listen_addresses = '$HOST${LISTEN:+,$LISTEN}'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
# Two silos and two API hosts each keep several pools (grains, Orleans storage, clustering and reminders, outboxes),
# and a rolling upgrade has old and new processes side by side for a moment.
max_connections = 1000
shared_buffers = 256MB
work_mem = 8MB
maintenance_work_mem = 128MB
# Durability stays on.
fsync = on
synchronous_commit = on
full_page_writes = on
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
password_encryption = 'scram-sha-256'
EOF
    as_pg tee "$PGDATA_DIR/pg_hba.conf" >/dev/null <<EOF
# Generated by deploy/pg.sh: passwords (scram-sha-256), only on the local socket and loopback.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  $method
host    all       all   127.0.0.1/32   $method
host    all       all   ::1/128        $method
EOF
    if [ -n "$LISTEN" ]; then
        printf 'host    all       all   %s.0/24   %s\n' "${LISTEN%.*}" "$method" | as_pg tee -a "$PGDATA_DIR/pg_hba.conf" >/dev/null
    fi
}

init_cluster() {
    log "initialising new cluster in $PGDATA_DIR (runs as ${RUN_AS:-$(id -un)})"
    local locale_opt=(--no-locale)
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale_opt=(--locale=C.UTF-8)
    fi
    # The superuser's password reaches initdb in a file only the server's user can read, removed at once.
    local pwfile="$RUN_DIR/initdb.pw"
    (umask 077; password_of "$SUPERUSER" >"$pwfile")
    [ -z "$RUN_AS" ] || chown "$RUN_AS:" "$pwfile"
    if ! as_pg "$BINDIR/initdb" -D "$PGDATA_DIR" -U "$SUPERUSER" -E UTF8 "${locale_opt[@]}" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 --pwfile="$pwfile" --data-checksums >"$RUN_DIR/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$RUN_DIR/initdb.log" >&2; die "initdb failed"
    fi
    rm -f "$pwfile"
    local epoch="${CASEGRID_PGEPOCH:-0}"
    case "$epoch" in ''|*[!0-9]*) die "CASEGRID_PGEPOCH must be a number (got '$epoch')" ;; esac
    if [ "$epoch" -gt 0 ]; then
        as_pg "$BINDIR/pg_resetwal" -e "$epoch" "$PGDATA_DIR" >>"$RUN_DIR/initdb.log" 2>&1 || die "pg_resetwal -e $epoch failed"
    fi
    # Hook our generated settings into the main config.
    printf "\n# CaseGrid settings (deploy/pg.sh)\ninclude_if_exists = 'casegrid.conf'\n" \
        | as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

wait_ready() {
    local i
    for i in $(seq 1 60); do
        if "$BINDIR/pg_isready" -q -h "$HOST" -p "$PORT" -d postgres -U "$SUPERUSER"; then
            return 0
        fi
        sleep 1
    done
    tail -n 50 "$LOG_FILE" >&2 || true
    die "server did not become ready on $HOST:$PORT within 60s (log: $LOG_FILE)"
}

# The roles (passwords as in the auth folder), the database owned by the migration role, and what an older
# version of this script left owned by the application role handed over to the migration role.
ensure_role_and_db() {
    psql_admin <<EOF
SET client_min_messages = warning;
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
        CREATE ROLE $OWNER_ROLE LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_GROUP') THEN
        CREATE ROLE $APP_GROUP NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
        CREATE ROLE $APP_ROLE LOGIN;
    END IF;
END
\$\$;
ALTER ROLE $SUPERUSER PASSWORD '$(password_of "$SUPERUSER")';
ALTER ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$(password_of "$OWNER_ROLE")';
ALTER ROLE $APP_ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$(password_of "$APP_ROLE")';
GRANT $APP_GROUP TO $APP_ROLE;
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L', '$DB', '$OWNER_ROLE', 'UTF8')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB') \gexec
ALTER DATABASE $DB OWNER TO $OWNER_ROLE;
REVOKE ALL ON DATABASE $DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $DB TO $APP_GROUP;
EOF
    # Objects the application role created when it still applied the schema itself now belong to the migration role.
    psql_admin -d "$DB" <<EOF
SELECT 'REASSIGN OWNED BY $APP_ROLE TO $OWNER_ROLE'
WHERE EXISTS (SELECT 1 FROM pg_class WHERE relowner = '$APP_ROLE'::regrole)
   OR EXISTS (SELECT 1 FROM pg_proc WHERE proowner = '$APP_ROLE'::regrole) \gexec
EOF
}

# ---------------------------------------------------------------- commands

cmd_start() {
    ensure_binaries
    resolve_run_as
    # A data folder from before passwords (trust authentication) gets them now: it starts once more with trust, the
    # roles get their passwords, and then only passwords are accepted.
    local upgrade=0
    if [ -f "$PGDATA_DIR/PG_VERSION" ] && ! have_passwords; then
        upgrade=1
        log "$PGDATA_DIR has no passwords yet: making them (in $AUTH_DIR) and turning trust authentication off"
    fi
    if is_running; then
        log "already running (data: $PGDATA_DIR)"
    else
        prepare_dirs
        if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
            [ -z "$(ls -A "$PGDATA_DIR" 2>/dev/null)" ] || die "$PGDATA_DIR is not empty and is not a PostgreSQL data folder"
            init_cluster
        fi
        local ver
        ver="$(cat "$PGDATA_DIR/PG_VERSION")"
        [ "$ver" = "$PG_MAJOR" ] || die "$PGDATA_DIR holds a PostgreSQL $ver cluster; this script runs $PG_MAJOR"
        if [ "$upgrade" = 1 ]; then write_config trust; else write_config; fi
        log "starting PostgreSQL $PG_MAJOR on $HOST:$PORT (log: $LOG_FILE)"
        if ! as_pg "$BINDIR/pg_ctl" start -D "$PGDATA_DIR" -l "$LOG_FILE" -w -t 60 >/dev/null; then
            tail -n 50 "$LOG_FILE" >&2 || true
            die "pg_ctl start failed (log: $LOG_FILE)"
        fi
    fi
    wait_ready
    ensure_role_and_db
    if [ "$upgrade" = 1 ]; then
        write_config
        as_pg "$BINDIR/pg_ctl" reload -D "$PGDATA_DIR" >/dev/null
    fi
    log "ready on $HOST:$PORT, database $DB (connection string: $0 url)"
}

cmd_stop() {
    ensure_binaries
    resolve_run_as
    if is_running; then
        as_pg "$BINDIR/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t 60 >/dev/null
        log "stopped"
    else
        log "not running"
    fi
}

cmd_status() {
    ensure_binaries
    resolve_run_as
    if is_running; then
        echo "running: data=$PGDATA_DIR port=$PORT db=$DB log=$LOG_FILE"
        "$BINDIR/pg_isready" -h "$HOST" -p "$PORT" -d postgres -U "$SUPERUSER" || true
        return 0
    fi
    echo "not running: data=$PGDATA_DIR port=$PORT"
    return 3
}

cmd_url() {
    local role
    case "${1:-app}" in
        app) role="$APP_ROLE" ;;
        migration) role="$OWNER_ROLE" ;;
        *) die "url takes app or migration (got '$1')" ;;
    esac
    echo "Host=${LISTEN:-$HOST};Port=$PORT;Database=$DB;Username=$role;Password=$(password_of "$role")"
}

cmd_psql() {
    ensure_binaries
    resolve_run_as
    is_running || die "not running; run: $0 start"
    psql_app "$@"
}

cmd_apply_schema() {
    cmd_start
    # One runner for every way the schema is applied (silo start, the release's migration step, this): the silo's.
    command -v dotnet >/dev/null 2>&1 || die "apply-schema runs the silo's migration step and needs the .NET SDK"
    ConnectionStrings__migrations="$(cmd_url migration)" \
        dotnet run --project "$REPO/src/Silo/CaseGrid.Silo.csproj" -c Release -v quiet -- migrate >&2
    log "schema applied"
}

# A consistent copy of the database as it stood when the dump began (one repeatable-read snapshot; writers are not held
# up), in pg_dump's custom format. Taken as the bootstrap superuser, so nothing in the database is out of its reach.
cmd_backup() {
    cmd_start
    local file="${1:-$REPO/.local/backups/$DB-$(date -u +%Y%m%dT%H%M%SZ).dump}"
    case "$file" in /*) ;; *) file="$PWD/$file" ;; esac
    mkdir -p "$(dirname "$file")"
    local t0 t1
    t0="$(date +%s%3N)"
    (umask 077; PGPASSWORD="$(password_of "$SUPERUSER")" "$BINDIR/pg_dump" -h "$HOST" -p "$PORT" -U "$SUPERUSER" \
        --format=custom --compress=6 --file="$file.partial" "$DB") || { rm -f "$file.partial"; die "pg_dump failed"; }
    mv "$file.partial" "$file"
    t1="$(date +%s%3N)"
    log "backup of $DB written to $file ($(stat -c %s "$file") bytes in $(( t1 - t0 )) ms); the master key is not in it"
    echo "$file"
}

# Restore a backup into the (empty) CaseGrid database: objects keep their owner (the migration role) and the
# application's grants; all or nothing (one transaction).
cmd_restore() {
    local file="${1:-}"
    [ -n "$file" ] || die "restore takes the backup file (made by: $0 backup)"
    [ -r "$file" ] || die "cannot read $file"
    [ "$(head -c 5 "$file")" = "PGDMP" ] || die "$file is not a backup in pg_dump's custom format (made by: $0 backup)"
    cmd_start
    local tables
    tables="$(psql_admin -d "$DB" -At -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')")"
    [ "$tables" = 0 ] || die "database $DB on port $PORT is not empty ($tables tables): a backup is restored into an empty database (a fresh instance, or after: $0 reset)"
    local t0 t1
    t0="$(date +%s%3N)"
    PGPASSWORD="$(password_of "$SUPERUSER")" "$BINDIR/pg_restore" -h "$HOST" -p "$PORT" -U "$SUPERUSER" -d "$DB" \
        --exit-on-error --single-transaction "$file" || die "pg_restore failed; nothing was restored"
    t1="$(date +%s%3N)"
    log "restored $file into $DB in $(( t1 - t0 )) ms"
    log "next: the migration step (CaseGrid.Silo migrate, or $0 apply-schema), then start CaseGrid with the master key this backup's cases were sealed under"
}

cmd_reset() {
    cmd_start
    psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"
    ensure_role_and_db
    log "database $DB is empty"
}

usage() {
    # Print the header comment (line 2 up to the first non-comment line).
    awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"
}

main() {
    local cmd="${1:-}"
    [ $# -gt 0 ] && shift
    case "$cmd" in
        start)        cmd_start ;;
        stop)         cmd_stop ;;
        status)       cmd_status ;;
        psql)         cmd_psql "$@" ;;
        url)          cmd_url "$@" ;;
        apply-schema) cmd_apply_schema ;;
        reset)        cmd_reset ;;
        backup)       cmd_backup "$@" ;;
        restore)      cmd_restore "$@" ;;
        -h|--help|help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
