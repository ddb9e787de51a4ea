"""Minimal PyTorch char-level GPT, the same model as Muon Lab's dev.muonlab.gpt.Gpt (nanoGPT's
model.py without the extras): pre-LN blocks, causal multi-head attention written out (no fused
scaled_dot_product_attention, which torch 1.13 lacks), exact GELU MLP 4x, final LN, tied head,
no bias (LayerNorm weight only, as nanoGPT's bias=False), no dropout in baby-cpu.

Two uses:

  bench (default): throughput of AdamW training steps, the reference of ./muonlab bench gpt.
    /usr/bin/python3 torch_gpt.py --threads 2 --steps 40 --warmup 5 [--config baby-cpu]
    prints one line "torch tokens_per_s=<float> ms_per_step=<float> ... threads=<n>".

  train: an outside reference for the trainer's validation loss. nanoGPT's shakespeare_char recipe
    (train.py / config/train_shakespeare_char.py: AdamW lr 1e-3, betas (0.9, 0.99), eps 1e-8,
    weight decay 0.1 on tensors of rank >= 2 only, warm-up 100 steps then cosine to 1e-4 at the last
    step, gradient clipping at global norm 1.0, batches from torch.randint as get_batch), evaluated
    on the SAME validation tokens as the Java trainer: its fixed batches (--val-offsets, written by
    `./muonlab java dev.muonlab.bench.GptEvaluate offsets`) and the whole validation split in
    non-overlapping windows of T (ValidationSet.fullPassLoss), plus nanoGPT's own estimate_loss
    (20 fresh random validation batches) for comparison.
    /usr/bin/python3 torch_gpt.py --mode train --seed 1 --train-steps 2000 --val-offsets FILE [--device cuda]
    prints "step=<k> train_loss=<float> val_fixed=<float>" every --eval-interval steps and a final
    line "final seed=<s> steps=<n> val_fixed=<float> val_full=<float> val_nanogpt20=<float>".

  lockstep: the same recipe from the Java trainer's initial weights on its training batches
    (`./muonlab java dev.muonlab.bench.GptEvaluate lockstep SEED STEPS DIR` writes DIR/init/*.npy and
    DIR/train_offsets.txt and prints Java's losses), printing "step=<k> train_loss=<float>" per step.
    /usr/bin/python3 torch_gpt.py --mode lockstep --lockstep DIR --threads 1

Data: nanoGPT's prepare.py: sorted characters (65), first 90 % train, last 10 % validation.
"""
import argparse
import math
import os
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    # name: (n_layer, n_head, n_embd, block_size, batch_size)
    "baby-cpu": (4, 4, 128, 64, 12),
    "shakespeare-char": (6, 6, 384, 256, 64),
}


class LayerNorm(nn.Module):
    """LayerNorm with a gain and no bias (nanoGPT's LayerNorm with bias=False; torch 1.13 lacks bias=False)."""

    def __init__(self, C):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(C))

    def forward(self, x):
        return F.layer_norm(x, self.weight.shape, self.weight, None, 1e-5)


class Block(nn.Module):
    def __init__(self, C, nh):
        super().__init__()
        self.nh = nh
        self.ln_1 = LayerNorm(C)
        self.c_attn = nn.Linear(C, 3 * C, bias=False)
        self.c_proj = nn.Linear(C, C, bias=False)
        self.ln_2 = LayerNorm(C)
        self.c_fc = nn.Linear(C, 4 * C, bias=False)
        self.mlp_proj = nn.Linear(4 * C, C, bias=False)
        self.gelu = nn.GELU()

    def forward(self, x, mask):
        B, T, C = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(C, dim=2)
        q = q.view(B, T, self.nh, C // self.nh).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.nh, C // self.nh).transpose(1, 2)
        v = v.view(B, T, self.nh, C // self.nh).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(mask[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(self.gelu(self.c_fc(self.ln_2(x))))


class GPT(nn.Module):
    def __init__(self, V, n_layer, n_head, C, T):
        super().__init__()
        self.wte = nn.Embedding(V, C)
        self.wpe = nn.Embedding(T, C)
        self.h = nn.ModuleList([Block(C, n_head) for _ in range(n_layer)])
        self.ln_f = LayerNorm(C)
        self.register_buffer("mask", torch.tril(torch.ones(T, T)).view(1, 1, T, T))
        # nanoGPT's init: N(0, 0.02) for Linear and Embedding, 0.02/sqrt(2 n_layer) for residual projections
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * n_layer) if name.endswith(("c_proj.weight", "mlp_proj.weight")) else 0.02
                torch.nn.init.normal_(p, mean=0.0, std=std)

    def forward(self, idx, targets):
        B, T = idx.shape
        x = self.wte(idx) + self.wpe(torch.arange(T, device=idx.device))
        for block in self.h:
            x = block(x, self.mask)
        logits = self.ln_f(x) @ self.wte.weight.t()  # tied head
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def load_split(path):
    """nanoGPT's prepare.py: ids over the sorted character set, first 90 % train, rest validation."""
    text = open(path, encoding="ascii").read()
    chars = sorted(set(text))
    stoi = {c: i for i, c in enumerate(chars)}
    ids = torch.tensor([stoi[c] for c in text], dtype=torch.long)
    n = int(len(ids) * 0.9)
    return ids[:n], ids[n:], len(chars)


def adamw_nanogpt(model, lr, weight_decay, betas):
    """nanoGPT's configure_optimizers: weight decay on tensors of rank >= 2 only."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=betas, eps=1e-8)


def nanogpt_lr(it, lr, min_lr, warmup, decay_iters):
    """nanoGPT's get_lr: linear warm-up (it+1)/(warmup+1), cosine to min_lr at decay_iters."""
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    if it > decay_iters:
        return min_lr
    ratio = (it - warmup) / (decay_iters - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


def rows(data, starts, T, device):
    x = torch.stack([data[i:i + T] for i in starts]).to(device)
    y = torch.stack([data[i + 1:i + 1 + T] for i in starts]).to(device)
    return x, y


@torch.no_grad()
def mean_batch_loss(model, data, batches, T, device):
    return sum(model(*rows(data, b, T, device)).item() for b in batches) / len(batches)


@torch.no_grad()
def full_pass_loss(model, data, T, device, group=256):
    """Mean loss per token over non-overlapping windows w*T, w < (n-1)//T (ValidationSet.fullPassLoss)."""
    windows = (len(data) - 1) // T
    total = 0.0
    for w0 in range(0, windows, group):
        starts = [w * T for w in range(w0, min(windows, w0 + group))]
        total += model(*rows(data, starts, T, device)).item() * len(starts) * T
    return total / (windows * T)


def train(args):
    L, nh, C, T, B = CONFIGS[args.config]
    device = torch.device(args.device)
    if device.type == "cuda":   # fp32 arithmetic as on the CPU, not TF32 (nanoGPT's train.py turns TF32 on)
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    train_ids, val_ids, V = load_split(args.data)
    with open(args.val_offsets) as f:
        val_batches = [[int(s) for s in line.split()] for line in f if line.strip() and not line.startswith("#")]
    assert all(len(b) == B for b in val_batches), "offsets file is for another batch size"
    torch.manual_seed(args.seed)
    model = GPT(V, L, nh, C, T).to(device)
    opt = adamw_nanogpt(model, args.lr, 0.1, (0.9, 0.99))
    gen = torch.Generator().manual_seed(10_000 + args.seed)   # batch order, apart from the init's stream
    t0 = time.perf_counter()
    for it in range(args.train_steps):
        for g in opt.param_groups:
            g["lr"] = nanogpt_lr(it, args.lr, args.lr / 10, 100, args.train_steps)
        ix = torch.randint(len(train_ids) - T, (B,), generator=gen)
        model.train()
        loss = model(*rows(train_ids, ix.tolist(), T, device))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if (it + 1) % args.eval_interval == 0 or it + 1 == args.train_steps:
            model.eval()
            print(f"seed={args.seed} step={it + 1} train_loss={loss.item():.4f} "
                  f"val_fixed={mean_batch_loss(model, val_ids, val_batches, T, device):.4f} "
                  f"elapsed_s={time.perf_counter() - t0:.1f}", flush=True)
    model.eval()
    fixed = mean_batch_loss(model, val_ids, val_batches, T, device)
    full = full_pass_loss(model, val_ids, T, device)
    g20 = torch.Generator().manual_seed(20_000 + args.seed)
    nano = [torch.randint(len(val_ids) - T, (B,), generator=g20).tolist() for _ in range(20)]
    print(f"final seed={args.seed} steps={args.train_steps} val_fixed={fixed:.4f} val_full={full:.4f} "
          f"val_nanogpt20={mean_batch_loss(model, val_ids, nano, T, device):.4f} device={args.device} "
          f"torch={torch.__version__}", flush=True)


JAVA_NAMES = {  # Muon Lab's parameter names (nanoGPT's) -> this module's
    "transformer.wte.weight": "wte.weight", "transformer.wpe.weight": "wpe.weight",
    "transformer.ln_f.weight": "ln_f.weight", "ln_1.weight": "ln_1.weight", "attn.c_attn.weight": "c_attn.weight",
    "attn.c_proj.weight": "c_proj.weight", "ln_2.weight": "ln_2.weight", "mlp.c_fc.weight": "c_fc.weight",
    "mlp.c_proj.weight": "mlp_proj.weight",
}


def lockstep(args):
    """Trains from the Java trainer's initial weights on its batches (GptEvaluate lockstep), printing the loss per step."""
    import numpy as np
    L, nh, C, T, B = CONFIGS[args.config]
    train_ids, _, V = load_split(args.data)
    model = GPT(V, L, nh, C, T)
    state = {}
    for java_name in os.listdir(os.path.join(args.lockstep, "init")):
        name = java_name[:-len(".npy")]
        m = re.match(r"transformer\.h\.(\d+)\.(.*)", name)
        key = f"h.{m.group(1)}.{JAVA_NAMES[m.group(2)]}" if m else JAVA_NAMES[name]
        state[key] = torch.from_numpy(np.load(os.path.join(args.lockstep, "init", java_name)).astype(np.float32))
    state["mask"] = model.mask
    model.load_state_dict(state, strict=True)
    opt = adamw_nanogpt(model, args.lr, 0.1, (0.9, 0.99))
    with open(os.path.join(args.lockstep, "train_offsets.txt")) as f:
        batches = [[int(x) for x in line.split()] for line in f if line.strip()]
    for it, starts in enumerate(batches):
        for g in opt.param_groups:
            g["lr"] = nanogpt_lr(it, args.lr, args.lr / 10, 100, args.train_steps)
        loss = model(*rows(train_ids, starts, T, "cpu"))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        print(f"step={it + 1} train_loss={loss.item():.6f}", flush=True)
    if args.val_offsets:
        _, val_ids, _ = load_split(args.data)
        with open(args.val_offsets) as f:
            val_batches = [[int(x) for x in line.split()] for line in f if line.strip() and not line.startswith("#")]
        model.eval()
        print(f"final steps={len(batches)} val_fixed={mean_batch_loss(model, val_ids, val_batches, T, 'cpu'):.4f} "
              f"val_full={full_pass_loss(model, val_ids, T, 'cpu'):.4f} torch={torch.__version__}", flush=True)


def bench(args):
    L, nh, C, T, B = CONFIGS[args.config]
    text = open(args.data, encoding="ascii").read()
    chars = sorted(set(text))
    data = torch.tensor([chars.index(c) for c in text[: 200_000]], dtype=torch.long)
    model = GPT(len(chars), L, nh, C, T)
    opt = adamw_nanogpt(model, 1e-3, 0.1, (0.9, 0.99))

    def run(steps):
        """Trains `steps` more steps; returns the result line (tokens/s, wall and CPU ms per step)."""
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(steps):
            ix = torch.randint(len(data) - T, (B,))
            x = torch.stack([data[i:i + T] for i in ix])
            y = torch.stack([data[i + 1:i + 1 + T] for i in ix])
            loss = model(x, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        ms = (time.perf_counter() - t0) * 1000 / max(1, steps)
        cpu_ms = (time.process_time() - c0) * 1000 / max(1, steps)
        return (f"torch tokens_per_s={B * T / ms * 1000:.1f} ms_per_step={ms:.3f} cpu_ms_per_step={cpu_ms:.3f} "
                f"threads={args.threads}")

    run(args.warmup)
    if not args.serve:
        print(run(args.steps))
        return
    # serve: each line N on stdin runs N more steps and answers with one result line; EOF ends
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.strip():
            break
        print(run(int(line)), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["bench", "train", "lockstep"], default="bench")
    ap.add_argument("--lockstep", help="lockstep: the folder GptEvaluate lockstep wrote (init/*.npy, train_offsets.txt)")
    ap.add_argument("--config", default="baby-cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=40, help="bench: timed steps")
    ap.add_argument("--warmup", type=int, default=5, help="bench: untimed steps first")
    ap.add_argument("--serve", action="store_true",
                    help="bench: after the warm-up, answer each stdin line N with the timing of N more steps")
    ap.add_argument("--data", default="data/tinyshakespeare.txt")
    ap.add_argument("--seed", type=int, default=1, help="train: init and batch-order seed")
    ap.add_argument("--train-steps", type=int, default=2000, help="train: optimizer steps (= lr_decay_iters)")
    ap.add_argument("--lr", type=float, default=1e-3, help="train: peak lr (min_lr = lr/10)")
    ap.add_argument("--eval-interval", type=int, default=250, help="train: steps between evaluations")
    ap.add_argument("--val-offsets", help="train: the Java trainer's fixed validation batches (GptEvaluate offsets)")
    ap.add_argument("--device", default="cpu", help="train: cpu or cuda")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.mode == "lockstep":
        lockstep(args)
    elif args.mode == "train":
        if not args.val_offsets:
            ap.error("--mode train needs --val-offsets")
        train(args)
    else:
        torch.manual_seed(1337)
        bench(args)


if __name__ == "__main__":
    main()
