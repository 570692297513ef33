# Sourced by the scripts in this directory: repository paths and the Debian
# packages a build needs, installed only when missing.
WS2P_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WS2P_BUILD=${BUILD_DIR:-$WS2P_ROOT/build}
WS2P_BUILD_TYPE=${BUILD_TYPE:-Release}
WS2P_JOBS=$(nproc 2>/dev/null || echo 2)
WS2P_PACKAGES=(cmake gcc g++ make pkg-config netbase liburing-dev)

# ws2p_need_packages <package...>: apt-get install whatever is not installed.
ws2p_need_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "missing packages (${missing[*]}) and no apt-get: install them and rerun" >&2
        return 1
    fi
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "==> installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ws2p_configure_build <build dir> [cmake args...]: configure and build everything.
ws2p_configure_build() {
    local dir=$1
    shift
    echo "==> cmake -S $WS2P_ROOT -B $dir $*"
    cmake -S "$WS2P_ROOT" -B "$dir" "$@"
    cmake --build "$dir" -j "$WS2P_JOBS"
}
