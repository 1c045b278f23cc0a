# CaseGrid: shared set-up for the run and test scripts. Sourced, not run.
# Makes sure the .NET SDK is there (installing it from Debian's packages when missing).

CASEGRID_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

casegrid_need_dotnet() {
    if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
        return 0
    fi
    echo "casegrid: the .NET 10 SDK is missing; installing it" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dotnet-sdk-10.0 \
        || { echo "casegrid: could not install dotnet-sdk-10.0; install the .NET 10 SDK and run again" >&2; exit 1; }
}

# Install Debian packages when something is missing: casegrid_apt_install "what is missing" package…
casegrid_apt_install() {
    local what="$1"
    shift
    echo "casegrid: $what missing; installing Debian's $*" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" \
        || { echo "casegrid: could not install $*; install it and run again" >&2; exit 1; }
}

# Node.js and npm for building the browser app (src/Web), from Debian's packages when missing.
casegrid_need_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
    casegrid_apt_install "node/npm are" nodejs npm
}

# Debian's Chromium for the browser tests (never a browser download).
casegrid_need_chromium() {
    [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
    casegrid_apt_install "chromium is" chromium
}

# pdftotext (poppler-utils), with which the browser tests read a printed plan.
casegrid_need_pdftotext() {
    command -v pdftotext >/dev/null 2>&1 && return 0
    casegrid_apt_install "pdftotext is" poppler-utils
}

# `npm ci` in a Node package folder, only when node_modules is missing or package-lock.json changed since.
casegrid_npm_ci() {
    local dir="$1" stamp="$1/node_modules/.casegrid-lock.sha256" sum
    sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ -d "$dir/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
        return 0
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$sum" > "$stamp"
}

# Build the browser app into src/Web/dist, which the API project copies to web/ in its output.
casegrid_build_web() {
    casegrid_need_node
    casegrid_npm_ci "$CASEGRID_REPO/src/Web"
    (cd "$CASEGRID_REPO/src/Web" && npm run --silent build)
}

# Build .NET projects in Release and copy each one's output into a folder of its own, so the processes run from a
# copy that a later rebuild of the tree does not change under them.
#   casegrid_build_copies DEST NAME=PROJECT_DIR...     e.g. casegrid_build_copies "$DIR/app" silo=src/Silo api=src/Api
casegrid_build_copies() {
    local dest="$1" pair name project csproj
    shift
    for pair in "$@"; do
        project="${pair#*=}"
        csproj="$(ls "$CASEGRID_REPO/$project"/*.csproj)"
        dotnet build "$csproj" -c Release -v quiet -nologo >&2 || return 1
    done
    rm -rf "$dest"
    mkdir -p "$dest"
    for pair in "$@"; do
        name="${pair%%=*}"
        project="${pair#*=}"
        [ -d "$CASEGRID_REPO/$project/bin/Release/net10.0" ] || { echo "build output $project/bin/Release/net10.0 is missing" >&2; return 1; }
        cp -a "$CASEGRID_REPO/$project/bin/Release/net10.0" "$dest/$name"
    done
}
