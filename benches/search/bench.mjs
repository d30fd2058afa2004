// ladder's search against Pagefind on the same built pages, in headless Chromium, in one run.
//
//   node benches/search/bench.mjs --site NAME=LADDER_OUT:PAGEFIND_OUT [--site ...] [--runs 5]
//
// LADDER_OUT is a folder `ladder build` wrote; PAGEFIND_OUT a copy of it that `pagefind --site`
// indexed. For each site and query (the typos `gouvernance`, `evaluater`, `ptyhon` and ordinary
// words) it measures, median of --runs fresh browser contexts (no cache):
//   - bytes fetched by a first query (nothing loaded yet) and by a second query (after `data`),
//     each showing its first 10 results: ladder through window.ladderSearch.find (the records of
//     the first 10 hits), Pagefind through its JS API, search() then data() of the first 10;
//   - time from the keystroke to results: ladder in the header box of a real page (strict CSP),
//     from the `input` event to the status line naming the query (results rendered); Pagefind from
//     search() to 10 data() results. `cold`: the whole word at once, after focusing the box (ladder
//     fetches its manifest then) or init() (Pagefind); `typing`: the last letter, after the word was
//     typed letter by letter;
//   - the top result of each engine (a typo query must put the page of the word it misspells first).
// Also: inline script size (ladder) and runtime size (Pagefind), index size on disk.
// Bytes are response bodies as served (no HTTP compression; both engines' index files are gzip).

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

import { serve } from '../../tests/browser/lib/server.mjs';
import { launchBrowser, newContext } from '../../tests/browser/lib/browser.mjs';

const args = process.argv.slice(2);
const sites = [];
let runs = 5;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--site') {
    const [name, dirs] = args[++i].split('=');
    const [ladder, pagefind] = dirs.split(':');
    sites.push({ name, ladder, pagefind });
  } else if (args[i] === '--runs') runs = Number(args[++i]);
}
if (!sites.length) {
  console.error('usage: bench.mjs --site NAME=LADDER_OUT:PAGEFIND_OUT [...] [--runs N]');
  process.exit(2);
}
const QUERIES = ['gouvernance', 'evaluater', 'ptyhon', 'governance', 'evaluator', 'python', 'rubric'];
const TYPO_OF = { gouvernance: 'governance', evaluater: 'evaluator', ptyhon: 'python' };
const WARMUP = 'data';
const RESULTS = 10;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (b) => (b / 1024).toFixed(1);

async function dirSize(dir, skip = () => false) {
  let total = 0;
  let files = 0;
  for (const e of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    const p = path.join(e.parentPath ?? e.path, e.name);
    if (e.isFile() && !skip(p)) {
      total += (await fsp.stat(p)).size;
      files++;
    }
  }
  return { total, files };
}

/** A page that counts response bytes; `mark()` starts a new count. */
async function counted(context, url) {
  const page = await context.newPage();
  let bytes = 0;
  let files = 0;
  const pending = new Set();
  page.on('response', (r) => {
    const p = r.body().then((b) => { bytes += b.length; files++; }, () => {});
    pending.add(p);
    p.finally(() => pending.delete(p));
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    mark: async () => { await Promise.all([...pending]); bytes = 0; files = 0; },
    read: async () => { await Promise.all([...pending]); return { bytes, files }; },
  };
}

async function ladderQuery(c, q) {
  await c.mark();
  const r = await c.page.evaluate((q) => window.ladderSearch.find(q), q);
  return { ...(await c.read()), total: r.total, top: r.urls[0] || '' };
}

/** ms from the input event to the status line naming the query (results rendered). */
async function ladderKeystroke(page, q) {
  return page.evaluate((q) => new Promise((resolve) => {
    const input = document.querySelector('#site-search');
    const status = document.querySelector('.search-pop .search-status');
    const want = `for “${q}”`;
    const obs = new MutationObserver(() => {
      if (status.textContent.includes(want)) {
        obs.disconnect();
        resolve(performance.now() - t0);
      }
    });
    obs.observe(status, { childList: true, characterData: true, subtree: true });
    input.value = q;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }), q);
}

async function pagefindQuery(c, q) {
  await c.mark();
  const r = await c.page.evaluate(async ({ q, n }) => {
    window.pf ||= await import('/pagefind/pagefind.js');
    const t0 = performance.now();
    const s = await window.pf.search(q);
    const data = await Promise.all(s.results.slice(0, n).map((x) => x.data()));
    return { ms: performance.now() - t0, total: s.results.length, top: data[0]?.url || '' };
  }, { q, n: RESULTS });
  return { ...(await c.read()), ...r, top: r.top.replace(/^\//, '') };
}

async function benchSite(browser, site) {
  const out = { name: site.name, queries: {} };
  const ladderIndex = await dirSize(path.join(site.ladder, 'search'), (p) => p.endsWith('index.html'));
  const pfIndex = await dirSize(path.join(site.pagefind, 'pagefind'));
  const pfRuntime = ['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind']
    .map((f) => fs.statSync(path.join(site.pagefind, 'pagefind', f)).size).reduce((a, b) => a + b, 0);
  const home = fs.readFileSync(path.join(site.ladder, 'index.html'), 'utf8');
  const script = [...home.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((s) => s.includes('ladderSearch')) || '';
  out.script = { raw: Buffer.byteLength(script), gz: zlib.gzipSync(script).length };
  out.index = { ladder: ladderIndex, pagefind: pfIndex, pfRuntime };
  await fsp.writeFile(path.join(site.pagefind, 'pfbench.html'), '<!doctype html><title>pagefind bench</title><p>bench</p>');

  const ls = await serve(site.ladder);
  const ps = await serve(site.pagefind);
  try {
    for (const q of QUERIES) {
      const rows = { lf: [], ls: [], lk: [], lw: [], pf: [], ps: [], pk: [], pw: [] };
      let tops = {};
      for (let i = 0; i < runs; i++) {
        // ladder: first query in a fresh context, then the same word typed again (warm).
        let ctx = await newContext(browser, { origin: ls.origin });
        let c = await counted(ctx, ls.url);
        const first = await ladderQuery(c, q);
        rows.lf.push(first.bytes);
        tops.ladder = first.top;
        tops.ladderTotal = first.total;
        await ctx.close();
        ctx = await newContext(browser, { origin: ls.origin });
        c = await counted(ctx, ls.url);
        await ladderQuery(c, WARMUP);
        rows.ls.push((await ladderQuery(c, q)).bytes);
        await ctx.close();
        // Keystroke to results in the header box: the whole word at once after focusing the box
        // (which fetches the manifest), and the last letter of the word typed letter by letter.
        ctx = await newContext(browser, { origin: ls.origin });
        const page = await ctx.newPage();
        await page.goto(ls.url + 'roles/', { waitUntil: 'load' });
        await page.locator('#site-search').focus();
        await page.waitForLoadState('networkidle');
        rows.lk.push(await ladderKeystroke(page, q));
        await ctx.close();
        ctx = await newContext(browser, { origin: ls.origin });
        const typing = await ctx.newPage();
        await typing.goto(ls.url + 'roles/', { waitUntil: 'load' });
        for (let n = 2; n < q.length; n++) await ladderKeystroke(typing, q.slice(0, n));
        rows.lw.push(await ladderKeystroke(typing, q));
        await ctx.close();
        // Pagefind: the same, through its API.
        ctx = await newContext(browser, { origin: ps.origin });
        c = await counted(ctx, ps.url + 'pfbench.html');
        const pfirst = await pagefindQuery(c, q);
        rows.pf.push(pfirst.bytes);
        await ctx.close();
        // Timing: after init() (its runtime and metadata loaded, as our manifest is on focus), and
        // the last letter of the word typed letter by letter.
        ctx = await newContext(browser, { origin: ps.origin });
        c = await counted(ctx, ps.url + 'pfbench.html');
        await c.page.evaluate(async () => { window.pf = await import('/pagefind/pagefind.js'); await window.pf.init(); });
        rows.pk.push((await pagefindQuery(c, q)).ms);
        await ctx.close();
        ctx = await newContext(browser, { origin: ps.origin });
        c = await counted(ctx, ps.url + 'pfbench.html');
        for (let n = 2; n < q.length; n++) await pagefindQuery(c, q.slice(0, n));
        rows.pw.push((await pagefindQuery(c, q)).ms);
        tops.pagefind = pfirst.top;
        tops.pagefindTotal = pfirst.total;
        await ctx.close();
        ctx = await newContext(browser, { origin: ps.origin });
        c = await counted(ctx, ps.url + 'pfbench.html');
        await pagefindQuery(c, WARMUP);
        rows.ps.push((await pagefindQuery(c, q)).bytes);
        await ctx.close();
      }
      out.queries[q] = { ...Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)])), tops };
      process.stderr.write(`[${site.name}] ${q}: ladder ${kb(out.queries[q].lf)} KB first, Pagefind ${kb(out.queries[q].pf)} KB\n`);
    }
  } finally {
    await ls.close();
    await ps.close();
    await fsp.rm(path.join(site.pagefind, 'pfbench.html'), { force: true });
  }
  return out;
}

function report(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`### ${r.name}`, '');
    lines.push(`Inline script (every page): ${r.script.raw} bytes, ${r.script.gz} gzipped. ` +
      `Pagefind's runtime a first query loads (pagefind.js, worker, wasm): ${kb(r.index.pfRuntime)} KB.`);
    lines.push(`Index on disk: ladder ${kb(r.index.ladder.total)} KB in ${r.index.ladder.files} files; ` +
      `Pagefind ${kb(r.index.pagefind.total)} KB in ${r.index.pagefind.files} files (runtime included).`, '');
    lines.push('| query | ladder 1st (KB) | Pagefind 1st (KB) | ratio | ladder 2nd | Pagefind 2nd | index / 1st query | ladder keystroke→results cold / typing (ms) | Pagefind search+10 data cold / typing (ms) | ladder top (of n) | Pagefind top (of n) |');
    lines.push('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --- | --- |');
    for (const [q, x] of Object.entries(r.queries)) {
      const typo = TYPO_OF[q];
      const right = typo ? (x.tops.ladder === r.queries[typo]?.tops.ladder ? ' ✓' : ' ✗') : '';
      const pright = typo ? (x.tops.pagefind && x.tops.pagefind === r.queries[typo]?.tops.pagefind ? ' ✓' : ' ✗') : '';
      lines.push(`| ${q} | ${kb(x.lf)} | ${kb(x.pf)} | ${(100 * x.lf / x.pf).toFixed(1)}% | ${kb(x.ls)} | ${kb(x.ps)} | ` +
        `${(r.index.ladder.total / x.lf).toFixed(0)}x | ${x.lk.toFixed(1)} / ${x.lw.toFixed(1)} | ${x.pk.toFixed(1)} / ${x.pw.toFixed(1)} | ` +
        `${x.tops.ladder}${right} (${x.tops.ladderTotal}) | ${x.tops.pagefind || '-'}${pright} (${x.tops.pagefindTotal}) |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const browser = await launchBrowser();
try {
  const results = [];
  for (const s of sites) results.push(await benchSite(browser, s));
  const text = report(results);
  console.log(text);
} finally {
  await browser.close();
}
