// node tests/browser/injection.mjs <base-url> <site-dir> <screenshot-dir> <path>...
//
// Opens pages of a site whose content tries to inject script (see
// tests/fixtures/injection/) and reports, per page: links whose href is a
// script URL (each is clicked), whether `window.__pwned` got set, dialogs,
// inline event-handler attributes, script elements that mention `__pwned`
// and would run, and every JSON-LD block parsed.

import { parseArgs, withBrowser, openTab, visit, jsonLdBlocks, sleep } from './lib.mjs';

const { base, rest: paths } = parseArgs();

function inspect() {
  const scriptish = (href) =>
    /^(javascript|vbscript|data:text\/html)/i.test(String(href).replace(/[\u0000-\u0020]/g, ''));
  const scriptLinks = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .flatMap((el) =>
      ['href', 'src', 'action', 'formaction', 'xlink:href']
        .map((name) => el.getAttribute(name))
        .filter((v) => v !== null && scriptish(v))
        .map((v) => `<${el.tagName.toLowerCase()}> ${v}`),
    );
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) handlers.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
    }
  }
  const runnable = [...document.querySelectorAll('script')].filter((s) => {
    const type = (s.getAttribute('type') || '').trim().toLowerCase();
    const runs = type === '' || type.includes('javascript') || type === 'module';
    return runs && s.textContent.includes('__pwned');
  });
  return {
    scriptLinks,
    handlers: handlers.slice(0, 10),
    runnableScripts: runnable.map((s) => s.outerHTML.slice(0, 200)),
    iframes: document.querySelectorAll('iframe, object, embed').length,
    pwned: typeof window.__pwned !== 'undefined',
    title: document.title,
  };
}

await withBrowser(180000, async (browser) => {
  const pages = [];
  const foreign = [];
  for (const path of paths) {
    const { page, log } = await openTab(browser, base);
    const status = await visit(page, base + path);
    await sleep(300); // let <img onerror> and the like fire, if they exist
    const before = await page.evaluate(inspect);
    // Click every link whose href starts with "javascript" (there must be none).
    const handles = await page.$$('a[href]');
    let clicked = 0;
    let after = false;
    for (const a of handles) {
      const href = await a.evaluate((el) => el.getAttribute('href').replace(/[\u0000-\u0020]/g, ''));
      if (!/^javascript/i.test(href)) continue;
      clicked += 1;
      try {
        await a.evaluate((el) => el.scrollIntoView());
        await a.click().catch(() => a.evaluate((el) => el.click()));
        await sleep(100);
        after ||= await page.evaluate(() => typeof window.__pwned !== 'undefined');
      } catch (err) {
        console.error(`clicking ${href}: ${err}`);
      }
    }
    after ||= await page.evaluate(() => typeof window.__pwned !== 'undefined').catch(() => false);
    pages.push({
      path,
      status,
      ...before,
      clicked,
      pwned: before.pwned || after,
      dialogs: log.dialogs,
      consoleErrors: log.consoleErrors,
      jsonLd: await jsonLdBlocks(page),
    });
    foreign.push(...log.foreign);
    await page.close();
  }
  return { pages, foreign };
});
