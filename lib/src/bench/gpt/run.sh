#!/usr/bin/env bash
# ./muonlab bench gpt [STEPS] [PAIRS] [THREADS...]   (env WARMUP: untimed warm-up steps, default 100;
#                                                     env PYTHON: a Python with torch, default the newest
#                                                     PyTorch found, see ../torch-python.sh)
# Throughput of baby-cpu training steps (AdamW; forward, backward, clipping, optimizer step):
# Muon Lab's ND4J GPT against a minimal PyTorch GPT (torch_gpt.py: same model, batch, threads),
# both measured in this run for each thread count. Both processes start once and warm up; then
# interleave.py times them in alternating blocks of STEPS steps, PAIRS pairs of blocks (default
# 40 steps, 9 pairs, threads "1 2"), and prints the medians, the median of the per-pair ratios
# java/torch with their range, and the Java process's peak resident memory.
# At N threads Java splits each batch over N worker threads, each op single-threaded (DataParallelGpt,
# as ./muonlab train --threads N); PyTorch uses its own intra-op threads.
# Java runs with the OpenBLAS core type `./muonlab train` gets (SkylakeX on an AVX-512 CPU, see
# openblas_coretype in ./muonlab); PyTorch's OpenBLAS always chooses its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/lib/src/bench/gpt"
STEPS="${1:-40}"; WARMUP="${WARMUP:-100}"; PAIRS="${2:-9}"; shift $(( $# > 2 ? 2 : $# )) || true
THREADS=("${@:-1 2}"); [[ $# -eq 0 ]] && THREADS=(1 2)
LIB="$ROOT/kernel-ext/target/kernel/lib"
# shellcheck source=../torch-python.sh
source "$ROOT/lib/src/bench/torch-python.sh"
choose_torch_python "$ROOT"
if ! ls "$LIB"/muonlab-lib-*.jar >/dev/null 2>&1; then
  (cd "$ROOT" && mvn -o -q -B package -DskipTests)
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
FLAGS="--add-modules jdk.incubator.vector"; (( MAJOR >= 24 )) && FLAGS+=" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"

echo "# gpt bench: baby-cpu (4 layers, 4 heads, width 128, context 64, batch 12, fp32), AdamW steps"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $("$JAVA" -version 2>&1 | head -1), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset (OpenBLAS chooses)}; torch: $("$PYTHON" -c 'import torch; print(torch.__version__)')"
echo "# $WARMUP warm-up steps per side, then $PAIRS pairs of $STEPS-step blocks, alternating"
cd "$ROOT"
for t in "${THREADS[@]}"; do
  /usr/bin/python3 "$HERE/interleave.py" --lib "$LIB" --java "$JAVA" --flags "$FLAGS" --data data/tinyshakespeare.txt \
    --threads "$t" --steps "$STEPS" --pairs "$PAIRS" --warmup "$WARMUP" --python "$PYTHON"
done
