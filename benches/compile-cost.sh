#!/usr/bin/env bash
# Compile cost of #[derive(ApiError)] on a 200-variant enum, against thiserror alone.
#
# Generates two crates under target/compile-cost/: `plain` (thiserror) and `contract`
# (thiserror + ApiError), each with the same 200-variant enum (unit, tuple and struct
# variants, format strings). Times `cargo check` of each after touching src/lib.rs, RUNS
# times, the two crates taking turns; prints every run, the medians and their ratio (the
# budget is 1.5x, for `full`). Two ways:
# - full: CARGO_INCREMENTAL=0, so the whole crate is checked again: expansion, and the type
#   checking of everything the derives generate. This is the figure the budget is held to.
# - touch: incremental, as `cargo check` runs by default. The source is unchanged, so rustc
#   expands the derives again but reuses the rest from its incremental cache: it mostly
#   measures the macros themselves, and understates the cost of the code they generate.
# Then the clean build of the macro crate itself against thiserror-impl's (dependencies
# already built, no incremental cache), RUNS times each. With valgrind installed, last the
# instructions rustc executes for a full check of each crate, and for the clean build of each
# macro crate: the same every run, so the repeatable figures on a shared machine (they leave
# out cargo's own ~50 ms, which the timings include).
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

# Prints the median of the numbers on stdin.
median_of() {
  tr ' ' '\n' | grep . | median
}

# `time_check MODE`: RUNS alternate timings of plain and contract, as "plain contract" lines.
time_check() {
  local incremental=1
  [ "$1" = full ] && incremental=0
  for _ in $(seq "$runs"); do
    local line=""
    for crate in plain contract; do
      touch "$work/$crate/src/lib.rs"
      line="$line $(CARGO_INCREMENTAL=$incremental seconds cargo check --quiet \
        --manifest-path "$work/$crate/Cargo.toml")"
    done
    echo "$line"
  done
}

report() {
  local mode="$1" timings plain_runs contract_runs plain_median contract_median
  # The first check in a mode rebuilds what the other mode left; it is not timed.
  local incremental=1
  [ "$mode" = full ] && incremental=0
  for crate in plain contract; do
    touch "$work/$crate/src/lib.rs"
    CARGO_INCREMENTAL=$incremental cargo check --quiet --manifest-path "$work/$crate/Cargo.toml"
  done
  timings=$(time_check "$mode")
  plain_runs=$(echo "$timings" | awk '{ print $1 }' | tr '\n' ' ')
  contract_runs=$(echo "$timings" | awk '{ print $2 }' | tr '\n' ' ')
  plain_median=$(echo "$plain_runs" | median_of)
  contract_median=$(echo "$contract_runs" | median_of)
  echo "$mode: cargo check of a 200-variant enum after a touch, $runs runs each (seconds):"
  echo "  thiserror:            $plain_runs"
  echo "  thiserror + ApiError: $contract_runs"
  awk -v p="$plain_median" -v c="$contract_median" \
    'BEGIN { printf "  median: %.3f s vs %.3f s, ratio %.2fx (budget 1.5x for full)\n", p, c, c / p }'
}

generate plain 0
generate contract 1

report full
report touch

echo "clean build of the macro crate alone, dependencies already built, $runs runs (seconds):"
dir="$work/contract"
clean_build() {
  cargo clean --quiet --manifest-path "$dir/Cargo.toml" -p "$1"
  CARGO_INCREMENTAL=0 seconds cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$1"
}
ours=""
theirs=""
for _ in $(seq "$runs"); do
  ours="$ours $(clean_build error-contract-macros)"
  theirs="$theirs $(clean_build thiserror-impl)"
done
echo "  error-contract-macros: $ours"
echo "  thiserror-impl:        $theirs"
awk -v o="$(echo "$ours" | median_of)" -v t="$(echo "$theirs" | median_of)" \
  'BEGIN { printf "  median: %.2f s vs %.2f s, ratio %.2fx\n", o, t, o / t }'

command -v valgrind > /dev/null || exit 0
# A RUSTC_WRAPPER that runs rustc under cachegrind for the crate named $COUNT_CRATE only.
cat > "$work/count-rustc.sh" <<'WRAPPER'
#!/usr/bin/env bash
previous=""
for argument in "$@"; do
  if [ "$previous" = --crate-name ] && [ "$argument" = "$COUNT_CRATE" ]; then
    exec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
      --log-file="$COUNT_LOG" "$@"
  fi
  previous="$argument"
done
exec "$@"
WRAPPER
chmod +x "$work/count-rustc.sh"
count_check() {
  touch "$work/$1/src/lib.rs"
  COUNT_CRATE="$1" COUNT_LOG="$work/$1.cachegrind" RUSTC_WRAPPER="$work/count-rustc.sh" \
    CARGO_INCREMENTAL=0 cargo check --quiet --manifest-path "$work/$1/Cargo.toml"
  sed -n 's/.*I *refs: *//p' "$work/$1.cachegrind" | tr -d ,
}
plain_count=$(count_check plain)
contract_count=$(count_check contract)
echo "instructions rustc executes for a full check (cachegrind):"
awk -v p="$plain_count" -v c="$contract_count" \
  'BEGIN { printf "  thiserror: %.0f M, thiserror + ApiError: %.0f M, ratio %.2fx\n", p / 1e6, c / 1e6, c / p }'
# The clean build of each macro crate, counted the same way (every thread of rustc, LLVM's
# included): the repeatable figure behind the timings above.
count_build() {
  cargo clean --quiet --manifest-path "$dir/Cargo.toml" -p "$1"
  COUNT_CRATE="$2" COUNT_LOG="$work/$2.cachegrind" RUSTC_WRAPPER="$work/count-rustc.sh" \
    CARGO_INCREMENTAL=0 cargo build --quiet --manifest-path "$dir/Cargo.toml" -p "$1"
  sed -n 's/.*I *refs: *//p' "$work/$2.cachegrind" | tr -d ,
}
ours_count=$(count_build error-contract-macros error_contract_macros)
theirs_count=$(count_build thiserror-impl thiserror_impl)
echo "instructions rustc executes for a clean build of the macro crate (cachegrind):"
awk -v o="$ours_count" -v t="$theirs_count" \
  'BEGIN { printf "  error-contract-macros: %.0f M, thiserror-impl: %.0f M, ratio %.2fx\n", o / 1e6, t / 1e6, o / t }'
