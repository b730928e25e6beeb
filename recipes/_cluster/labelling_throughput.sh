#!/usr/bin/env bash
# Labelling throughput on this machine, to size a cluster run: greedy pseudo-labels (batch 16) of a
# manifest by one process with all threads, then by two shard processes with one thread each; prints
# cuts/s and the real-time factor, and the wall time of LibriSpeech's 960 h on K such workers at the
# better of the two rates (the rate is per second of audio, so it holds for another corpus only
# where the teacher and the cut lengths are alike).
#   bash recipes/_cluster/labelling_throughput.sh TEACHER MANIFEST [OUT_DIR]   (from the repo root, CLI built in Release)
set -euo pipefail
teacher=${1:?usage: labelling_throughput.sh TEACHER MANIFEST [OUT_DIR]}; manifest=${2:?usage: labelling_throughput.sh TEACHER MANIFEST [OUT_DIR]}
out=${3:-exp/labelling_throughput}
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@"; }
cuts=$(zcat -f "$manifest" | grep -c .)
seconds=$(zcat -f "$manifest" | grep -o '"duration":[0-9.eE+-]*' | cut -d: -f2 | awk '{ s += $1 } END { printf "%.1f", s }')
rm -rf "$out"; mkdir -p "$out"
t0=$(date +%s.%N)
speech distil-whisper pseudo-label --teacher "$teacher" --manifest "$manifest" --out "$out/one" --shard 0/1 --batch-size 16 --threads "$(nproc)" > /dev/null
t1=$(date +%s.%N)
for i in 0 1; do speech distil-whisper pseudo-label --teacher "$teacher" --manifest "$manifest" --out "$out/two" --shard "$i/2" --batch-size 16 --threads 1 > /dev/null & done
wait
t2=$(date +%s.%N)
awk -v cuts="$cuts" -v s="$seconds" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
  one = t1 - t0; two = t2 - t1
  printf "%d cuts, %.0f s of audio\n", cuts, s
  printf "1 process x all threads: %.1f s, %.1f cuts/s, %.1fx real time\n", one, cuts / one, s / one
  printf "2 processes x 1 thread:  %.1f s, %.1f cuts/s, %.1fx real time\n", two, cuts / two, s / two
  best = (s / one > s / two) ? s / one : s / two
  split("1 8 64 256", k, " ")
  for (i = 1; i <= 4; i++) printf "LibriSpeech 960 h on %d such workers: %.2f h\n", k[i], 960 / (best * k[i])
}'
