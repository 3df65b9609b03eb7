// node tests/browser/serve-reload.mjs <base-url> <site-dir> <screenshot-dir> <page-path> <entry-file> <stylesheet-file>
//
// Live reload of `calabash serve` (src/serve/live.js), against a running
// server whose sources are a throwaway copy of the sample hub: this script
// edits <entry-file> and <stylesheet-file> itself, and never reloads the
// page it watches. Opens <page-path> and waits for live.js's event stream
// to be open, then:
//   edit    appends a paragraph with a new word to the entry and waits
//           (10 s at most) for the word to show on the open page;
//   broken  breaks the entry's front matter and waits for the problem
//           overlay (role=alert) naming the file, over the last good page;
//   restored  puts the last good text back and waits for the overlay to go;
//   fixed   breaks it again, then fixes it with another new word: the
//           overlay goes and the page shows the word;
//   css     appends a rule to the stylesheet and waits for the page to
//           apply it, checking that the page was not reloaded (a marker set
//           on `window` is still there).
// For each: whether it happened, after how many ms, how many times the page
// loaded meanwhile (and whether as a reload). Also every event the page's
// EventSource received, every request, console errors, requests to other
// hosts and failed requests. Screenshot: serve-overlay.png.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs, withBrowser, openTab, visit, sleep } from './lib.mjs';

const { base, shots, rest } = parseArgs();
const [pagePath, entryFile, stylesheetFile] = rest;
if (!pagePath || !entryFile || !stylesheetFile) {
  console.error(
    'usage: node serve-reload.mjs <base-url> <site-dir> <screenshot-dir> <page-path> <entry-file> <stylesheet-file>',
  );
  process.exit(2);
}

/** How long each change may take to show. */
const DEADLINE_MS = 10000;
const OVERLAY = 'The site could not be rebuilt';
const token = crypto.randomBytes(4).toString('hex');
const editedWord = `Edited-by-the-browser-test-${token}`;
const fixedWord = `Fixed-by-the-browser-test-${token}`;
const RULE = 'body{outline:3px solid rgb(1,2,3)}';

/** Before any script of the page: wraps EventSource so that the test sees
 * the streams live.js opens and every event they receive. */
function watchEventSources() {
  const Native = window.EventSource;
  window.__calabashSources = [];
  window.EventSource = class extends Native {
    constructor(...args) {
      super(...args);
      window.__calabashSources.push(this);
      for (const type of ['open', 'error', 'change', 'problems']) {
        this.addEventListener(type, (event) => {
          window.__calabashTestEvent?.({ type, data: event.data ?? null, page: location.pathname }).catch?.(() => {});
        });
      }
    }
  };
}

/** In the page: what the test looks at. */
function look(words, heading) {
  const alert = [...document.querySelectorAll('[role="alert"]')].find((el) => el.textContent.includes(heading));
  const shown = (el) => Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // The page's own content: <main>, which the overlay is not part of.
  const text = document.querySelector('main')?.innerText ?? '';
  const style = document.body ? getComputedStyle(document.body) : null;
  return {
    path: location.pathname,
    marker: window.__marker ?? null,
    navigation: performance.getEntriesByType('navigation')[0]?.type ?? null,
    h1: document.querySelector('h1')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
    words: Object.fromEntries(words.map((w) => [w, text.includes(w)])),
    overlay: alert
      ? {
          shown: shown(alert),
          id: alert.id,
          heading: alert.querySelector('h1, h2, h3')?.textContent.trim() ?? null,
          files: [...alert.querySelectorAll('li strong')].map((s) => s.textContent.trim()),
          items: [...alert.querySelectorAll('li > p:first-child')].map((p) => p.textContent.replace(/\s+/g, ' ').trim()),
          text: alert.innerText.slice(0, 4000),
        }
      : null,
    outline: style ? `${style.outlineColor} ${style.outlineStyle} ${style.outlineWidth}` : null,
    stylesheets: [...document.querySelectorAll('link[rel~="stylesheet" i]')].map((l) => {
      const u = new URL(l.href, location.href);
      return u.origin === location.origin ? u.pathname + u.search : u.href;
    }),
    streams: (window.__calabashSources || []).map((s) => ({ url: s.url, readyState: s.readyState })),
  };
}

await withBrowser(150000, async (browser) => {
  const result = { token, pagePath };
  const { page, log } = await openTab(browser, base, { javascript: true, width: 1280 });
  const started = Date.now();
  const now = () => Date.now() - started;
  let phase = 'open';
  const events = [];
  // Every new document in the tab (a reload included), counted when it
  // commits, before its content can be looked at.
  const navigations = [];
  await page.exposeFunction('__calabashTestEvent', (e) => {
    const data = typeof e.data === 'string' && e.data.length > 600 ? e.data.slice(0, 600) + '…' : e.data;
    events.push({ phase, at: now(), type: e.type, page: e.page, data });
  });
  await page.evaluateOnNewDocument(watchEventSources);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push({ phase, at: now(), url: frame.url() });
  });

  const words = [editedWord, fixedWord];
  /** The page's state; null while it is between two documents. */
  const snapshot = async () => {
    try {
      return await page.evaluate(look, words, OVERLAY);
    } catch {
      return null;
    }
  };
  /** Polls (never reloading) until `test(state)` holds, or the deadline. */
  const waitFor = async (test, ms = DEADLINE_MS) => {
    const from = Date.now();
    let state = null;
    while (Date.now() - from < ms) {
      state = await snapshot();
      if (state && test(state)) return { ok: true, ms: Date.now() - from, state };
      await sleep(50);
    }
    return { ok: false, ms: Date.now() - from, state: state ?? (await snapshot()) };
  };
  /** Waits for live.js's stream to be open on the current document. */
  const connected = async () => {
    const r = await waitFor((s) => s.streams.some((st) => st.readyState === 1 && st.url.includes('/__calabash/events')));
    return { ok: r.ok, ms: r.ms, streams: r.state?.streams ?? null };
  };
  /** Waits until no event has arrived for `quiet` ms (the search index is
   * rebuilt, and announced, after each successful rebuild), 15 s at most. */
  const settle = async (quiet = 1000) => {
    const from = Date.now();
    let last = events.length;
    let since = Date.now();
    while (Date.now() - from < 15000) {
      await sleep(100);
      if (events.length !== last) {
        last = events.length;
        since = Date.now();
      } else if (Date.now() - since >= quiet) {
        return;
      }
    }
  };
  /** What one step saw: whether it happened and how long it took, the
   * final state; `finish` adds the page loads and events, up to the next
   * step (so that a late reload counts too). */
  const steps = [];
  const step = (name, r, extra = {}) => {
    const report = { ok: r.ok, ms: r.ms, state: r.state, ...extra };
    steps.push([name, report]);
    return report;
  };
  const finish = () => {
    for (const [name, report] of steps) {
      report.loads = navigations.filter((n) => n.phase === name).length;
      report.events = events.filter((e) => e.phase === name).map((e) => `${e.type}: ${e.data ?? ''}`.slice(0, 300));
    }
  };

  await visit(page, base + pagePath);
  result.first = await snapshot();
  result.connected = await connected();
  const original = fs.readFileSync(entryFile, 'utf8');
  const originalCss = fs.readFileSync(stylesheetFile, 'utf8');
  try {
    // 1. An edit shows by itself.
    await settle(500);
    phase = 'edit';
    await page.evaluate(() => {
      window.__marker = 'before-edit';
    });
    const edited = `${original.replace(/\s*$/, '')}\n\n${editedWord} appended by tests/browser/serve-reload.mjs.\n`;
    fs.writeFileSync(entryFile, edited);
    const edit = await waitFor((s) => s.words[editedWord]);
    result.edit = step('edit', edit, { word: editedWord });
    result.edit.connectedAfter = await connected();

    // 2. A broken entry: the overlay over the last good page; then the last
    // good text again: no overlay.
    await settle();
    phase = 'broken';
    await page.evaluate(() => {
      window.__marker = 'before-break';
    });
    const broken = edited.replace('title = "', 'title = = "');
    result.brokeTheFile = broken !== edited;
    fs.writeFileSync(entryFile, broken);
    const shown = await waitFor((s) => s.overlay?.shown);
    result.broken = step('broken', shown);
    if (shots && shown.ok) {
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'serve-overlay.png') });
    }
    await settle(500);
    phase = 'restored';
    fs.writeFileSync(entryFile, edited);
    // The page may reload as the overlay goes: wait for the page itself,
    // not for a document still loading (no overlay, no heading yet).
    const gone = await waitFor((s) => !s.overlay && s.words[editedWord]);
    result.restored = step('restored', gone);

    // 3. Broken again, then fixed with a new word: the page shows it.
    await settle();
    phase = 'fixed';
    fs.writeFileSync(entryFile, broken);
    const again = await waitFor((s) => s.overlay?.shown);
    const fixed = `${edited.replace(/\s*$/, '')}\n\n${fixedWord} appended by tests/browser/serve-reload.mjs.\n`;
    fs.writeFileSync(entryFile, fixed);
    const fixedShown = await waitFor((s) => !s.overlay && s.words[fixedWord]);
    result.fixed = step('fixed', fixedShown, { overlayFirst: again.ok, overlayMs: again.ms, word: fixedWord });
    result.fixed.connectedAfter = await connected();

    // 4. A stylesheet change is applied without reloading.
    await settle();
    phase = 'css';
    await page.evaluate(() => {
      window.__marker = 'before-css';
    });
    const before = await snapshot();
    fs.writeFileSync(stylesheetFile, `${originalCss.replace(/\s*$/, '')}\n${RULE}\n`);
    const css = await waitFor((s) => s.outline === 'rgb(1, 2, 3) solid 3px');
    // Anything that would come after (a late reload) has time to happen.
    await sleep(500);
    const after = await snapshot();
    result.css = step('css', { ...css, state: after ?? css.state }, { rule: RULE, before: before?.outline, stylesheetsBefore: before?.stylesheets });
  } finally {
    // The folder is thrown away by the test; put things back anyway.
    fs.writeFileSync(entryFile, original);
    fs.writeFileSync(stylesheetFile, originalCss);
  }
  await page.close();
  finish();

  const origin = new URL(base).origin;
  result.navigations = navigations;
  result.events = events.map((e) => ({ ...e, data: typeof e.data === 'string' ? e.data.slice(0, 300) : e.data }));
  result.requests = [...new Set(log.requests)];
  result.foreign = [...new Set(log.foreign)];
  result.consoleErrors = log.consoleErrors;
  // Leaving a page ends its event stream: that is not a failure.
  result.failed = log.failed.filter((f) => !f.startsWith(`${origin}/__calabash/events?`));
  result.dialogs = log.dialogs;
  return result;
});
