#!/usr/bin/env bash
# Prints the file table of a models/<name>/MODEL_CARD.md: every file of the folder (the card aside)
# with its size and sha256, in the form tests/Speech.Cli.Tests/Models/ShippedModelTests reads.
#   bash scripts/model-files-table.sh models/mini-whisper-teacher
set -euo pipefail
folder=${1:?usage: model-files-table.sh MODEL_FOLDER}
[ -d "$folder" ] || { echo "$folder: no such folder" >&2; exit 1; }
echo "| file | bytes | sha256 |"
echo "| --- | --- | --- |"
for f in $(cd "$folder" && ls | grep -v '^MODEL_CARD.md$' | sort); do
  printf '| `%s` | %s | `%s` |\n' "$f" "$(stat -c %s "$folder/$f" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" "$(sha256sum "$folder/$f" | cut -d' ' -f1)"
done
