// Measures coderpath's HTML pages in headless Chromium at a phone width, through the
// DevTools protocol (puppeteer-core driving the system chromium). Used by check-html.sh.
//
// Usage: [SCREENSHOTS=DIR] node scripts/html-measure.cjs CHROMIUM WIDTH PAGE.html...
// With SCREENSHOTS set, also saves a full-page screenshot of each page there (NAME-WIDTH.png).
// Prints one line per page and exits 1 if any page fails a check:
//   scrollWidth  document.documentElement.scrollWidth (must be <= WIDTH: no sideways scroll)
//   clipped      elements reaching past the right edge of the screen that are not inside a
//                box that scrolls sideways on its own (must be 0: nothing cut off)
//   minText      smallest computed font size of any visible HTML text, in CSS px (must be
//                >= 14 on a phone)
//   minSvgText   smallest on-screen size of SVG text (font size times the SVG's scale), in
//                CSS px (must be >= 10: the timeline's labels stay legible)
"use strict";
const path = require("path");
const puppeteer = require(path.join(__dirname, ".html-check/node_modules/puppeteer-core"));

const [browserPath, widthArg, ...pages] = process.argv.slice(2);
const width = Number(widthArg);
if (!browserPath || !width || pages.length === 0) {
  console.error("usage: node scripts/html-measure.cjs CHROMIUM WIDTH PAGE.html...");
  process.exit(2);
}

function measure(width) {
  const scrollsX = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === "auto" || o === "scroll") && a !== document.documentElement && a !== document.body) {
        return true;
      }
    }
    return false;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const clipped = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!visible(el) || el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    if (el.getBoundingClientRect().right > width + 0.5 && !scrollsX(el)) {
      clipped.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className : ""));
    }
  }
  let minText = Infinity, minTextAt = "";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest("svg, script, style") || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minText) { minText = size; minTextAt = el.tagName.toLowerCase() + ": " + n.textContent.trim().slice(0, 30); }
  }
  let minSvg = Infinity, minSvgAt = "";
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim()) continue;
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (size < minSvg) { minSvg = size; minSvgAt = t.textContent.trim().slice(0, 30); }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clipped,
    minText, minTextAt,
    minSvg: minSvg === Infinity ? null : Math.round(minSvg * 10) / 10, minSvgAt,
  };
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--hide-scrollbars"],
  });
  let failed = false;
  try {
    for (const file of pages) {
      const page = await browser.newPage();
      // A phone: the viewport meta tag applies, as on a real 390 px wide screen.
      await page.setViewport({ width, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
      const m = await page.evaluate(measure, width);
      if (process.env.SCREENSHOTS) {
        const shot = path.join(process.env.SCREENSHOTS, `${path.basename(file, ".html")}-${width}.png`);
        await page.screenshot({ path: shot, fullPage: true });
      }
      const problems = [];
      if (m.scrollWidth > width) problems.push(`scrollWidth ${m.scrollWidth} > ${width}`);
      if (m.clipped.length) problems.push(`${m.clipped.length} clipped: ${[...new Set(m.clipped)].slice(0, 5).join(", ")}`);
      if (m.minText < 14) problems.push(`text ${m.minText}px (${m.minTextAt})`);
      if (m.minSvg !== null && m.minSvg < 10) problems.push(`SVG text ${m.minSvg}px (${m.minSvgAt})`);
      failed ||= problems.length > 0;
      console.log(`${problems.length ? "FAIL" : "ok  "} ${path.basename(file)}: scrollWidth=${m.scrollWidth} clipped=${m.clipped.length} minText=${m.minText}px minSvgText=${m.minSvg === null ? "-" : m.minSvg + "px"}${problems.length ? "  <- " + problems.join("; ") : ""}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
