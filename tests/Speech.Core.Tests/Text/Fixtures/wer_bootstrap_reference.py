#!/usr/bin/env python3
"""Reference numbers for WerBootstrapTests, computed independently of the C# code with numpy.

(Debian's python3-numpy.) A synthetic corpus of 60 utterances (reference words, errors of system A and of system B, from the
formulas below) is resampled 1,000 times with replacement, the draws taken from SplitMix64 (the
algorithm Speech.Core.Data.SeededRandom implements: state += 0x9E3779B97F4A7C15, output = mix(state),
index = output % n) with seed 7, drawing the 60 indices of replicate 1, then of replicate 2, ...
Each replicate's WER is sum(errors) / sum(words); the 95 % interval is numpy.percentile at 2.5 and
97.5 (its default linear interpolation). The paired difference uses the same draws for A - B.

    /usr/bin/python3 tests/Speech.Core.Tests/Text/Fixtures/wer_bootstrap_reference.py > tests/Speech.Core.Tests/Text/Fixtures/wer_bootstrap_reference.txt
"""
import numpy as np

MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


n, resamples, seed = 60, 1000, 7
words = np.array([3 + (7 * i) % 9 for i in range(n)])
errors_a = np.array([min(words[i], (i * i) % 5) for i in range(n)])
errors_b = np.array([min(words[i], (3 * i + 1) % 4) for i in range(n)])

stream = splitmix64(seed)
draws = np.array([[next(stream) % n for _ in range(n)] for _ in range(resamples)])
wer_a = errors_a[draws].sum(axis=1) / words[draws].sum(axis=1)
difference = (errors_a[draws].sum(axis=1) - errors_b[draws].sum(axis=1)) / words[draws].sum(axis=1)

print(f"wer_a {errors_a.sum() / words.sum():.17g} {np.percentile(wer_a, 2.5):.17g} {np.percentile(wer_a, 97.5):.17g}")
print(f"difference {(errors_a.sum() - errors_b.sum()) / words.sum():.17g} {np.percentile(difference, 2.5):.17g} {np.percentile(difference, 97.5):.17g}")
print(f"first_draw {' '.join(str(i) for i in draws[0][:5])}")
