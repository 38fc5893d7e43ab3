#!/usr/bin/env bash
# One-step set-up on Debian 12: install what is missing, build (Release), then either run the
# sample audit (`demo`) or every test (`test`). The README's two quick-start commands call this;
# `deps` only installs what `test` needs (tools/sanitize.sh builds on it).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-demo}"
case "$mode" in demo|test|deps) ;; *) echo "usage: tools/setup.sh demo|test|deps" >&2; exit 2 ;; esac

packages=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin libboost-dev
  libtomlplusplus-dev libcli11-dev libssl-dev libxlsxwriter-dev
  libjemalloc-dev             # the allocator landaudit links (cli/CMakeLists.txt): a quarter less CPU
  libjs-chart.js              # Chart.js, inlined into report.html at report time
)
if [ "$mode" != demo ]; then
  packages+=(
    libgtest-dev googletest
    libsqlite3-mod-spatialite   # the end-to-end test's independent SpatiaLite computation
    python3-qgis qgis-providers # PyQGIS opens the project and exports the print layouts (headless)
    poppler-utils               # pdftoppm: the exported layouts as PNG
    chromium fonts-noto-cjk     # headless Chromium renders report.html, with Chinese fonts
    python3-openpyxl            # reads the exported workbook back
    python3-gdal python3-numpy  # bench/generate.py, which the threads-determinism test runs
    postgresql-15 postgresql-15-postgis-3  # PostGIS in and out, against a throw-away local server
  )
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ "$mode" = deps ] && exit 0

tests=ON
[ "$mode" = demo ] && tests=OFF
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLANDAUDIT_BUILD_TESTS="$tests"
cmake --build build -j "$(nproc)"

if [ "$mode" = demo ]; then
  ./build/cli/landaudit run sample_gis/audit.toml
else
  ctest --test-dir build --output-on-failure -j "$(nproc)"
fi
