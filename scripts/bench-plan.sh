#!/usr/bin/env bash
# Whole-process timing of `coderpath plan … --format html` (data parse, template compile and
# render included). Needs hyperfine (Debian: apt-get install hyperfine). Prints the median.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=$(mktemp)
hyperfine --shell=none --warmup 20 --runs "${RUNS:-300}" --export-json "$out" \
  './target/release/coderpath --as-of 2026-11-27 plan examples/aspiring.yaml --format html' >&2
python3 scripts/hyperfine-median.py "$out"
rm -f "$out"
