#!/usr/bin/env bash
# A CTC model (transformer encoder, characters) on the mini corpus, trained here; greedy decoding.
#   bash recipes/mini/ctc/run.sh [--smoke] [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--threads N]
#   --smoke: a plumbing check of every stage in minutes (4 speakers x 8 utterances, 2 training steps);
#   its WERs mean nothing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=0; stop_stage=3; exp=exp/mini_ctc; steps=""; threads=0; smoke=0; speakers=60; utterances=60
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/mini_ctc_smoke; steps=2; speakers=4; utterances=8; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
smoke_start "$speakers speakers x $utterances utterances, ${steps:-3000} training steps"

build_speech
mkdir -p "$exp"
data=$exp/data

if run_stage 0; then
  echo "== stage 0: corpus (the same synthetic training set as the Distil-Whisper recipe; test = the committed test split)"
  source recipes/mini/local/prepare_synth_corpus.sh "$data" "$speakers" "$utterances"
fi
if run_stage 1; then
  echo "== stage 1: train (conf/ctc.yaml; two step checkpoints kept)"
  speech asr train --config recipes/mini/ctc/conf/ctc.yaml --manifest "$data/train.jsonl.gz" --out "$exp/ctc" \
    $([ -n "$steps" ] && echo --set "training.steps=$steps")
fi
# score SET DECODING HYPS: prints the WER and adds it to results.tsv.
score() {
  local out; out=$(speech asr score --ref "$data/$1.jsonl.gz" --hyp "$3")
  echo "$out"; local line=${out%%$'\n'*}; printf '%s\t%s\t%s\n' "$1" "$2" "$line" >> "$exp/results.tsv"
}
if run_stage 2; then
  echo "== stage 2: greedy CTC decoding, then beam search with a character 6-gram LM of the training transcripts; WER (Whisper English normaliser)"
  printf 'set\tdecoding\tscore\n' > "$exp/results.tsv"
  for set in test dev; do
    speech asr decode --model "$exp/ctc/model" --manifest "$data/$set.jsonl.gz" --out "$exp/hyps_$set.jsonl"
    score "$set" greedy "$exp/hyps_$set.jsonl"
    # LM weight and insertion bonus chosen on dev (0.3/0.5, 0.5/1.0, 0.8/1.5, 1.0/2.0 tried).
    speech asr decode --model "$exp/ctc/model" --manifest "$data/$set.jsonl.gz" --out "$exp/hyps_lm_$set.jsonl" \
      --beam 16 --lm-manifest "$data/train.jsonl.gz" --lm-order 6 --lm-weight 0.8 --insertion-bonus 1.5
    score "$set" "beam 16 + char 6-gram LM" "$exp/hyps_lm_$set.jsonl"
  done
fi
if run_stage 3; then
  echo "== stage 3: curves"
  speech plot "$exp/ctc/metrics.jsonl" --out "$exp/ctc_curves.png" --series ctc lr
fi
show_table "$exp/results.tsv"
finish "results: $exp/results.tsv; plots: $exp/ctc_curves.png; model: $exp/ctc/model"
