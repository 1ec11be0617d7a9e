#!/usr/bin/env python3
"""Independent check of sparksynth's column shapes and pair trends with numpy/scipy.

Usage: independent_check.py REAL_CSV SYNTHETIC_CSV METRICS_JSON
The CSVs (with a header; empty field = null) are the compared real and synthetic tables; the
script recomputes per-column KS (scipy.stats.ks_2samp), TVD and column pair trends from the
contract's definitions and prints the largest differences to sparksynth's metrics.json.
"""
import csv
import itertools
import json
import sys

import numpy as np
from scipy.stats import ks_2samp


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def column(rows, i, numeric):
    out = []
    for r in rows:
        v = r[i]
        out.append(None if v == "" else (float(v) if numeric else v))
    return out


def tvd(a, b):
    a = [v for v in a if v is not None]
    b = [v for v in b if v is not None]
    cats = set(a) | set(b)
    return 0.5 * sum(abs(a.count(c) / len(a) - b.count(c) / len(b)) for c in cats)


def codes(values, cuts, numeric):
    if numeric:
        return ["null" if v is None else int(np.searchsorted(cuts, v, side="left")) for v in values]
    return ["null" if v is None else v for v in values]


def joint_tvd(a1, a2, b1, b2):
    ja = {}
    for p in zip(a1, a2):
        ja[p] = ja.get(p, 0) + 1
    jb = {}
    for p in zip(b1, b2):
        jb[p] = jb.get(p, 0) + 1
    na, nb = len(a1), len(b1)
    return 0.5 * sum(abs(ja.get(k, 0) / na - jb.get(k, 0) / nb) for k in set(ja) | set(jb))


def pearson(x, y):
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    xa = np.array([p[0] for p in pairs])
    ya = np.array([p[1] for p in pairs])
    return float(np.corrcoef(xa, ya)[0, 1])


def main(real_csv, synth_csv, metrics_json):
    metrics = json.load(open(metrics_json))
    header, real = read(real_csv)
    sheader, synth = read(synth_csv)
    kinds = {c: metrics["columns"][c]["kind"] for c in header}
    numeric = {c: kinds[c] == "continuous" for c in header}
    r = {c: column(real, i, numeric[c]) for i, c in enumerate(header)}
    s = {c: column(synth, sheader.index(c), numeric[c]) for c in header}
    worst_col = 0.0
    for c in header:
        if numeric[c]:
            mine = metrics["columns"][c]["ks"]
            ref = ks_2samp([v for v in r[c] if v is not None], [v for v in s[c] if v is not None]).statistic
            name = "ks"
        else:
            mine = metrics["columns"][c]["tvd"]
            ref = tvd(r[c], s[c])
            name = "tvd"
        worst_col = max(worst_col, abs(mine - ref))
        print(f"{c:16s} {name} sparksynth {mine:.6f} scipy {ref:.6f} diff {abs(mine - ref):.2e}")
    cuts = {}
    for c in header:
        if numeric[c]:
            vals = np.array([v for v in r[c] if v is not None])
            cuts[c] = np.unique(np.quantile(vals, np.arange(1, 10) / 10, method="inverted_cdf"))
    rc = {c: codes(r[c], cuts.get(c), numeric[c]) for c in header}
    sc = {c: codes(s[c], cuts.get(c), numeric[c]) for c in header}
    scores = []
    for a, b in itertools.combinations(header, 2):
        if numeric[a] and numeric[b]:
            score = 1 - abs(pearson(r[a], r[b]) - pearson(s[a], s[b])) / 2
        else:
            score = 1 - joint_tvd(rc[a], rc[b], sc[a], sc[b])
        scores.append(score)
    trends = float(np.mean(scores))
    print(f"column_pair_trends sparksynth {metrics['column_pair_trends']:.6f} numpy {trends:.6f} "
          f"diff {abs(metrics['column_pair_trends'] - trends):.2e}")
    print(f"largest per-column KS/TVD difference {worst_col:.2e}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
