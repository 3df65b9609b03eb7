// node tests/browser/screenshots.mjs <base-url> <site-dir> <screenshot-dir> <name>=<path>...
//
// Full-page PNG screenshots of each page at 375 px and 1280 px wide, saved
// as <screenshot-dir>/<name>-<width>.png, for people to look at.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, withBrowser, openTab, visit } from './lib.mjs';

const { base, shots, rest } = parseArgs();
const WIDTHS = [375, 1280];

await withBrowser(180000, async (browser) => {
  fs.mkdirSync(shots, { recursive: true });
  const written = [];
  const problems = [];
  for (const spec of rest) {
    const [name, urlPath] = spec.split('=');
    for (const width of WIDTHS) {
      const { page, log } = await openTab(browser, base, { width });
      const status = await visit(page, base + urlPath);
      // Let web fonts (if any) and images settle, within bounds.
      await Promise.race([page.evaluate(() => document.fonts.ready.then(() => true)), new Promise((r) => setTimeout(r, 3000))]);
      const file = path.join(shots, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true, type: 'png' });
      written.push({ name, path: urlPath, width, status, file });
      problems.push(...log.consoleErrors.map((e) => `${urlPath} @${width}: ${e}`));
      await page.close();
    }
  }
  return { written, problems };
});
