#!/usr/bin/env bash
# Instructions per call of every `serialize`, `response` and `decode` routine, counted by
# callgrind: the repeatable figure on a shared machine, where wall-clock times drift by 10 %
# or more between runs.
#
# The `encode` bench binary runs one routine alone when ERROR_CONTRACT_CALLGRIND=<id>:<n> is
# set, each call inside a function named `measured`; callgrind counts only inside it
# (--toggle-collect), so setup (the clone an `into_response` consumes) is not counted, and the
# count is divided by n. Prints each id, instructions per call and the ratio to hand_written.
#
# Usage: benches/instructions.sh [ITERATIONS] [ID-FILTER]   (default 2000, all ids)
# Needs valgrind. Builds with the bench profile; extra cargo flags via CARGO_FLAGS, e.g.
# CARGO_FLAGS="--features tracing".
set -euo pipefail
iterations="${1:-2000}"
filter="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC2086 # CARGO_FLAGS is a list of flags
bin=$(cd "$root" && cargo bench -p error-contract-benches --bench encode --no-run \
  --message-format=json ${CARGO_FLAGS:-} 2>/dev/null |
  grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$bin" ] || { echo "could not build the encode bench" >&2; exit 1; }

count() {
  ERROR_CONTRACT_CALLGRIND="$1:$iterations" valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null --toggle-collect='*measured*' "$bin" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

ids=()
# `meta` against the hand-written baseline only: the peers have no `meta`.
for path in alloc reused; do
  for imp in error_contract hand_written; do
    ids+=("serialize/$imp/$path/meta")
  done
done
for which in unit formatted validation; do
  for path in alloc reused; do
    for imp in error_contract hand_written http_api_problem api_error; do
      ids+=("serialize/$imp/$path/$which")
    done
  done
done
for which in unit formatted validation; do
  for imp in error_contract hand_written http_api_problem api_error; do
    ids+=("response/$imp/$which")
  done
done
ids+=(response/error_contract/meta response/hand_written/meta)
for which in validation meta; do
  ids+=("decode/error_contract/$which" "decode/hand_written/$which")
done

declare -A per_call
printf '%-45s %12s %8s\n' "id" "instr/call" "vs hand"
for id in "${ids[@]}"; do
  [[ "$id" == *"$filter"* ]] || continue
  total=$(count "$id")
  [ -n "$total" ] || { echo "callgrind gave no count for $id" >&2; exit 1; }
  per_call[$id]=$(awk -v t="$total" -v n="$iterations" 'BEGIN { printf "%.0f", t / n }')
  baseline_id=$(echo "$id" | sed 's#^\([a-z]*\)/[a-z_]*#\1/hand_written#')
  if [ -z "${per_call[$baseline_id]:-}" ]; then
    per_call[$baseline_id]=$(awk -v t="$(count "$baseline_id")" -v n="$iterations" \
      'BEGIN { printf "%.0f", t / n }')
  fi
  awk -v id="$id" -v c="${per_call[$id]}" -v h="${per_call[$baseline_id]}" \
    'BEGIN { printf "%-45s %12d %7.2fx\n", id, c, c / h }'
done
