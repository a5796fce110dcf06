#!/usr/bin/python3
"""The bundled data's accuracy protocol (deploy/data/BASELINES.md) for `forecaster backtest`: 20 origins over the
last 15 % of each series with the horizon of series_manifest.csv (5 daily and tick, 3 monthly, quarterly and
annual, 48 half-hourly), and its scoring: MASE on the mean absolute one-step change of the last 1,000 points up to
the origin, families weighing each (series, origin) equally, price families pooled.

  protocol.py origins --data DIR --out origins.csv
      series_key,origin_ts,step,target_ts with steps 1..h of the manifest (origins as DefaultOrigins places them)
  protocol.py score --data DIR --backtest BT.csv [--level 80]
      per family: MASE of the published forecast (champion) and its ratio to naive, the same ratio for the two
      candidates the gate weighed (linear base, network), interval coverage; then the price families pooled
Debian python3 + numpy only.
"""
import argparse, csv, glob, math, os
from collections import defaultdict
import numpy as np

COUNT, TAIL, SCALE_WINDOW = 20, 0.15, 1000
NOT_PRICES = {"seasonal"}  # every other family of the manifest is a price


def read_data(folder):
    series = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        if os.path.basename(path) == "series_manifest.csv":
            continue
        with open(path) as f:
            for row in csv.DictReader(f):
                series[row["series_key"]].append((row["ts"], float(row["price"])))
    manifest = {}
    with open(os.path.join(folder, "series_manifest.csv")) as f:
        for row in csv.DictReader(f):
            manifest[row["series_key"]] = (row["family"], int(row["horizon"]))
    return {k: sorted(v) for k, v in series.items()}, manifest


def default_origins(n, h):
    """DefaultOrigins.Select: indices of the last observation at each origin."""
    last, first = n - 1 - h, max(0, n - math.ceil(TAIL * n))
    if last < first:
        return []
    out = []
    for i in range(COUNT):
        index = first + int(math.floor(i * (last - first) / (COUNT - 1) + 0.5))  # rounding half away from zero
        if index not in out:
            out.append(index)
    return out


def origins(a):
    series, manifest = read_data(a.data)
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series_key", "origin_ts", "step", "target_ts"])
        for key, points in series.items():
            h = manifest[key][1]
            for index in default_origins(len(points), h):
                for step in range(1, h + 1):
                    w.writerow([key, points[index][0], step, points[index + step][0]])


def score(a):
    series, manifest = read_data(a.data)
    rows = defaultdict(dict)  # (key, origin) -> method -> [(step, forecast, lower, upper, actual)]
    with open(a.backtest) as f:
        for r in csv.DictReader(f):
            rows[(r["series_key"], r["origin_ts"])].setdefault(r["method"], []).append(
                (int(r["step"]), float(r["forecast"]), float(r["lower"] or "nan"), float(r["upper"] or "nan"), float(r["actual"])))
    fam = defaultdict(lambda: {"pub": [], "naive": [], "linear": [], "rnn": [], "inside": []})
    for (key, origin), methods in rows.items():
        values = [p for ts, p in series[key] if ts <= origin][-(SCALE_WINDOW + 1):]
        scale = np.mean(np.abs(np.diff(values)))
        if not scale > 0 or "champion" not in methods or "naive" not in methods:
            continue
        f = fam[manifest[key][0]]
        for method, target in (("champion", "pub"), ("naive", "naive"), ("linear", "linear"), ("rnn", "rnn")):
            steps = sorted(methods.get(method, methods["naive"]))  # no network when the history was too short
            f[target].append(np.mean([abs(fc - act) for _, fc, _, _, act in steps]) / scale)
        f["inside"] += [lo <= act <= up for _, _, lo, up, act in methods["champion"]]
    print(f"{'family':20s} {'origins':>7s} {'MASE':>7s} {'naive':>7s} {'rel':>6s} {'linear':>6s} {'rnn':>6s} {'cov' + a.level:>7s}")
    pooled = [[], []]
    for name in sorted(fam):
        f = fam[name]
        rel, lin, rnn = (np.mean(f[m]) / np.mean(f["naive"]) for m in ("pub", "linear", "rnn"))
        print(f"{name:20s} {len(f['pub']):7d} {np.mean(f['pub']):7.3f} {np.mean(f['naive']):7.3f} {rel:6.3f} {lin:6.3f} {rnn:6.3f} "
              f"{100 * np.mean(f['inside']):6.1f}%")
        if name not in NOT_PRICES:
            pooled[0] += f["pub"]; pooled[1] += f["naive"]
    inside = [x for f in fam.values() for x in f["inside"]]
    print(f"price families pooled: MASE relative to naive {np.mean(pooled[0]) / np.mean(pooled[1]):.4f}; "
          f"{a.level} % coverage over all origins {100 * np.mean(inside):.1f} %")


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("origins"); o.add_argument("--data", required=True); o.add_argument("--out", required=True)
    s = sub.add_parser("score"); s.add_argument("--data", required=True); s.add_argument("--backtest", required=True)
    s.add_argument("--level", default="80")
    a = p.parse_args()
    {"origins": origins, "score": score}[a.cmd](a)
