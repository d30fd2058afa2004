// Hostile content in headless Chromium: tests/hostile puts script tags, event-handler
// attributes, javascript: and data: URLs and unbalanced markup in every text field of the data
// contract, in Markdown and in front matter (each payload sets window.__pwned to its field's
// name). We build it with the release binary, visit every page, type into the search box and run
// the quiz: no payload may run (window.__pwned stays unset, no dialog opens), no CSP violation
// fires, nothing loads from another origin. Unicode edge cases (right-to-left text, emoji,
// combining marks, a 10,000-character title) give valid pages (Nu checker) and working search.
//
//   LADDER=target/release/ladder node --test standalone/hostile.test.mjs   (in tests/browser)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser, newContext, openPage } from '../lib/browser.mjs';
import { serve } from '../lib/server.mjs';
import { runVnu, formatVnuErrors } from '../lib/vnu.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const LADDER = process.env.LADDER || path.join(repo, 'target/release/ladder');
const log = (msg) => process.stderr.write(`[hostile] ${msg}\n`);

let tmp;
let out;
let srv;
let browser;
let context;
const dialogs = [];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ladder-hostile-'));
  out = path.join(tmp, 'out');
  execFileSync(LADDER, ['build', '--root', path.join(repo, 'tests/hostile'), '--out', out, '--today', '2026-11-23'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  srv = await serve(out);
  browser = await launchBrowser();
  context = await newContext(browser, { origin: srv.origin });
  context.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()} on ${d.page()?.url()}`);
    d.dismiss().catch(() => {});
  });
});

after(async () => {
  await browser?.close();
  await srv?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function htmlPages(dir) {
  const found = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.html')) {
      found.push(path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
    }
  }
  return found.sort();
}

/** Nothing ran, nothing was refused, nothing left the origin. */
async function assertInert(visit, what) {
  const pwned = await visit.page.evaluate(() => window.__pwned ?? null);
  const csp = await visit.page.evaluate(() => window.__cspViolations || []);
  assert.equal(pwned, null, `${what}: a payload ran (window.__pwned = ${pwned})`);
  assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
  assert.deepEqual(csp, [], `${what}: CSP violations`);
  assert.deepEqual(visit.rec.offOrigin, [], `${what}: requests to another origin`);
  assert.deepEqual(visit.rec.pageErrors, [], `${what}: uncaught errors`);
}

test('every page: no payload runs, no dialog, no CSP violation', async () => {
  const pages = htmlPages(out);
  assert.ok(pages.length >= 15, `${pages.length} pages`);
  for (const rel of pages) {
    const url = srv.url + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    const visit = await openPage(context, url);
    // The payloads are on the page, as text.
    if (rel === 'roles/analyst/index.html') {
      const text = await visit.page.textContent('main');
      assert.match(text, /<script data-pwn>window\.__pwned='role-summary'<\/script>/);
    }
    await assertInert(visit, rel);
    await visit.close();
  }
  log(`${pages.length} pages visited`);
});

async function search(page, q) {
  await page.locator('#site-search').fill('');
  await page.locator('#site-search').pressSequentially(q, { delay: 20 });
  await page.locator('.search-pop .search-status').filter({ hasText: `for “${q}”` }).waitFor({ timeout: 10_000 });
  return page.locator('#site-search-results li > a').evaluateAll((as) =>
    as.filter((a) => !a.textContent.startsWith('All ')).map((a) => new URL(a.href).pathname));
}

test('search: hostile titles in results stay text; RTL, emoji and accents find their role', async () => {
  const visit = await openPage(context, srv.url);
  const { page } = visit;
  const got = await search(page, 'pwned');
  assert.ok(got.length > 0, 'the payloads are indexed as words');
  const shown = await page.locator('#site-search-results').innerHTML();
  assert.ok(!/<img|<svg|<iframe|<script|onerror=|javascript:/i.test(shown.replace(/&lt;[^&]*&gt;/g, '')), shown.slice(0, 400));
  for (const q of ['שלום', 'مقيّم', '🚀rocketeer', 'rocketeer', 'Zoë', 'zoe', 'Évaluateur']) {
    const r = await search(page, q);
    const want = q.startsWith('É') ? '/roles/long/' : '/roles/rtl/';
    assert.ok(r.includes(want), `"${q}" finds ${want}: ${r.join(', ')}`);
    log(`"${q}" -> ${r.slice(0, 3).join(', ')}`);
  }
  await assertInert(visit, 'search box');
  await visit.close();
});

test('quiz: hostile labels and role titles in the results stay text', async () => {
  const visit = await openPage(context, `${srv.url}quiz/`);
  const { page } = visit;
  const fieldsets = await page.locator('#quiz fieldset').count();
  assert.ok(fieldsets > 0);
  for (let i = 0; i < fieldsets; i++) {
    await page.locator('#quiz fieldset').nth(i).locator('label').first().click();
    await page.click('#quiz-next');
  }
  await page.waitForSelector('#quiz-results:not([hidden])');
  const results = await page.textContent('#quiz-results');
  assert.match(results, /role-title/, 'the hostile role is ranked and shown as text');
  await assertInert(visit, 'quiz');
  await visit.close();
});

test('Nu HTML checker: the hostile and Unicode pages are valid HTML', async (t) => {
  try {
    execFileSync(process.env.JAVA || 'java', ['-version'], { stdio: 'ignore' });
  } catch {
    return t.skip('no Java for the Nu checker');
  }
  const { errors } = await runVnu(out);
  assert.deepEqual(errors, [], formatVnuErrors(errors));
  log('Nu checker: no errors');
});
