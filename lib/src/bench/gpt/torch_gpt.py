"""Minimal PyTorch char-level GPT, the same model as Muon Lab's dev.muonlab.gpt.Gpt (nanoGPT's
model.py without the extras): pre-LN blocks, causal multi-head attention written out (no fused
scaled_dot_product_attention, which torch 1.13 lacks), exact GELU MLP 4x, final LN, tied head,
no bias, no dropout in baby-cpu. Used only as the throughput reference of the gpt benchmark.

Usage: /usr/bin/python3 torch_gpt.py --threads 2 --steps 40 --warmup 5 [--config baby-cpu]
Prints one line: "torch tokens_per_s=<float> ms_per_step=<float> threads=<n>".
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    # name: (n_layer, n_head, n_embd, block_size, batch_size)
    "baby-cpu": (4, 4, 128, 64, 12),
    "shakespeare-char": (6, 6, 384, 256, 64),
}


class Block(nn.Module):
    def __init__(self, C, nh):
        super().__init__()
        self.nh = nh
        self.ln_1 = nn.LayerNorm(C, elementwise_affine=True)
        self.c_attn = nn.Linear(C, 3 * C, bias=False)
        self.c_proj = nn.Linear(C, C, bias=False)
        self.ln_2 = nn.LayerNorm(C)
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
        self.ln_f = nn.LayerNorm(C)
        self.register_buffer("mask", torch.tril(torch.ones(T, T)).view(1, 1, T, T))
        # nanoGPT's init: N(0, 0.02) for Linear and Embedding, 0.02/sqrt(2 n_layer) for residual projections
        for name, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * n_layer) if name.endswith(("c_proj.weight", "mlp_proj.weight")) else 0.02
                torch.nn.init.normal_(p, mean=0.0, std=std)

    def forward(self, idx, targets):
        B, T = idx.shape
        x = self.wte(idx) + self.wpe(torch.arange(T))
        for block in self.h:
            x = block(x, self.mask)
        logits = self.ln_f(x) @ self.wte.weight.t()  # tied head
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="baby-cpu")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--data", default="data/tinyshakespeare.txt")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1337)
    L, nh, C, T, B = CONFIGS[args.config]
    text = open(args.data, encoding="ascii").read()
    chars = sorted(set(text))
    data = torch.tensor([chars.index(c) for c in text[: 200_000]], dtype=torch.long)
    model = GPT(len(chars), L, nh, C, T)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.99), weight_decay=0.1)
    t0 = None
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            t0 = time.perf_counter()
            c0 = time.process_time()
        ix = torch.randint(len(data) - T, (B,))
        x = torch.stack([data[i:i + T] for i in ix])
        y = torch.stack([data[i + 1:i + 1 + T] for i in ix])
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    ms = (time.perf_counter() - t0) * 1000 / args.steps
    cpu_ms = (time.process_time() - c0) * 1000 / args.steps
    print(f"torch tokens_per_s={B * T / ms * 1000:.1f} ms_per_step={ms:.3f} cpu_ms_per_step={cpu_ms:.3f} "
          f"threads={args.threads} loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
