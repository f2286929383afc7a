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
python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda k: r[k] * 1000
print("median %.2f ms, mean %.2f ms, min %.2f ms over %d runs" % (ms("median"), ms("mean"), ms("min"), len(r["times"])))
PY
rm -rf "$dir"
