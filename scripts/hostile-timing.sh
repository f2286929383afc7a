#!/usr/bin/env bash
# Times every input of the hostile corpus (tests/hostile/) against the release binary, plus
# a generated 50 MB profile, and prints the slowest. The target: each under one second.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=./target/release/coderpath
big=$(mktemp --suffix=.yaml)
trap 'rm -f "$big"' EXIT
{ printf 'name: Lee\neducation: high_school\ncompleted:\n'; yes '  - medical_terminology' | head -c 52428800 || true; } > "$big"
worst=0; worst_name=""; n=0
time_one() { # name, command...
  local name=$1; shift
  local start end ms
  start=$(date +%s%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 )); n=$((n + 1))
  if (( ms > worst )); then worst=$ms; worst_name=$name; fi
}
for f in tests/hostile/*.yaml; do time_one "$f" "$bin" --as-of 2026-11-27 profile check "$f"; done
for d in tests/hostile/data/*/; do time_one "$d" "$bin" --as-of 2026-11-27 data check --data-dir "$d"; done
time_one "50 MB profile" "$bin" --as-of 2026-11-27 profile check "$big"
echo "$n inputs; slowest: $worst ms ($worst_name)"
