#!/usr/bin/env bash
# Checks every kind of HTML page coderpath writes in real tools. NOT part of CI (CI has only
# the Rust toolchain; tests/html_layout.rs is the structural check that runs there). Run it by
# hand after changing templates/*.html:
#
#   1. renders each page kind: roadmap, readiness, CEU status, plan --compare, the report
#      overview (index.html) and its client pages, and a roadmap for a hostile name;
#   2. validates them with the Nu HTML Checker (vnu, also checks the CSS);
#   3. opens each in headless Chromium at a phone width (390 CSS px; more with
#      HTML_CHECK_WIDTHS="320 390 768") and measures document.documentElement.scrollWidth,
#      elements cut off at the right edge, and the smallest text (scripts/html-measure.cjs,
#      through the DevTools protocol with puppeteer-core);
#   4. prints every page to PDF (chromium --print-to-pdf, US Letter) and counts the pages
#      with pdfinfo; the example roadmap must fit on at most 3 pages;
#   5. takes a desktop screenshot (1100 px) of each page.
#
# Exits 1 if any check fails. Output in OUT_DIR (default target/html-check).
# Needs: chromium, java, node + npm, pdfinfo. On Debian:
#   apt-get install -y chromium poppler-utils default-jre-headless nodejs npm
# npm packages (vnu-jar, puppeteer-core) are installed into scripts/.html-check/ (gitignored).
# Usage: scripts/check-html.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/html-check}
widths=${HTML_CHECK_WIDTHS:-390}
max_roadmap_pages=3
rm -rf "$out" && mkdir -p "$out/pages" "$out/pdf" "$out/screenshots"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

for tool in java node npm pdfinfo; do
  command -v "$tool" > /dev/null || { echo "$tool not found (see the header of $0)" >&2; exit 2; }
done
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found (apt-get install chromium)" >&2; exit 2; }

echo "== Rendering"
cargo build --release --quiet
bin="./target/release/coderpath --as-of 2026-11-27"
$bin plan examples/aspiring.yaml -o "$out/pages/roadmap.html"
$bin plan examples/aspiring.yaml --compare hours=20 -o "$out/pages/compare.html"
$bin readiness examples/aspiring.yaml -o "$out/pages/readiness.html"
$bin ceu status examples/dual.yaml -o "$out/pages/ceu-status.html"
$bin report examples/roster.yaml --out "$out/report" > /dev/null
cp "$out/report/index.html" "$out/pages/report-index.html"
for client in "$out"/report/clients/*.html; do
  cp "$client" "$out/pages/client-$(basename "$client")"
done
# A hostile name must come out escaped and still valid.
printf 'name: "<script>alert(1)</script> & <b>"\neducation: none\ntarget: { setting: hospital_inpatient }\n' > "$out/hostile.yaml"
$bin plan "$out/hostile.yaml" -o "$out/pages/hostile-roadmap.html"
ls "$out"/pages/*.html
pages=("$out"/pages/*.html)

deps=scripts/.html-check
if [ ! -f "$deps/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -d "$deps/node_modules/puppeteer-core" ]; then
  mkdir -p "$deps"
  npm install --silent --no-audit --no-fund --prefix "$deps" vnu-jar puppeteer-core@24 >&2
fi

echo "== Nu HTML Checker"
if java -jar "$deps/node_modules/vnu-jar/build/dist/vnu.jar" --also-check-svg "${pages[@]}"; then
  echo "all ${#pages[@]} pages valid"
else
  fail "vnu reported errors"
fi

for w in $widths; do
  echo "== Chromium at $w px: page width, cut-off elements, smallest text"
  node scripts/html-measure.cjs "$browser" "$w" "${pages[@]}" || fail "pages do not fit $w px"
done

chrome() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" > /dev/null 2>&1
}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Bottom of the lowest text on page N of a PDF, in points from the top (Letter is 792 high).
text_bottom() {
  pdftotext -f "$2" -l "$2" -bbox "$1" - 2> /dev/null | grep -o 'yMax="[0-9.]*"' \
    | tr -dc '0-9.\n' | sort -n | tail -1 | cut -d. -f1
}

echo "== Printed to PDF (US Letter): pages"
for page in "${pages[@]}"; do
  name=$(basename "$page" .html)
  pdf="$out/pdf/$name.pdf"
  chrome --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$pdf" "file://$(realpath "$page")"
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
  fills=$(for i in $(seq 1 "$n"); do printf '%s ' "$(text_bottom "$pdf" "$i")"; done)
  printf '%-26s %2s pages  (%s; text ends at [ %s] pt on each page)\n' "$name" "$n" "$size" "$fills"
done
roadmap_pdf="$out/pdf/roadmap.pdf"
n=$(pdfinfo "$roadmap_pdf" | awk '/^Pages:/ {print $2}')
[ "$n" -le "$max_roadmap_pages" ] || fail "the example roadmap prints on $n pages (at most $max_roadmap_pages)"
# No page but the last is left mostly empty (text must reach 70% down the page).
for i in $(seq 1 $((n - 1))); do
  [ "$(text_bottom "$roadmap_pdf" "$i")" -ge 554 ] || fail "roadmap page $i is less than 70% full"
done
# The folded sources are printed, with their web addresses.
printed=$(pdftotext "$roadmap_pdf" - | tr -d '\n')
for want in "Sources (" "https://www.bls.gov/ooh/" "Planning defaults"; do
  case "$printed" in *"$want"*) ;; *) fail "the printed roadmap lacks \"$want\"" ;; esac
done
want=$(grep -o '<li><a href="[^"]*"' "$out/pages/roadmap.html" | tail -1 | sed 's/.*href="//; s/"$//')
case "$printed" in *"${want:8:30}"*) ;; *) fail "the printed roadmap lacks the last source's address ($want)" ;; esac

echo "== Desktop screenshots"
for page in "${pages[@]}"; do
  name=$(basename "$page" .html)
  chrome --window-size=1100,1500 --hide-scrollbars \
    --screenshot="$out/screenshots/$name.png" "file://$(realpath "$page")"
  echo "$out/screenshots/$name.png"
done

if [ "$failed" -ne 0 ]; then
  echo "check-html: FAILED"
  exit 1
fi
echo "check-html: all checks passed"
