#!/usr/bin/env bash
# A CTC model (transformer encoder, characters) on the mini corpus, trained here; greedy decoding.
#   bash recipes/mini/ctc/run.sh [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=3; exp=exp/mini_ctc; steps=""; threads=0
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" $([ "$threads" -gt 0 ] && echo --threads "$threads"); }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
mkdir -p "$exp"
data=$exp/data

if run_stage 0; then
  echo "== stage 0: corpus (the same synthetic training set as the Distil-Whisper recipe; test = the committed test split)"
  source recipes/mini/local/prepare_synth_corpus.sh "$data" 60 60
fi
if run_stage 1; then
  echo "== stage 1: train (conf/ctc.yaml)"
  speech asr train --config recipes/mini/ctc/conf/ctc.yaml --manifest "$data/train.jsonl.gz" --out "$exp/ctc" \
    $([ -n "$steps" ] && echo --set "training.steps=$steps")
fi
if run_stage 2; then
  echo "== stage 2: greedy CTC decoding, then beam search with a character 6-gram LM of the training transcripts; WER (Whisper English normaliser)"
  for set in test dev; do
    speech asr decode --model "$exp/ctc/model" --manifest "$data/$set.jsonl.gz" --out "$exp/hyps_$set.jsonl"
    speech asr score --ref "$data/$set.jsonl.gz" --hyp "$exp/hyps_$set.jsonl"
    # LM weight and insertion bonus chosen on dev (0.3/0.5, 0.5/1.0, 0.8/1.5, 1.0/2.0 tried).
    speech asr decode --model "$exp/ctc/model" --manifest "$data/$set.jsonl.gz" --out "$exp/hyps_lm_$set.jsonl" \
      --beam 16 --lm-manifest "$data/train.jsonl.gz" --lm-order 6 --lm-weight 0.8 --insertion-bonus 1.5
    speech asr score --ref "$data/$set.jsonl.gz" --hyp "$exp/hyps_lm_$set.jsonl"
  done
fi
if run_stage 3; then
  echo "== stage 3: curves"
  speech plot "$exp/ctc/metrics.jsonl" --out "$exp/ctc_curves.png" --series ctc lr
fi
echo "done: results in $exp"
