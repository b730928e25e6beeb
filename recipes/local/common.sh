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
