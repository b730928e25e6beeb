#!/usr/bin/env bash
# Speaker verification with class and distillation tokens (Mingote et al.; DeiT's distillation token)
# on a synthetic text-dependent corpus. Every stage is resumable: a finished model or file is kept.
#   bash recipes/mini/sv_dist_token/run.sh [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--batch-size N] [--smoke] [--threads N]
#     [--speakers N --eval-speakers N --phrases N --repetitions N]   (corpus size; defaults 140, 40, 5, 4)
# Stages: 0 corpus · 1 teacher · 2 students · 3 embeddings · 4 scores, results table, DET curves.
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=4; exp=exp/mini_sv_dist_token; steps=1500; threads=0; smoke=false; batch=32
speakers=140; eval_speakers=40; phrases=5; repetitions=4
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --smoke) smoke=true; shift ;;
    --batch-size) batch=$2; shift 2 ;;
    --speakers) speakers=$2; shift 2 ;;
    --eval-speakers) eval_speakers=$2; shift 2 ;;
    --phrases) phrases=$2; shift 2 ;;
    --repetitions) repetitions=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
# The full corpus: 140 speakers (40 held out), 5 phrases × 4 repetitions; --smoke: a few of each.
corpus=(--speakers "$speakers" --eval-speakers "$eval_speakers" --phrases "$phrases" --repetitions "$repetitions" --nontargets-per-target 10)
if $smoke; then
  corpus=(--speakers 8 --eval-speakers 4 --phrases 2 --repetitions 3); steps=3; batch=4
  [ "$exp" = exp/mini_sv_dist_token ] && exp=exp/mini_sv_dist_token_smoke
fi

dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" $([ "$threads" -gt 0 ] && echo --threads "$threads"); }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
conf=recipes/mini/sv_dist_token/conf
data=$exp/data
mkdir -p "$exp"
train() { # name arch [distillation flags...]
  local name=$1 arch=$2; shift 2
  speech sv train --train "$data/train.jsonl" --arch "$conf/$arch.json" --out "$exp/$name" \
    --steps "$steps" --batch-size "$batch" --warmup $((steps / 10 + 1)) "$@"
}

if run_stage 0; then
  echo "== stage 0: text-dependent corpus (espeak-ng voices and variants, sox pitch/equaliser; speaker-disjoint eval)"
  speech sv synth --out "$data" "${corpus[@]}"
fi
if run_stage 1; then
  echo "== stage 1: teacher (4 blocks, d 128, class token, AAM head)"
  train teacher teacher
fi
if run_stage 2; then
  echo "== stage 2: students (2 blocks, d 64): average pooling; class token; sampled class token; class + distillation token, hard and soft"
  train student_avg student_avg
  train student_cls student_cls
  train student_cls_sampled student_cls_sampled
  train student_dist_hard student_cls_dist --teacher "$exp/teacher/model" --distillation hard --alpha 0.5
  train student_dist_soft student_cls_dist --teacher "$exp/teacher/model" --distillation soft --alpha 0.5 --temperature 1
fi
# system name : model : embedding
systems="teacher:teacher:class student_avg:student_avg:class student_cls:student_cls:class student_cls_sampled:student_cls_sampled:class
  dist_hard_class:student_dist_hard:class dist_hard_dist:student_dist_hard:distillation dist_hard_mean:student_dist_hard:mean
  dist_soft_class:student_dist_soft:class dist_soft_dist:student_dist_soft:distillation dist_soft_mean:student_dist_soft:mean"
if run_stage 3; then
  echo "== stage 3: embeddings of the eval set (and of the training set for mean subtraction)"
  for system in $systems; do
    IFS=: read -r name model embedding <<< "$system"
    mkdir -p "$exp/emb/$name"
    [ -f "$exp/emb/$name/eval.emb" ] || speech sv embed --model "$exp/$model/model" --manifest "$data/eval.jsonl" \
      --embedding "$embedding" --out "$exp/emb/$name/eval.emb" | tee "$exp/emb/$name/embed.log"
    [ -f "$exp/emb/$name/train.emb" ] || speech sv embed --model "$exp/$model/model" --manifest "$data/train.jsonl" \
      --embedding "$embedding" --out "$exp/emb/$name/train.emb" > /dev/null
  done
fi
if run_stage 4; then
  echo "== stage 4: cosine scoring with training-set mean subtraction; EER and minDCF per trial condition; DET curves"
  for condition in all impostor wrong_phrase; do
    scores=()
    for system in $systems; do
      IFS=: read -r name _ _ <<< "$system"
      speech sv score --embeddings "$exp/emb/$name/eval.emb" --cohort "$exp/emb/$name/train.emb" \
        --trials "$data/trials/$condition.txt" --out "$exp/scores/$condition/$name.score" > /dev/null
      scores+=("$exp/scores/$condition/$name.score")
    done
    speech score eer --scores "${scores[@]}" --det "$exp/det_$condition.png" | tee "$exp/results_$condition.txt"
  done
  grep -h "parameters" "$exp"/emb/*/embed.log | tee "$exp/models.txt"
fi
echo "done: results in $exp (results_*.txt, models.txt, det_*.png)"
