// Search benchmark in headless Chromium (benches/search.sh runs it against
// a built site served on 127.0.0.1):
//   - cold first query: a fresh browser profile opens /search/?q=..., and
//     every byte the page then fetches is counted, split into the page
//     itself (HTML and stylesheet) and the search (scripts and index files).
//     Index files are already gzip-compressed; scripts and the manifest are
//     counted as a compressing host sends them (gzip -9), beside their raw size;
//   - query time once loaded: client.js in the page runs each query until
//     its shards and blocks are cached, then is timed over several runs.
//
//   node benches/search-browser.mjs <base-url>
// Prints one JSON object.
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');

const base = (process.argv[2] || '').replace(/\/$/, '');
if (!base) {
  console.error('usage: node benches/search-browser.mjs <base-url>');
  process.exit(2);
}

const ONE_WORD = ['literacy', 'mentoring', 'hurricane', 'apprenticeship', 'phonics', 'teachers', 'radio', 'governance', 'accreditation', 'homework'];
const THREE_WORDS = ['teacher training rural', 'early literacy assessment', 'school feeding programme', 'parent engagement primary', 'disaster preparedness schools', 'digital literacy teachers', 'vocational education employers', 'inclusive education support', 'learning recovery reading', 'school leadership mentoring'];
const TIMED = [...ONE_WORD, ...THREE_WORDS, 'teach', 'educat', 'literacy assess', 'mentorng', 'goverance', 'school', 'students teachers schools', 'climate', 'bilingual', 'numeracy coaches'];
const RUNS = 7;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});

async function coldQuery(query) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const files = [];
  page.on('response', async (res) => {
    const url = res.url();
    if (!url.startsWith(base)) return;
    try {
      const body = await res.buffer();
      const gz = body[0] === 0x1f && body[1] === 0x8b;
      files.push({ url: url.slice(base.length), raw: body.length, sent: gz ? body.length : zlib.gzipSync(body, { level: 9 }).length });
    } catch {}
  });
  await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => /results? for|no results/i.test(document.getElementById('search-status')?.textContent || ''), { timeout: 30000 });
  await page.waitForNetworkIdle({ idleTime: 500, timeout: 30000 });
  const results = await page.evaluate(() => document.querySelectorAll('#search-results > li').length);
  await context.close();
  const isPage = (f) => f.url.startsWith('/search/?') || f.url === '/search/' || f.url.endsWith('.css');
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const search = files.filter((f) => !isPage(f));
  return {
    query,
    results,
    files: files.length,
    search_sent: sum(search, 'sent'),
    search_raw: sum(search, 'raw'),
    page_sent: sum(files.filter(isPage), 'sent'),
    by_kind: Object.fromEntries(
      ['js', 'manifest', 't', 'w', 'x', 'f', 'd'].map((kind) => [
        kind,
        sum(search.filter((f) => kindOf(f.url) === kind), 'sent'),
      ]),
    ),
  };
}

function kindOf(url) {
  if (url.endsWith('.js')) return 'js';
  if (url.endsWith('manifest.json')) return 'manifest';
  // Exact-word shards are x<lang><n>: all counted as x.
  return /\/search\/index\/([a-z])[a-z]*\d/.exec(url)?.[1] ?? 'other';
}

async function queryTimes() {
  const page = await browser.newPage();
  await page.goto(`${base}/search/`, { waitUntil: 'load' });
  return page.evaluate(async (queries, runs) => {
    const { openIndex } = await import('/search/client.js');
    const index = await openIndex(new URL('/search/index/manifest.json', location.href).href);
    const times = [];
    for (const query of queries) {
      for (const prefix of [false, true]) {
        await index.search(query, { prefix, counts: ['collection'] }); // loads and caches
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await index.search(query, { prefix, counts: ['collection'] });
          times.push(performance.now() - t);
        }
      }
    }
    return times;
  }, TIMED, RUNS);
}

try {
  const one = [];
  for (const q of ONE_WORD) one.push(await coldQuery(q));
  const three = [];
  for (const q of THREE_WORDS) three.push(await coldQuery(q));
  const times = await queryTimes();
  const stat = (list, key) => ({ median: median(list.map((r) => r[key])), max: Math.max(...list.map((r) => r[key])) });
  console.log(JSON.stringify({
    one_word: { search_sent: stat(one, 'search_sent'), page_sent: stat(one, 'page_sent'), files: stat(one, 'files'), queries: one },
    three_words: { search_sent: stat(three, 'search_sent'), page_sent: stat(three, 'page_sent'), files: stat(three, 'files'), queries: three },
    query_ms: { median: median(times), p95: percentile(times, 0.95), max: Math.max(...times), samples: times.length },
  }));
} finally {
  await browser.close();
}
