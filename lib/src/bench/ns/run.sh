#!/usr/bin/env bash
# Newton-Schulz benchmark: Muon Lab's NS5 (fp32) against PyTorch's CPU zeropower_via_newtonschulz5,
# both measured in the same run with the same thread count, plus each side's 1024x1024 sgemm as
# the peak reference. Prints the ratio Java/PyTorch and GFLOP/s per shape.
#
#   lib/src/bench/ns/run.sh [--threads N] [--reps R] [--coretype NAME] [SHAPE ...]
#   ./muonlab bench ns [same options]
#
# PyTorch: the newest found (../torch-python.sh), or the Python that PYTHON names.
# --coretype sets OPENBLAS_CORETYPE for the Java process only (default: what ./muonlab chose, Haswell
# on an AVX-512 CPU, see openblas_coretype there). PyTorch always picks its own kernels. SkylakeX is fast here but unsafe for fp64 in ND4J's 0.3.19 (wrong DTRMM, DTRSM,
# DSYMM); this benchmark runs fp32 only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
threads="$(nproc)"
reps=7
shapes=()
java_coretype=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --coretype) java_coretype="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) shapes+=("$1"); shift ;;
  esac
done
[[ ${#shapes[@]} -eq 0 ]] && shapes=(1024x1024 4096x1024 1024x4096)
# shellcheck source=../torch-python.sh
source "$here/../torch-python.sh"
choose_torch_python "$root"
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"

lib="$root/kernel-ext/target/kernel/lib"
if ! ls "$lib"/muonlab-lib-*.jar >/dev/null 2>&1; then
  (cd "$root" && mvn -o -q -B package -DskipTests)
fi
jvm_flags=()
major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
if [[ "${major%%.*}" -ge 24 ]]; then
  jvm_flags=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), threads $threads, Java OPENBLAS_CORETYPE=${java_coretype:-${OPENBLAS_CORETYPE:-unset}}, $(java -version 2>&1 | head -1)"
java_env=()
[[ -n "$java_coretype" ]] && java_env=(env "OPENBLAS_CORETYPE=$java_coretype")
# Alternate the two sides twice so that load from other processes hits both alike.
for round in 1 2; do
  "${java_env[@]}" java "${jvm_flags[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$lib/*" dev.muonlab.bench.NsBenchmark --reps "$reps" "${shapes[@]}" 2>/dev/null | grep -v '^#' >> "$tmp/results.csv"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" "$here/ns_torch.py" --threads "$threads" --reps "$reps" "${shapes[@]}" | grep -v '^#' >> "$tmp/results.csv"
done
/usr/bin/python3 - "$tmp/results.csv" <<'PY'
import collections, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    impl, what, r, c, ms = line.strip().split(",")
    rows[(impl, what, int(r), int(c))].append(float(ms))
best = {k: min(v) for k, v in rows.items()}  # best of the rounds' medians
def flops_ns5(r, c):  # Keller's count: 5 steps of 2(2nm^2 + m^3), m <= n (three full GEMMs)
    m, n = min(r, c), max(r, c)
    return 5 * 2 * (2 * n * m * m + m ** 3)
def flops_kernel(r, c):  # what Muon Lab's kernel executes: syrk m^2 n, syrk m^3, gemm 2 m^2 n per step
    m, n = min(r, c), max(r, c)
    return 5 * (3 * n * m * m + m ** 3)
peak = {impl: 2 * 1024 ** 3 / (best[(impl, "sgemm", 1024, 1024)] / 1e3) / 1e9 for impl in ("java", "torch")}
print(f"sgemm 1024^3 peak: java (ND4J's OpenBLAS) {peak['java']:.1f} GFLOP/s, torch {peak['torch']:.1f} GFLOP/s")
print(f"{'shape':>11} {'java ms':>9} {'torch ms':>9} {'ratio':>6} {'java GF/s':>10} {'torch GF/s':>10} {'java real GF/s':>15} {'% of peak':>9}")
for (impl, what, r, c) in sorted(k for k in best if k[0] == "java" and k[1] == "ns5"):
    j, t = best[("java", "ns5", r, c)], best[("torch", "ns5", r, c)]
    f, fk = flops_ns5(r, c), flops_kernel(r, c)
    print(f"{r:>5}x{c:<5} {j:9.1f} {t:9.1f} {j / t:6.2f} {f / j / 1e6:10.1f} {f / t / 1e6:10.1f} {fk / j / 1e6:15.1f} {100 * fk / j / 1e6 / peak['java']:8.0f}%")
print("java/torch GF/s: Keller's count (same work for both); real GF/s: the FLOPs Muon Lab's syrk-based kernel executes,")
print("against ND4J's own sgemm peak. Times: best of two alternated rounds of medians.")
PY
