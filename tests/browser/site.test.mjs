// Page-quality bars (PRODUCT.md section 3) for one built site folder:
//
//   LADDER_SITE=/tmp/out LADDER_BASE=/sub/ node --test site.test.mjs
//
// LADDER_SITE (required): the folder `ladder build --out` wrote.
// LADDER_BASE (default '/'): the path part of the site's base URL; the site is served
//   under it, so absolute links that ignore the base URL show up as broken.
// LADDER_CHECK_CONCURRENCY (default 2): pages checked at once.
//
// With LADDER_SITE unset every test here FAILS (a check that cannot fail is no check).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { runVnu, formatVnuErrors } from './lib/vnu.mjs';
import { checkSite, formatProblems } from './lib/checks.mjs';
import { normaliseBase } from './lib/server.mjs';
import { listPages } from './lib/pages.mjs';

const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
const BASE = normaliseBase(process.env.LADDER_BASE || '/');
const CONCURRENCY = Number(process.env.LADDER_CHECK_CONCURRENCY || 2);

// ---- files every built site must have (extend as the engine grows) ----
const REQUIRED_FILES = ['index.html', '404.html', 'sitemap.xml', 'feed.xml', 'roles.json'];

const log = (msg) => process.stderr.write(`[site ${BASE}] ${msg}\n`);

function requireSite() {
  assert.ok(SITE, 'LADDER_SITE is not set: point it at a built site folder, e.g.\n' +
    '  LADDER_SITE=/tmp/site LADDER_BASE=/ node --test site.test.mjs');
  return SITE;
}

test('LADDER_SITE is a built site with its top-level files', async () => {
  const dir = requireSite();
  const st = await fsp.stat(dir).catch(() => null);
  assert.ok(st && st.isDirectory(), `LADDER_SITE=${dir} is not a folder`);
  const missing = [];
  for (const f of REQUIRED_FILES) {
    if (!(await fsp.stat(path.join(dir, f)).catch(() => null))) missing.push(f);
  }
  assert.deepEqual(missing, [], `missing from ${dir}: ${missing.join(', ')}`);
  const pages = await listPages(dir, BASE);
  log(`${pages.length} page(s) in ${dir}`);
  assert.ok(pages.length >= 2, `only ${pages.length} page(s) found`);
});

test('roles.json is JSON; sitemap.xml lists only pages that exist', async () => {
  const dir = requireSite();
  JSON.parse(await fsp.readFile(path.join(dir, 'roles.json'), 'utf8'));
  const sitemap = await fsp.readFile(path.join(dir, 'sitemap.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  assert.ok(locs.length > 0, 'sitemap.xml has no <loc>');
  const bad = [];
  for (const loc of locs) {
    let p;
    try {
      p = decodeURIComponent(new URL(loc).pathname);
    } catch {
      bad.push(`${loc}: not an absolute URL`);
      continue;
    }
    if (!p.startsWith(BASE)) {
      bad.push(`${loc}: not under the base path ${BASE}`);
      continue;
    }
    let rel = p.slice(BASE.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    if (!(await fsp.stat(path.join(dir, rel)).catch(() => null))) bad.push(`${loc}: no file ${rel}`);
  }
  assert.deepEqual(bad, [], `sitemap.xml:\n${bad.join('\n')}`);
  const feed = await fsp.readFile(path.join(dir, 'feed.xml'), 'utf8');
  assert.match(feed, /<(feed|rss)[\s>]/, 'feed.xml is neither Atom nor RSS');
});

test('Nu HTML checker: zero errors in every HTML file', async () => {
  const dir = requireSite();
  const t0 = Date.now();
  const { errors } = await runVnu(dir);
  log(`vnu: ${errors.length} error(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.equal(errors.length, 0, '\n' + formatVnuErrors(errors));
});

test('browser: axe (light/dark, 320/1280 px), CSP, no other origin, links, images', async () => {
  const dir = requireSite();
  const res = await checkSite({ siteDir: dir, basePath: BASE, concurrency: CONCURRENCY, log });
  log(`${res.pages} page(s), ${res.stats.visits} visits, ${res.stats.axeRuns} axe runs, ` +
    `${res.stats.links} link target(s), ${res.stats.images} image(s), ` +
    `${res.problems.length} problem(s) in ${(res.stats.ms / 1000).toFixed(1)} s`);
  assert.ok(res.stats.axeRuns > 0, 'axe never ran');
  assert.equal(res.problems.length, 0, '\n' + formatProblems(res.problems));
});
