#!/usr/bin/env bash
# Validates every kind of HTML page coderpath writes with the Nu HTML Checker (vnu) and
# takes a screenshot of each in headless Chromium.
#
# Needs: java, npm (for vnu-jar, installed into scripts/.html-check/), and chromium
# (Debian: apt-get install chromium). Usage: scripts/check-html.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-check}
rm -rf "$out" && mkdir -p "$out/pages" "$out/screenshots"
cargo build --release --quiet
bin="./target/release/coderpath --as-of 2026-11-27"

$bin plan examples/aspiring.yaml -o "$out/pages/roadmap.html"
$bin readiness examples/aspiring.yaml -o "$out/pages/readiness.html"
$bin ceu status examples/dual.yaml -o "$out/pages/ceu-status.html"
$bin report examples/roster.yaml --out "$out/report" > /dev/null
cp "$out/report/index.html" "$out/pages/report-index.html"
cp "$(find "$out/report/clients" -name 'rosa-delgado.html')" "$out/pages/client-report.html"
# A hostile name must come out escaped and still valid.
printf 'name: "<script>alert(1)</script> & <b>"\neducation: none\ntarget: { setting: hospital_inpatient }\n' > "$out/hostile.yaml"
$bin plan "$out/hostile.yaml" -o "$out/pages/hostile-roadmap.html"

vnu_dir=scripts/.html-check
if [ ! -f "$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  npm install --silent --prefix "$vnu_dir" vnu-jar >&2
fi
echo "== Nu HTML Checker"
if java -jar "$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar" --also-check-svg "$out"/pages/*.html; then
  echo "all $(ls "$out"/pages/*.html | wc -l) pages valid"
fi

echo "== Chromium screenshots"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not found (apt-get install chromium); skipping screenshots" >&2
  exit 0
fi
for page in "$out"/pages/*.html; do
  name=$(basename "$page" .html)
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --window-size=1100,1500 --hide-scrollbars \
    --screenshot="$out/screenshots/$name.png" "file://$PWD/$page" > /dev/null 2>&1
  echo "$out/screenshots/$name.png"
done
