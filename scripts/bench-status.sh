#!/usr/bin/env bash
# Whole-process timing of `coderpath ceu status` on a synthetic 10,000-entry CEU log
# (AAPC CPC + CPMA and AHIMA CCS). Needs hyperfine and python3. Prints the median.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
dir=$(mktemp -d)
python3 scripts/gen-ceu-log.py "${ENTRIES:-10000}" "$dir"
out="$dir/result.json"
hyperfine --shell=none --warmup 5 --runs "${RUNS:-100}" --export-json "$out" \
  "./target/release/coderpath --as-of 2026-11-27 ceu status $dir/big.yaml --format json" >&2
python3 scripts/hyperfine-median.py "$out"
rm -rf "$dir"
