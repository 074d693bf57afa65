#!/usr/bin/env node
/**
 * Storefront performance benchmark: a Lighthouse-style budget for the home, catalog, product and cart pages.
 *
 *   node tests/bench/bench_storefront.mjs [--base-url URL] [--runs N] [--profiles desktop,phone] [--out FILE]
 *
 * For each page and profile it loads the page cold (a new browser context: empty HTTP cache) and warm
 * (a second page in the same context), `--runs` times each, and prints the medians of
 *   TTFB  request sent to response headers received for the document (CDP timestamps, so that the
 *         emulated network's latency counts, which Navigation Timing leaves out),
 *   FCP   the first-contentful-paint entry,
 *   LCP   the last largest-contentful-paint entry (PerformanceObserver, buffered),
 *   JS    bytes of script responses on the wire (CDP Network.loadingFinished encodedDataLength),
 *   all   bytes of every response on the wire,
 * then compares them with the budget (LCP <= 2.5 s, first-load JS <= 200 KB compressed per route, ...) and
 * prints pass/fail per figure, and a summary of first-load JS and LCP per route at both sizes.
 * Profiles: `desktop` (1366x900, no throttling) and `phone` (390x844 touch, Lighthouse's mobile emulation:
 * 4x CPU slowdown through CDP Emulation.setCPUThrottlingRate, a slow-4G network of 562.5 ms RTT, 1.6 Mbps
 * down through Network.emulateNetworkConditions); `mobile` is the older name of `phone`; `slow-3g` is
 * DevTools' Slow 3G with 4x CPU. It is a benchmark, not a test: it exits 0 whatever the figures (1 only when it
 * could not measure).
 *
 * Results: written as JSON to --out (default tests/artifacts/bench/storefront.json). A previous file there is
 * never lost: it is renamed to storefront-<its run time>.json first, and every run is also appended as one
 * line to storefront-history.jsonl next to it.
 *
 * Environment: BASE_URL (default http://localhost), PRODUCT_PATH (default: the first product linked from
 * the catalog page), CATALOG_PATH (/products), HOME_PATH (/), CHROMIUM (/usr/bin/chromium).
 */
import { parseArgs } from "node:util";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const KB = 1024;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// First-load JS is the compressed script bytes of a cold load; LCP is judged at both sizes (the phone one under
// throttling is the real-world budget: Google's "good" LCP is <= 2.5 s).
const BUDGET = [
  { key: "lcp", label: "LCP", limit: 2500, unit: "ms" },
  { key: "fcp", label: "FCP", limit: 1800, unit: "ms" },
  { key: "ttfb", label: "TTFB", limit: 800, unit: "ms" },
  { key: "jsBytes", label: "JS", limit: 200 * KB, unit: "B" },
];

// Slow 4G as Lighthouse simulates it (150 ms RTT x 3.75, 1.6 Mbps x 0.9), with a 4x slower CPU.
const PHONE = {
  cpu: 4,
  network: { latency: 562.5, downloadThroughput: (1638.4 * KB * 0.9) / 8, uploadThroughput: (750 * KB * 0.9) / 8 },
  viewport: { width: 390, height: 844 },
  mobile: true,
};

const PROFILES = {
  desktop: { cpu: 1, network: null, viewport: { width: 1366, height: 900 }, mobile: false },
  phone: PHONE,
  mobile: PHONE,
  "slow-3g": {
    cpu: 4,
    network: { latency: 2000, downloadThroughput: (500 * KB * 0.8) / 8, uploadThroughput: (500 * KB * 0.8) / 8 },
    viewport: { width: 412, height: 823 },
    mobile: true,
  },
};

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Runs in the page before its scripts: keeps the latest LCP candidate (the entries are buffered anyway).
const OBSERVE_LCP = () => {
  window.__benchLcp = null;
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    window.__benchLcp = { time: last.startTime, element: last.element ? last.element.tagName.toLowerCase() : "" };
  }).observe({ type: "largest-contentful-paint", buffered: true });
};

function options() {
  const { values } = parseArgs({
    options: {
      "base-url": { type: "string", default: process.env.BASE_URL || "http://localhost" },
      runs: { type: "string", default: "3" },
      profiles: { type: "string", default: "desktop,phone" },
      out: { type: "string", default: path.join(ROOT, "tests/artifacts/bench/storefront.json") },
      "settle-ms": { type: "string", default: "1000" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log("usage: node tests/bench/bench_storefront.mjs [--base-url URL] [--runs N] [--profiles desktop,phone,slow-3g] [--out FILE]");
    process.exit(0);
  }
  const profiles = values.profiles.split(",").filter(Boolean);
  const unknown = profiles.filter((name) => !PROFILES[name]);
  if (unknown.length) throw new Error(`unknown profile(s): ${unknown.join(", ")}`);
  return {
    baseUrl: values["base-url"].replace(/\/$/, ""),
    runs: Math.max(1, Number.parseInt(values.runs, 10) || 1),
    profiles,
    settleMs: Number.parseInt(values["settle-ms"], 10) || 0,
    out: values.out,
  };
}

/** One page load: the timings from the page, the bytes from the DevTools protocol. */
async function measure(context, url, profile, settleMs) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const types = new Map();
  let jsBytes = 0;
  let jsCount = 0;
  let totalBytes = 0;
  let documentRequest = null;
  cdp.on("Network.requestWillBeSent", ({ requestId, type, timestamp }) => {
    if (type === "Document" && !documentRequest) documentRequest = { requestId, sent: timestamp, received: null };
  });
  cdp.on("Network.responseReceived", ({ requestId, type, timestamp }) => {
    types.set(requestId, type);
    if (documentRequest && documentRequest.requestId === requestId) documentRequest.received = timestamp;
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    totalBytes += encodedDataLength;
    if (types.get(requestId) === "Script") {
      jsBytes += encodedDataLength;
      jsCount += 1;
    }
  });
  await cdp.send("Network.enable");
  if (profile.network) await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile.network });
  if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });

  const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
  await page.waitForTimeout(settleMs);
  const timings = await page.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      fcp: fcp ? fcp.startTime : null,
      lcp: window.__benchLcp ? window.__benchLcp.time : null,
      lcpElement: window.__benchLcp ? window.__benchLcp.element : "",
    };
  });
  await page.close();
  const ttfb = documentRequest?.received ? (documentRequest.received - documentRequest.sent) * 1000 : null;
  return { status: response ? response.status() : 0, ttfb, ...timings, jsBytes, jsCount, totalBytes };
}

function median(values) {
  const present = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (!present.length) return null;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
}

function summarize(samples) {
  const result = {};
  for (const key of ["ttfb", "fcp", "lcp", "jsBytes", "jsCount", "totalBytes"]) {
    result[key] = median(samples.map((s) => s[key]));
  }
  result.status = samples.map((s) => s.status).join("/");
  result.lcpElement = samples.at(-1).lcpElement;
  return result;
}

async function findProductPath(browser, baseUrl, catalogPath) {
  if (process.env.PRODUCT_PATH) return process.env.PRODUCT_PATH;
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    await page.goto(baseUrl + catalogPath, { waitUntil: "domcontentloaded", timeout: 60_000 });
    const hrefs = await page.$$eval("a[href]", (links) => links.map((a) => a.getAttribute("href")));
    return hrefs.find((href) => /^\/products\/[^/?#]+$/.test(href)) || null;
  } finally {
    await context.close();
  }
}

const ms = (v) => (v === null ? "-" : `${Math.round(v)}`);
const kb = (v) => (v === null ? "-" : (v / KB).toFixed(1));

function printTable(rows) {
  const header = ["profile", "route", "cache", "status", "TTFB ms", "FCP ms", "LCP ms", "LCP elem", "JS KB (files)", "all KB"];
  const lines = rows.map((r) => [
    r.profile,
    r.route,
    r.cache,
    r.status,
    ms(r.ttfb),
    ms(r.fcp),
    ms(r.lcp),
    r.lcpElement || "-",
    `${kb(r.jsBytes)} (${r.jsCount ?? "-"})`,
    kb(r.totalBytes),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const format = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

function printBudget(rows) {
  console.log(`\nbudget: ${BUDGET.map((b) => `${b.label} <= ${b.unit === "B" ? `${b.limit / KB} KB` : `${b.limit} ms`}`).join(", ")}`);
  let passed = 0;
  let total = 0;
  for (const r of rows) {
    const verdicts = BUDGET.map((b) => {
      const value = r[b.key];
      if (value === null) return `${b.label} n/a`;
      total += 1;
      const ok = value <= b.limit;
      if (ok) passed += 1;
      const shown = b.unit === "B" ? `${kb(value)} KB` : `${ms(value)} ms`;
      return `${b.label} ${shown} ${ok ? "pass" : "FAIL"}`;
    });
    console.log(`${r.profile.padEnd(8)} ${r.route.padEnd(8)} ${r.cache.padEnd(5)} ${verdicts.join("  ")}`);
  }
  console.log(`${passed} of ${total} figures within budget`);
}

/** The figures the issue asks for, side by side: first-load JS (cold) and LCP (cold) per route at each size. */
function printSummary(rows, profiles) {
  const js = BUDGET.find((b) => b.key === "jsBytes");
  const lcp = BUDGET.find((b) => b.key === "lcp");
  const cold = rows.filter((r) => r.cache === "cold");
  const routes = [...new Set(cold.map((r) => r.route))];
  const verdict = (value, budget) => (value === null ? "" : value <= budget.limit ? " ok" : " OVER");
  const header = ["route", ...profiles.flatMap((p) => [`${p} JS KB`, `${p} LCP ms`])];
  const lines = routes.map((route) => [
    route,
    ...profiles.flatMap((p) => {
      const row = cold.find((r) => r.route === route && r.profile === p);
      if (!row) return ["-", "-"];
      return [`${kb(row.jsBytes)}${verdict(row.jsBytes, js)}`, `${ms(row.lcp)}${verdict(row.lcp, lcp)}`];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const format = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(`\nfirst-load JS (compressed, cold) and LCP per route; budget JS <= ${js.limit / KB} KB, LCP <= ${lcp.limit} ms`);
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of lines) console.log(format(line));
}

/** Write this run's results; an earlier file at `out` is renamed (never overwritten), and the run is appended to the history. */
function saveResults(out, result) {
  mkdirSync(path.dirname(out), { recursive: true });
  if (existsSync(out)) {
    let stamp = "previous";
    try {
      stamp = JSON.parse(readFileSync(out, "utf8")).finishedAt || stamp;
    } catch {
      // not our JSON: keep it under a neutral name
    }
    const base = out.replace(/\.json$/, "");
    let kept = `${base}-${String(stamp).replace(/[:.]/g, "-")}.json`;
    for (let n = 2; existsSync(kept); n += 1) kept = `${base}-${String(stamp).replace(/[:.]/g, "-")}-${n}.json`;
    renameSync(out, kept);
    console.log(`bench: kept the previous results as ${kept}`);
  }
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  appendFileSync(path.join(path.dirname(out), "storefront-history.jsonl"), `${JSON.stringify(result)}\n`);
  console.log(`bench: results in ${out} (every run also in storefront-history.jsonl)`);
}

async function main() {
  const opts = options();
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    console.error(`bench: no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM)`);
    return 1;
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  try {
    const startedAt = new Date().toISOString();
    const catalogPath = process.env.CATALOG_PATH || "/products";
    const routes = [
      ["home", process.env.HOME_PATH || "/"],
      ["catalog", catalogPath],
    ];
    const productPath = await findProductPath(browser, opts.baseUrl, catalogPath);
    if (productPath) routes.push(["product", productPath]);
    else console.log("bench: no product link on the catalog page (is the catalog empty?); set PRODUCT_PATH");
    routes.push(["cart", process.env.CART_PATH || "/cart"]);

    console.log(`storefront benchmark: ${opts.baseUrl}, ${opts.runs} run(s) per figure, medians`);
    for (const [name, path] of routes) console.log(`  ${name.padEnd(8)} ${path}`);
    console.log("");

    const rows = [];
    for (const profileName of opts.profiles) {
      const profile = PROFILES[profileName];
      for (const [name, path] of routes) {
        const cold = [];
        const warm = [];
        for (let run = 0; run < opts.runs; run += 1) {
          const context = await browser.newContext({
            ignoreHTTPSErrors: true,
            viewport: profile.viewport,
            isMobile: profile.mobile,
            hasTouch: profile.mobile,
          });
          await context.addInitScript(OBSERVE_LCP);
          cold.push(await measure(context, opts.baseUrl + path, profile, opts.settleMs));
          warm.push(await measure(context, opts.baseUrl + path, profile, opts.settleMs));
          await context.close();
        }
        rows.push({ profile: profileName, route: name, cache: "cold", ...summarize(cold) });
        rows.push({ profile: profileName, route: name, cache: "warm", ...summarize(warm) });
      }
    }
    printTable(rows);
    printBudget(rows);
    printSummary(rows, opts.profiles);
    saveResults(opts.out, {
      baseUrl: opts.baseUrl,
      runs: opts.runs,
      startedAt,
      finishedAt: new Date().toISOString(),
      budget: BUDGET,
      profiles: Object.fromEntries(opts.profiles.map((name) => [name, PROFILES[name]])),
      routes: Object.fromEntries(routes),
      rows,
    });
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error.message}`);
    process.exit(1);
  },
);
