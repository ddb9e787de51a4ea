#!/usr/bin/env bash
# Gram Newton-Schulz against plain NS (fp32, Keller's NS5), see README.md next to this file.
#
#   lib/src/bench/gramns/run.sh [--threads N] [--reps R] [--nd4j-ops] [SHAPE ...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
threads="$(nproc)"
reps=7
shapes=()
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --nd4j-ops) extra=(--nd4j-ops); shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) shapes+=("$1"); shift ;;
  esac
done
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
(cd "$root/lib" && mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$tmp" >/dev/null)
cp="$root/lib/target/classes:$(cat "$tmp")"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), threads $threads, $(java -version 2>&1 | head -1)"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" dev.muonlab.bench.GramNsBenchmark --reps "$reps" "${extra[@]}" "${shapes[@]}" 2>/dev/null
