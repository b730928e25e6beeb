#!/usr/bin/env bash
# BERT -> CTC (interAED-KD, methods.md 3): a BERT trained here on King James Bible text teaches a CTC
# encoder through attention decoders on its middle and last layers; greedy CTC at inference.
#   bash recipes/mini/bert_ctc/run.sh [--smoke] [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--bert-steps N] [--threads N]
#   --smoke: a plumbing check of every stage in minutes (tiny corpus, the committed 12-utterance test
#   split, a few steps); its WERs mean nothing.
# Every stage is resumable: rerun the same command after a kill and it continues.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=0; stop_stage=6; exp=exp/mini_bert_ctc; steps=""; bert_steps=""; threads=0; smoke=0
# ASR training audio: 16 speakers x 40 utterances of each prepare_synth_corpus.sh part (about 1,470
# utterances): small enough that the BERT, which reads ~30 times more text, has something to teach.
speakers=16; utterances=40; passages=books; beam=16
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/mini_bert_ctc_smoke; steps=2; bert_steps=3; speakers=4; utterances=8; passages=mini; beam=4; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --bert-steps) bert_steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
smoke_start "$speakers speakers x $utterances utterances, ${bert_steps:-3000} BERT steps, ${steps:-1200} student steps"

build_speech
mkdir -p "$exp"
data=$exp/data
conf=recipes/mini/bert_ctc/conf
student_steps() { [ -n "$steps" ] && echo "training.steps=$steps" "training.warmup=0"; true; }
test_set=$data/test_large.jsonl.gz
[ "$smoke" = 1 ] && test_set=$data/test.jsonl.gz

if run_stage 0; then
  echo "== stage 0: corpus (synthetic training audio; test = unheard voices reading unheard sentences)"
  source recipes/mini/local/prepare_synth_corpus.sh "$data" "$speakers" "$utterances"
  [ "$smoke" = 1 ] || source recipes/mini/local/prepare_eval_sets.sh "$data"
fi
if run_stage 1; then
  echo "== stage 1: BERT text: King James Bible clauses without the dev and test sentences"
  held_out=("$data/dev.jsonl.gz" "$data/test.jsonl.gz")
  [ "$smoke" = 1 ] || held_out+=("$data/dev_large.jsonl.gz" "$data/test_large.jsonl.gz")
  speech bert text --passages "$passages" --exclude-manifest "${held_out[@]}" --out "$exp/bert_text.txt"
fi
if run_stage 2; then
  echo "== stage 2: BERT teacher trained from scratch (dynamic masking), scored on the test transcripts"
  speech bert train --config $conf/bert.yaml --text "$exp/bert_text.txt" --out "$exp/bert" \
    $([ -n "$bert_steps" ] && echo --set "training.steps=$bert_steps" "training.warmup=0")
  speech bert score --bert "$exp/bert/model" --manifest "$test_set"
fi
if run_stage 3; then
  echo "== stage 3: soft labels of the training transcripts (top-8, T=3, utterance context), two shards"
  for shard in 0/2 1/2; do
    speech bert-kd targets --bert "$exp/bert/model" --manifest "$data/train.jsonl.gz" --out "$exp/targets" --shard $shard
  done
fi
if run_stage 4; then
  echo "== stage 4: students, equal steps and seed: CTC baseline, final-layer-only KD, intermediate+final KD"
  kd=(--bert "$exp/bert/model" --targets "$exp/targets")
  speech bert-kd train --config $conf/student.yaml --manifest "$data/train.jsonl.gz" --out "$exp/baseline" --set kd.weight=0 $(student_steps)
  speech bert-kd train --config $conf/student.yaml --manifest "$data/train.jsonl.gz" --out "$exp/final_only" "${kd[@]}" --set kd.final_only=true $(student_steps)
  speech bert-kd train --config $conf/student.yaml --manifest "$data/train.jsonl.gz" --out "$exp/inter_final" "${kd[@]}" $(student_steps)
fi
if run_stage 5; then
  echo "== stage 5: greedy CTC of each student, and the baseline with shallow fusion (char 6-gram LM of the BERT's text); WER, paired bootstrap, decode time"
  speech bert-kd eval --manifest "$test_set" --out "$exp/results.tsv" \
    --system baseline="$exp/baseline/model" --system final_only="$exp/final_only/model" --system inter_final="$exp/inter_final/model" \
    --fusion baseline+lm="$exp/baseline/model" --lm-text "$exp/bert_text.txt" --beam $beam
fi
if run_stage 6; then
  echo "== stage 6: curves"
  speech plot "$exp/baseline/metrics.jsonl" --out "$exp/baseline_curves.png" --series ctc lr
  speech plot "$exp/inter_final/metrics.jsonl" --out "$exp/inter_final_curves.png" --series ctc dec_3 dec_6
fi
show_table "$exp/results.tsv"
finish "results: $exp/results.tsv; plots: $exp/results.png, $exp/baseline_curves.png, $exp/inter_final_curves.png; models: $exp/baseline/model $exp/final_only/model $exp/inter_final/model"
