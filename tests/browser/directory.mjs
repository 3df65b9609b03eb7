// node tests/browser/directory.mjs <base-url> <site-dir> <screenshot-dir> [<list-path>]
//
// The expert directory's filter (themes/hub/static/directory.js). With
// JavaScript on: finds the expertise control (a <select> in <main> whose
// name, id or label says "expertise", else the first <select>), tries its
// values until one shows fewer expert cards than all, and reports the cards
// then visible and the live region's text; then goes back to "all". With
// JavaScript off: the cards visible and the server-rendered facet links.

import { parseArgs, withBrowser, openTab, visit, sleep } from './lib.mjs';

const { base, rest } = parseArgs();
const listPath = rest[0] || '/experts/';

/** In the page: hrefs of the visible links to single experts. */
function visibleExperts(listPath) {
  const main = document.querySelector('main') || document.body;
  const single = new RegExp('^' + listPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[^/]+/$');
  const hrefs = new Set();
  for (const a of main.querySelectorAll('a[href]')) {
    const p = new URL(a.href, location.href).pathname;
    if (!single.test(p) || p.startsWith(listPath + 'page/')) continue;
    if (a.getClientRects().length === 0 || getComputedStyle(a).visibility === 'hidden') continue;
    hrefs.add(p);
  }
  return [...hrefs].sort();
}

function liveText() {
  // A list page's "save for offline reading" status is another live region.
  const live = document.querySelector('main [aria-live]:not(.save-status), main [role="status"]:not(.save-status)') ||
    document.querySelector('[aria-live], [role="status"]');
  return live ? live.textContent.replace(/\s+/g, ' ').trim() : null;
}

function findControl() {
  const main = document.querySelector('main') || document.body;
  const selects = [...main.querySelectorAll('select')];
  const says = (s) => {
    const label = s.labels?.[0]?.textContent || s.getAttribute('aria-label') || '';
    return /expertise/i.test(`${s.name} ${s.id} ${label}`);
  };
  const select = selects.find(says) || selects[0];
  if (!select) return null;
  select.setAttribute('data-test-control', '');
  return {
    name: select.name || select.id,
    label: select.labels?.[0]?.textContent?.trim() || select.getAttribute('aria-label'),
    options: [...select.options].map((o) => ({ value: o.value, label: o.textContent.trim() })),
  };
}

/** Chooses `value` and waits (bounded) for the live region to change. */
async function choose(page, value) {
  const before = await page.evaluate(liveText);
  await page.select('select[data-test-control]', value);
  for (let i = 0; i < 20; i += 1) {
    await sleep(100);
    if ((await page.evaluate(liveText)) !== before) break;
  }
  await sleep(150);
  return {
    value,
    visible: await page.evaluate(visibleExperts, listPath),
    live: await page.evaluate(liveText),
  };
}

await withBrowser(120000, async (browser) => {
  const { page, log } = await openTab(browser, base);
  await visit(page, base + listPath);
  await sleep(300);
  const all = await page.evaluate(visibleExperts, listPath);
  const control = await page.evaluate(findControl);
  const trials = [];
  let reset = null;
  if (control) {
    for (const option of control.options.filter((o) => o.value !== '')) {
      const trial = await choose(page, option.value);
      trial.label = option.label;
      trials.push(trial);
      if (trial.visible.length > 0 && trial.visible.length < all.length) break;
      if (trials.length >= 12) break;
    }
    const empty = control.options.find((o) => o.value === '');
    reset = empty ? await choose(page, '') : null;
  }
  const js = { all, control, trials, reset, consoleErrors: log.consoleErrors, foreign: log.foreign };
  await page.close();

  const noJs = await openTab(browser, base, { javascript: false });
  await visit(noJs.page, base + listPath);
  const facetLinks = await noJs.page.evaluate((listPath) => {
    const main = document.querySelector('main') || document.body;
    return [...main.querySelectorAll('a[href]')]
      .map((a) => new URL(a.href, location.href).pathname)
      .filter((p) => p.startsWith(listPath) && /^[^/]+\/[^/]+\/$/.test(p.slice(listPath.length)))
      .filter((p) => !p.startsWith(listPath + 'page/'));
  }, listPath);
  const result = {
    js,
    noJs: { visible: await noJs.page.evaluate(visibleExperts, listPath), facetLinks: [...new Set(facetLinks)] },
  };
  await noJs.page.close();
  return result;
});
