#!/usr/bin/env bash
# ./muonlab bench gpt [STEPS] [ROUNDS] [THREADS...]   (env WARMUP: untimed warm-up steps, default 20)
# Throughput of baby-cpu training steps (AdamW; forward, backward, clipping, optimizer step):
# Muon Lab's ND4J GPT against a minimal PyTorch GPT (torch_gpt.py: same model, batch, threads),
# both measured in this run, alternating rounds, for each thread count. Prints the medians and the
# ratio java/torch, and the Java process's peak resident memory.
# Defaults: 30 steps after 20 warm-up steps (the JVM compiles the step's code in its first seconds),
# 3 rounds, threads "1 2". Java runs with the OpenBLAS core type `./muonlab train` gets (SkylakeX on an
# AVX-512 CPU, see openblas_coretype in ./muonlab); PyTorch's OpenBLAS always chooses its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
HERE="$ROOT/lib/src/bench/gpt"
STEPS="${1:-30}"; WARMUP="${WARMUP:-20}"; ROUNDS="${2:-3}"; shift $(( $# > 2 ? 2 : $# )) || true
THREADS=("${@:-1 2}"); [[ $# -eq 0 ]] && THREADS=(1 2)
LIB="$ROOT/kernel-ext/target/kernel/lib"
if ! ls "$LIB"/muonlab-lib-*.jar >/dev/null 2>&1; then
  (cd "$ROOT" && mvn -o -q -B package -DskipTests)
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
FLAGS="--add-modules jdk.incubator.vector"; (( MAJOR >= 24 )) && FLAGS+=" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

echo "# gpt bench: baby-cpu (4 layers, 4 heads, width 128, context 64, batch 12, fp32), AdamW steps"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# java: $("$JAVA" -version 2>&1 | head -1), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset (OpenBLAS chooses)}; torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
cd "$ROOT"
for t in "${THREADS[@]}"; do
  : > /tmp/muonlab-gpt-bench-java.$$; : > /tmp/muonlab-gpt-bench-torch.$$
  for r in $(seq "$ROUNDS"); do
    j="$(OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t "$JAVA" $FLAGS -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
          -cp "$LIB/*" dev.muonlab.bench.GptThroughput baby-cpu "$STEPS" adamw "$WARMUP" 2>/dev/null | grep '^java ')"
    p="$(OMP_NUM_THREADS=$t env -u OPENBLAS_CORETYPE /usr/bin/python3 "$HERE/torch_gpt.py" --threads "$t" --steps "$STEPS" --warmup "$WARMUP" --data data/tinyshakespeare.txt)"
    echo "threads=$t round=$r $j"
    echo "threads=$t round=$r $p"
    echo "$j" >> /tmp/muonlab-gpt-bench-java.$$; echo "$p" >> /tmp/muonlab-gpt-bench-torch.$$
  done
  jt=$(field tokens_per_s < /tmp/muonlab-gpt-bench-java.$$ | median)
  pt=$(field tokens_per_s < /tmp/muonlab-gpt-bench-torch.$$ | median)
  jc=$(field cpu_ms_per_step < /tmp/muonlab-gpt-bench-java.$$ | median)
  pc=$(field cpu_ms_per_step < /tmp/muonlab-gpt-bench-torch.$$ | median)
  rss=$(field peak_rss_mb < /tmp/muonlab-gpt-bench-java.$$ | sort -g | tail -1)
  awk -v t="$t" -v jt="$jt" -v pt="$pt" -v jc="$jc" -v pc="$pc" -v rss="$rss" 'BEGIN {
    printf "RESULT threads=%s java_tokens_per_s=%.0f torch_tokens_per_s=%.0f ratio=%.2f | cpu_ms_per_step java=%.1f torch=%.1f cpu_ratio(torch/java)=%.2f | java_peak_rss_mb=%.0f\n",
      t, jt, pt, jt/pt, jc, pc, pc/jc, rss }'
  rm -f /tmp/muonlab-gpt-bench-java.$$ /tmp/muonlab-gpt-bench-torch.$$
done
