#!/usr/bin/env bash
# Puts the content review report (scripts/review-report.sh) into one GitHub issue: the open
# issue labelled content-review is updated, or one is opened. Needs gh, GH_TOKEN and GH_REPO.
#
#   scripts/review-issue.sh REPORT
set -euo pipefail
report=$1
label=content-review
title="Content review: records, figures and source links"

gh label create "$label" --color C5DEF5 --description "Monthly content review report" --force >/dev/null
number=$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')
if [ -n "$number" ]; then
  gh issue edit "$number" --title "$title" --body-file "$report"
  echo "Updated issue #$number"
else
  gh issue create --title "$title" --label "$label" --body-file "$report"
fi
