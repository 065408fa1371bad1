# Shared by scripts/run and scripts/test: install what is missing, build.
# Sourced, not run.

# Debian 12 packages, by what needs them.
BUILD_PACKAGES=(g++ cmake ninja-build pkg-config libboost-dev libssl-dev libsodium-dev
                libsqlite3-dev libpq-dev nlohmann-json3-dev libtomlplusplus-dev libicu-dev
                libqrencode-dev libcbor-dev)
TEST_PACKAGES=(libgtest-dev libgmock-dev libbenchmark-dev postgresql openssl curl)
# The browser the end-to-end tests drive (Playwright uses it; it never downloads its own).
BROWSER_PACKAGES=(chromium)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Node.js and the front-end packages in web/ (GOV.UK Frontend for the
# pages; Playwright and axe for the browser tests), exactly as locked.
ensure_web_packages() {
  if ! command -v npm >/dev/null 2>&1; then ensure_packages nodejs npm; fi
  if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    say "Installing front-end packages (npm ci in web/)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# configure_and_build DIR BUILD_TYPE [TARGET...] [-- CMAKE_ARGS...]
configure_and_build() {
  local dir=$1 type=$2; shift 2
  local targets=() cmake_args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; cmake_args=("$@"); break; fi
    targets+=("$1"); shift
  done
  if [ ! -f "$dir/build.ninja" ]; then
    say "Configuring $dir ($type)"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${cmake_args[@]}" >/dev/null
  fi
  say "Building $dir ${targets[*]:-}"
  cmake --build "$dir" ${targets[@]:+--target "${targets[@]}"}
}
