# Sourced by the benchmarks that run PyTorch beside Muon Lab (gpt, ns): sets PYTHON to the Python whose
# PyTorch is the newest found, unless PYTHON is already set, and says which one it took.
# Why: a ratio is only as honest as its reference. Debian's python3-torch is 1.13 (2022), whose intra-op
# threading is poor; a current PyTorch from pip is the one users compare against.
# Looked at, in order: $MUONLAB_TORCH_PYTHON, the checkout's .venv and .venv-bench, every
# /opt/*/bin/python, python3 on PATH, /usr/bin/python3. Ties keep the first.
torch_python_candidates() {
  local root="$1" p
  [[ -n "${MUONLAB_TORCH_PYTHON:-}" ]] && echo "$MUONLAB_TORCH_PYTHON"
  for p in "$root/.venv/bin/python" "$root/.venv-bench/bin/python" /opt/*/bin/python; do [[ -x "$p" ]] && echo "$p"; done
  command -v python3 || true
  [[ -x /usr/bin/python3 ]] && echo /usr/bin/python3
  return 0
}
# Prints "VERSION PATH" for the newest torch among the candidates, or nothing.
newest_torch_python() {
  local root="$1" best="" best_key="" p v key
  while IFS= read -r p; do
    v="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$p" -c 'import torch; print(torch.__version__)' 2>/dev/null)" || continue
    # 2.13.0+cpu -> 0002.0013.0000, sortable as text
    key="$(printf '%s' "${v%%+*}" | awk -F. '{printf "%04d.%04d.%04d", $1, $2, $3}')"
    if [[ -z "$best_key" || "$key" > "$best_key" ]]; then best="$v $p"; best_key="$key"; fi
  done < <(torch_python_candidates "$root" | awk '!seen[$0]++')
  [[ -n "$best" ]] && echo "$best"
  return 0
}
choose_torch_python() {   # sets PYTHON; fails with a sentence when no PyTorch is found
  local root="$1" found
  if [[ -n "${PYTHON:-}" ]]; then return 0; fi
  found="$(newest_torch_python "$root")"
  if [[ -z "$found" ]]; then
    echo "bench: no Python with PyTorch found; install a current one, e.g. python3 -m venv $root/.venv-bench && $root/.venv-bench/bin/pip install torch, or set PYTHON" >&2
    return 1
  fi
  PYTHON="${found#* }"
  echo "# PyTorch reference: torch ${found%% *} at $PYTHON (the newest found; set PYTHON to choose)" >&2
  case "${found%% *}" in 0.*|1.*) echo "# warning: PyTorch ${found%% *} is old; its CPU threading is poor. Compare against a current release (pip install torch in a venv)." >&2 ;; esac
}
