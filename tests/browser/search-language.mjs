// node tests/browser/search-language.mjs <base-url> <site-dir> <screenshot-dir> <path>...
//
// The search page in the page's language: loads each <path> (such as
// /search/?q=lectura) and reports, once the live region says how many
// results there are, the page's `lang`, each result's link, its `lang`
// and its snippet's `lang`, and the language filter's checkboxes; axe-core
// runs on the last page. Also console errors and failed requests.

import { parseArgs, withBrowser, openTab, visit, axeViolations, sleep } from './lib.mjs';

const { base, rest: paths } = parseArgs();

function snapshot() {
  const main = document.querySelector('main') || document.body;
  const live = main.querySelector('[role="status"], [aria-live]');
  const hits = [...main.querySelectorAll('#search-results > li')].map((li) => {
    const a = li.querySelector('a[href]');
    return {
      href: a ? new URL(a.href).pathname : null,
      lang: a?.getAttribute('lang') ?? '',
      snippetLang: li.querySelector('.card-summary')?.getAttribute('lang') ?? '',
    };
  });
  const languages = [...main.querySelectorAll('input[type="checkbox"][name="lang"]')].map((box) => ({
    value: box.value,
    label: box.labels?.[0]?.textContent.replace(/\s+/g, ' ').trim() ?? '',
    checked: box.checked,
  }));
  return { pageLang: document.documentElement.lang, live: live?.textContent.trim() ?? '', hits, languages };
}

await withBrowser(120000, async (browser) => {
  const { page, log } = await openTab(browser, base);
  const pages = [];
  for (const path of paths) {
    await visit(page, base + path);
    await page
      .waitForFunction(() => /result/i.test(document.querySelector('#search-status')?.textContent || ''), {
        timeout: 10000,
      })
      .catch(() => {});
    await sleep(300);
    pages.push({ path, ...(await page.evaluate(snapshot)) });
  }
  return { pages, axe: await axeViolations(page), log };
});
