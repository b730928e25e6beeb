#!/usr/bin/env python3
"""Regenerates the WeSpeaker agreement fixture for DetCurveAgreementTests.

Draws seeded random score sets, writes each as a WeSpeaker score file
(`enroll test score target|nontarget`) and computes EER and minDCF with WeSpeaker's own
functions (wespeaker/utils/score_metrics.py: compute_pmiss_pfa_rbst, compute_eer,
compute_c_norm), imported from a WeSpeaker checkout, not re-implemented here.

Usage: /usr/bin/python3 make_wespeaker_agreement.py /path/to/wespeaker-checkout
Needs numpy, scipy and matplotlib (Debian: python3-numpy python3-scipy python3-matplotlib).
"""
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import numpy as np

sys.path.insert(0, sys.argv[1])
from wespeaker.utils.score_metrics import compute_c_norm, compute_eer, compute_pmiss_pfa_rbst  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
# (name, seed, targets, nontargets, target mean, target sd, nontarget mean, nontarget sd)
SETS = [
    ("separated", 29, 600, 2400, 0.55, 0.12, 0.10, 0.10),
    ("overlapping", 31, 1000, 3000, 0.30, 0.20, 0.20, 0.20),
    ("few_targets", 37, 40, 2960, 0.40, 0.15, 0.05, 0.12),
]
OPERATING_POINTS = [(0.01, 1, 1), (0.05, 1, 1), (0.001, 1, 1), (0.01, 10, 1)]

expected = {}
for name, seed, n_tgt, n_non, mt, st, mn, sn in SETS:
    rng = np.random.default_rng(seed)
    tgt = rng.normal(mt, st, n_tgt)
    non = rng.normal(mn, sn, n_non)
    scores = np.concatenate([tgt, non])
    labels = np.concatenate([np.ones(n_tgt, dtype=bool), np.zeros(n_non, dtype=bool)])
    order = rng.permutation(len(scores))  # interleave targets and nontargets in the file
    scores, labels = scores[order], labels[order]
    assert len(np.unique(scores)) == len(scores), "ties would make argsort's order matter"
    with open(os.path.join(HERE, f"{name}.score"), "w") as f:
        for i, (s, l) in enumerate(zip(scores, labels)):
            f.write(f"enr{i:05d} tst{i:05d} {s!r} {'target' if l else 'nontarget'}\n")
    fnr, fpr = compute_pmiss_pfa_rbst(scores, labels)
    eer, threshold = compute_eer(fnr, fpr, scores)
    expected[name] = {
        "eer": float(eer),
        "threshold": float(threshold),
        "min_dcf": [{"p_target": p, "c_miss": cm, "c_fa": cf, "value": float(compute_c_norm(fnr, fpr, p, cm, cf))}
                    for p, cm, cf in OPERATING_POINTS],
    }

with open(os.path.join(HERE, "wespeaker_expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print(json.dumps(expected, indent=1))
