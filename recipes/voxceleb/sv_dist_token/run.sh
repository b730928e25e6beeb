#!/usr/bin/env bash
# Class + distillation token speaker verification on the VoxCeleb layout (SPEAKER/SESSION/*.wav):
# train on a dev folder, test on the official trial list. Same models and stages as
# recipes/mini/sv_dist_token (architectures from its conf/), with the corpus imported instead of synthesised.
#   bash recipes/voxceleb/sv_dist_token/run.sh --dev DIR --test DIR --trials veri_test2.txt [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--threads N]
# Features are held in memory (SpeakerFeatureSet): fine for a VoxCeleb1 subset, not for all of VoxCeleb2.
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=4; exp=exp/voxceleb_sv_dist_token; steps=20000; threads=0; dev=""; test=""; trials=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) dev=$2; shift 2 ;;
    --test) test=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
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
conf=recipes/mini/sv_dist_token/conf
data=$exp/data
mkdir -p "$data"

if run_stage 0; then
  echo "== stage 0: import dev and test folders; official trials as WeSpeaker trials (unknown utterances reported by line)"
  [ -n "$dev" ] && [ -n "$test" ] && [ -n "$trials" ] || { echo "stage 0 needs --dev, --test and --trials" >&2; exit 1; }
  [ -f "$data/train.jsonl" ] || speech data import voxceleb "$dev" --out "$data/train.jsonl" --skip-bad
  [ -f "$data/eval.jsonl" ] || speech data import voxceleb "$test" --out "$data/eval.jsonl" --skip-bad
  speech sv trials --voxceleb "$trials" --manifest "$data/eval.jsonl" --out "$data/trials.txt"
fi
train() { # name arch [distillation flags...]
  local name=$1 arch=$2; shift 2
  speech sv train --train "$data/train.jsonl" --arch "$conf/$arch.json" --out "$exp/$name" \
    --steps "$steps" --batch-size 128 --max-frames 200 --warmup 1000 "$@"
}
if run_stage 1; then
  echo "== stage 1: teacher"
  train teacher teacher
fi
if run_stage 2; then
  echo "== stage 2: students"
  train student_avg student_avg
  train student_cls student_cls
  train student_dist_hard student_cls_dist --teacher "$exp/teacher/model" --distillation hard
  train student_dist_soft student_cls_dist --teacher "$exp/teacher/model" --distillation soft
fi
systems="teacher:teacher:class student_avg:student_avg:class student_cls:student_cls:class
  dist_hard_class:student_dist_hard:class dist_hard_mean:student_dist_hard:mean dist_soft_class:student_dist_soft:class dist_soft_mean:student_dist_soft:mean"
if run_stage 3; then
  echo "== stage 3: embeddings (eval; a 5,000-utterance training subset would do for the cohort mean)"
  for system in $systems; do
    IFS=: read -r name model embedding <<< "$system"
    mkdir -p "$exp/emb/$name"
    [ -f "$exp/emb/$name/eval.emb" ] || speech sv embed --model "$exp/$model/model" --manifest "$data/eval.jsonl" \
      --embedding "$embedding" --out "$exp/emb/$name/eval.emb" | tee "$exp/emb/$name/embed.log"
  done
fi
if run_stage 4; then
  echo "== stage 4: cosine scores, EER and minDCF (p_target 0.01; 0.05 too), DET curves"
  scores=()
  for system in $systems; do
    IFS=: read -r name _ _ <<< "$system"
    speech sv score --embeddings "$exp/emb/$name/eval.emb" --trials "$data/trials.txt" --out "$exp/scores/$name.score" > /dev/null
    scores+=("$exp/scores/$name.score")
  done
  speech score eer --scores "${scores[@]}" --det "$exp/det.png" | tee "$exp/results.txt"
fi
echo "done: results in $exp"
