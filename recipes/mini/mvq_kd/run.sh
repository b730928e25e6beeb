#!/usr/bin/env bash
# MVQ-KD on the mini corpus (issue 27; Guo et al. 2022): a teacher encoder layer's embeddings are
# compressed by a multi-codebook quantizer into uint8 indexes, and a smaller CTC student predicts them
# from a middle layer at half the teacher's frame rate, beside its CTC loss. Compared at equal steps
# and seed with the plain CTC baseline and L2 regression KD onto the same embeddings.
#   bash recipes/mini/mvq_kd/run.sh [--smoke] [--stage N] [--stop-stage N] [--exp DIR] [--steps N]
#        [--teacher DIR] [--layer L] [--bytes-per-frame N] [--quantizer-steps N] [--threads N]
#   --teacher: a Whisper (or CTC) model folder, default the shipped models/mini-whisper-teacher;
#   --quantizer-steps: steps of each quantizer phase (default 4000);
#   --smoke: a plumbing check of every stage in minutes (4 speakers x 8 utterances, 2 training steps,
#   a quantizer of 20+20 steps); its numbers mean nothing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source recipes/local/common.sh

stage=0; stop_stage=8; exp=exp/mini_mvq_kd; steps=""; threads=0; smoke=0; speakers=60; utterances=60
teacher=models/mini-whisper-teacher; layer=3; bytes=8; quantizer_steps=4000; eval_sets="test_large dev_large"; live_steps=100
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/mini_mvq_kd_smoke; steps=2; live_steps=2; speakers=4; utterances=8; quantizer_steps=20; eval_sets="test"; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --teacher) teacher=$2; shift 2 ;;
    --layer) layer=$2; shift 2 ;;
    --bytes-per-frame) bytes=$2; shift 2 ;;
    --quantizer-steps) quantizer_steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
smoke_start "$speakers speakers x $utterances utterances, ${steps:-1200} training steps, quantizer $quantizer_steps+$quantizer_steps steps"

build_speech
mkdir -p "$exp"
data=$exp/data
conf=recipes/mini/mvq_kd/conf/student.yaml
step_flag=$([ -n "$steps" ] && echo "--set training.steps=$steps" || true)

if run_stage 0; then
  echo "== stage 0: corpus (the Distil-Whisper recipe's synthetic training set; eval sets of unheard voices and sentences)"
  source recipes/mini/local/prepare_synth_corpus.sh "$data" "$speakers" "$utterances"
  [ "$smoke" = 1 ] || source recipes/mini/local/prepare_eval_sets.sh "$data"
fi
if run_stage 1; then
  echo "== stage 1: teacher embeddings ($teacher, encoder layer $layer) of the student's quarter of the training set, float16"
  speech mvq embeddings --teacher "$teacher" --layer "$layer" --manifest "$data/train.jsonl.gz" --every 4 --out "$exp/embeddings"
fi
if run_stage 2; then
  echo "== stage 2: quantizer ($bytes codebooks of 256; phase 1 $((2 * bytes)) x 16), held-out relative error by refinement iterations"
  speech mvq train-quantizer --embeddings "$exp/embeddings" --out "$exp/quantizer.safetensors" --bytes-per-frame "$bytes" \
    --phase-one-steps "$quantizer_steps" --phase-two-steps "$quantizer_steps" | tee "$exp/quantizer.txt"
fi
if run_stage 3; then
  echo "== stage 3: codebook indexes of the student's cuts (uint8, $bytes per teacher frame)"
  speech mvq encode --quantizer "$exp/quantizer.safetensors" --embeddings "$exp/embeddings" --manifest "$data/train.jsonl.gz" --every 4 --out "$exp/indexes"
  echo "-- the student's manifest, each cut referencing its indexes (extra field codebook_indexes)"
  speech mvq attach --manifest "$data/train.jsonl.gz" --every 4 --indexes "$exp/indexes" --out "$exp/train_indexed.jsonl.gz"
fi
id=$([ -f "$exp/indexes/codebook_indexes.json" ] && sed 's/.*"quantizer_id":"\([0-9a-f]*\)".*/\1/' "$exp/indexes/codebook_indexes.json" || true)
if run_stage 4; then
  echo "== stage 4: baseline CTC student (a quarter of the training cuts)"
  speech mvq train --config "$conf" --manifest "$data/train.jsonl.gz" --every 4 --out "$exp/baseline" --set mvq.kind=none $step_flag
fi
if run_stage 5; then
  echo "== stage 5: MVQ-KD student (2N classifiers on layer 3 of 6, scale 0.1), indexes of quantizer $id"
  speech mvq train --config "$conf" --manifest "$exp/train_indexed.jsonl.gz" --quantizer-id "$id" --out "$exp/mvq" $step_flag
  echo "-- the same student for its first $live_steps steps with the teacher and quantizer run inside each step (no cached indexes), for the step time"
  speech mvq train --config "$conf" --manifest "$data/train.jsonl.gz" --every 4 --teacher "$teacher" --layer "$layer" \
    --quantizer "$exp/quantizer.safetensors" --quantizer-id "$id" --out "$exp/mvq_live" --set "training.steps=$live_steps" training.checkpoint_every=0
fi
if run_stage 6; then
  echo "== stage 6: L2-KD student (regression onto the same embeddings, scale 0.1)"
  speech mvq train --config "$conf" --manifest "$data/train.jsonl.gz" --every 4 --targets "$exp/embeddings" --out "$exp/l2" --set mvq.kind=l2 $step_flag
fi
if run_stage 7; then
  echo "== stage 7: greedy CTC decoding; WER with bootstrap 95 % intervals, paired bootstrap of each KD student against the baseline"
  printf 'set\tstudent\tWER [95%% CI]\tcounts\n' > "$exp/results.tsv"; rm -f "$exp/paired.txt"
  for set in $eval_sets; do
    for student in baseline mvq l2; do
      speech asr decode --model "$exp/$student/model" --manifest "$data/$set.jsonl.gz" --out "$exp/hyps_${student}_$set.jsonl"
    done
    score_systems "$data/$set.jsonl.gz" "$set" baseline mvq l2
  done
fi
if run_stage 8; then
  echo "== stage 8: storage report and curves"
  dim=$(sed 's/.*"dim":\([0-9]*\).*/\1/' "$exp/embeddings/mvq_embeddings.json")
  speech mvq storage --dim "$dim" --codebooks "$bytes" --folder "indexes=$exp/indexes" --folder "embeddings (float16)=$exp/embeddings" | tee "$exp/storage.txt"
  # Steps per second since the start of each run (the trainer's metrics), at the live run's last step.
  rate() { grep "\"step\":$live_steps," "$1/metrics.jsonl" | sed 's/.*"steps_per_s":\([0-9.eE+-]*\).*/\1/'; }
  cached_rate=$(rate "$exp/mvq"); live_rate=$(rate "$exp/mvq_live")
  awk -v c="$cached_rate" -v l="$live_rate" -v n="$live_steps" 'BEGIN { printf "step time over the first %d steps: cached indexes %.3f s, teacher on the fly %.3f s (%.2fx)\n", n, 1 / c, 1 / l, c / l }' \
    | tee -a "$exp/storage.txt"
  for student in baseline mvq l2; do
    speech plot "$exp/$student/metrics.jsonl" --out "$exp/${student}_curves.png" --series ctc lr
  done
fi
show_table "$exp/results.tsv"
finish "results: $exp/results.tsv; plots: $exp/mvq_curves.png; models: $exp/baseline/model, $exp/mvq/model, $exp/l2/model; also $exp/baseline_curves.png, $exp/l2_curves.png, $exp/quantizer.txt, $exp/storage.txt"
