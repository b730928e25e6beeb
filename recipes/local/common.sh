# Shared by the recipes' run.sh (source it from the repository root after parsing options; `smoke`
# and `exp` set): the CLI build that shows its output when it fails, the smoke banners, the tables
# labelled for what they are, and the closing lines that name what the run wrote.

# Builds the speech CLI (Release). Quiet when it works; on failure the build's own output (restore
# or compiler errors) goes to stderr before the one-line error, so a failed run never ends silent.
build_speech() {
  local log; log=$(mktemp)
  if ! dotnet build src/Speech.Cli -c Release -v q -nologo > "$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "error: building the speech CLI failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
}

# smoke_start "what the smoke run shrinks": says so first, so no number below is read as a result.
smoke_start() {
  [ "$smoke" = 1 ] || return 0
  echo "SMOKE RUN: a plumbing check of every stage ($1); its WERs and timings mean nothing"
}

# show_table TSV: prints a results table, labelled as a plumbing check on a smoke run.
show_table() {
  [ -f "$1" ] || return 0
  if [ "$smoke" = 1 ]; then echo "== $1 (SMOKE RUN: a plumbing check, not results)"; else echo "== $1"; fi
  column -t -s $'\t' "$1" 2>/dev/null || cat "$1"
}

# finish "results: ..." "plots: ..." "models: ...": the end banner of a smoke run, then the run's wall
# time and what it wrote, the last line naming the results table, the plots and the exported models.
finish() {
  [ "$smoke" = 1 ] && echo "SMOKE RUN finished: the tables above are plumbing checks, not results"
  echo "done ($(( SECONDS / 60 )) min $(( SECONDS % 60 )) s, $(du -sh "$exp" 2>/dev/null | cut -f1) in $exp). $*"
}

# speech ARGS: the CLI build_speech built, with --threads when the run was given one (threads > 0).
speech() { dotnet src/Speech.Cli/bin/Release/net10.0/speech.dll "$@" $([ "${threads:-0}" -gt 0 ] && echo --threads "$threads"); }

# run_stage N: whether stage N lies within --stage .. --stop-stage.
run_stage() { [ "$1" -ge "$stage" ] && [ "$1" -le "$stop_stage" ]; }

# score_systems REF SET BASELINE OTHER...: each system's hypotheses $exp/hyps_<system>_SET.jsonl scored
# against REF: a row of $exp/results.tsv (SET, system, WER with its bootstrap 95 % interval, counts; the
# caller writes the header) and the details in $exp/wer_<system>_SET.txt; then the paired bootstrap of
# each OTHER against BASELINE (the same utterances resampled for both: a difference is called only when
# the interval of WER(other) - WER(baseline) excludes 0), appended to $exp/paired.txt.
score_systems() {
  local ref=$1 set=$2 baseline=$3 system out interval counts; shift 3
  for system in "$baseline" "$@"; do
    out=$(speech score wer --ref "$ref" --hyp "$exp/hyps_${system}_$set.jsonl" --details)
    echo "$out" > "$exp/wer_${system}_$set.txt"
    # --details prints each utterance first; the table takes the corpus WER with its interval and counts.
    interval=$(grep '^WER 95% interval' <<< "$out" | sed 's/^WER 95% interval //; s/ (bootstrap.*//')
    counts=$(grep -E '^WER [0-9.]+% \(' <<< "$out" | sed 's/^WER [0-9.]*% (\(.*\)) over \([0-9]*\) utterances.*/\1, \2 utterances/')
    printf '%s\t%s\t%s\t%s\n' "$set" "$system" "$interval" "$counts" >> "$exp/results.tsv"
  done
  for system in "$@"; do
    speech score wer --ref "$ref" --hyp "$exp/hyps_${system}_$set.jsonl" --hyp "$exp/hyps_${baseline}_$set.jsonl" --details \
      | grep 'paired difference' | sed "s/^/$set $system - $baseline: /" | tee -a "$exp/paired.txt"
  done
}
