#!/usr/bin/env bash
# Distil-Whisper on the mini corpus, end to end, with the teacher trained here in stage 1.
# Every stage calls one `speech` verb; every verb is resumable, so rerunning continues.
#   bash recipes/mini/distil_whisper/run.sh [--stage N] [--stop-stage N] [--exp DIR]
#        [--teacher-steps N] [--student-steps N] [--corpus-speakers N] [--wer-threshold PCT] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=9; exp=exp/mini_distil_whisper
teacher_steps=3000; student_steps=600; corpus_speakers=32; threads=0; wer_threshold=10
while [ $# -gt 0 ]; do
  case "$1" in
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --teacher-steps) teacher_steps=$2; shift 2 ;;
    --student-steps) student_steps=$2; shift 2 ;;
    --corpus-speakers) corpus_speakers=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --wer-threshold) wer_threshold=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done

dotnet build src/Speech.Cli -c Release -v q -nologo > /dev/null
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" $([ "$threads" -gt 0 ] && echo --threads "$threads"); }
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }
mkdir -p "$exp"
data=$exp/data

if run_stage 0; then
  echo "== stage 0: corpus (the committed mini test split; a larger synthetic training set) and manifests"
  # The committed corpus (96 training utterances) is too small to train a teacher; the generator
  # makes a larger one with other sentences and speakers. Test = the committed test split.
  speech data synth --out "$data/synth" --speakers "$corpus_speakers" --utterances-per-speaker 32 \
    --dev-speakers 2 --test-speakers 0 --min-words 3 --max-words 10 --seed 7
  speech data import librispeech "$data/synth/train" --out "$data/train.jsonl.gz"
  speech data import librispeech "$data/synth/dev" --out "$data/dev.jsonl.gz"
  speech data import librispeech recipes/mini/data/test --out "$data/test.jsonl.gz"
fi
if run_stage 1; then
  echo "== stage 1: train the teacher (Whisper architecture, English tokenizer)"
  speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher" --size mini \
    --steps "$teacher_steps" --warmup 200 --lr 1.5e-3 --max-duration 40
fi
if run_stage 2; then
  echo "== stage 2: pseudo-label the training set (two shards, as two jobs would)"
  for shard in 0/2 1/2; do
    speech distil-whisper pseudo-label --teacher "$exp/teacher/model" --manifest "$data/train.jsonl.gz" \
      --out "$exp/labels" --shard "$shard" --batch-size 16
  done
  speech distil-whisper merge --manifest "$data/train.jsonl.gz" --labels "$exp/labels" --out "$exp/labelled.jsonl.gz"
fi
if run_stage 3; then
  echo "== stage 3: WER filter (10 %, Whisper English normaliser)"
  speech distil-whisper filter --manifest "$exp/labelled.jsonl.gz" --out "$exp/filtered.jsonl.gz" --wer-threshold "$wer_threshold"
fi
if run_stage 4; then
  echo "== stage 4: student = teacher encoder + 2 maximally spaced decoder layers"
  speech distil-whisper init-student --teacher "$exp/teacher/model" --decoder-layers 2 --out "$exp/student_init"
fi
if run_stage 5; then
  echo "== stage 5: distil (0.8 CE on pseudo-labels + 1.0 T^2 KL, T = 2, encoder shared and frozen)"
  speech distil-whisper train --student "$exp/student_init" --teacher "$exp/teacher/model" \
    --manifest "$exp/filtered.jsonl.gz" --out "$exp/student" --steps "$student_steps" --lr 5e-4 --max-duration 40
fi
if run_stage 6; then
  echo "== stage 6: evaluate teacher and student on the test split"
  speech distil-whisper eval --teacher "$exp/teacher/model" --student "$exp/student/model" \
    --manifest "$data/test.jsonl.gz" --results "$exp/results.tsv"
fi
if run_stage 7; then
  echo "== stage 7: speculative decoding (student drafts, teacher verifies)"
  speech distil-whisper speculative --teacher "$exp/teacher/model" --student "$exp/student/model" --manifest "$data/test.jsonl.gz"
fi
if run_stage 8; then
  echo "== stage 8: export the student for whisper.cpp / Whisper.net"
  speech whisper export --model "$exp/student/model" --format ggml --out "$exp/ggml-student.bin"
  speech whisper transcribe --model "$exp/ggml-student.bin" --engine whisper.net \
    $(ls recipes/mini/data/test/*/*/*.flac | head -2)
fi
if run_stage 9; then
  echo "== stage 9: curves"
  speech plot "$exp/teacher/metrics.jsonl" --out "$exp/teacher_curves.png" --series ce lr
  speech plot "$exp/student/metrics.jsonl" --out "$exp/student_curves.png" --series ce_pl kl
fi
echo "done: results in $exp"
