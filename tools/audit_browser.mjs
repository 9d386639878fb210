// Browser half of tools/audit_html.py: axe-core and Lighthouse on each page, plus screenshots.
// Usage: node tools/audit_browser.mjs PAGES.json OUT_DIR
// PAGES.json: [{"name", "url", "lighthouse": bool, "screenshots": bool, "html": optional file}]. Writes
// OUT_DIR/browser.json. With "html" (a page the server answered to a POST) the browser is given that file as
// the document at "url" (its styles, scripts and images still come from the server); no Lighthouse then.
// Uses Debian's chromium only; nothing here downloads a browser.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const DEBUGGING_PORT = 9333;
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  `--remote-debugging-port=${DEBUGGING_PORT}`,
];
// WCAG 2.2 A and AA plus axe's best practices (landmarks, heading order, region…).
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const VIEWPORTS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 900 } };
// The narrowest phones in use are 320 px wide: no page may scroll sideways there.
const NARROWEST = { width: 320, height: 640 };

// A new tab showing the page: fetched from the server, or the saved answer to a POST served at its URL.
async function open(context, target) {
  const page = await context.newPage();
  if (target.html) {
    const body = readFileSync(target.html);
    await page.route(
      (url) => url.href === target.url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body }),
    );
  }
  await page.goto(target.url, { waitUntil: "load" });
  return page;
}

async function runAxe(context, target) {
  const page = await open(context, target);
  // Through the DevTools protocol, which the pages' Content-Security-Policy (no inline script) does not govern.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  await page.close();
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}

async function takeScreenshots(browser, target, outDir) {
  const files = [];
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await open(context, target);
    const file = path.join(outDir, "screenshots", `${target.name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push({ file, viewport: label });
    await context.close();
  }
  return files;
}

async function sidewaysOverflow(context, target) {
  const page = await open(context, target);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.close();
  return Math.max(overflow, 0);
}

async function runLighthouse(url) {
  const { lhr } = await lighthouse(url, {
    port: DEBUGGING_PORT,
    logLevel: "error",
    output: "json",
    onlyCategories: ["accessibility", "seo"],
  });
  const failed = Object.values(lhr.audits)
    .filter((audit) => audit.scoreDisplayMode === "binary" && audit.score === 0)
    .map((audit) => audit.id);
  return {
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    seo: Math.round(lhr.categories.seo.score * 100),
    failed,
  };
}

async function main() {
  const [pagesFile, outDir] = process.argv.slice(2);
  const pages = JSON.parse(readFileSync(pagesFile, "utf8"));
  mkdirSync(path.join(outDir, "screenshots"), { recursive: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  const results = [];
  try {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const narrow = await browser.newContext({ viewport: NARROWEST });
    for (const page of pages) {
      const result = {
        name: page.name,
        url: page.url,
        axe: await runAxe(context, page),
        overflowAt320: await sidewaysOverflow(narrow, page),
      };
      if (page.screenshots) result.screenshots = await takeScreenshots(browser, page, outDir);
      if (page.lighthouse && !page.html) result.lighthouse = await runLighthouse(page.url);
      results.push(result);
      console.log(`  browser: ${page.name} done`);
    }
  } finally {
    await browser.close();
  }
  writeFileSync(path.join(outDir, "browser.json"), JSON.stringify(results, null, 2));
}

await main();
