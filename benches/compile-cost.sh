#!/usr/bin/env bash
# Compile cost of #[derive(ApiError)] on a 200-variant enum, against thiserror alone.
#
# Generates two crates under target/compile-cost/: `plain` (thiserror) and `contract`
# (thiserror + ApiError), each with the same 200-variant enum (unit, tuple and struct
# variants, format strings). For each, `cargo check` after touching src/lib.rs, RUNS times;
# prints every run, the medians and their ratio (the budget is 2x). Then the clean build of
# the macro crate itself against thiserror-impl's, with their dependencies already built.
#
# Usage: benches/compile-cost.sh [RUNS]   (default 5)
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/compile-cost"
mkdir -p "$work"

variants() {
  local with_api="$1"
  for i in $(seq 0 199); do
    local status=$((400 + i % 30))
    case $((i % 3)) in
      0)
        echo "    #[error(\"unit failure number $i\")]"
        [ "$with_api" = 1 ] && echo "    #[api(status = $status, message = \"Unit failure $i.\")]"
        echo "    Unit$i,"
        ;;
      1)
        echo "    #[error(\"tuple failure $i: {0} and {1}\")]"
        [ "$with_api" = 1 ] && echo "    #[api(status = $status, message = \"Tuple failure {0} ($i).\")]"
        echo "    Tuple$i(String, u32),"
        ;;
      2)
        echo "    #[error(\"struct failure $i for {id}: {reason:?}\")]"
        [ "$with_api" = 1 ] && echo "    #[api(status = $((500 + i % 5)), retry_after = $i)]"
        echo "    Struct$i { id: String, reason: Option<String> },"
        ;;
    esac
  done
}

generate() {
  local name="$1" with_api="$2" dir="$work/$1"
  mkdir -p "$dir/src"
  {
    echo "[package]"
    echo "name = \"$name\""
    echo "version = \"0.0.0\""
    echo "edition = \"2024\""
    echo "publish = false"
    echo
    echo "[dependencies]"
    echo "thiserror = \"2\""
    [ "$with_api" = 1 ] && echo "error-contract = { path = \"$root/runtime\" }"
    echo
    echo "[workspace]"
  } > "$dir/Cargo.toml"
  {
    echo "#![allow(dead_code)]"
    [ "$with_api" = 1 ] && echo "use error_contract::ApiError;"
    if [ "$with_api" = 1 ]; then
      echo "#[derive(Debug, thiserror::Error, ApiError)]"
    else
      echo "#[derive(Debug, thiserror::Error)]"
    fi
    echo "pub enum BigError {"
    variants "$with_api"
    echo "}"
  } > "$dir/src/lib.rs"
  # Share one lock file so both crates build the same dependency versions as the workspace.
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  (cd "$dir" && cargo check --quiet 2>/dev/null || cargo check --quiet)
}

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

time_check() {
  local dir="$work/$1"
  for _ in $(seq "$runs"); do
    touch "$dir/src/lib.rs"
    seconds cargo check --quiet --manifest-path "$dir/Cargo.toml"
  done
}

generate plain 0
generate contract 1

echo "cargo check of a 200-variant enum after a touch, $runs runs each (seconds):"
plain_runs=$(time_check plain)
contract_runs=$(time_check contract)
echo "  thiserror:            $(echo $plain_runs)"
echo "  thiserror + ApiError: $(echo $contract_runs)"
plain_median=$(echo "$plain_runs" | tr ' ' '\n' | median)
contract_median=$(echo "$contract_runs" | tr ' ' '\n' | median)
awk -v p="$plain_median" -v c="$contract_median" \
  'BEGIN { printf "  median: %.3f s vs %.3f s, ratio %.2fx (budget 2x)\n", p, c, c / p }'

echo "clean build of the macro crate alone, dependencies already built (seconds):"
dir="$work/contract"
ours=$( (cargo clean --quiet --manifest-path "$dir/Cargo.toml" -p error-contract-macros; \
         seconds cargo build --quiet --manifest-path "$dir/Cargo.toml" -p error-contract-macros) )
theirs=$( (cargo clean --quiet --manifest-path "$dir/Cargo.toml" -p thiserror-impl; \
           seconds cargo build --quiet --manifest-path "$dir/Cargo.toml" -p thiserror-impl) )
printf '  error-contract-macros: %.2f s, thiserror-impl: %.2f s\n' "$ours" "$theirs"
