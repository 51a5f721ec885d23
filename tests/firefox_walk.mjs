// The web UI in a stock Firefox (Debian's firefox-esr), driven over WebDriver BiDi by
// puppeteer-core: Playwright drives only its own patched Firefox, which cannot be
// downloaded here. tests/test_webui_firefox.py runs this against `steward serve` and
// asserts on what it prints; this script decides nothing, it only looks and reports.
//
//   echo '{"base": ..., "token": ..., "firefox": ..., "views": [[path, ready, items], ...]}' | node tests/firefox_walk.mjs
//
// It prints one JSON object: for each step (the two interactions, each view, then a
// control) what the page showed, and every console error, page error (Firefox reports a
// Content-Security-Policy violation as one) and refused request (HTTP 400 or more, or
// failed) logged during it. A step that fails (a selector that never appears) is
// reported with its error, and the walk goes on.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

// puppeteer-core is a devDependency of ui/ (installed by `npm ci` there), not of this folder.
const require = createRequire(new URL("../ui/package.json", import.meta.url));
const puppeteer = require("puppeteer-core");

const WAIT_MS = 60_000; // only catches a hang
const pause = (ms) => new Promise((done) => setTimeout(done, ms));
const config = JSON.parse(readFileSync(0, "utf8")); // on stdin: the token stays out of `ps`
const { base } = config;

// Chromium logs a refused request (HTTP 401, say) as a console error; Firefox does not, so
// the network listeners count it here.
let problems = [];
function listen(page) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message ?? e}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
}

async function settle(page, ready) {
  await page.waitForSelector(ready, { timeout: WAIT_MS });
  await page.waitForFunction(() => !document.querySelector("main [role=status].loading"), { timeout: WAIT_MS });
}

// What a view shows: its heading, the text of its content, the text of each element that
// `items` selects (the rows of a table, say), and whether it runs off the side.
async function look(page, items = null) {
  return page.evaluate((selector) => ({
    url: location.pathname + location.search,
    title: document.title,
    heading: document.querySelector("main h1")?.textContent.trim() ?? null,
    text: document.querySelector("main")?.innerText.slice(0, 20_000) ?? "",
    items: selector ? [...document.querySelectorAll(selector)].map((e) => e.innerText.trim()) : [],
    who: document.querySelector("header .who")?.textContent.trim() ?? null,
    wide: document.documentElement.scrollWidth > window.innerWidth,
  }), items);
}

async function step(name, body) {
  problems = [];
  const started = Date.now();
  let seen = null, failure = null;
  try {
    seen = await body();
  } catch (error) {
    failure = String(error?.message ?? error);
  }
  await pause(300); // errors thrown from a timer or a late response arrive after the view settles
  return { name, seen, failure, problems, ms: Date.now() - started };
}

async function visit(page, path, ready, items = null) {
  await page.goto(base + path, { waitUntil: "load", timeout: WAIT_MS });
  await settle(page, ready);
  return look(page, items);
}

// Type-ahead search as a visitor types it, then the element it finds. On a busy machine
// a pause between two keys already searches for the first letters: wait for the whole
// word in the address, and for its answer, which replaces the last letters' a moment
// after the address changes.
async function searchAndOpen(page) {
  await visit(page, "/search", "#q");
  await page.type("#q", "attendance");
  await page.waitForFunction(() => location.search === "?q=attendance", { timeout: WAIT_MS });
  const found = "section.group ul.hits a[href='/node/student-attendance-daily']";
  await settle(page, found);
  await pause(300);
  await settle(page, found);
  const results = await look(page, "section.group h2");
  await page.click("a[href='/node/student-attendance-daily']"); // history-mode: no page load
  await page.waitForFunction(() => location.pathname === "/node/student-attendance-daily", { timeout: WAIT_MS });
  await settle(page, "dl.properties");
  return { results, opened: await look(page, "dl.relationships dd a") };
}

// A steward pastes a token at /sign-in, and the edit form of an element opens with its values.
async function signInAndCurate(page, token) {
  await visit(page, "/sign-in", "#token");
  await page.type("#token", token);
  await page.click("form button[type=submit]");
  await page.waitForFunction(() => location.pathname === "/", { timeout: WAIT_MS });
  await page.waitForFunction(() => document.querySelector("header .who")?.textContent.includes("Signed in"),
    { timeout: WAIT_MS });
  await settle(page, "table.scorecard"); // the overview a steward sees, before leaving it
  const signedIn = await look(page);
  await visit(page, "/node/student-attendance-daily", "dl.properties");
  await page.click("p.actions a[href^='/curate/edit/']");
  await settle(page, "form.curation");
  const form = await look(page, "form.curation label");
  form.fields = await page.$$eval("form.curation [id^='field-']",
    (fields) => Object.fromEntries(fields.map((f) => [f.id.slice("field-".length), f.value])));
  return { signedIn, form };
}

// Proof that the listeners hear Firefox: a refused inline script and an uncaught error.
async function control(page) {
  await page.evaluate(() => {
    const inline = document.createElement("script");
    inline.textContent = "window.ran = true";
    document.body.append(inline);
    setTimeout(() => { throw new Error("thrown on purpose"); });
  });
  for (const until = Date.now() + WAIT_MS; problems.length < 2 && Date.now() < until;) {
    await pause(100);
  }
  return { inlineRan: await page.evaluate(() => window.ran === true) };
}

const profile = mkdtempSync(join(tmpdir(), "steward-firefox-"));
const started = Date.now();
let browser;
try {
  browser = await puppeteer.launch({
    browser: "firefox", executablePath: config.firefox, headless: true, userDataDir: profile,
    protocolTimeout: WAIT_MS, defaultViewport: { width: 1280, height: 720 },
  });
  const launchedMs = Date.now() - started;
  const version = await browser.version();
  const page = await browser.newPage();
  listen(page);
  const steps = [];
  steps.push(await step("search and open", () => searchAndOpen(page)));
  steps.push(await step("sign in and curate", () => signInAndCurate(page, config.token)));
  for (const [path, ready, items] of config.views) steps.push(await step(path, () => visit(page, path, ready, items)));
  steps.push(await step("control", () => control(page)));
  console.log(JSON.stringify({ version, launchedMs, totalMs: Date.now() - started, steps }));
} finally {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
}
