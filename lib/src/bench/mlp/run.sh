#!/usr/bin/env bash
# Notebook 04's cost per training step: the Kim & Oh MLP (784-512-256-10, batch 256) on Fashion-MNIST,
# gradient and optimizer step of every variant, and the exact polar factor of a 512x784 gradient by
# dgesvd (the old way), dgesdd and sgesdd. Medians in ms; prints the machine and its load first.
#
#   lib/src/bench/mlp/run.sh [--reps R] [--threads N]      (./muonlab bench mlp ...)
#
# --threads 1 is what the notebook's parallel runs use (one native thread per run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
lib="$root/kernel-ext/target/kernel/lib"
if ! ls "$lib"/muonlab-lib-*.jar >/dev/null 2>&1; then
  (cd "$root" && mvn -o -q -B package -DskipTests)
fi
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$root/muonlab" java dev.muonlab.bench.MlpStepBenchmark "$@" 2>/dev/null | grep -v '^\[\|INFO'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
