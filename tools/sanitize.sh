#!/usr/bin/env bash
# Sanitizer and fuzz runs on Debian 12 (issue 9 item 5); .ci/run calls `all` after the Release tests.
#   asan: the whole project and test suite built with ASan+UBSan (LANDAUDIT_SANITIZE=ON, gcc) in
#         build-asan, and ctest over it (every test, the fuzz corpus replays included, except the
#         suites that drive QGIS, Chromium or PostgreSQL: see below);
#   fuzz: the libFuzzer targets of tests/fuzz built with clang (LANDAUDIT_FUZZ=ON) in build-fuzz-clang,
#         each run for FUZZ_SECONDS (default 30) over a scratch copy of its committed corpus.
# Usage: tools/sanitize.sh [asan|fuzz|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"
case "$mode" in asan|fuzz|all) ;; *) echo "usage: tools/sanitize.sh asan|fuzz|all" >&2; exit 2 ;; esac
seconds="${FUZZ_SECONDS:-30}"

# The project's own dependencies and test tools, then the fuzzer's.
bash tools/setup.sh deps
packages=()
[ "$mode" != asan ] && packages+=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); export CCACHE_BASEDIR="$PWD"
fi
# -O1 with line tables only: stack traces name file and line; builds in about half the time of -O2 -g.
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1")

if [ "$mode" = asan ] || [ "$mode" = all ]; then
  SECONDS=0
  cmake -S . -B build-asan -G Ninja "${flags[@]}" -DLANDAUDIT_SANITIZE=ON -DLANDAUDIT_BUILD_TESTS=ON "${launcher[@]}"
  cmake --build build-asan -j "$(nproc)"
  echo "== ASan+UBSan build: ${SECONDS}s"
  SECONDS=0
  # These suites spend their time in QGIS, Chromium or PostgreSQL, whose code is not instrumented,
  # on outputs the other suites already write under ASan; the Release run (tools/setup.sh test)
  # covers them. A new suite that drives one of those programs belongs in this list.
  external='^(ChangeDeliverables|CompareQgis|PostgisE2E|QgisProjectE2E|QgisStyles|ReportInChromium|ReportStandardLand)\.'
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -E "$external"
  echo "== ASan+UBSan tests: ${SECONDS}s"
fi

if [ "$mode" = fuzz ] || [ "$mode" = all ]; then
  SECONDS=0
  cmake -S . -B build-fuzz-clang -G Ninja "${flags[@]}" -DCMAKE_CXX_COMPILER=clang++ \
    -DLANDAUDIT_FUZZ=ON -DLANDAUDIT_BUILD_TESTS=ON "${launcher[@]}"
  targets=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
  cmake --build build-fuzz-clang -j "$(nproc)" --target $targets
  echo "== fuzz build: ${SECONDS}s"
  failed=0
  for t in $targets; do
    name=${t#fuzz_}
    work=build-fuzz-clang/fuzz-work/$name; mkdir -p "$work" build-fuzz-clang/fuzz-artifacts
    dict=(); [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
    echo "== $t for ${seconds}s"
    # New inputs go to the scratch directory (first), the committed corpus is only read.
    if ! "build-fuzz-clang/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -max_len=16384 "${dict[@]}" \
        -artifact_prefix="build-fuzz-clang/fuzz-artifacts/$name-" "$work" "tests/fuzz/corpus/$name" \
        > "build-fuzz-clang/fuzz-$name.log" 2>&1; then
      echo "FAILED: $t (build-fuzz-clang/fuzz-$name.log, input in build-fuzz-clang/fuzz-artifacts/)"
      tail -30 "build-fuzz-clang/fuzz-$name.log"
      failed=1
    else
      tail -1 "build-fuzz-clang/fuzz-$name.log"
    fi
  done
  exit $failed
fi
