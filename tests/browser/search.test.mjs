// Search in headless Chromium, on one built site (PRODUCT.md section 3, "Search"):
//
//   LADDER_SITE=/tmp/out LADDER_BASE=/sub/ node --test search.test.mjs
//
// LADDER_SITE (required): the folder `ladder build --out` wrote; LADDER_BASE (default '/'): the
// path part of its base URL, where the site is served. The query cases of ../search-vectors.json
// run when the site is one they are written for (its `marker` page exists: the fixture site or
// the default site); every other test runs on any site.
//
// What is asserted: the page's tokeniser gives the shared vectors (as the Rust index does);
// typed queries, typos included, put the expected page first, in the header box and on the
// search page; the words people type ("salary", "healthcare", "doctor") find their pages; a
// section result names an id its guide has; arrows, Enter and Escape work, and the box reopens its
// results when clicked or focused again; filters and `?q=` work; without JavaScript the
// search page says so; no request leaves the origin and a query reads only a few index files;
// axe finds nothing with results shown, in light and dark.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';

import { serve, normaliseBase } from './lib/server.mjs';
import { launchBrowser, newContext, openPage, isOffOrigin } from './lib/browser.mjs';

const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
const BASE = normaliseBase(process.env.LADDER_BASE || '/');
const VECTORS = JSON.parse(await fsp.readFile(new URL('../search-vectors.json', import.meta.url), 'utf8'));
const log = (msg) => process.stderr.write(`[search ${BASE}] ${msg}\n`);

let srv;
let browser;
let context;
let cases = null; // the query cases of this site, if the vectors know it

before(async () => {
  assert.ok(SITE, 'LADDER_SITE is not set: LADDER_SITE=/tmp/site LADDER_BASE=/ node --test search.test.mjs');
  srv = await serve(SITE, { basePath: BASE });
  browser = await launchBrowser();
  context = await newContext(browser, { origin: srv.origin });
  for (const [name, set] of Object.entries(VECTORS.queries)) {
    if (await fsp.stat(path.join(SITE, set.marker)).catch(() => null)) {
      cases = set.cases;
      log(`query cases: ${name} (${cases.length})`);
    }
  }
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

/** What a page did that it must not: off-origin requests, CSP violations, errors. */
async function assertClean(visit, what) {
  const csp = await visit.page.evaluate(() => window.__cspViolations || []);
  const r = visit.rec;
  assert.deepEqual(r.offOrigin, [], `${what}: requests to another origin`);
  assert.deepEqual(csp, [], `${what}: CSP violations`);
  assert.deepEqual(r.pageErrors, [], `${what}: uncaught errors`);
  assert.deepEqual(r.consoleErrors, [], `${what}: console errors`);
  assert.deepEqual(r.badResponses, [], `${what}: failed responses`);
  assert.deepEqual(r.failedRequests, [], `${what}: failed requests`);
}

const rel = (href) => { const u = new URL(href); return u.pathname.slice(BASE.length) + u.hash; };

/** Result links of a list (without the header's "All N results" link). */
async function results(page, list) {
  const hrefs = await page.locator(`${list} li > a`).evaluateAll((as) =>
    as.filter((a) => !a.textContent.startsWith('All ')).map((a) => a.href));
  return hrefs.map(rel);
}

async function waitForStatus(page, status, q) {
  await page.locator(status).filter({ hasText: `for “${q}”` }).waitFor({ timeout: 10_000 });
}

async function searchPage(q, extra = '') {
  const visit = await openPage(context, `${srv.url}search/?q=${encodeURIComponent(q)}${extra}`);
  await waitForStatus(visit.page, '.search-page .search-status', q);
  return visit;
}

function checkCase(c, got, total) {
  if (c.top) assert.equal(got[0], c.top, `top result of "${c.q}": ${got.join(', ')}`);
  if (c.first) assert.deepEqual(got.slice(0, c.first.length), c.first, `first results of "${c.q}"`);
  if (c.absent) assert.ok(!got.includes(c.absent), `"${c.q}" found ${c.absent}`);
  if (c.count !== undefined) assert.equal(total, c.count, `results of "${c.q}"`);
}

const exists = async (rel) => !!(await fsp.stat(path.join(SITE, rel)).catch(() => null));

/** A result that links to a guide's section names an id the guide page has. */
async function assertSectionExists(u) {
  const [page, id] = u.split('#');
  if (!id) return;
  const html = await fsp.readFile(path.join(SITE, page, 'index.html'), 'utf8');
  assert.ok(html.includes(`id="${id}"`), `${u}: the page has no #${id}`);
}

/** Type `q` into the header box (emptied first) and return the results it shows. */
async function typeInBox(page, q) {
  await page.locator('#site-search').fill('');
  await page.locator('#site-search').pressSequentially(q, { delay: 20 });
  await waitForStatus(page, '.search-pop .search-status', q);
  return results(page, '#site-search-results');
}

test('the page script tokenises the shared vectors exactly as the index does', async () => {
  const visit = await openPage(context, `${srv.url}search/`);
  const got = await visit.page.evaluate((vs) => vs.map((v) => window.ladderSearch.tokens(v.text)), VECTORS.tokens);
  VECTORS.tokens.forEach((v, i) => assert.deepEqual(got[i], v.tokens, `tokens of ${JSON.stringify(v.text)}`));
  log(`${VECTORS.tokens.length} token vectors equal`);
  await visit.close();
});

test('search page: every query of the shared vectors ranks as the Rust index ranks it', async (t) => {
  if (!cases) return t.skip('no query cases for this site');
  for (const c of cases) {
    const visit = await searchPage(c.q);
    const shown = await results(visit.page, '#search-results');
    // The script's own ranking, as the tests of other pages use it, is the page's.
    const found = await visit.page.evaluate((q) => window.ladderSearch.find(q), c.q);
    checkCase(c, shown, found.total);
    assert.deepEqual(found.urls, shown, `list shown for "${c.q}"`);
    for (const u of shown) await assertSectionExists(u);
    await assertClean(visit, `search/?q=${c.q}`);
    await visit.close();
  }
});

test('header box: results appear as you type, typos in the first letters included', async (t) => {
  if (!cases) return t.skip('no query cases for this site');
  const typed = cases.filter((c) => c.top && !c.q.includes(' ')).slice(0, 8);
  const visit = await openPage(context, `${srv.url}roles/`);
  const { page } = visit;
  for (const c of typed) {
    await page.locator('#site-search').fill('');
    await page.locator('#site-search').pressSequentially(c.q, { delay: 25 });
    await waitForStatus(page, '.search-pop .search-status', c.q);
    const status = await page.locator('.search-pop [role=status]').textContent();
    assert.match(status, /^\d+ results? for “/, `announced count for "${c.q}"`);
    const got = await results(page, '#site-search-results');
    assert.equal(got[0], c.top, `header box, "${c.q}": ${got.join(', ')}`);
    log(`typed "${c.q}": ${status}; first ${got[0]}`);
  }
  await assertClean(visit, 'header box');
  await visit.close();
});

test('keyboard: arrows move through results, Escape closes, Enter opens one', async () => {
  const visit = await openPage(context, `${srv.url}`);
  const { page } = visit;
  const input = page.locator('#site-search');
  await input.focus();
  // A word every site has: a word of the first role's title.
  const q = (await firstRoleWord(page)) || 'a';
  await page.keyboard.type(q, { delay: 20 });
  await waitForStatus(page, '.search-pop .search-status', q);
  const links = page.locator('#site-search-results a');
  const n = await links.count();
  assert.ok(n >= 1, 'results shown');
  const focused = () => page.evaluate(() => document.activeElement.getAttribute('href') || document.activeElement.id);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), hrefs[0], 'ArrowDown from the box focuses the first result');
  // The focused result shows a visible focus ring.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus');
  if (n > 1) {
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), hrefs[1], 'ArrowDown moves on');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), hrefs[0], 'ArrowUp moves back');
  }
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'site-search', 'ArrowUp from the first result returns to the box');
  await page.keyboard.press('Escape');
  assert.equal(await links.count(), 0, 'Escape closes the results');
  assert.equal(await input.inputValue(), q, 'Escape keeps what was typed');
  // Type again, go down, open with Enter.
  await page.keyboard.type(' ');
  await page.keyboard.press('Backspace');
  await waitForStatus(page, '.search-pop .search-status', q);
  await page.keyboard.press('ArrowDown');
  const target = await focused();
  await Promise.all([page.waitForURL((u) => u.pathname === target), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, target, 'Enter opens the focused result');
  await assertClean(visit, 'keyboard');
  await visit.close();
});

test('header box: after Escape, clicking or focusing the box shows the results again', async () => {
  const visit = await openPage(context, `${srv.url}`);
  const { page } = visit;
  const input = page.locator('#site-search');
  const q = (await firstRoleWord(page)) || 'a';
  const shown = await typeInBox(page, q);
  assert.ok(shown.length >= 1, 'results shown');
  const links = page.locator('#site-search-results a');
  await page.keyboard.press('Escape');
  assert.equal(await links.count(), 0, 'Escape closes the results');
  await input.click();
  await waitForStatus(page, '.search-pop .search-status', q);
  assert.deepEqual(await results(page, '#site-search-results'), shown, 'a click on the box reopens them');
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.activeElement.blur());
  assert.equal(await links.count(), 0, 'closed again');
  await input.focus();
  await waitForStatus(page, '.search-pop .search-status', q);
  assert.deepEqual(await results(page, '#site-search-results'), shown, 'focusing the box reopens them');
  // Escape from a result (focus returns to the box) keeps them closed.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await links.count(), 0, 'Escape from a result closes them');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search');
  await assertClean(visit, 'reopen');
  await visit.close();
});

test('the words people type: pay words, a subject, a background', async () => {
  const visit = await openPage(context, `${srv.url}paths/`);
  const { page } = visit;
  if (await exists('pay/index.html')) {
    for (const q of ['salary', 'wages', 'earnings', 'income']) {
      const got = await typeInBox(page, q);
      assert.equal(got[0], 'pay/', `"${q}": ${got.join(', ')}`);
      log(`typed "${q}": first ${got.slice(0, 3).join(', ')}`);
    }
  }
  if (await exists('industries/healthcare/index.html')) {
    const got = await typeInBox(page, 'healthcare');
    assert.equal(got[0], 'industries/healthcare/', `"healthcare": ${got.join(', ')}`);
  }
  // "doctor": every page shown names the work (doctor, physician, clinician, medicine), and on a
  // site whose roles come from medicine, such a role is among the first.
  const got = await typeInBox(page, 'doctor');
  for (const u of got) {
    const html = await fsp.readFile(path.join(SITE, u.split('#')[0], 'index.html'), 'utf8');
    assert.match(html, /doctor|physician|clinician|medic/i, `"doctor" found ${u}`);
  }
  if (await exists('roles/clinical-ai-validator/index.html')) {
    assert.ok(got.slice(0, 5).includes('roles/clinical-ai-validator/'), `"doctor": ${got.join(', ')}`);
  }
  log(`typed "doctor": ${got.length} shown, first ${got.slice(0, 3).join(', ')}`);
  await assertClean(visit, 'words people type');
  await visit.close();
});

test('search page: industries, categories, pay and the quiz have a filter of their own', async () => {
  const visit = await searchPage('pay', '&kind=topic');
  const { page } = visit;
  assert.ok(await page.locator('input[name=kind][value=topic]').isChecked(), 'the filter is restored from the address');
  const got = await results(page, '#search-results');
  assert.equal(got[0], 'pay/', `"pay" among topics: ${got.join(', ')}`);
  const topic = /^(industries\/[^/]+\/|categories\/[^/]+\/|pay\/|quiz\/|roles\/[^/]+\/pay\/)$/;
  assert.ok(got.every((u) => topic.test(u)), `only topic pages: ${got.join(', ')}`);
  const tags = await page.locator('#search-results li > .tag').allTextContents();
  assert.ok(tags.every((t) => ['Industry', 'Category', 'Pay', 'Quiz'].includes(t)), `tags: ${tags.join(', ')}`);
  const count = await page.locator('input[name=kind][value=topic] + span, label:has(input[value=topic]) span').first().textContent();
  assert.match(count, /^\(\d+\)$/, 'the filter shows its count');
  await assertClean(visit, 'topic filter');
  await visit.close();
});

async function firstRoleWord(page) {
  const roles = await page.evaluate(async (base) => (await (await fetch(base + 'roles.json')).json()).roles, BASE);
  const title = roles[0]?.title || '';
  return title.split(/\s+/).find((w) => w.length >= 4)?.toLowerCase() || title.split(/\s+/)[0]?.toLowerCase();
}

test('search page: filters by kind and category, keeps them in the address, shows more', async () => {
  const visit = await searchPage('a');
  const { page } = visit;
  assert.ok(await page.locator('.search-filters').isVisible(), 'filters shown with JavaScript');
  const all = Number((await page.locator('.search-page .search-status').textContent()).match(/^\d+/)?.[0] || 0);
  await page.locator('input[name=kind][value=role]').check();
  await waitForStatus(page, '.search-page .search-status', 'a');
  let got = await results(page, '#search-results');
  assert.ok(got.length > 0 && got.every((u) => u.startsWith('roles/')), `only roles: ${got.join(', ')}`);
  assert.match(page.url(), /[?&]kind=role/);
  // A category: every result is a role of it.
  const options = await page.locator('#search-cat option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.ok(options.length > 1, 'categories listed');
  const [catId, catName] = options[1];
  await page.locator('#search-cat').selectOption(catId);
  await page.waitForFunction((id) => location.search.includes('category=' + id), catId);
  await waitForStatus(page, '.search-page .search-status', 'a');
  const metas = await page.locator('#search-results li p.muted').allTextContents();
  assert.ok(metas.every((m) => m.startsWith(catName)), `every result in ${catName}: ${metas.join(' | ')}`);
  // The address brings the same view back.
  const again = await openPage(context, page.url());
  await waitForStatus(again.page, '.search-page .search-status', 'a');
  assert.equal(await again.page.locator('#search-cat').inputValue(), catId);
  assert.ok(await again.page.locator('input[name=kind][value=role]').isChecked());
  await again.close();
  // Everything again, then more results.
  await page.locator('input[name=kind][value=""]').check();
  await waitForStatus(page, '.search-page .search-status', 'a');
  got = await results(page, '#search-results');
  if (all > got.length) {
    await page.locator('.search-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, got.length);
    const more = await results(page, '#search-results');
    assert.deepEqual(more.slice(0, got.length), got, 'more results keep the first ones');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), BASE + more[got.length],
      'focus moves to the first new result');
  }
  await assertClean(visit, 'filters');
  await visit.close();
});

test('without JavaScript the search page says so and links to the roles and skills indexes', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  await ctx.route((u) => isOffOrigin(u.href, srv.origin), (r) => r.abort('blockedbyclient'));
  const page = await ctx.newPage();
  const res = await page.goto(`${srv.url}search/?q=python`);
  assert.equal(res.status(), 200);
  const note = page.locator('.search-nojs');
  assert.ok(await note.isVisible(), 'the no-JavaScript note is shown');
  assert.match(await note.textContent(), /needs JavaScript/);
  const hrefs = await note.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, [`${BASE}roles/`, `${BASE}skills/`]);
  assert.equal(await page.locator('.search-filters').isVisible(), false, 'no filters that cannot work');
  // The header box still submits to the search page.
  await page.goto(`${srv.url}roles/`);
  assert.equal(await page.locator('form.search-form').getAttribute('action'), `${BASE}search/`);
  await ctx.close();
});

test('no request leaves the origin; a first query reads only the index files it needs', async () => {
  const ctx = await newContext(browser, { origin: srv.origin });
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  const visit = await openPage(ctx, `${srv.url}paths/`);
  const { page } = visit;
  const before = requests.length;
  const q = cases?.find((c) => c.top && !c.q.includes(' '))?.q || 'a';
  await page.locator('#site-search').fill(q);
  await waitForStatus(page, '.search-pop .search-status', q);
  const during = requests.slice(before);
  assert.deepEqual(requests.filter((u) => isOffOrigin(u, srv.origin)), [], 'requests to another origin');
  for (const u of during) assert.ok(new URL(u).pathname.startsWith(`${BASE}search/`), `unexpected request ${u}`);
  const files = (await fsp.readdir(path.join(SITE, 'search'))).filter((f) => f !== 'index.html');
  const sizes = Object.fromEntries(await Promise.all(files.map(async (f) =>
    [f, (await fsp.stat(path.join(SITE, 'search', f))).size])));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const read = during.map((u) => sizes[path.basename(new URL(u).pathname)] || 0).reduce((a, b) => a + b, 0);
  log(`"${q}": ${during.length} of ${files.length} index files, ${read} of ${total} bytes`);
  assert.ok(during.length <= 12, `${during.length} requests for one word`);
  if (files.length > 40) assert.ok(read * 10 < total, `read ${read} of ${total} bytes`);
  await assertClean(visit, 'first query');
  await visit.close();
  await ctx.close();
});

test('axe: zero violations with results shown, light and dark, 320 and 1280 px', async () => {
  const problems = [];
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 320, height: 800 }, { width: 1280, height: 900 }]) {
      const ctx = await newContext(browser, { origin: srv.origin, colorScheme, viewport });
      const where = `${viewport.width}px ${colorScheme}`;
      const q = cases?.find((c) => c.top)?.q || 'a';
      const pageVisit = await openPage(ctx, `${srv.url}search/?q=${encodeURIComponent(q)}`);
      await waitForStatus(pageVisit.page, '.search-page .search-status', q);
      assert.ok(await pageVisit.page.locator('#search-results li').count() > 0, 'results shown');
      const headerVisit = await openPage(ctx, `${srv.url}`);
      await headerVisit.page.locator('#site-search').fill(q);
      await waitForStatus(headerVisit.page, '.search-pop .search-status', q);
      await headerVisit.page.keyboard.press('ArrowDown');
      for (const [name, v] of [['search page', pageVisit], ['header box', headerVisit]]) {
        const r = await new AxeBuilder({ page: v.page }).analyze();
        for (const x of r.violations) {
          problems.push(`${name} (${where}): ${x.id}: ${x.help}\n    ${x.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
        }
        // The results must not make the page scroll sideways on a phone.
        const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) problems.push(`${name} (${where}): scrolls sideways by ${overflow}px`);
        await assertClean(v, `${name} ${where}`);
      }
      await ctx.close();
    }
  }
  assert.deepEqual(problems, [], '\n' + problems.join('\n'));
});
