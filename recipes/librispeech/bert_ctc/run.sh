#!/usr/bin/env bash
# BERT -> CTC (interAED-KD, methods.md 3) on a LibriSpeech-layout corpus with an existing BERT (a
# Hugging Face BertForMaskedLM folder with model.safetensors, config.json, vocab.txt; e.g.
# google-bert/bert-base-uncased). Stages call `speech` verbs only; each is resumable.
#   bash recipes/librispeech/bert_ctc/run.sh --corpus /data/LibriSpeech --bert models/bert-base-uncased \
#        [--stage N] [--stop-stage N] [--exp DIR] [--shards N] [--context N] [--steps N] [--device auto]
#   bash recipes/librispeech/bert_ctc/run.sh --smoke   (every stage on the committed mini corpus, with a
#   3-step BERT trained in stage 2 on Bible text; dev as the training set, 2 steps, 2 shards, CPU);
#   its WERs mean nothing.
#   --context N: neighbouring transcripts of the same speaker on each side as BERT context (Futami's
#   "full" context; 0 = the utterance alone).
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=1; stop_stage=6; exp=exp/librispeech_bert_ctc; corpus=""; bert=""; smoke=0
shards=4; context=0; steps=""; device=auto; beam=16
train_sets="train-clean-100"; test_sets="test-clean test-other"
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/librispeech_bert_ctc_smoke
  corpus=recipes/mini/data; train_sets=dev; test_sets=test; bert=$exp/bert_3step/model; steps=2; shards=2; device=cpu; beam=2; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --bert) bert=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --context) context=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --train-sets) train_sets=$2; shift 2 ;;
    --test-sets) test_sets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$corpus" ] && [ -n "$bert" ] || { echo "usage: $0 --corpus DIR --bert BERT_DIR [options], or $0 --smoke" >&2; exit 1; }
smoke_start "the committed mini corpus, a 3-step BERT, ${steps:-default} student steps"

build_speech
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" --device "$device"; }
mkdir -p "$exp/data"
conf=recipes/librispeech/bert_ctc/conf
train_manifest=$exp/data/train.jsonl.gz
student_steps() { [ -n "$steps" ] && echo "training.steps=$steps" "training.warmup=0"; true; }

if run_stage 1; then
  echo "== stage 1: import and validate; training sets combined"
  parts=()
  for set in $train_sets $test_sets; do
    speech data import librispeech "$corpus/$set" --out "$exp/data/$set.jsonl.gz" --skip-bad
    speech data validate "$exp/data/$set.jsonl.gz" --skip-bad
  done
  for set in $train_sets; do parts+=("$exp/data/$set.jsonl.gz=$set-"); done
  speech data combine --out "$train_manifest" "${parts[@]}"
fi
if run_stage 2; then
  echo "== stage 2: the BERT: $bert"
  if [ "$smoke" = 1 ]; then
    speech bert text --passages mini --exclude-manifest $(for set in $test_sets; do echo "$exp/data/$set.jsonl.gz"; done) --out "$exp/bert_text.txt"
    speech bert train --config recipes/mini/bert_ctc/conf/bert.yaml --text "$exp/bert_text.txt" --out "$exp/bert_3step" \
      --set training.steps=3 training.warmup=0 training.checkpoint_every=0
  fi
  for set in $test_sets; do speech bert score --bert "$bert" --manifest "$exp/data/$set.jsonl.gz"; done
fi
if run_stage 3; then
  echo "== stage 3: soft labels of the training transcripts (top-8, T=3, context $context), $shards shards (one process each; a cluster runs them at once)"
  for ((i = 0; i < shards; i++)); do
    speech bert-kd targets --bert "$bert" --manifest "$train_manifest" --out "$exp/targets" --shard "$i/$shards" --context "$context"
  done
fi
if run_stage 4; then
  echo "== stage 4: students, equal steps and seed: CTC baseline, final-layer-only KD, intermediate+final KD"
  kd=(--bert "$bert" --targets "$exp/targets")
  speech bert-kd train --config $conf/student.yaml --manifest "$train_manifest" --out "$exp/baseline" --set kd.weight=0 $(student_steps)
  speech bert-kd train --config $conf/student.yaml --manifest "$train_manifest" --out "$exp/final_only" "${kd[@]}" --set kd.final_only=true $(student_steps)
  speech bert-kd train --config $conf/student.yaml --manifest "$train_manifest" --out "$exp/inter_final" "${kd[@]}" $(student_steps)
fi
if run_stage 5; then
  echo "== stage 5: greedy CTC of each student and the baseline with shallow fusion (char 6-gram LM of the training transcripts)"
  for set in $test_sets; do
    speech bert-kd eval --manifest "$exp/data/$set.jsonl.gz" --out "$exp/results_$set.tsv" \
      --system baseline="$exp/baseline/model" --system final_only="$exp/final_only/model" --system inter_final="$exp/inter_final/model" \
      --fusion baseline+lm="$exp/baseline/model" --lm-manifest "$train_manifest" --beam $beam
  done
fi
if run_stage 6; then
  echo "== stage 6: curves"
  speech plot "$exp/inter_final/metrics.jsonl" --out "$exp/inter_final_curves.png"
fi
for set in $test_sets; do show_table "$exp/results_$set.tsv"; done
finish "results: $(for set in $test_sets; do printf '%s ' "$exp/results_$set.tsv"; done| sed 's/ $//'); plots: $exp/inter_final_curves.png; models: $exp/baseline/model $exp/final_only/model $exp/inter_final/model"
