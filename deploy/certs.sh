#!/usr/bin/env bash
# CaseGrid: the local cluster's secrets — a certificate authority of its own, one certificate per role (silo, api)
# for mutual TLS between silos and API hosts, and the master key that wraps the per-case data keys and webhook
# secrets. Everything lives in .local/pki (never committed); private keys and the master key are 0600.
#
# Usage: deploy/certs.sh make|env ROLE|dir|show
#
#   make       create what is missing (idempotent); certificates that expire within 30 days are made again
#   env ROLE   make, then print the settings for a process of ROLE (silo or api), one NAME=value a line
#              (CaseGrid__Cluster__Tls__CertificatePath, KeyPath, CaPath, CaseGrid__Secrets__MasterKeyFile)
#   dir        make, then print the folder
#   show       print the folder and the certificates' subjects and end dates
#
# Environment:
#   CASEGRID_PKI_DIR   where they live (default: <repo>/.local/pki)
#
# Production issues its certificates from its own authority, one per process or per role, and keeps the master key
# in its secret store: see docs/operations.md. Nothing made here belongs in production.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
DIR="$(realpath -m "${CASEGRID_PKI_DIR:-$REPO/.local/pki}")"
DAYS=365
ROLES=(silo api)

log() { printf 'certs.sh: %s\n' "$*" >&2; }
die() { printf 'certs.sh: error: %s\n' "$*" >&2; exit 1; }

need_openssl() {
    command -v openssl >/dev/null 2>&1 && return 0
    log "openssl is missing; installing it"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openssl >/dev/null \
        || die "could not install openssl"
}

fresh() { [ -s "$1" ] && openssl x509 -in "$1" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; }

new_key() { (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null); chmod 600 "$1"; }

make_ca() {
    if fresh "$DIR/ca.pem" && [ -s "$DIR/ca.key" ]; then return 0; fi
    log "making the cluster's certificate authority in $DIR"
    new_key "$DIR/ca.key"
    openssl req -x509 -new -key "$DIR/ca.key" -sha256 -days $((DAYS * 2)) -subj "/O=CaseGrid local/CN=CaseGrid local cluster CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$DIR/ca.pem" 2>/dev/null
    # A new authority: certificates of the old one are no longer accepted, so they are made again.
    local role; for role in "${ROLES[@]}"; do rm -f "$DIR/$role.pem"; done
}

make_role() {
    local role="$1"
    if fresh "$DIR/$role.pem" && [ -s "$DIR/$role.key" ] \
        && openssl verify -CAfile "$DIR/ca.pem" "$DIR/$role.pem" >/dev/null 2>&1; then
        return 0
    fi
    log "making the $role certificate"
    new_key "$DIR/$role.key"
    local ext="$DIR/$role.ext"
    cat >"$ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
    openssl req -new -key "$DIR/$role.key" -subj "/O=CaseGrid local/OU=$role/CN=casegrid-$role" -out "$DIR/$role.csr" 2>/dev/null
    openssl x509 -req -in "$DIR/$role.csr" -CA "$DIR/ca.pem" -CAkey "$DIR/ca.key" -CAcreateserial -sha256 -days "$DAYS" \
        -extfile "$ext" -out "$DIR/$role.pem" 2>/dev/null
    rm -f "$DIR/$role.csr" "$ext"
}

make_master_key() {
    [ -s "$DIR/master.key" ] && { chmod 600 "$DIR/master.key"; return 0; }
    log "making the master key"
    (umask 077; openssl rand -base64 32 >"$DIR/master.key.tmp")
    mv "$DIR/master.key.tmp" "$DIR/master.key"
}

cmd_make() {
    need_openssl
    mkdir -p "$DIR"
    chmod 700 "$DIR"
    make_ca
    local role; for role in "${ROLES[@]}"; do make_role "$role"; done
    make_master_key
    chmod 600 "$DIR"/*.key
}

cmd_env() {
    local role="${1:-}"
    case "$role" in silo|api) ;; *) die "env takes silo or api (got '$role')" ;; esac
    cmd_make
    echo "CaseGrid__Cluster__Tls__CertificatePath=$DIR/$role.pem"
    echo "CaseGrid__Cluster__Tls__KeyPath=$DIR/$role.key"
    echo "CaseGrid__Cluster__Tls__CaPath=$DIR/ca.pem"
    echo "CaseGrid__Secrets__MasterKeyFile=$DIR/master.key"
}

cmd_show() {
    echo "$DIR"
    local f
    for f in "$DIR"/*.pem; do
        [ -e "$f" ] || continue
        printf '  %-8s %s, until %s\n' "$(basename "$f")" "$(openssl x509 -in "$f" -noout -subject | sed 's/^subject=//')" \
            "$(openssl x509 -in "$f" -noout -enddate | sed 's/^notAfter=//')"
    done
}

usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}"; }

case "${1:-}" in
    make) cmd_make ;;
    env)  shift; cmd_env "$@" ;;
    dir)  cmd_make; echo "$DIR" ;;
    show) cmd_show ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac
