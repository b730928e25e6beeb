#!/usr/bin/env bash
# Distil-Whisper on a LibriSpeech-layout corpus with an existing teacher (a Hugging Face Whisper
# folder, or a whisper.cpp ggml file). Stages call `speech` verbs only; each is resumable.
#   bash recipes/librispeech/distil_whisper/run.sh --corpus /data/LibriSpeech --teacher models/whisper-base.en \
#        [--stage N] [--stop-stage N] [--exp DIR] [--shards N] [--decoder-layers 2] [--steps N] [--keep-last N] [--device auto] [--precision auto]
#   bash recipes/librispeech/distil_whisper/run.sh --smoke   (every stage on the committed mini corpus with the shipped mini teacher)
#   --smoke: a plumbing check of every stage (mini corpus in LibriSpeech layout, models/mini-whisper-teacher, or
#   where that is not there a one-step teacher of conf/smoke_teacher.json, the mini architecture decoding at most 24
#   tokens, trained in stage 1; dev as the training set, 2 steps, 2 shards, no WER filter, CPU);
#   its WERs and speed-ups mean nothing.
#   --keep-last N: student step checkpoints kept (default 2; one every 100 steps).
#   --precision: of the distillation (auto: bf16 on a CUDA GPU or a CPU that multiplies bf16 natively, as distil-whisper
#   trains in bf16; fp32 elsewhere, where bf16 is emulated and many times slower)
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=1; stop_stage=9; exp=exp/librispeech_distil_whisper; corpus=""; teacher=""; smoke=0
shards=4; decoder_layers=2; steps=20000; keep_last=2; device=auto; precision=auto; wer_threshold=10
train_sets="train-clean-100"; test_sets="test-clean test-other"
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/librispeech_distil_whisper_smoke
  corpus=recipes/mini/data; train_sets=dev; test_sets=test; teacher=models/mini-whisper-teacher
  [ -f "$teacher/config.json" ] || teacher=$exp/teacher_1step/model
  steps=2; shards=2; device=cpu; wer_threshold=100000; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --teacher) teacher=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --decoder-layers) decoder_layers=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --keep-last) keep_last=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --precision) precision=$2; shift 2 ;;
    --wer-threshold) wer_threshold=$2; shift 2 ;;
    --train-sets) train_sets=$2; shift 2 ;;
    --test-sets) test_sets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$corpus" ] && [ -n "$teacher" ] || { echo "usage: $0 --corpus DIR --teacher MODEL [options], or $0 --smoke" >&2; exit 1; }
smoke_start "the committed mini corpus, teacher $teacher, $steps training steps"

build_speech
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" --device "$device"; }
mkdir -p "$exp/data"

if run_stage 1; then
  echo "== stage 1: import and validate"
  for set in $train_sets $test_sets; do
    speech data import librispeech "$corpus/$set" --out "$exp/data/$set.jsonl.gz" --skip-bad
    speech data validate "$exp/data/$set.jsonl.gz" --skip-bad
  done
  if [ "$teacher" = "$exp/teacher_1step/model" ]; then
    speech whisper train --manifest "$exp/data/${train_sets%% *}.jsonl.gz" --out "$exp/teacher_1step" \
      --size recipes/librispeech/distil_whisper/conf/smoke_teacher.json --steps 1 --checkpoint-every 1 --keep-last 1
  fi
fi
first_train=${train_sets%% *}
if run_stage 2; then
  echo "== stage 2: pseudo-label ($shards shards; on a cluster start one process per shard)"
  for ((i = 0; i < shards; i++)); do
    speech distil-whisper pseudo-label --teacher "$teacher" --manifest "$exp/data/$first_train.jsonl.gz" \
      --out "$exp/labels" --shard "$i/$shards" --batch-size 16
  done
  speech distil-whisper merge --manifest "$exp/data/$first_train.jsonl.gz" --labels "$exp/labels" --out "$exp/labelled.jsonl.gz"
fi
if run_stage 3; then
  echo "== stage 3: WER filter"
  speech distil-whisper filter --manifest "$exp/labelled.jsonl.gz" --out "$exp/filtered.jsonl.gz" --wer-threshold "$wer_threshold"
fi
if run_stage 4; then
  echo "== stage 4: init student"
  speech distil-whisper init-student --teacher "$teacher" --decoder-layers "$decoder_layers" --out "$exp/student_init"
fi
if run_stage 5; then
  echo "== stage 5: distil"
  speech distil-whisper train --student "$exp/student_init" --teacher "$teacher" --manifest "$exp/filtered.jsonl.gz" \
    --out "$exp/student" --steps "$steps" --lr 1e-4 --warmup 500 --max-duration 200 --precision "$precision" --keep-last "$keep_last"
fi
if run_stage 6; then
  echo "== stage 6: evaluate"
  rm -f "$exp/results.tsv"
  for set in $test_sets; do
    speech distil-whisper eval --teacher "$teacher" --student "$exp/student/model" --manifest "$exp/data/$set.jsonl.gz" --results "$exp/results.tsv" --long-form
  done
fi
if run_stage 7; then
  echo "== stage 7: speculative decoding"
  speech distil-whisper speculative --teacher "$teacher" --student "$exp/student/model" --manifest "$exp/data/${test_sets%% *}.jsonl.gz"
fi
if run_stage 8; then
  echo "== stage 8: export"
  speech whisper export --model "$exp/student/model" --format ggml --out "$exp/ggml-student.bin"
fi
if run_stage 9; then
  echo "== stage 9: curves"
  speech plot "$exp/student/metrics.jsonl" --out "$exp/student_curves.png" --series ce_pl kl
fi
show_table "$exp/results.tsv"
finish "results: $exp/results.tsv; plots: $exp/student_curves.png; models: student $exp/student/model, exported $exp/ggml-student.bin"
