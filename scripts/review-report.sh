#!/usr/bin/env bash
# The monthly content review as one Markdown report (the body of the review issue that
# .github/workflows/review.yml opens or updates): `akmn review`, then every external source
# URL of the records checked with lychee (settings in lychee.toml).
#
#   scripts/review-report.sh ROOT REPORT [more lychee options]
#
# akmn and lychee come from PATH. Exits 0 when the report was written, whatever it found.
set -euo pipefail
root=$1
report=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

akmn review "$root" >"$work/review.txt"
akmn review "$root" --urls >"$work/urls.txt"
status=0
# --verbose: the report lists redirected URLs too, to be replaced by where they lead.
lychee --config "$here/lychee.toml" --no-progress --verbose --format markdown --output "$work/links.md" \
  "$@" "$work/urls.txt" 2>"$work/lychee.log" || status=$?
# lychee exits 2 when some links fail: that is what the report is for, not an error here.
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  cat "$work/lychee.log" >&2
  exit "$status"
fi

{
  echo "The monthly content review: records due for review, old figures and weak sources (\`akmn review\`),"
  echo "then every external source URL checked with lychee. This issue is updated each month."
  echo
  echo "## Records and sources"
  echo
  echo '```text'
  cat "$work/review.txt"
  echo '```'
  echo
  echo "## Links"
  echo
  # lychee names the temporary input file and a line in it; the reader needs only the URLs.
  sed -e "s|$work/urls.txt|the records' source URLs|g" -e 's/ (at [0-9]*:[0-9]*)//' \
    -e 's/^# Summary$/### Summary/' -e 's/^## /### /' "$work/links.md"
} >"$report"
