#!/usr/bin/env bash
# MVQ-KD on a LibriSpeech-layout corpus (icefall's distillation_with_hubert.sh, with any encoder this
# toolkit loads as the teacher): embeddings of the first 1,000 training utterances train the quantizer,
# every training cut gets uint8 indexes (sharded: one process per shard on a cluster), then the baseline,
# MVQ-KD and L2-KD students at equal steps and seed, greedy WER with bootstrap intervals, storage report.
#   bash recipes/librispeech/mvq_kd/run.sh --corpus /data/LibriSpeech --teacher DIR --layer L
#        [--stage N] [--stop-stage N] [--exp DIR] [--shards N] [--bytes-per-frame 8] [--steps N] [--device auto]
#   bash recipes/librispeech/mvq_kd/run.sh --smoke   (every stage on the committed mini corpus with the shipped mini teacher)
#   --smoke: a plumbing check (dev as the training set, 2 shards, a quantizer of 20+20 steps, 2 steps a student);
#   its numbers mean nothing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=1; stop_stage=8; exp=exp/librispeech_mvq_kd; corpus=""; teacher=""; layer=""; smoke=0
shards=4; bytes=8; steps=""; device=auto; quantizer_steps=10000; quantizer_cuts=1000
train_sets="train-clean-100"; test_sets="test-clean test-other"
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/librispeech_mvq_kd_smoke
  corpus=recipes/mini/data; train_sets=dev; test_sets=test; teacher=models/mini-whisper-teacher; layer=3
  steps=2; shards=2; device=cpu; quantizer_steps=20; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --teacher) teacher=$2; shift 2 ;;
    --layer) layer=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --bytes-per-frame) bytes=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --train-sets) train_sets=$2; shift 2 ;;
    --test-sets) test_sets=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
[ -n "$corpus" ] && [ -n "$teacher" ] && [ -n "$layer" ] || { echo "usage: $0 --corpus DIR --teacher MODEL --layer L [options], or $0 --smoke" >&2; exit 1; }
smoke_start "the committed mini corpus, teacher $teacher, ${steps:-100000} training steps"

build_speech
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" --device "$device"; }
mkdir -p "$exp/data"
conf=recipes/librispeech/mvq_kd/conf/student.yaml
step_flag=$([ -n "$steps" ] && echo "--set training.steps=$steps" || true)
train="$exp/data/train.jsonl.gz"

if run_stage 1; then
  echo "== stage 1: import and validate"
  parts=()
  for set in $train_sets $test_sets; do
    speech data import librispeech "$corpus/$set" --out "$exp/data/$set.jsonl.gz" --skip-bad
    speech data validate "$exp/data/$set.jsonl.gz" --skip-bad
  done
  for set in $train_sets; do parts+=("$exp/data/$set.jsonl.gz=$set-"); done
  speech data combine --out "$train" "${parts[@]}"
fi
if run_stage 2; then
  echo "== stage 2: embeddings of the first $quantizer_cuts training cuts (teacher $teacher, layer $layer), quantizer"
  speech mvq embeddings --teacher "$teacher" --layer "$layer" --manifest "$train" --max-cuts "$quantizer_cuts" --out "$exp/embeddings_quantizer"
  speech mvq train-quantizer --embeddings "$exp/embeddings_quantizer" --out "$exp/quantizer.safetensors" --bytes-per-frame "$bytes" \
    --phase-one-steps "$quantizer_steps" --phase-two-steps "$quantizer_steps" | tee "$exp/quantizer.txt"
fi
if run_stage 3; then
  echo "== stage 3: indexes of every training cut, the teacher run on the fly ($shards shards; on a cluster one process per shard)"
  for ((i = 0; i < shards; i++)); do
    speech mvq encode --quantizer "$exp/quantizer.safetensors" --teacher "$teacher" --layer "$layer" --manifest "$train" \
      --out "$exp/indexes" --shard "$i/$shards"
  done
fi
if run_stage 4; then
  echo "== stage 4: float16 embeddings of every training cut for the L2-KD comparison ($shards shards)"
  for ((i = 0; i < shards; i++)); do
    speech mvq embeddings --teacher "$teacher" --layer "$layer" --manifest "$train" --out "$exp/embeddings" --shard "$i/$shards"
  done
fi
id=$([ -f "$exp/indexes/codebook_indexes.json" ] && sed 's/.*"quantizer_id":"\([0-9a-f]*\)".*/\1/' "$exp/indexes/codebook_indexes.json" || true)
if run_stage 5; then
  echo "== stage 5: students at equal steps and seed: baseline, MVQ-KD (quantizer $id), L2-KD"
  speech mvq train --config "$conf" --manifest "$train" --out "$exp/baseline" --set mvq.kind=none $step_flag
  speech mvq train --config "$conf" --manifest "$train" --targets "$exp/indexes" --quantizer-id "$id" --out "$exp/mvq" $step_flag
  speech mvq train --config "$conf" --manifest "$train" --targets "$exp/embeddings" --out "$exp/l2" --set mvq.kind=l2 $step_flag
fi
if run_stage 6; then
  echo "== stage 6: greedy CTC decoding; WER with bootstrap 95 % intervals, paired bootstrap of each KD student against the baseline"
  printf 'set\tstudent\tWER [95%% CI]\tcounts\n' > "$exp/results.tsv"; rm -f "$exp/paired.txt"
  for set in $test_sets; do
    for student in baseline mvq l2; do
      speech asr decode --model "$exp/$student/model" --manifest "$exp/data/$set.jsonl.gz" --out "$exp/hyps_${student}_$set.jsonl"
    done
    score_systems "$exp/data/$set.jsonl.gz" "$set" baseline mvq l2
  done
fi
if run_stage 7; then
  echo "== stage 7: storage report"
  dim=$(sed 's/.*"dim":\([0-9]*\).*/\1/' "$exp/embeddings/mvq_embeddings.json")
  speech mvq storage --dim "$dim" --codebooks "$bytes" --folder "indexes=$exp/indexes" --folder "embeddings (float16)=$exp/embeddings" | tee "$exp/storage.txt"
fi
if run_stage 8; then
  echo "== stage 8: curves"
  for student in baseline mvq l2; do speech plot "$exp/$student/metrics.jsonl" --out "$exp/${student}_curves.png" --series ctc lr; done
fi
show_table "$exp/results.tsv"
finish "results: $exp/results.tsv; plots: $exp/mvq_curves.png; models: $exp/baseline/model, $exp/mvq/model, $exp/l2/model; also $exp/baseline_curves.png, $exp/l2_curves.png, $exp/quantizer.txt, $exp/storage.txt"
