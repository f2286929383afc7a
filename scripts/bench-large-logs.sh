#!/usr/bin/env bash
# Whole-process timing of `ceu status` and `ceu check` on CEU logs just under the 16 MiB
# file limit: tiny entries (about 280,000) and checkpoints that all disagree with the log
# (about 330,000). Needs hyperfine and python3. Prints the median of each, and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/coderpath
dir=$(mktemp -d)
python3 - "$dir" <<'EOF'
import datetime, sys
out, limit = sys.argv[1], 16 * 1024 * 1024
start = datetime.date(2016, 1, 1)
day = lambda i: start + datetime.timedelta(days=i % 3900)
logs = {
    "tiny": lambda i: f"- date: {day(i)}\n  title: t{i}\n  provider: p\n  ceus: 1\n",
    "checkpoints": lambda i: f"- checkpoint: {day(i)}\n  body: AAPC\n  earned: {i % 90}\n",
}
for name, item in logs.items():
    parts, size, i = [], 0, 0
    while size + len(item(i)) <= limit:
        parts.append(item(i)); size += len(parts[-1]); i += 1
    open(f"{out}/{name}.ceus.yaml", "w").write("".join(parts))
    open(f"{out}/{name}.yaml", "w").write(
        "name: Big Log\neducation: certificate\nmemberships: [AAPC]\ncredentials:\n"
        "  - { id: CPC, earned: 2016-01-01 }\n  - { id: CCS, earned: 2016-03-01 }\n"
        f"aapc_renewal: 2025-05-31\nceu_log: {name}.ceus.yaml\n")
    print(f"{name}: {i} items, {size} bytes", file=sys.stderr)
EOF
cmds=()
for log in tiny checkpoints; do
  cmds+=("$bin --as-of 2026-11-27 ceu status $dir/$log.yaml --format json")
  cmds+=("$bin --as-of 2026-11-27 ceu check $dir/$log.yaml")
done
hyperfine --shell=none --ignore-failure --warmup 1 --runs "${RUNS:-5}" \
  --export-json "$dir/result.json" "${cmds[@]}" >&2
python3 - "$dir/result.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    what = " ".join(r["command"].split()[3:5]) + " " + r["command"].split()[5].rsplit("/", 1)[1]
    print("%-32s median %.3f s (min %.3f s)" % (what, r["median"], r["min"]))
EOF
for cmd in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "%M KB peak  ${cmd#"$bin "}" $cmd >/dev/null 2>"$dir/time.txt" || true
  tail -1 "$dir/time.txt"
done
rm -rf "$dir"
