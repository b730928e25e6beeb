#!/usr/bin/env bash
# The mini recipes' training corpus: espeak-ng speakers reading KJV clauses from 15 books, never the
# committed dev/test sentences but covering their words (a closed-vocabulary test), plus manifests;
# test = the committed recipes/mini/data/test split. Resumable (synth keeps finished files).
#   recipes/mini/local/prepare_synth_corpus.sh DATA_DIR SPEAKERS UTTERANCES_PER_SPEAKER   (run from the repo root, `speech` defined)
set -euo pipefail
data=$1; speakers=$2; utterances=$3
speech data synth --out "$data/synth" --speakers "$speakers" --utterances-per-speaker "$utterances" \
  --dev-speakers 2 --test-speakers 0 --min-words 3 --max-words 8 --passages books \
  --exclude-transcripts recipes/mini/data/test recipes/mini/data/dev \
  --cover-words-of recipes/mini/data/test recipes/mini/data/dev --seed 7
speech data import librispeech "$data/synth/train" --out "$data/train.jsonl.gz"
speech data import librispeech "$data/synth/dev" --out "$data/dev.jsonl.gz"
speech data import librispeech recipes/mini/data/test --out "$data/test.jsonl.gz"
