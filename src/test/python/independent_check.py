#!/usr/bin/env python3
"""Independent check of sparksynth's column shapes and pair trends with numpy/scipy.

Usage: independent_check.py [--exact-tol T] [--binned-tol T] REAL_CSV SYNTHETIC_CSV METRICS_JSON

The CSVs (with a header; empty field = null) are the compared real and synthetic tables. The
script recomputes, from the contract's definitions, per-column KS (scipy.stats.ks_2samp) and TVD,
every column pair's trend score and their mean, compares each with sparksynth's metrics.json and
exits 1 when any differs by more than its tolerance (0 when all agree, 2 on a usage error).

Tolerances:
  --exact-tol   KS, TVD, correlation pairs and pairs of two categorical columns: both sides count
                the same rows exactly, so only floating-point summation order separates them.
  --binned-tol  pairs with a continuous column cut into deciles, and the mean over pairs when there
                is one: sparksynth cuts at deciles from Spark's approxQuantile (rank error up to
                0.001 n), numpy at the exact inverted-CDF deciles, so a cut may move up to 0.1 % of
                the real rows, and about as many synthetic ones, into the neighbouring bin, changing
                a pair's TVD by up to 0.002 per cut (0.018 for all nine in the worst case). Seen: up
                to 0.002 (4 of 2,000 rows); tolerance 5e-3.
"""
import argparse
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
    """Pearson r over rows where both are present; an undefined r (constant column) counts as 0."""
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    xa = np.array([p[0] for p in pairs])
    ya = np.array([p[1] for p in pairs])
    with np.errstate(invalid="ignore", divide="ignore"):
        r = float(np.corrcoef(xa, ya)[0, 1]) if len(pairs) > 1 else float("nan")
    return 0.0 if np.isnan(r) else r


class Comparison:
    """Collects figure-by-figure differences and remembers whether any exceeded its tolerance."""

    def __init__(self):
        self.failed = []

    def check(self, name, mine, ref, tol):
        diff = abs(mine - ref)
        ok = diff <= tol
        print(f"{name:40s} sparksynth {mine:.9f} numpy/scipy {ref:.9f} diff {diff:.2e} "
              f"tol {tol:.0e} {'ok' if ok else 'DIFFERS'}")
        if not ok:
            self.failed.append(name)


def pair_score(metrics, a, b):
    pairs = metrics["column_pairs"]
    entry = pairs.get(f"{a} | {b}") or pairs.get(f"{b} | {a}")
    if entry is None:
        raise SystemExit(f"metrics.json has no column pair {a} | {b}")
    return entry["score"]


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("real_csv")
    p.add_argument("synthetic_csv")
    p.add_argument("metrics_json")
    p.add_argument("--exact-tol", type=float, default=1e-9)
    p.add_argument("--binned-tol", type=float, default=5e-3)
    args = p.parse_args(argv)

    with open(args.metrics_json) as f:
        metrics = json.load(f)
    full_header, real = read(args.real_csv)
    sheader, synth = read(args.synthetic_csv)
    # identifiers (generated fresh) are left out of every metric, so metrics.json has no entry for them
    header = [c for c in full_header if c in metrics["columns"]]
    skipped = [c for c in full_header if c not in metrics["columns"]]
    if skipped:
        print(f"not compared (absent from metrics.json, e.g. identifiers): {', '.join(skipped)}")
    numeric = {c: metrics["columns"][c]["kind"] == "continuous" for c in header}
    r = {c: column(real, full_header.index(c), numeric[c]) for c in header}
    s = {c: column(synth, sheader.index(c), numeric[c]) for c in header}
    out = Comparison()
    for c in header:
        if numeric[c]:
            ref = ks_2samp([v for v in r[c] if v is not None], [v for v in s[c] if v is not None]).statistic
            out.check(f"{c} ks", metrics["columns"][c]["ks"], ref, args.exact_tol)
        else:
            out.check(f"{c} tvd", metrics["columns"][c]["tvd"], tvd(r[c], s[c]), args.exact_tol)

    cuts = {}
    for c in header:
        if numeric[c]:
            vals = np.array([v for v in r[c] if v is not None])
            cuts[c] = np.unique(np.quantile(vals, np.arange(1, 10) / 10, method="inverted_cdf"))
    rc = {c: codes(r[c], cuts.get(c), numeric[c]) for c in header}
    sc = {c: codes(s[c], cuts.get(c), numeric[c]) for c in header}
    scores = []
    binned = False
    for a, b in itertools.combinations(header, 2):
        if numeric[a] and numeric[b]:
            score = 1 - abs(pearson(r[a], r[b]) - pearson(s[a], s[b])) / 2
            tol = args.exact_tol
        else:
            score = 1 - joint_tvd(rc[a], rc[b], sc[a], sc[b])
            tol = args.binned_tol if numeric[a] or numeric[b] else args.exact_tol
            binned = binned or numeric[a] or numeric[b]
        out.check(f"pair {a} | {b}", pair_score(metrics, a, b), score, tol)
        scores.append(score)
    out.check("column_pair_trends", metrics["column_pair_trends"], float(np.mean(scores)),
              args.binned_tol if binned else args.exact_tol)

    if out.failed:
        print(f"FAILED: {len(out.failed)} figure(s) differ beyond tolerance: {', '.join(out.failed)}")
        return 1
    print("all figures agree within tolerance")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
