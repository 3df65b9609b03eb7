// The browser editor end to end: opens /admin/ of a built hub whose editor
// saves through Decap's local backend (decap-server, on loopback), logs
// in, creates an expert profile and a case study through the forms (a
// term, a reference to another entry, a date) and saves each (with the
// editorial workflow, to a `cms/...` branch of the repository).
//
//   node tests/browser/cms.mjs <base-url> <site-dir> <screenshot-dir> <decap-server-port>
//
// The editor asks for its local backend at http://localhost:8081/api/v1;
// the page's requests there go to the port given. Requests anywhere else
// off the site are blocked and listed in `foreign`.
// Prints { saved: [<hash after each save>], foreign, consoleErrors, failed }.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, withBrowser, sleep } from './lib.mjs';

const { base, shots, rest } = parseArgs();
const proxyPort = rest[0];
const PROXY = 'http://localhost:8081/api/v1';

/** The id of the control a label names ("Name", or "Job title (optional)"). */
async function controlId(page, label) {
  const handle = await page.waitForFunction(
    (label) => {
      for (const el of document.querySelectorAll('label[for]')) {
        const text = el.textContent.trim();
        if (text === label || text === `${label} (optional)`) return el.htmlFor;
      }
      return null;
    },
    { timeout: 20000 },
    label,
  );
  return handle.jsonValue();
}

/**
 * Types `text` into the field labelled `label` and waits until the field
 * holds it. On a loaded machine the editor's re-renders can drop a key
 * typed while they run ("Test Twn"), so a field that does not end up
 * holding the text is emptied and typed again.
 */
async function typeInto(page, label, text) {
  const id = await controlId(page, label);
  const selector = `[id="${id}"]`;
  for (let attempt = 1; ; attempt++) {
    await page.click(selector);
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
    await page.type(selector, text, { delay: 10 });
    const held = await page
      .waitForFunction((selector, text) => document.querySelector(selector)?.value === text, { timeout: 3000 }, selector, text)
      .then(() => true, () => false);
    if (held) return;
    if (attempt === 3) {
      const value = await page.$eval(selector, (el) => el.value);
      throw new Error(`${label}: typed "${text}" three times, the field holds "${value}"`);
    }
  }
}

/** Sets a date input the way a person picking a date does (an `input` event). */
async function setDate(page, label, value) {
  const id = await controlId(page, label);
  await page.evaluate(
    (id, value) => {
      const input = document.getElementById(id);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    id,
    value,
  );
}

/** Picks the option of a select or relation field labelled `option`. */
async function choose(page, label, option) {
  const id = await controlId(page, label);
  await page.click(`[id="${id}"]`);
  await page.type(`[id="${id}"]`, option);
  await page.waitForFunction(
    (option) => [...document.querySelectorAll('[class*="option"]')].some((o) => o.textContent.trim() === option),
    { timeout: 20000 },
    option,
  );
  await page.keyboard.press('Enter');
  await sleep(200);
}

/** Saves the entry and waits until the editor shows it saved. */
async function save(page) {
  const button = await page.waitForFunction(
    () => [...document.querySelectorAll('button, [role="button"]')].find((b) => b.textContent.trim() === 'Save'),
    { timeout: 20000 },
  );
  await button.click();
  await page.waitForFunction(() => location.hash.includes('/entries/'), { timeout: 60000 });
  await page.waitForFunction(
    () => [...document.querySelectorAll('button, [role="button"]')].some((b) => /^(Saved|Save)$/.test(b.textContent.trim())),
    { timeout: 60000 },
  );
  await sleep(1500);
  return page.evaluate(() => location.hash);
}

await withBrowser(240000, async (browser) => {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  await page.setViewport({ width: 1280, height: 1000 });
  const log = { foreign: [], consoleErrors: [], failed: [] };
  const origin = new URL(base).origin;
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) {
      req.continue().catch(() => {});
    } else if (url.startsWith(PROXY)) {
      req.continue({ url: url.replace('localhost:8081', `127.0.0.1:${proxyPort}`) }).catch(() => {});
    } else {
      log.foreign.push(url);
      req.abort('blockedbyclient').catch(() => {});
    }
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.consoleErrors.push(`uncaught: ${err?.message ?? err}`));
  page.on('response', (res) => {
    if (res.status() >= 400) log.failed.push(`${res.url()}: HTTP ${res.status()}`);
  });
  fs.mkdirSync(shots, { recursive: true });
  const shot = (name) => page.screenshot({ path: path.join(shots, `cms-${name}.png`) }).catch(() => {});

  const saved = [];
  try {
    await page.goto(`${base}/admin/`, { waitUntil: 'load' });
    const login = await page.waitForFunction(
      () => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Login'),
      { timeout: 60000 },
    );
    await login.click();
    await page.waitForFunction(() => location.hash.includes('/collections/'), { timeout: 60000 });

    await page.goto(`${base}/admin/#/collections/experts/new`, { waitUntil: 'load' });
    await typeInto(page, 'Title', 'Dr Test Editor');
    await typeInto(page, 'Summary', 'An expert profile written in the browser editor.');
    await setDate(page, 'Date', '2025-03-14');
    await typeInto(page, 'Name', 'Test Editor');
    // Typed, then emptied: the field must not be written as "".
    await typeInto(page, 'Job title', 'x');
    await page.keyboard.press('Backspace');
    await choose(page, 'Based in', 'Jamaica');
    await choose(page, 'Expertise', 'Assessment');
    await setDate(page, 'Consent date', '2025-03-01');
    await shot('expert');
    saved.push(await save(page));

    await page.goto(`${base}/admin/#/collections/case-studies/new`, { waitUntil: 'load' });
    await typeInto(page, 'Title', 'Reading buddies in Test Town');
    await typeInto(page, 'Summary', 'Older pupils read with younger ones every morning.');
    await setDate(page, 'Date', '2025-04-02');
    await typeInto(page, 'Organisation', 'Test Town Primary');
    await choose(page, 'Countries', 'Jamaica');
    await choose(page, 'Levels', 'Primary');
    await choose(page, 'Status', 'ongoing');
    await choose(page, 'Contacts', 'Marcia Campbell');
    await shot('case-study');
    saved.push(await save(page));
  } catch (err) {
    await shot('failure');
    log.error = String(err?.stack ?? err);
    // What the editor says is wrong with the form, if anything.
    log.shown = await page.evaluate(() => document.body.innerText.slice(0, 3000)).catch(() => '');
  }
  return { saved, ...log };
});
