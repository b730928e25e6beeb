#!/usr/bin/env bash
# Audio captioning with encoder-level and sequence-level KD (Xu et al., Interspeech 2024) on a
# synthetic captioned corpus: a teacher with a bigger encoder, then five students.
#   bash recipes/mini/caption_kd/run.sh [--stage N] [--stop-stage N] [--exp DIR] [--steps N] [--smoke] [--threads N]
# Every stage is resumable: rerun the same command after a kill and it continues.
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=4; exp=exp/mini_caption_kd; steps=""; threads=0; smoke=false
train_clips=800; test_clips=200; audio_only_clips=800
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --smoke) smoke=true; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
if $smoke; then
  # Plumbing only: a tiny corpus and a few steps (numbers meaningless).
  train_clips=24; test_clips=8; audio_only_clips=8; steps=${steps:-3}
  [ "$exp" = exp/mini_caption_kd ] && exp=exp/mini_caption_kd_smoke
fi

speech_dll=${SPEECH_DLL:-src/Speech.Cli/bin/Release/net10.0/speech.dll}
[ -n "${SPEECH_DLL:-}" ] || dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet "$speech_dll" "$@" $([ "$threads" -gt 0 ] && echo --threads "$threads"); }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
set_steps() { [ -n "$steps" ] && echo --set "training.steps=$steps" "training.warmup=0" "training.max_duration=40"; true; }
mkdir -p "$exp"
data=$exp/data
conf=recipes/mini/caption_kd/conf

if run_stage 0; then
  echo "== stage 0: synthetic captioned corpus (train/test captioned, five captions a clip; audio_only without captions)"
  speech data synth-captions --out "$data" --train-clips $train_clips --test-clips $test_clips --audio-only-clips $audio_only_clips
fi
if run_stage 1; then
  echo "== stage 1: teacher (bigger encoder), supervised"
  speech caption train --config $conf/teacher.yaml --manifest "$data/train.jsonl" --out "$exp/teacher" $(set_steps)
fi
if run_stage 2; then
  echo "== stage 2: teacher targets: beam-3 captions and clip embeddings of the train and audio-only clips"
  speech caption targets --model "$exp/teacher/model" --manifest "$data/train.jsonl" "$data/audio_only.jsonl" --out "$exp/teacher_targets.jsonl"
fi
if run_stage 3; then
  echo "== stage 3: students"
  targets="--teacher-targets $exp/teacher_targets.jsonl"
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_sup" $(set_steps)
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq" $targets \
    --set objective.seq_kd_weight=1 $(set_steps)
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq_mse" $targets \
    --set objective.seq_kd_weight=1 objective.enc_kd=mse $(set_steps)
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --out "$exp/student_seq_contrastive" $targets \
    --set objective.seq_kd_weight=1 objective.enc_kd=contrastive $(set_steps)
  speech caption train --config $conf/student.yaml --manifest "$data/train.jsonl" --audio-only "$data/audio_only.jsonl" \
    --out "$exp/student_seq_contrastive_audio_only" $targets --set objective.seq_kd_weight=1 objective.enc_kd=contrastive $(set_steps)
fi
if run_stage 4; then
  echo "== stage 4: evaluation on the test clips (beam 3); each student timed against the teacher in the same run"
  speech caption eval --model "$exp/teacher/model" --manifest "$data/test.jsonl" --out "$exp/results_teacher.json"
  for s in sup seq seq_mse seq_contrastive seq_contrastive_audio_only; do
    speech caption eval --model "$exp/student_$s/model" --manifest "$data/test.jsonl" --baseline "$exp/teacher/model" \
      --out "$exp/results_student_$s.json"
  done
fi
echo "done: results in $exp"
