// Shared by the browser checks in this folder: launches Debian's headless
// Chromium through puppeteer-core (no browser download), records every
// request a page makes (and blocks those to other hosts), collects console
// errors, and makes sure nothing outlives the script: a watchdog kills the
// browser and exits if a check hangs.
//
// Every script prints one line of JSON on stdout (its findings) and logs to
// stderr; tests/it/browser*.rs assert on the JSON.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = '/usr/bin/chromium';
const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser = null;
let profile = null;

/** Kills the browser (hard) and removes its profile; safe to call twice. */
function cleanup() {
  const pid = browser?.process()?.pid;
  if (pid) {
    // Puppeteer starts Chromium in its own process group: kill all of it.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  }
  browser = null;
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  profile = null;
}

/** `node script.mjs <base-url> <site-dir> <screenshot-dir> [more...]` */
export function parseArgs() {
  const [base, site, shots, ...rest] = process.argv.slice(2);
  if (!base || !site) {
    console.error('usage: node script.mjs <base-url> <site-dir> <screenshot-dir> [args...]');
    process.exit(2);
  }
  return { base: base.replace(/\/$/, ''), site, shots, rest };
}

/**
 * Runs `body(browser)` with a fresh Chromium and prints its result as JSON.
 * The whole script is bounded by `limitMs`.
 */
export async function withBrowser(limitMs, body) {
  const watchdog = setTimeout(() => {
    console.error(`watchdog: the check took more than ${limitMs} ms`);
    cleanup();
    process.exit(3);
  }, limitMs);
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, () => {
      cleanup();
      process.exit(4);
    });
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`no browser at ${CHROMIUM}: install chromium (apt-get install chromium)`);
    process.exit(5);
  }
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'calabash-chromium-'));
  let code = 0;
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30000,
      protocolTimeout: 60000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        `--user-data-dir=${profile}`,
      ],
    });
    const result = await body(browser);
    process.stdout.write(JSON.stringify(result) + '\n');
  } catch (err) {
    console.error(err?.stack ?? String(err));
    code = 1;
  } finally {
    if (browser) {
      await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    }
    cleanup();
    clearTimeout(watchdog);
  }
  process.exit(code);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A new tab that records what happens on it: every request URL (requests to
 * any other origin than `base` are recorded in `foreign` and aborted),
 * console errors, uncaught exceptions, failed requests, dialogs.
 */
export async function openTab(browser, base, { javascript = true, width = 1280 } = {}) {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  page.setDefaultNavigationTimeout(30000);
  await page.setJavaScriptEnabled(javascript);
  await page.setViewport({ width, height: 900 });
  // Pages register the offline-reading service worker; these checks look at
  // what the network serves (offline.mjs checks the worker on its own tab).
  await page.setBypassServiceWorker(true);
  const log = { requests: [], foreign: [], consoleErrors: [], failed: [], dialogs: [], noFavicon: false };
  const origin = new URL(base).origin;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    log.requests.push(url);
    const local = url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(origin + '/');
    if (local) {
      req.continue().catch(() => {});
    } else {
      log.foreign.push(url);
      req.abort('blockedbyclient').catch(() => {});
    }
  });
  // A missing /favicon.ico (which Chromium asks for when a page names no
  // icon) is reported on its own, not as a console error or failed request.
  const isFavicon = (url) => url === `${origin}/favicon.ico`;
  page.on('console', (msg) => {
    const where = msg.location()?.url ?? '';
    if (msg.type() !== 'error' || isFavicon(where)) return;
    log.consoleErrors.push(where ? `${msg.text()} (${where})` : msg.text());
  });
  page.on('pageerror', (err) => log.consoleErrors.push(`uncaught: ${err?.message ?? err}`));
  page.on('requestfailed', (req) => {
    if (!log.foreign.includes(req.url())) log.failed.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    if (isFavicon(res.url())) log.noFavicon = true;
    else log.failed.push(`${res.url()}: HTTP ${res.status()}`);
  });
  page.on('dialog', (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { page, log };
}

/** Navigates and waits for the load event; returns the HTTP status. */
export async function visit(page, url) {
  const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  return res ? res.status() : 0;
}

/** axe-core violations (id, impact, first nodes) with the WCAG 2.x A/AA tags. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
      count: v.nodes.length,
    }));
  }, AXE_TAGS);
}

/** Every JSON-LD block of the page, parsed (or the parse error). */
export async function jsonLdBlocks(page) {
  const texts = await page.$$eval('script[type="application/ld+json"]', (els) => els.map((e) => e.textContent));
  return texts.map((text) => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (err) {
      return { ok: false, error: String(err), text: text.slice(0, 300) };
    }
  });
}
