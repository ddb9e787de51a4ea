#!/usr/bin/env bash
# One optimizer step, Muon (+ auxiliary AdamW) vs AdamW, over the small GPT's parameters
# (4 layers, width 128) and one width-768 layer; see dev.muonlab.bench.OptimizerStepBenchmark.
# Usage: ./muonlab bench optim [--reps R] [--tokens B]   (B = tokens per batch for T*m/B, default 768)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
echo "# machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$ROOT/muonlab" java dev.muonlab.bench.OptimizerStepBenchmark "$@"
