#!/usr/bin/env bash
# Distil-Whisper on a LibriSpeech-layout corpus with an existing teacher (a Hugging Face Whisper
# folder, or a whisper.cpp ggml file). Stages call `speech` verbs only; each is resumable.
#   bash recipes/librispeech/distil_whisper/run.sh --corpus /data/LibriSpeech --teacher models/whisper-base.en \
#        [--stage N] [--stop-stage N] [--exp DIR] [--shards N] [--decoder-layers 2] [--steps N] [--device auto] [--precision auto]
#   --precision: of the distillation (auto: bf16 on a CUDA GPU or a CPU that multiplies bf16 natively, as distil-whisper
#   trains in bf16; fp32 elsewhere, where bf16 is emulated and many times slower)
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=1; stop_stage=8; exp=exp/librispeech_distil_whisper; corpus=""; teacher=""
shards=4; decoder_layers=2; steps=20000; device=auto; precision=auto; wer_threshold=10
train_sets="train-clean-100"; test_sets="test-clean test-other"
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --teacher) teacher=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --decoder-layers) decoder_layers=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --precision) precision=$2; shift 2 ;;
    --wer-threshold) wer_threshold=$2; shift 2 ;;
    --train-sets) train_sets=$2; shift 2 ;;
    --test-sets) test_sets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$corpus" ] && [ -n "$teacher" ] || { echo "usage: $0 --corpus DIR --teacher MODEL [options]" >&2; exit 1; }

dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" --device "$device"; }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
mkdir -p "$exp/data"

if run_stage 1; then
  echo "== stage 1: import and validate"
  for set in $train_sets $test_sets; do
    speech data import librispeech "$corpus/$set" --out "$exp/data/$set.jsonl.gz" --skip-bad
    speech data validate "$exp/data/$set.jsonl.gz" --skip-bad
  done
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
    --out "$exp/student" --steps "$steps" --lr 1e-4 --warmup 500 --max-duration 200 --precision "$precision"
fi
if run_stage 6; then
  echo "== stage 6: evaluate"
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
echo "done: results in $exp"
