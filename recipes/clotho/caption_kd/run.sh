#!/usr/bin/env bash
# Audio captioning KD on Clotho (v2 layout): the mini recipe's stages on the real corpus.
#   bash recipes/clotho/caption_kd/run.sh --clotho DIR [--stage N] [--stop-stage N] [--exp DIR] [--threads N]
# DIR holds development/ and evaluation/ (each: one captions CSV, file_name + caption_1..caption_5,
# and the clips in the same folder or an audio/ folder) and optionally audio_only/ (clips + a
# manifest audio_only.jsonl, e.g. imported AudioSet clips). Models use the mini recipe's configs
# (conf/ here overrides them when present). Every stage is resumable.
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=4; exp=exp/clotho_caption_kd; threads=0; clotho=""
while [ $# -gt 0 ]; do
  case "$1" in
    --clotho) clotho=$2; shift 2 ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$clotho" ] || { echo "give --clotho DIR (development/ and evaluation/ inside)" >&2; exit 1; }

dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" $([ "$threads" -gt 0 ] && echo --threads "$threads"); }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
conf=recipes/clotho/caption_kd/conf; [ -d "$conf" ] || conf=recipes/mini/caption_kd/conf
mkdir -p "$exp"
data=$exp/data; mkdir -p "$data"
audio_only=""; [ -f "$clotho/audio_only/audio_only.jsonl" ] && audio_only=$clotho/audio_only/audio_only.jsonl

if run_stage 0; then
  echo "== stage 0: import (Clotho importer: one cut per clip, the five captions under extra 'captions')"
  [ -f "$data/train.jsonl" ] || speech data import clotho "$clotho/development" --out "$data/train.jsonl" --skip-bad
  [ -f "$data/test.jsonl" ] || speech data import clotho "$clotho/evaluation" --out "$data/test.jsonl" --skip-bad
fi
if run_stage 1; then
  echo "== stage 1: teacher"
  speech caption train --config $conf/teacher.yaml --manifest "$data/train.jsonl" --out "$exp/teacher"
fi
if run_stage 2; then
  echo "== stage 2: teacher targets"
  speech caption targets --model "$exp/teacher/model" --manifest "$data/train.jsonl" $audio_only --out "$exp/teacher_targets.jsonl"
fi
if run_stage 3; then
  echo "== stage 3: students"
  targets="--teacher-targets $exp/teacher_targets.jsonl"
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_sup"
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq" $targets --set objective.seq_kd_weight=1
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq_mse" $targets \
    --set objective.seq_kd_weight=1 objective.enc_kd=mse
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq_contrastive" $targets \
    --set objective.seq_kd_weight=1 objective.enc_kd=contrastive
  if [ -n "$audio_only" ]; then
    speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --audio-only "$audio_only" \
      --out "$exp/student_seq_contrastive_audio_only" $targets --set objective.seq_kd_weight=1 objective.enc_kd=contrastive
  fi
fi
if run_stage 4; then
  echo "== stage 4: evaluation (beam 3), students timed against the teacher in the same run"
  speech caption eval --model "$exp/teacher/model" --manifest "$data/test.jsonl" --out "$exp/results_teacher.json"
  for dir in "$exp"/student_*/; do
    s=$(basename "$dir")
    speech caption eval --model "$dir/model" --manifest "$data/test.jsonl" --baseline "$exp/teacher/model" --out "$exp/results_$s.json"
  done
fi
echo "done: results in $exp"
