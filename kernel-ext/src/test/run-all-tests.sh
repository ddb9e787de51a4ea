#!/usr/bin/env bash
# The whole Muon Lab test suite (`./muonlab test`): installs what a fresh Debian machine lacks, then
#  1. Maven: build and unit tests of lib, kernel-ext and lib/spark (-Pspark: a sweep on Spark in local
#     mode; its 172 MB cluster jar is not written here) on the default JDK (17);
#  1b. on an AVX-512 CPU, the GPT, trainer and fp32 Muon tests again under OpenBLAS's AVX-512 kernels;
#  2. the same unit tests on JDK 25 when it is installed (JDK 25 at /usr/lib/jvm/temurin-25-jdk-amd64);
#  3. protocol tests: a real Jupyter client (jupyter_client) talking to the kernel started from its
#     kernelspec, on JDK 17 and on JDK 25;
#  4. every notebook under notebooks/ executed in smoke mode with the Muon Lab kernel (nbclient);
#  5. browser test: each executed notebook's HTML opened in headless Chromium, network off (notebook 01's
#     report slider clicked and dragged, no kernel), and notebook 00 run in Debian's classic Notebook 6;
#  6. JupyterLab 4 and Notebook 7 from the project venv (.venv), in headless Chromium: notebooks 00 and 05
#     (and 01 in JupyterLab, a widget slider dragged with the mouse) run without and with the `plotly`
#     package's JupyterLab renderer.
# Stops at the first failing stage and exits non-zero.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
PY=/usr/bin/python3
JDK25="${MUONLAB_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
REPORTS="$ROOT/reports/smoke"
started=$(date +%s)
stage() { echo; echo "=== [$(( $(date +%s) - started )) s] $*"; }

stage "set-up: what the tests need (the launcher's list: ./muonlab install-deps --list test)"
./muonlab install-deps test

stage "1. Maven build and unit tests (JDK $(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'))"
mvn -B -ntp -Pspark -Dmuonlab.spark.skipClusterJar=true verify

# The launcher runs `train` and `bench gpt` with OpenBLAS's AVX-512 kernels (see openblas_coretype
# in ./muonlab), everything else with its AVX2 ones: test the fp32 training path, and that fp64
# LAPACK is refused, under the AVX-512 kernels too, on CPUs that have them.
if grep -qw avx512vl /proc/cpuinfo 2>/dev/null; then
  stage "1b. GPT, trainer and fp64 guard with OPENBLAS_CORETYPE=SkylakeX (as ./muonlab train runs)"
  OPENBLAS_CORETYPE=SkylakeX mvn -B -ntp -o surefire:test -pl lib \
    -Dtest='dev.muonlab.gpt.**,dev.muonlab.train.**,dev.muonlab.host.**,AdamWVectorKernelTest,MuonGoldenTest,NewtonSchulzGoldenTest' \
    -Dsurefire.failIfNoSpecifiedTests=false
fi

if [[ -x "$JDK25/bin/java" && "${MUONLAB_SKIP_JDK25:-0}" != 1 ]]; then
  stage "2. unit tests on JDK 25"
  JAVA_HOME="$JDK25" mvn -B -ntp -o -Pspark test
fi

# One pytest process per file: each module points JUPYTER_PATH at its own kernelspec when imported.
protocol_tests() {
  ( cd kernel-ext/src/test/python && "$PY" -m pytest -q -p no:cacheprovider test_protocol.py \
      && "$PY" -m pytest -q -p no:cacheprovider test_widgets_protocol.py )
}
stage "3. kernel and widget protocol tests (jupyter_client, JDK 17)"
protocol_tests
if [[ -x "$JDK25/bin/java" && "${MUONLAB_SKIP_JDK25:-0}" != 1 ]]; then
  stage "3b. kernel and widget protocol tests (jupyter_client, JDK 25)"
  JAVA_HOME="$JDK25" protocol_tests
fi

stage "4. notebooks in smoke mode"
rm -rf "$REPORTS"
MUONLAB_SMOKE=1 ./muonlab run --out "$REPORTS" --timeout 600 notebooks/*.ipynb

stage "5. browser test of the executed notebooks (headless Chromium, network off)"
( cd kernel-ext/src/test/python && MUONLAB_REPORTS="$REPORTS" MUONLAB_REQUIRE_REPORTS=1 \
    "$PY" -m pytest -q -p no:cacheprovider test_reports_in_browser.py test_classic_notebook_ui.py )

stage "6. JupyterLab 4 and Notebook 7 (the venv's), without and with the plotly package, in headless Chromium (notebooks 00, 05, 01)"
( cd kernel-ext/src/test/python && MUONLAB_REQUIRE_LAB=1 "$PY" -m pytest -q -p no:cacheprovider test_jupyterlab_ui.py )

stage "all stages passed"
