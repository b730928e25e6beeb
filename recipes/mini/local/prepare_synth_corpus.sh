#!/usr/bin/env bash
# The mini recipes' training corpus: espeak-ng speakers reading KJV clauses, never the committed
# dev/test sentences but covering their words, plus manifests; dev and test = the committed
# recipes/mini/data splits (unheard voices, unheard sentences). Three parts, combined with id prefixes:
#   m: SPEAKERS x UTTERANCES from the mini pool (Proverbs/Psalms, the test's own chapters), speakers sharing
#      sentences, so its ~1,000 words are each heard many times, in many voices (a closed-vocabulary task);
#   b: SPEAKERS x UTTERANCES unique clauses from 15 books (a wider vocabulary and language model);
#   c: six runs of 120 covering clauses (each a clause holding a dev/test word, chosen anew per seed),
#      so the held-out sentences' rarer words are heard about 14 times rather than once or twice.
# Resumable (synth keeps finished files).
#   recipes/mini/local/prepare_synth_corpus.sh DATA_DIR SPEAKERS UTTERANCES_PER_SPEAKER   (run from the repo root, `speech` defined)
set -euo pipefail
data=$1; speakers=$2; utterances=$3
held_out=(recipes/mini/data/test recipes/mini/data/dev)
synth() { speech data synth --min-words 3 --max-words 8 --dev-speakers 0 --test-speakers 0 \
  --exclude-transcripts "${held_out[@]}" --cover-words-of "${held_out[@]}" "$@"; }
synth --out "$data/mini" --speakers "$speakers" --utterances-per-speaker "$utterances" --passages mini --reuse-sentences --seed 7
synth --out "$data/books" --speakers "$speakers" --utterances-per-speaker "$utterances" --passages books --seed 7
parts=("$data/mini.jsonl.gz=m" "$data/books.jsonl.gz=b")
speech data import librispeech "$data/mini/train" --out "$data/mini.jsonl.gz"
speech data import librispeech "$data/books/train" --out "$data/books.jsonl.gz"
for seed in 11 12 13 14 15 16; do
  synth --out "$data/cover$seed" --speakers "$speakers" --utterances-per-speaker 2 --passages books --seed "$seed"
  speech data import librispeech "$data/cover$seed/train" --out "$data/cover$seed.jsonl.gz"
  parts+=("$data/cover$seed.jsonl.gz=c$seed-")
done
speech data combine --out "$data/train.jsonl.gz" "${parts[@]}"
speech data import librispeech recipes/mini/data/dev --out "$data/dev.jsonl.gz"
speech data import librispeech recipes/mini/data/test --out "$data/test.jsonl.gz"
