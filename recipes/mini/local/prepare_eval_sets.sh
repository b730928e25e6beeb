#!/usr/bin/env bash
# Larger evaluation sets for the mini recipes (issue 25): DATA_DIR/test_large.jsonl.gz and
# DATA_DIR/dev_large.jsonl.gz, 360 cuts of 4-10 word clauses each (about 2,350 words), not committed:
# test 20 speakers x 18 (2 per voice of eval-test), dev 18 x 20 (2 per voice of eval-dev).
# Sentences: KJV clauses no training folder (every DATA_DIR/*/train, as prepare_synth_corpus.sh made
# them) nor the committed dev/test splits holds, made only of words the training transcripts hold
# (a closed-vocabulary task, as the committed splits are); dev also excludes test's sentences.
# Voices: the eval-test and eval-dev pools (`speech data synth --help`): espeak-ng variants no
# training voice uses plus flite and Festival voices (an accent shift); test and dev share no voice.
# Resumable (synth keeps finished files); prints per-engine/voice counts, words per set and the time.
#   recipes/mini/local/prepare_eval_sets.sh DATA_DIR   (run from the repo root, `speech` defined as in run.sh)
set -euo pipefail
data=$1
start=$SECONDS
training=()
for folder in "$data"/*/train; do [ -d "$folder" ] && training+=("$folder"); done
[ ${#training[@]} -gt 0 ] || { echo "$data: no training folders (*/train); run prepare_synth_corpus.sh first" >&2; exit 1; }
held_out=(recipes/mini/data/test recipes/mini/data/dev)
echo "eval sets: vocabulary of and excluding ${training[*]} ${held_out[*]}"
eval_synth() { speech data synth --out "$data/eval_large" --passages books --min-words 4 --max-words 10 \
  --vocabulary-of "${training[@]}" "$@"; }
eval_synth --voices eval-test --speakers 20 --utterances-per-speaker 18 --dev-speakers 0 --test-speakers 20 --seed 25 --exclude-transcripts "${training[@]}" "${held_out[@]}"
eval_synth --voices eval-dev --speakers 18 --utterances-per-speaker 20 --dev-speakers 18 --test-speakers 0 --seed 26 --exclude-transcripts "${training[@]}" "${held_out[@]}" "$data/eval_large/test"
for split in test dev; do
  speech data import librispeech "$data/eval_large/$split" --out "$data/${split}_large.jsonl.gz"
  echo "${split}_large: $(cat "$data/eval_large/$split"/*/*/*.trans.txt | wc -l) cuts," \
    "$(cat "$data/eval_large/$split"/*/*/*.trans.txt | cut -d' ' -f2- | wc -w) words"
done
echo "eval sets made in $((SECONDS - start)) s"
