# Shared by scripts/run and scripts/test: install what is missing, build.
# Sourced, not run.

# Debian 12 packages, by what needs them.
BUILD_PACKAGES=(g++ cmake ninja-build pkg-config libboost-dev libssl-dev libsodium-dev
                libsqlite3-dev libpq-dev nlohmann-json3-dev libtomlplusplus-dev libicu-dev
                libqrencode-dev libcbor-dev)
# libfuzzer-14-dev: libFuzzer, linked into the fuzz targets (fuzz/; g++ builds
# them, see DEVELOPERS.md); binutils' objcopy prepares its archive.
TEST_PACKAGES=(libgtest-dev libgmock-dev libbenchmark-dev postgresql openssl curl libfuzzer-14-dev binutils)
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

# The fuzz targets (fuzz/CMakeLists.txt): g++ with AddressSanitizer,
# UndefinedBehaviorSanitizer and coverage, linked with libFuzzer.
build_fuzz_targets() {
  configure_and_build build-fuzz Debug -- -DJIGSAW_FUZZ=ON "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1"
}

# The names of the fuzz targets, one a line.
fuzz_targets() { cat build-fuzz/fuzz_targets.txt; }

# fuzz_target NAME SECONDS [LIBFUZZER_FLAGS...]: runs one target on its seed
# corpus (fuzz/corpus/NAME) and what earlier runs found (build-fuzz/corpus/
# NAME, where new inputs go). Exit status non-zero if it found an input that
# crashes or trips a sanitizer; that input is left in build-fuzz/crashes/.
fuzz_target() {
  local name=$1 seconds=$2; shift 2
  mkdir -p "build-fuzz/corpus/$name" build-fuzz/crashes
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$name-" "$@" \
      "build-fuzz/corpus/$name" "fuzz/corpus/$name"
}
