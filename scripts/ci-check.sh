#!/usr/bin/env bash
# Run `raci check` on each roster: the script the GitHub action (action.yml) runs, and the one
# tests/ci.rs runs with docs/ci.md's inputs. Its inputs come from the environment:
#   RACI_ROSTERS    rosters, separated by spaces or new lines; globs (teams/*.csv) are expanded
#   RACI_ARGS       more flags for raci check, separated by spaces
#                   (e.g. --deny warnings --baseline raci-baseline.toml)
#   RACI_FORMAT     what raci prints; default: github (annotations) under GitHub Actions, else text
#   RACI_SARIF_DIR  when set, a SARIF file per roster is written there (teams/a.csv -> teams_a.csv.sarif)
#   RACI            the raci program; default: raci on the PATH
# Under GitHub Actions raci also appends each roster's Markdown report to the step summary.
# Exit status: the worst of the runs, 2 (unusable input) before 1 (findings fail the check) before 0.
set -uo pipefail

raci=${RACI:-raci}
format=${RACI_FORMAT:-}
if [[ -z $format ]]; then
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then format=github; else format=text; fi
fi
read -r -a args <<< "${RACI_ARGS:-}"

# Word splitting and glob expansion of the roster list are wanted here.
# shellcheck disable=SC2206
rosters=(${RACI_ROSTERS:-})
if (( ${#rosters[@]} == 0 )); then
  echo "raci: error: no roster to check (set RACI_ROSTERS, or the action's 'rosters' input)" >&2
  exit 2
fi

status=0
for roster in "${rosters[@]}"; do
  extra=()
  if [[ -n ${RACI_SARIF_DIR:-} ]]; then
    mkdir -p "$RACI_SARIF_DIR" || exit 2
    name=${roster#./}
    extra=(--report "sarif=$RACI_SARIF_DIR/${name//\//_}.sarif")
  fi
  "$raci" check "$roster" --format "$format" "${args[@]}" "${extra[@]}"
  code=$?
  if (( code > 2 )); then code=2; fi
  if (( code > status )); then status=$code; fi
done
exit "$status"
