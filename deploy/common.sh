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
