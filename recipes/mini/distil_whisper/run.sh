#!/usr/bin/env bash
# Distil-Whisper on the mini corpus, end to end. The teacher is the shipped one (models/mini-whisper-teacher)
# unless --train-teacher asks stage 1 to train it here. Every stage calls `speech` verbs; every verb is
# resumable, so rerunning continues.
#   bash recipes/mini/distil_whisper/run.sh [--smoke] [--train-teacher] [--teacher DIR] [--stage N] [--stop-stage N] [--exp DIR]
#        [--teacher-ctc-steps N] [--teacher-steps N] [--teacher-noise-steps N] [--teacher-single-noise-steps N] [--teacher-single-steps N] [--student-steps N] [--filter-student-steps N] [--corpus-speakers N] [--utterances-per-speaker N]
#        [--wer-threshold PCT] [--joint-ctc-weight W] [--label-ctc-weight W] [--threads N] [--precision auto|fp32|bf16]
#   --smoke: a plumbing check of every stage in minutes (4 speakers x 8 utterances, 2-3 steps per training
#   phase, no WER filter); its numbers say nothing about the method.
#   --train-teacher: stage 1 trains the teacher (exp/.../teacher/model) instead of using --teacher (default models/mini-whisper-teacher).
#   --precision: of the training stages (default auto: bf16 where the CPU multiplies it natively, AVX-512 BF16
#   or AMX, where it trains 2.4x faster and tracked fp32 within 0.11 CE; fp32 elsewhere, where bf16 is emulated)
#   --label-ctc-weight W: labels by joint CTC/attention beam search (beam 5) with CTC weight W (0.3 made
#   better labels with an earlier teacher, at about 4x the labelling time); default 0: greedy, batch 16, as distil-whisper
set -euo pipefail
cd "$(dirname "$0")/../../.."

stage=0; stop_stage=11; exp=exp/mini_distil_whisper; smoke=0; train_teacher=0; shipped_teacher=models/mini-whisper-teacher
teacher_ctc_steps=800; teacher_steps=2600; teacher_noise_steps=0; teacher_single_noise_steps=0; teacher_single_steps=500; student_steps=1500; filter_student_steps=200; corpus_speakers=60; utterances=60; threads=0; wer_threshold=10; joint_ctc_weight=0.8; label_ctc_weight=0; precision=auto
for arg in "$@"; do [ "$arg" = --smoke ] && { smoke=1; exp=exp/mini_distil_whisper_smoke
  teacher_ctc_steps=2; teacher_steps=3; teacher_noise_steps=0; teacher_single_noise_steps=0; teacher_single_steps=2; student_steps=2; filter_student_steps=2
  corpus_speakers=4; utterances=8; wer_threshold=10000; }; done
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) shift ;;
    --train-teacher) train_teacher=1; shift ;;
    --teacher) shipped_teacher=$2; shift 2 ;;
    --stage) stage=$2; shift 2 ;;
    --stop-stage) stop_stage=$2; shift 2 ;;
    --exp) exp=$2; shift 2 ;;
    --teacher-ctc-steps) teacher_ctc_steps=$2; shift 2 ;;
    --teacher-steps) teacher_steps=$2; shift 2 ;;
    --teacher-noise-steps) teacher_noise_steps=$2; shift 2 ;;
    --teacher-single-noise-steps) teacher_single_noise_steps=$2; shift 2 ;;
    --teacher-single-steps) teacher_single_steps=$2; shift 2 ;;
    --student-steps) student_steps=$2; shift 2 ;;
    --filter-student-steps) filter_student_steps=$2; shift 2 ;;
    --corpus-speakers) corpus_speakers=$2; shift 2 ;;
    --utterances-per-speaker) utterances=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --wer-threshold) wer_threshold=$2; shift 2 ;;
    --joint-ctc-weight) joint_ctc_weight=$2; shift 2 ;;
    --label-ctc-weight) label_ctc_weight=$2; shift 2 ;;
    --precision) precision=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
source recipes/local/common.sh
smoke_start "a tiny corpus, a few training steps per phase, no WER filter; speed-ups too"
if [ "$train_teacher" = 1 ]; then teacher=$exp/teacher/model; else teacher=$shipped_teacher
  [ -f "$teacher/config.json" ] || { echo "$teacher: no teacher there; give --teacher DIR or --train-teacher" >&2; exit 1; }; fi

build_speech
banner() { echo "== [$(date +%H:%M:%S), $(( SECONDS / 60 )) min $(( SECONDS % 60 )) s into the run] $*"; }
mkdir -p "$exp"
data=$exp/data
# The committed 12-cut splits (tests and CI use them) and the larger generated ones (360 cuts, about
# 2,350 words each: unheard voices of espeak-ng, flite and Festival reading unheard sentences), where
# differences can be told apart; a smoke run keeps to the small ones.
test_sets="test dev test_large dev_large"; [ "$smoke" = 1 ] && test_sets="test dev"
# The slower searches (joint CTC/attention beam, speculative decoding in two precisions) skip dev_large,
# which only tuning needs: the hour the chain is given goes to the student's training.
search_sets="test dev test_large"; [ "$smoke" = 1 ] && search_sets="test dev"

if run_stage 0; then
  banner "stage 0: corpus (a larger synthetic training set; test = the committed mini test split) and manifests"
  source recipes/mini/local/prepare_synth_corpus.sh "$data" "$corpus_speakers" "$utterances"
  # The larger sets are made in the background while the teacher labels (mostly waiting on flite and
  # Festival); the first stage that decodes them waits for them (eval_sets_ready).
  if [ "$smoke" = 0 ]; then
    ( source recipes/mini/local/prepare_eval_sets.sh "$data" ) > "$exp/eval_sets.log" 2>&1 &
    eval_sets_pid=$!
  fi
fi
eval_sets_made() {
  if [ -n "${eval_sets_pid:-}" ]; then
    wait "$eval_sets_pid" || { cat "$exp/eval_sets.log" >&2; echo "error: making the larger evaluation sets failed (log above)" >&2; exit 1; }
    cat "$exp/eval_sets.log"; eval_sets_pid=
  fi
}
eval_sets_ready() {
  eval_sets_made
  for set in $test_sets; do [ -f "$data/$set.jsonl.gz" ] || { echo "error: $data/$set.jsonl.gz is missing: run stage 0" >&2; exit 1; }; done
}
if [ "$train_teacher" = 1 ] && run_stage 1; then
  banner "stage 1: train the teacher (Whisper architecture, English tokenizer, 4 encoder + 8 decoder layers)"
  # 1a: the encoder alone learns the audio with CTC over characters (the decoder is not run): an
  # attention decoder trained from scratch on a few hours leans on its language model and its
  # encoder stalls, where a CTC-trained encoder hears within a few hundred steps. Its encoder is
  # the teacher's for good: the later phases train the decoder on it, frozen.
  speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher_ctc" --size mini \
    --steps "$teacher_ctc_steps" --warmup 150 --lr 1e-3 --max-duration 60 --pack --ctc-weight 1 --ce-weight 0 \
    --precision "$precision" --checkpoint-every 300
  # 1b: the decoder learns to read it, from 1a's last checkpoint (which also holds the CTC head, trained
  # on alongside); packs of one speaker's cuts fill the 4 s window. Frozen encoder (no encoder backward
  # pass) and the softmax over the transcripts' tokens instead of all 51,864 (a shortlist): 1.9x the
  # steps per second of training everything over the whole vocabulary.
  frozen=(--freeze-encoder --ctc-weight 0.3 --precision "$precision")
  speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher_att" \
    --init "$exp/teacher_ctc/checkpoints/step-$(printf %08d "$teacher_ctc_steps")" \
    --steps "$teacher_steps" --warmup 100 --lr 1e-3 --max-duration 40 --pack --vocabulary-shortlist "${frozen[@]}" --checkpoint-every 250
  last=$exp/teacher_att/checkpoints/step-$(printf %08d "$teacher_steps")
  # 1c (optional, --teacher-noise-steps > 0): by then the decoder follows the audio, but its language
  # model of a few thousand sentences still overrules what the encoder heard; noisy decoder inputs make it listen.
  if [ "$teacher_noise_steps" -gt 0 ]; then
    speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher_noise" --init "$last" \
      --steps "$teacher_noise_steps" --warmup 50 --lr 8e-4 --max-duration 40 --pack --vocabulary-shortlist \
      --decoder-input-noise 0.15 "${frozen[@]}" --checkpoint-every 250
    last=$exp/teacher_noise/checkpoints/step-$(printf %08d "$teacher_noise_steps")
  fi
  # 1d (optional, --teacher-single-noise-steps > 0), 1e: single cuts, as short-form test cuts come (one
  # utterance, then silence): packs taught it that more speech follows a clause, so it ran on; 1d with
  # decoder-input noise, 1e without it and over the whole vocabulary, so that the tokens the shortlist
  # never scored are pushed down before the model is used.
  if [ "$teacher_single_noise_steps" -gt 0 ]; then
    speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher_single" --init "$last" \
      --steps "$teacher_single_noise_steps" --warmup 50 --lr 5e-4 --max-duration 17 --vocabulary-shortlist \
      --decoder-input-noise 0.15 "${frozen[@]}" --checkpoint-every 250
    last=$exp/teacher_single/checkpoints/step-$(printf %08d "$teacher_single_noise_steps")
  fi
  final_every=$(( teacher_single_steps >= 5 ? teacher_single_steps / 5 : 1 ))  # five checkpoints; 1f averages the last four
  speech whisper train --manifest "$data/train.jsonl.gz" --out "$exp/teacher_final" --init "$last" \
    --steps "$teacher_single_steps" --warmup 50 --lr 3e-4 --max-duration 17 "${frozen[@]}" \
    --checkpoint-every "$final_every" --keep-last 4
  # 1f: the teacher is the average of the last four checkpoints (icefall's --avg).
  speech whisper average $(ls -d "$exp"/teacher_final/checkpoints/step-* | tail -n 4) --out "$exp/teacher/model"
fi
if run_stage 2; then
  banner "stage 2: pseudo-label the training set (two shards at once, as two jobs would; greedy, or joint CTC/attention beam search with --label-ctc-weight)"
  # Each shard gets half the threads: the beam search decodes one utterance at a time, so two
  # processes use two cores better than one process with both.
  all_threads=$([ "$threads" -gt 0 ] && echo "$threads" || nproc)
  pids=()
  for shard in 0/2 1/2; do
    ( threads=$(( all_threads > 1 ? all_threads / 2 : 1 ))
      speech distil-whisper pseudo-label --teacher "$teacher" --manifest "$data/train.jsonl.gz" \
        --out "$exp/labels" --shard "$shard" --batch-size 16 \
        $(awk "BEGIN { exit !($label_ctc_weight > 0) }" && echo --beam 5 --ctc-weight "$label_ctc_weight") ) &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  speech distil-whisper merge --manifest "$data/train.jsonl.gz" --labels "$exp/labels" --out "$exp/labelled.jsonl.gz"
fi
if run_stage 3; then
  banner "stage 3: WER filter (under $wer_threshold %, Whisper English normaliser)"
  speech distil-whisper filter --manifest "$exp/labelled.jsonl.gz" --out "$exp/filtered.jsonl.gz" --wer-threshold "$wer_threshold"
fi
if run_stage 4; then
  banner "stage 4: student = teacher encoder + 2 maximally spaced decoder layers"
  speech distil-whisper init-student --teacher "$teacher" --decoder-layers 2 --out "$exp/student_init"
fi
distil() { # manifest, run folder, steps
  speech distil-whisper train --student "$exp/student_init" --teacher "$teacher" \
    --manifest "$1" --out "$2" --steps "$3" --lr 5e-4 --warmup 50 --max-duration 40 --precision "$precision"
}
if run_stage 5; then
  banner "stage 5: distil (0.8 CE on pseudo-labels + 1.0 T^2 KL, T = 2, encoder shared and frozen)"
  distil "$exp/filtered.jsonl.gz" "$exp/student" "$student_steps"
fi
if run_stage 6; then
  banner "stage 6: evaluate teacher and student (batch 1)"
  eval_sets_ready
  rm -f "$exp/results.tsv"
  for set in $test_sets; do
    speech distil-whisper eval --teacher "$teacher" --student "$exp/student/model" \
      --manifest "$data/$set.jsonl.gz" --results "$exp/results.tsv" --long-form
  done
  # Joint CTC/attention beam search (ESPnet's hybrid decoding): the CTC head of the teacher's hybrid
  # training, kept beside the averaged model, keeps the decoder to the audio. The student kept the
  # teacher's encoder frozen, so init-student and train kept the same head beside it.
  for set in $search_sets; do
    h=$exp/joint_$set; mkdir -p "$h"
    speech whisper transcribe --model "$teacher" --beam 5 --ctc-weight "$joint_ctc_weight" \
      --manifest "$data/$set.jsonl.gz" --out "$h/teacher.jsonl"
    speech whisper transcribe --model "$exp/student/model" --beam 5 --ctc-weight "$joint_ctc_weight" \
      --manifest "$data/$set.jsonl.gz" --out "$h/student.jsonl"
    echo "-- $set: joint CTC/attention decoding (beam 5, CTC weight $joint_ctc_weight), teacher then student"
    speech score wer --ref "$data/$set.jsonl.gz" --hyp "$h/teacher.jsonl"
    speech score wer --ref "$data/$set.jsonl.gz" --hyp "$h/student.jsonl"
  done
fi
if run_stage 7; then
  banner "stage 7: speculative decoding (student drafts, teacher verifies: identical output, speed-up), fp32 then bf16 where native"
  eval_sets_ready
  # Drafts of up to 8 tokens, each stopped after a token the student gives under 0.7 (chosen on dev).
  # bf16 only where the CPU multiplies it natively (the flags --precision auto looks for): emulated, it is slower than fp32.
  precisions=fp32; grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo 2>/dev/null && precisions="fp32 bf16"
  # The fastest of five decodes per cut steadies the 12-cut sets' timing; over 360 cuts one decode each
  # averages the noise out as well, at a fifth of the time.
  for set in $search_sets; do
    repeat=5; case $set in *_large) repeat=1 ;; esac
    for decode_precision in $precisions; do
      speech distil-whisper speculative --teacher "$teacher" --student "$exp/student/model" --manifest "$data/$set.jsonl.gz" \
        --draft 8 --draft-confidence 0.7 --precision "$decode_precision" --repeat "$repeat"
    done
  done
fi
if run_stage 8; then
  banner "stage 8: export; the exported student decodes as before, and Whisper.net agrees with our engine"
  eval_sets_ready
  speech whisper export --model "$exp/student/model" --format hf --out "$exp/export/student_hf"
  speech whisper export --model "$exp/student/model" --format ggml --out "$exp/export/ggml-student.bin"
  speech whisper export --model "$teacher" --format ggml --out "$exp/export/ggml-teacher.bin"
  for set in $test_sets; do
    h=$exp/export/hyps_$set; mkdir -p "$h"
    speech whisper transcribe --model "$exp/student/model" --manifest "$data/$set.jsonl.gz" --out "$h/student.jsonl"
    speech whisper transcribe --model "$exp/export/student_hf" --manifest "$data/$set.jsonl.gz" --out "$h/student_hf.jsonl"
    echo "-- $set: exported student folder against the trained one"
    speech score wer --ref "$h/student.jsonl" --hyp "$h/student_hf.jsonl" --normalizer none
  done
  # Whisper.net decodes one utterance at a time: the cross-engine check runs on the test set.
  h=$exp/export/hyps_test
  declare -A folder_of=([teacher]=$teacher [student]=$exp/student/model)
  for model in teacher student; do
    speech whisper transcribe --model "${folder_of[$model]}" --manifest "$data/test.jsonl.gz" --out "$h/$model.torch.jsonl"
    speech whisper transcribe --model "$exp/export/ggml-$model.bin" --engine whisper.net --manifest "$data/test.jsonl.gz" --out "$h/$model.whisper-net.jsonl"
    echo "-- test: $model, torch engine then Whisper.net against the references, then against each other"
    speech score wer --ref "$data/test.jsonl.gz" --hyp "$h/$model.torch.jsonl"
    speech score wer --ref "$data/test.jsonl.gz" --hyp "$h/$model.whisper-net.jsonl"
    speech score wer --ref "$h/$model.torch.jsonl" --hyp "$h/$model.whisper-net.jsonl" --normalizer none
  done
fi
if run_stage 9; then
  banner "stage 9: the WER filter against wrong labels: 20 % corrupted, students with and without the filter"
  speech distil-whisper corrupt --manifest "$exp/labelled.jsonl.gz" --out "$exp/corrupted.jsonl.gz" --fraction 0.2 --seed 1
  speech distil-whisper filter --manifest "$exp/corrupted.jsonl.gz" --out "$exp/corrupted_filtered.jsonl.gz" \
    --wer-threshold "$wer_threshold" --report "$exp/corrupted_report"
  # Fewer steps than stage 5: the comparison needs two equal runs, not converged ones.
  distil "$exp/corrupted.jsonl.gz" "$exp/student_unfiltered" "$filter_student_steps"
  distil "$exp/corrupted_filtered.jsonl.gz" "$exp/student_filtered" "$filter_student_steps"
fi
if run_stage 10; then
  banner "stage 10: evaluate the filter experiment"
  eval_sets_ready
  rm -f "$exp/results_filter.tsv"
  # The two students differ by a few points at most: test_large decides; the 12-cut test split is for reading.
  filter_sets="test test_large"; [ "$smoke" = 1 ] && filter_sets="test dev"
  for set in $filter_sets; do
    speech distil-whisper eval --teacher "$teacher" --student "$exp/student_unfiltered/model" "$exp/student_filtered/model" \
      --manifest "$data/$set.jsonl.gz" --results "$exp/results_filter.tsv"
  done
fi
if run_stage 11; then
  banner "stage 11: curves"
  # The teacher's phases, when this run trained it, joined on one step axis (1a: CTC alone; 1b-1e:
  # cross-entropy and CTC; each phase's steps follow the last one's).
  if [ -f "$exp/teacher_ctc/metrics.jsonl" ]; then
    offset=0; : > "$exp/teacher_metrics.jsonl"
    for phase in ctc att noise single final; do
      m=$exp/teacher_$phase/metrics.jsonl; [ -f "$m" ] || continue
      awk -v off="$offset" 'match($0, /"step":[0-9]+/) { n = substr($0, RSTART + 7, RLENGTH - 7); print "{\"step\":" n + off substr($0, RSTART + RLENGTH) }' "$m" >> "$exp/teacher_metrics.jsonl"
      offset=$(( offset + $(tail -n 1 "$m" | grep -o '"step":[0-9]*' | cut -d: -f2) ))
    done
    speech plot "$exp/teacher_metrics.jsonl" --out "$exp/teacher_curves.png" --series ce ctc lr
  fi
  speech plot "$exp/student/metrics.jsonl" --out "$exp/student_curves.png" --series ce_pl kl
fi
eval_sets_made
for table in "$exp/results.tsv" "$exp/results_filter.tsv"; do show_table "$table"; done
finish "results: $exp/results.tsv, $exp/results_filter.tsv; plots: $(ls "$exp"/*.png 2>/dev/null | tr '\n' ' ' | sed 's/ $//');" \
  "models: teacher $teacher, student $exp/student/model; exported: $exp/export (student_hf, ggml-student.bin, ggml-teacher.bin)"
