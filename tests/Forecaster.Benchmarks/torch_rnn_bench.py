#!/usr/bin/python3
"""Performance anchor: sliding-window Elman RNN regressor trained with BPTT (PyTorch, CPU).

The PyTorch side of tests/Forecaster.Benchmarks (see compare.sh). Same workload and JSON line as
/work/shared/bench/torch_rnn_bench.py, the team's reference; keep the two in step.

Reference workload (keep identical across engines so numbers stay comparable):
  * 1-layer Elman RNN, tanh, input size 1, hidden H, float32
  * linear head from the LAST hidden state to K outputs (direct multi-step forecast)
  * windows of W consecutive normalized values, target = next K values, mini-batch B
  * loss MSE, optimizer Adam lr=1e-3
  * one training step = forward over W steps + full BPTT over the window + Adam update
Configs: S (W=32,H=16,K=1,B=32), M (W=64,H=32,K=8,B=64), L (W=128,H=128,K=24,B=128)
FLOPs per training window = 3 * forward, forward = 2*W*(H*1 + H*H) + 2*H*K.

Modes:
  train  : torch.nn.RNN + nn.Linear, full training step (default)
  cell   : nn.RNNCell stepped in a Python loop + nn.Linear, full training step
  infer  : torch.nn.RNN + nn.Linear forward only under torch.no_grad()
  sgemm  : N x N float32 matmul (machine peak probe), FLOPs = 2*N^3 per matmul

Prints one JSON line per measurement to stdout. Run with Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import platform
import time

import torch

CONFIGS = {
    "S": dict(W=32, H=16, K=1, B=32),
    "M": dict(W=64, H=32, K=8, B=64),
    "L": dict(W=128, H=128, K=24, B=128),
}


def forward_flops(W, H, K):
    return 2 * W * (H * 1 + H * H) + 2 * H * K


def make_series(n, seed):
    """Synthetic random walk + sine, z-score normalized, float32."""
    g = torch.Generator().manual_seed(seed)
    steps = torch.randn(n, generator=g, dtype=torch.float64) * 0.01
    t = torch.arange(n, dtype=torch.float64)
    s = steps.cumsum(0) + 0.5 * torch.sin(2 * torch.pi * t / 50.0)
    s = (s - s.mean()) / s.std()
    return s.to(torch.float32)


def make_batches(series, W, K, B, nbatches, seed):
    """Pre-built bank of (x[B,W,1], y[B,K]) batches so timing measures the engine only."""
    g = torch.Generator().manual_seed(seed + 1)
    windows = series.unfold(0, W + K, 1)  # [n-W-K+1, W+K] view
    out = []
    for _ in range(nbatches):
        idx = torch.randint(0, windows.shape[0], (B,), generator=g)
        w = windows[idx]
        x = w[:, :W].unsqueeze(-1).contiguous()
        y = w[:, W:].contiguous()
        out.append((x, y))
    return out


class RnnRegressor(torch.nn.Module):
    def __init__(self, H, K):
        super().__init__()
        self.rnn = torch.nn.RNN(input_size=1, hidden_size=H, num_layers=1,
                                nonlinearity="tanh", batch_first=True)
        self.head = torch.nn.Linear(H, K)

    def forward(self, x):
        _, h_n = self.rnn(x)          # h_n: [1, B, H]
        return self.head(h_n[-1])     # [B, K]


class CellRegressor(torch.nn.Module):
    """Same math, but nn.RNNCell stepped in Python (the 'hand loop' style)."""

    def __init__(self, H, K):
        super().__init__()
        self.H = H
        self.cell = torch.nn.RNNCell(input_size=1, hidden_size=H, nonlinearity="tanh")
        self.head = torch.nn.Linear(H, K)

    def forward(self, x):
        B, W, _ = x.shape
        h = torch.zeros(B, self.H, dtype=x.dtype)
        for t in range(W):
            h = self.cell(x[:, t, :], h)
        return self.head(h)


def proc_stat_busy():
    """(busy_jiffies, total_jiffies) for the whole machine, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            parts = f.readline().split()[1:]
        vals = [int(v) for v in parts]
        idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
        total = sum(vals[:8])
        return total - idle, total
    except OSError:
        return None


def timed_loop(step, warmup_s, min_s, min_steps=5):
    """Run step() for warmup_s (>= min_steps), then measure >= min_s seconds of steps."""
    t0 = time.perf_counter()
    n = 0
    while n < min_steps or time.perf_counter() - t0 < warmup_s:
        step()
        n += 1
    st0 = proc_stat_busy()
    c0 = time.process_time()
    t0 = time.perf_counter()
    n = 0
    while True:
        step()
        n += 1
        el = time.perf_counter() - t0
        if el >= min_s and n >= min_steps:
            break
    c1 = time.process_time()
    st1 = proc_stat_busy()
    extra = {"proc_cpu_s": round(c1 - c0, 3)}
    if st0 and st1:
        hz = os.sysconf("SC_CLK_TCK")
        busy_s = (st1[0] - st0[0]) / hz
        # CPU seconds burnt by *other* processes during the measurement (contention indicator)
        extra["foreign_cpu_s"] = round(max(0.0, busy_s - (c1 - c0)), 2)
    return n, el, extra


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", choices=sorted(CONFIGS), default="M")
    ap.add_argument("--mode", choices=["train", "cell", "infer", "sgemm"], default="train")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=None, help="override B (infer default 1024)")
    ap.add_argument("--seconds", type=float, default=5.0, help="measured duration (min)")
    ap.add_argument("--warmup", type=float, default=1.0, help="warm-up duration (s)")
    ap.add_argument("--n", type=int, default=2048, help="sgemm size")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rep", type=int, default=0, help="repetition index (just echoed)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rec = {"engine": "pytorch", "torch": torch.__version__, "mode": a.mode,
           "threads": torch.get_num_threads(), "rep": a.rep}

    if a.mode == "sgemm":
        n = a.n
        A = torch.randn(n, n)
        Bm = torch.randn(n, n)
        C = torch.empty(n, n)
        n_, el, extra = timed_loop(lambda: torch.mm(A, Bm, out=C), a.warmup, a.seconds, 3)
        rec.update(n=n, iters=n_, seconds=round(el, 3),
                   gflops=round(2 * n ** 3 * n_ / el / 1e9, 2), **extra)
        print(json.dumps(rec), flush=True)
        return

    cfg = dict(CONFIGS[a.config])
    if a.batch is not None:
        cfg["B"] = a.batch
    elif a.mode == "infer":
        cfg["B"] = 1024
    W, H, K, B = cfg["W"], cfg["H"], cfg["K"], cfg["B"]

    series = make_series(200_000, a.seed)
    batches = make_batches(series, W, K, B, 16, a.seed)
    model = (CellRegressor if a.mode == "cell" else RnnRegressor)(H, K)
    fwd = forward_flops(W, H, K)
    i = [0]

    if a.mode == "infer":
        model.eval()

        def step():
            x, _ = batches[i[0] % len(batches)]
            i[0] += 1
            with torch.no_grad():
                model(x)
        flops_per_window = fwd
    else:
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = torch.nn.MSELoss()
        last = [None]

        def step():
            x, y = batches[i[0] % len(batches)]
            i[0] += 1
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            last[0] = loss
        flops_per_window = 3 * fwd

    n_, el, extra = timed_loop(step, a.warmup, a.seconds)
    wps = B * n_ / el
    rec.update(config=a.config, W=W, H=H, K=K, B=B, steps=n_, seconds=round(el, 3),
               windows_per_s=round(wps, 1), us_per_step=round(el / n_ * 1e6, 1),
               flops_per_window=flops_per_window,
               gflops=round(wps * flops_per_window / 1e9, 3), **extra)
    if a.mode != "infer":
        rec["final_loss"] = round(float(last[0]), 5)
    rec["python"] = platform.python_version()
    print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    main()
