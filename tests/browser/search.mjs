// node tests/browser/search.mjs <base-url> <site-dir> <screenshot-dir> <query> <broad-query>
//
// The search page (templates/search.html, static/search/search-page.js with
// search/client.js) and the header's search box. With JavaScript on:
// types <query> into /search/ and reports the results, the live region,
// the address and where the focus is; ticks (with the keyboard) a value of
// the `collection` filter that narrows the results and reports the same
// again with the filters' counts; runs axe-core with results shown (light,
// dark, 320 px) and measures sideways scrolling at 320 px; loads
// /search/?q=<query> (and with the filter) directly, then queries past the
// limits (too many words, too long); loads
// /search/?q=<broad-query> and presses "Show more"; searches from the home
// page's header box. With JavaScript off: the header's plain "Search" link
// and what /search/ says. Also every request, console error and failed
// request of the run. Screenshots: search-1280.png and search-320.png (with
// a filter ticked) in <screenshot-dir>.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, withBrowser, openTab, visit, axeViolations, sleep } from './lib.mjs';

const { base, shots, rest } = parseArgs();
const [query, broadQuery] = rest;
if (!query || !broadQuery) {
  console.error('usage: node search.mjs <base-url> <site-dir> <screenshot-dir> <query> <broad-query>');
  process.exit(2);
}

/** In the page: what the search page shows. */
function snapshot() {
  const main = document.querySelector('main') || document.body;
  const shown = (el) =>
    Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
  const live = main.querySelector('[role="status"], [aria-live]');
  const path = (a) => {
    const u = new URL(a.href, location.href);
    return u.origin === location.origin ? u.pathname : u.href;
  };
  const describe = (el) => {
    if (!el || el === document.body) return 'body';
    let d = el.tagName.toLowerCase();
    if (el.id) d += `#${el.id}`;
    if (el.type) d += `[type=${el.type}]`;
    if (el.name) d += `[name=${el.name}]`;
    if (el.value && el.type === 'checkbox') d += `[value=${el.value}]`;
    if (el.closest('ol')) d += ' in ol';
    return d;
  };
  const hits = [...main.querySelectorAll('ol > li')].filter(shown).map((li) => {
    const a = li.querySelector('a[href]');
    return {
      href: a ? path(a) : null,
      title: text(a),
      meta: text(li.querySelector('.card-meta, p')),
      marks: [...li.querySelectorAll('mark')].map(text),
    };
  });
  const filters = [...main.querySelectorAll('input[type="checkbox"]')].map((box) => {
    const label = text(box.labels?.[0]) || '';
    const m = /\((\d+)\)\s*$/.exec(label);
    return {
      group: box.name,
      value: box.value,
      label: label.replace(/\s*\(\d+\)\s*$/, ''),
      count: m ? Number(m[1]) : null,
      checked: box.checked,
      visible: shown(box),
      legend: text(box.closest('fieldset')?.querySelector('legend')),
    };
  });
  const more = [...main.querySelectorAll('button')].find((b) => /more/i.test(b.textContent) && shown(b));
  return {
    url: location.pathname + location.search,
    live: text(live),
    hits,
    filters,
    more: Boolean(more),
    focus: describe(document.activeElement),
    input: main.querySelector('input[type="search"]')?.value ?? null,
  };
}

/** In the page: the header's search box and link, as shown. */
function headerReport() {
  const header = document.querySelector('body > header, header');
  const shown = (el) => Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const form = header?.querySelector('form');
  const input = form?.querySelector('input[name="q"]');
  const link = [...(header?.querySelectorAll('a[href]') || [])].find((a) => /search/i.test(a.textContent));
  return {
    form: form
      ? {
          shown: shown(form),
          action: new URL(form.action, location.href).pathname,
          method: form.method,
          role: form.getAttribute('role'),
          inputShown: shown(input),
          inputName: input?.name ?? null,
          labelled: Boolean(input && (input.labels?.length || input.getAttribute('aria-label'))),
        }
      : null,
    link: link ? { shown: shown(link), href: new URL(link.href, location.href).pathname, text: link.textContent.trim() } : null,
  };
}

/** In the page: the scroll width and what sticks out to the right. */
function overflowReport() {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && out.length < 6) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} (right edge ${Math.round(r.right)} px)`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, overflowing: out };
}

/** Waits (at most 10 s) until the live region says `pattern` (a regex source)
 * and differs from `before`; then a little more for the page to settle. */
async function settle(page, pattern, before = null) {
  try {
    await page.waitForFunction(
      (pattern, before) => {
        const main = document.querySelector('main') || document.body;
        const live = main.querySelector('[role="status"], [aria-live]');
        const t = live ? live.textContent.replace(/\s+/g, ' ').trim() : '';
        return t !== before && new RegExp(pattern, 'i').test(t);
      },
      { timeout: 10000, polling: 50 },
      pattern,
      before,
    );
  } catch (err) {
    console.error(`waiting for /${pattern}/: ${err.message}`);
  }
  await sleep(250);
  return page.evaluate(snapshot);
}

/** Waits (at most 10 s) until every value of the open filter groups shows
 * its count. */
async function countsShown(page) {
  try {
    await page.waitForFunction(
      () => [...document.querySelectorAll('main details.facet-group[open] input[type="checkbox"]')]
        .every((box) => /\(\d+\)\s*$/.test(box.labels?.[0]?.textContent ?? '')),
      { timeout: 10000, polling: 50 },
    );
  } catch (err) {
    console.error(`waiting for the open groups' counts: ${err.message}`);
  }
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const saysQuery = (q) => `(results?|no results) for .${escape(q)}.`;

await withBrowser(180000, async (browser) => {
  const result = {};
  const { page, log } = await openTab(browser, base, { javascript: true, width: 1280 });
  // search-page.js reports why the index could not be loaded as a warning.
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warn' || msg.type() === 'warning') warnings.push(msg.text());
  });

  // Typing a query.
  await visit(page, base + '/search/');
  result.empty = await page.evaluate(snapshot);
  result.searchPageHeader = await page.evaluate(headerReport);
  await page.focus('main input[type="search"]');
  await page.keyboard.type(query, { delay: 80 });
  await settle(page, saysQuery(query));
  // Only the open filter group's data has been fetched; opening the others
  // fetches theirs and shows their counts.
  const facetFiles = () => log.requests.map((u) => /\/search\/index\/(f\d+)-/.exec(u)?.[1]).filter(Boolean);
  result.facetFilesBeforeOpening = [...new Set(facetFiles())];
  for (const summary of await page.$$('main details.facet-group:not([open]) > summary')) await summary.click();
  await countsShown(page);
  result.facetFilesAfterOpening = [...new Set(facetFiles())];
  await page.focus('main input[type="search"]');
  result.typed = await page.evaluate(snapshot);

  // Ticking a collection that narrows the results, with the keyboard.
  const total = Number(/(\d+)/.exec(result.typed.live || '')?.[1] ?? result.typed.hits.length);
  const pick = result.typed.filters.find((f) => f.group === 'collection' && f.visible && f.count > 0 && f.count < total);
  result.picked = pick ?? null;
  if (pick) {
    const selector = `main input[type="checkbox"][name="collection"][value="${pick.value}"]`;
    await page.focus(selector);
    await page.keyboard.press('Space');
    await settle(page, saysQuery(query), result.typed.live);
    // The counts follow the results; on a busy machine, a moment later.
    await countsShown(page);
    result.filtered = await page.evaluate(snapshot);
  }

  // Accessibility with results (and a filter) shown, light and dark, then 320 px.
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'search-1280.png'), fullPage: true });
  }
  result.axe = { light: await axeViolations(page) };
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  result.axe.dark = await axeViolations(page);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport({ width: 320, height: 700 });
  await sleep(200);
  result.narrow = await page.evaluate(overflowReport);
  if (shots) await page.screenshot({ path: path.join(shots, 'search-320.png'), fullPage: true });
  result.axe.narrow = await axeViolations(page);
  await page.setViewport({ width: 1280, height: 900 });

  // The same searches loaded from their addresses.
  await visit(page, `${base}/search/?q=${encodeURIComponent(query)}`);
  result.direct = await settle(page, saysQuery(query));
  if (pick) {
    await visit(page, `${base}/search/?q=${encodeURIComponent(query)}&collection=${encodeURIComponent(pick.value)}`);
    result.directFiltered = await settle(page, saysQuery(query));
  }

  // Past the query limits: the page says what to change, with no results.
  const tooMany = Array.from({ length: 17 }, (_, i) => `${query}${i}`).join(' ');
  await visit(page, `${base}/search/?q=${encodeURIComponent(tooMany)}`);
  result.tooMany = await settle(page, 'different words');
  await visit(page, `${base}/search/?q=${'x'.repeat(501)}`);
  result.tooLong = await settle(page, 'longer than');

  // A broad query, then "Show more" (with the keyboard).
  await visit(page, `${base}/search/?q=${encodeURIComponent(broadQuery)}`);
  result.broad = await settle(page, saysQuery(broadQuery));
  const moreButton = await page.evaluateHandle(() =>
    [...document.querySelectorAll('main button')].find((b) => /more/i.test(b.textContent) && b.getClientRects().length > 0),
  );
  if (await moreButton.evaluate((b) => Boolean(b))) {
    await moreButton.focus();
    await page.keyboard.press('Enter');
    const before = result.broad.hits.length;
    try {
      await page.waitForFunction((n) => document.querySelectorAll('main ol > li').length > n, { timeout: 10000 }, before);
    } catch (err) {
      console.error(`waiting for more results: ${err.message}`);
    }
    await sleep(250);
    result.more = await page.evaluate(snapshot);
  }

  // The header's box on the home page: type, press Enter, land on the results.
  await visit(page, base + '/');
  result.homeHeader = await page.evaluate(headerReport);
  if (result.homeHeader.form?.inputShown) {
    await page.focus('header form input[name="q"]');
    await page.keyboard.type(query, { delay: 20 });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }), page.keyboard.press('Enter')]);
    result.fromHeader = await settle(page, saysQuery(query));
  }
  await page.close();

  // Without JavaScript.
  const noJs = await openTab(browser, base, { javascript: false, width: 1280 });
  await visit(noJs.page, base + '/');
  result.noJsHeader = await noJs.page.evaluate(headerReport);
  await visit(noJs.page, `${base}/search/?q=${encodeURIComponent(query)}`);
  result.noJsSearch = await noJs.page.evaluate(() => {
    const main = document.querySelector('main');
    return {
      text: main.innerText.replace(/\s+/g, ' ').trim(),
      links: [...main.querySelectorAll('a[href]')]
        .filter((a) => a.getClientRects().length > 0)
        .map((a) => new URL(a.href, location.href).pathname),
    };
  });
  await noJs.page.close();

  const origin = new URL(base).origin;
  result.requests = [...new Set([...log.requests, ...noJs.log.requests])];
  result.indexRequests = log.requests.filter((r) => r.startsWith(`${origin}/search/index/`)).map((r) => r.slice(origin.length));
  result.foreign = [...new Set([...log.foreign, ...noJs.log.foreign])];
  result.consoleErrors = [...log.consoleErrors, ...noJs.log.consoleErrors];
  result.failed = [...log.failed, ...noJs.log.failed];
  result.warnings = warnings;
  return result;
});
