#!/usr/bin/env bash
# Whole-process timing of `coderpath plan … --format html` (data parse, template compile and
# render included). Needs hyperfine (Debian: apt-get install hyperfine). Prints the median.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=$(mktemp)
hyperfine --shell=none --warmup 20 --runs "${RUNS:-300}" --export-json "$out" \
  './target/release/coderpath --as-of 2026-11-27 plan examples/aspiring.yaml --format html' >&2
python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ms = lambda k: r[k] * 1000
print("median %.2f ms, mean %.2f ms, min %.2f ms over %d runs" % (ms("median"), ms("mean"), ms("min"), len(r["times"])))
PY
rm -f "$out"
