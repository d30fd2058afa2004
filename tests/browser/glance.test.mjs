// Issue 15, items 1-3 in a real browser: the role at a glance in the first screen of a phone,
// /compare/ from its address (and again after a reload), by keyboard, and without JavaScript;
// axe on home, a role and compare in light and dark at 320 and 1280 px. Data-independent: the
// roles come from the site's roles.json, so it runs on any built site.
//
//   LADDER_SITE=/tmp/site LADDER_BASE=/sub/ node --test glance.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';

import { serve, normaliseBase } from './lib/server.mjs';
import { launchBrowser, newContext, openPage } from './lib/browser.mjs';

const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
const BASE = normaliseBase(process.env.LADDER_BASE || '/');
const PHONE = { width: 375, height: 812 };
/** Role pages measured on a phone, at most (the default site has 30). */
const MAX_ROLES = 60;

let srv;
let browser;
let roles = []; // [{ id, title }] from roles.json, in its order

before(async () => {
  assert.ok(SITE, 'LADDER_SITE is not set: LADDER_SITE=/tmp/site node --test glance.test.mjs');
  srv = await serve(SITE, { basePath: BASE });
  browser = await launchBrowser();
  const json = JSON.parse(await fsp.readFile(path.join(SITE, 'roles.json'), 'utf8'));
  roles = json.roles.map((r) => ({ id: r.id, title: r.title }));
  assert.ok(roles.length >= 2, 'the site has two roles to compare');
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Nothing went wrong on the page: no CSP violation, no error. */
async function assertClean(visit, what) {
  const csp = await visit.page.evaluate(() => window.__cspViolations || []);
  assert.deepEqual(csp, [], `${what}: CSP violations`);
  assert.deepEqual(visit.rec.pageErrors, [], `${what}: uncaught errors`);
  assert.deepEqual(visit.rec.offOrigin, [], `${what}: requests to another origin`);
}

test('on a 375 x 812 phone, every role page shows its pay headline inside the first screen', async () => {
  const ctx = await newContext(browser, { viewport: PHONE, origin: srv.origin });
  const page = await ctx.newPage();
  const late = [];
  try {
    for (const r of roles.slice(0, MAX_ROLES)) {
      await page.goto(`${srv.url}roles/${r.id}/`);
      const box = await page.$eval('#glance-pay', (e) => {
        const b = e.getBoundingClientRect();
        return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, text: e.textContent };
      });
      assert.match(box.text, /\S/, `${r.id}: the pay box says something`);
      if (box.top < 0 || box.bottom > PHONE.height || box.left < 0 || box.right > PHONE.width) {
        late.push(`${r.id}: pay box at ${Math.round(box.top)}-${Math.round(box.bottom)} px`);
      }
      // The rest of the glance follows the pay box, and the sections come after it.
      const order = await page.evaluate(() => {
        const y = (sel) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
        return { glance: y('.glance'), pay: y('#pay'), what: y('#what') };
      });
      assert.ok(order.glance < order.pay && order.pay < order.what, `${r.id}: glance, then pay, then what they do`);
    }
  } finally {
    await ctx.close();
  }
  assert.deepEqual(late, [], 'pay headline outside the first phone screen:\n' + late.join('\n'));
});

const compareUrl = (ids) => `${srv.url}compare/?roles=${ids.join(',')}`;

/** The side-by-side table as a person reads it (once the roles' facts have arrived): column
 * headers, row headers, cell text. */
const readTable = async (page) =>
  (await page.waitForSelector('#compare-table')).evaluate((t) => ({
    cols: [...t.querySelectorAll('thead th[scope=col]')].map((th) => th.textContent.trim()),
    rows: [...t.querySelectorAll('tbody th[scope=row]')].map((th) => th.textContent.trim()),
    cells: [...t.querySelectorAll('tbody td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
    caption: t.caption?.textContent ?? '',
  }));

test('/compare/?roles=A,B shows both roles side by side, and the same after a reload', async () => {
  const [a, b] = roles;
  const ctx = await newContext(browser, { origin: srv.origin });
  const v = await openPage(ctx, compareUrl([a.id, b.id]));
  try {
    const first = await readTable(v.page);
    assert.deepEqual(first.cols, [a.title, b.title], 'a column for each role, headed by its title');
    for (const row of ['Pay', 'To start', 'How the work is arranged', 'Skills in common', 'Skills to learn (not in common)', 'Paths', 'Outlook']) {
      assert.ok(first.rows.includes(row), `a row headed "${row}": ${first.rows}`);
    }
    assert.equal(first.cells.length, first.rows.length * 2, 'a cell per role in every row');
    assert.match(first.caption, new RegExp(`Comparing ${a.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.deepEqual(await v.page.$$eval('#compare-pickers select', (s) => s.map((x) => x.value)), [a.id, b.id, '', '']);
    await v.page.reload();
    assert.deepEqual(await readTable(v.page), first, 'the address brings back the same comparison');
    // Unknown ids are named, not silently dropped; the known ones still show.
    await v.page.goto(compareUrl([a.id, 'no-such-role', b.id]));
    assert.deepEqual((await readTable(v.page)).cols, [a.title, b.title]);
    assert.match(await v.page.textContent('#compare-status'), /no-such-role/);
    await assertClean(v, 'compare');
  } finally {
    await v.close();
    await ctx.close();
  }
});

test('/compare/ works from the keyboard: Tab to the role pickers, arrows choose, the address follows', async () => {
  const ctx = await newContext(browser, { origin: srv.origin });
  const v = await openPage(ctx, `${srv.url}compare/`);
  const { page } = v;
  try {
    assert.equal(await page.$('#compare-table'), null, 'nothing chosen yet');
    // Tab from the top of the page reaches the first picker.
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'compare-role-1') {
      await page.keyboard.press('Tab');
      assert.ok(++tabs < 60, 'Tab reaches the first role picker');
    }
    assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent), 'Role 1', 'the picker has a label');
    await page.keyboard.press('ArrowDown'); // the first role
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // the second role
    await page.waitForFunction(() => document.querySelectorAll('#compare-table thead th[scope=col]').length === 2);
    assert.deepEqual((await readTable(page)).cols, [roles[0].title, roles[1].title]);
    assert.equal(new URL(page.url()).search, `?roles=${roles[0].id},${roles[1].id}`, 'a shareable address');
    // The table scrolls sideways as a focusable, named region.
    const region = await page.$eval('#compare-out .table-wrap', (e) => [e.tabIndex, e.getAttribute('role'), e.getAttribute('aria-label')]);
    assert.deepEqual(region, [0, 'region', 'Roles compared']);
    await assertClean(v, 'compare by keyboard');
  } finally {
    await v.close();
    await ctx.close();
  }
});

test('without JavaScript, /compare/ is a table of every role', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  try {
    await page.goto(compareUrl([roles[0].id, roles[1].id]));
    assert.equal(await page.isVisible('#compare-form'), false, 'the script-only pickers stay hidden');
    const rows = await page.$$eval('#compare-all tbody th[scope=row]', (th) => th.map((x) => x.textContent.trim()));
    assert.deepEqual(rows, roles.map((r) => r.title), 'a row for every role, headed by its title');
  } finally {
    await ctx.close();
  }
});

test('axe finds nothing on home, a role and a comparison, light and dark, 320 and 1280 px', async () => {
  const problems = [];
  const pages = { home: srv.url, role: `${srv.url}roles/${roles[0].id}/`, compare: compareUrl(roles.slice(0, 3).map((r) => r.id)) };
  for (const width of [320, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      const ctx = await newContext(browser, { viewport: { width, height: 900 }, colorScheme, origin: srv.origin });
      for (const [name, url] of Object.entries(pages)) {
        const v = await openPage(ctx, url);
        await v.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const r = await new AxeBuilder({ page: v.page }).analyze();
        for (const x of r.violations) {
          problems.push(`${name} (${width} ${colorScheme}): ${x.id}: ${x.help}\n    ${x.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
        }
        const overflow = await v.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) problems.push(`${name} (${width} ${colorScheme}): scrolls sideways by ${overflow}px`);
        await assertClean(v, `${name} ${width} ${colorScheme}`);
        await v.close();
      }
      await ctx.close();
    }
  }
  assert.deepEqual(problems, [], '\n' + problems.join('\n'));
});
