#!/usr/bin/env python3
"""Writes the caption-metric fixture (references.tsv, hypotheses.tsv) and the numbers the COCO
caption evaluation code (pycocoevalcap: bleu/, rouge/, cider/) computes on it (expected.json).

Usage: python3 make_coco_fixture.py /path/to/pycocoevalcap
Text is pre-tokenised lower case (the PTB tokenizer needs Java and is not used): both sides are
fed to the scorers exactly as written in the files. Seeded, so the fixture is reproducible.
Needs numpy (rouge and cider import it)."""
import json, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(sys.argv[1])))
from pycocoevalcap.bleu.bleu import Bleu
from pycocoevalcap.rouge.rouge import Rouge
from pycocoevalcap.cider.cider import Cider

SOUNDS = ["a dog barks", "a bell rings", "a man speaks", "a woman talks", "a siren wails", "rain falls",
          "wind blows", "an engine hums", "a bird chirps", "people clap", "a clock ticks", "water runs"]
LINKS = ["while", "and then", "followed by", "as", "before", "after"]
PLACES = ["in the distance", "loudly", "softly", "nearby", "outside", "in a room", ""]


def caption(rng, events):
    parts = [rng.choice(SOUNDS) if e is None else e for e in events]
    text = parts[0]
    for p in parts[1:]:
        text += " " + rng.choice(LINKS) + " " + p
    place = rng.choice(PLACES)
    return (text + " " + place).strip()


def main():
    rng = random.Random(28)
    gts, res = {}, {}
    for i in range(24):
        clip = f"clip{i:02d}"
        events = rng.sample(SOUNDS, rng.randint(1, 3))
        refs = [caption(rng, events if rng.random() < 0.7 else events[:1]) for _ in range(rng.randint(2, 5))]
        kind = i % 6
        if kind == 0:
            hyp = refs[0]                                   # exact copy of a reference
        elif kind == 1:
            hyp = caption(rng, events)                      # same events, other wording
        elif kind == 2:
            hyp = caption(rng, rng.sample(SOUNDS, 2))       # mostly wrong events
        elif kind == 3:
            hyp = " ".join(refs[0].split()[:3])             # short: brevity penalty, length penalty
        elif kind == 4:
            hyp = refs[-1] + " " + caption(rng, events)     # long, repeated n-grams (clipping)
        else:
            hyp = "silence with unknownword"                # words absent from every reference
        gts[clip], res[clip] = refs, [hyp]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "references.tsv"), "w") as f:
        for clip, refs in gts.items():
            for r in refs:
                f.write(f"{clip}\t{r}\n")
    with open(os.path.join(here, "hypotheses.tsv"), "w") as f:
        for clip, hyp in res.items():
            f.write(f"{clip}\t{hyp[0]}\n")
    bleu, _ = Bleu(4).compute_score(gts, res, verbose=0)
    rouge, _ = Rouge().compute_score(gts, res)
    cider, per_clip = Cider().compute_score(gts, res)
    expected = {"clips": len(gts), "bleu": [float(b) for b in bleu], "rouge_l": float(rouge),
                "cider_d": float(cider), "cider_d_per_clip": {c: float(s) for c, s in zip(gts, per_clip)}}
    with open(os.path.join(here, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in expected.items() if k != "cider_d_per_clip"}))


if __name__ == "__main__":
    main()
