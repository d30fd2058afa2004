// Wage tables in a real browser (issue 14): the tile map's legend, the table of states sorted by
// keyboard, the state filter of /roles/ID/pay/ (and both pages without JavaScript), and axe on the
// role page, its area page and /pay/ in light and dark at 320 and 1280 px, with no CSP violation.
// Runs on any built site; a site without wage tables (the engine's tests/fixture) skips cleanly:
//   LADDER_SITE=DIR LADDER_BASE=/sub/ node --test wages.test.mjs

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { AxeBuilder } from '@axe-core/playwright';

import { serve, normaliseBase } from './lib/server.mjs';
import { launchBrowser, newContext, openPage } from './lib/browser.mjs';

const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
const BASE = normaliseBase(process.env.LADDER_BASE || '/');

/** The first role (by id) whose page has a tile map, or null on a site without wage tables. */
function roleWithWages() {
  const dir = path.join(SITE, 'roles');
  if (!fs.existsSync(dir)) return null;
  for (const id of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, id, 'index.html');
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('<svg class="wm"')
      && fs.existsSync(path.join(dir, id, 'pay', 'index.html'))) return id;
  }
  return null;
}

let server;
let browser;
let role = null;

before(async () => {
  assert.ok(SITE, 'LADDER_SITE is not set: point it at a built site folder');
  role = roleWithWages();
  if (!role) return;
  server = await serve(SITE, { basePath: BASE });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const url = (rel) => `${server.url}${rel}`;

/** Open a page in a fresh context; `fn(page, rec)`; no page error, console error or CSP event. */
async function withPage(rel, fn, opts = {}) {
  const context = await newContext(browser, { origin: new URL(server.url).origin, ...opts });
  const { page, rec, close } = await openPage(context, url(rel));
  try {
    await fn(page);
    assert.deepEqual(rec.cspViolations, [], 'no CSP violation');
    assert.deepEqual(rec.pageErrors, [], 'no page error');
    assert.deepEqual(rec.consoleErrors, [], 'no console error');
  } finally {
    await close();
    await context.close();
  }
}

/** A cell's figure as the sort script reads it; NaN for "not published". */
const figure = (t) => {
  const m = t.replace(/,/g, '').match(/\d+(\.\d+)?/);
  return m ? parseFloat(m[0]) + (/or more/.test(t) ? 0.001 : 0) : NaN;
};

/** WCAG contrast ratio of two computed colours ("rgb(r, g, b)"). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const colorScheme of ['light', 'dark']) {
  // axe does not judge text inside SVG: measure the map's text against what it is drawn on.
  test(`the tile map's text is legible in ${colorScheme}`, async (t) => {
    if (!role) return t.skip('no role page with wage tables on this site');
    await withPage(`roles/${role}/`, async (page) => {
      const pairs = await page.locator('svg.wm').first().evaluate((svg) => {
        const bg = getComputedStyle(document.body).backgroundColor;
        const out = [];
        for (const g of svg.querySelectorAll('g[role="img"]')) {
          out.push([g.querySelector('title').textContent, getComputedStyle(g.querySelector('text')).fill, getComputedStyle(g.querySelector('rect')).fill === 'none' ? bg : getComputedStyle(g.querySelector('rect')).fill]);
        }
        for (const x of svg.querySelectorAll('text.wm-cap')) out.push([x.textContent, getComputedStyle(x).fill, bg]);
        return out;
      });
      for (const [what, fg, bg] of pairs) {
        assert.ok(contrast(fg, bg) >= 4.5, `${what}: ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
      }
    }, { colorScheme });
  });
}

test('the tile map has a legend that names each shade and the mark for no figure', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  await withPage(`roles/${role}/`, async (page) => {
    const map = page.locator('svg.wm').first();
    assert.equal(await map.isVisible(), true);
    const tiles = await map.locator('g[role="img"]').evaluateAll((gs) => gs.map((g) => ({
      cls: g.getAttribute('class'), title: g.querySelector('title').textContent,
    })));
    assert.ok(tiles.length >= 51, 'a square for every state and DC');
    const legend = await map.locator('.wm-legend g').evaluateAll((gs) => gs.map((g) => ({
      cls: g.getAttribute('class'), text: g.nextElementSibling.textContent,
    })));
    // Every shade used on the map is in the legend, with a range of figures; and the mark for
    // "not published".
    for (const cls of new Set(tiles.map((x) => x.cls))) {
      assert.ok(legend.some((l) => l.cls === cls), `the legend shows ${cls}`);
    }
    for (const l of legend) {
      if (l.cls === 'wm-np') assert.match(l.text, /^not published/);
      else assert.match(l.text, /^\$[\d,.]+( to \$[\d,.]+| or more)?$/, `a range for ${l.cls}`);
    }
    assert.ok(legend.some((l) => l.cls === 'wm-np'));
    // Each square is named by its state and figure, never a bare top code.
    for (const x of tiles) assert.match(x.title, /^[A-Z][A-Za-z .]+: (\$[\d,.]+( or more)?|not published|not given|not in the table)$/);
    // Shades differ: at least two distinct fills when the map has two figures.
    const fills = await map.locator('g[role="img"] rect').evaluateAll((rs) => [...new Set(rs.map((r) => getComputedStyle(r).fill))]);
    assert.ok(fills.length >= Math.min(2, new Set(tiles.map((x) => x.cls)).size), 'the shades are drawn');
  });
});

test('the table of states sorts by keyboard, with aria-sort', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  await withPage(`roles/${role}/`, async (page) => {
    const details = page.locator('details.wage-states').first();
    await details.locator('summary').click();
    const table = details.locator('table[data-sortable]');
    const header = table.locator('thead th').nth(3);
    const button = header.locator('button');
    assert.match(await button.textContent(), /Annual median/);
    const column = () => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.cells[3].textContent.trim()));
    const before = await column();
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const up = (await column()).map(figure);
    const shown = up.filter((x) => !Number.isNaN(x));
    assert.deepEqual(shown, [...shown].sort((a, b) => a - b), 'ascending');
    assert.ok(up.slice(shown.length).every(Number.isNaN), '"not published" last');
    await page.keyboard.press('Space');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const down = (await column()).map(figure).filter((x) => !Number.isNaN(x));
    assert.deepEqual(down, [...down].sort((a, b) => b - a), 'descending');
    assert.equal((await column()).length, before.length, 'no row lost');
    // Another column takes over the sort; names sort as text.
    const name = table.locator('thead th').first();
    await name.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await name.getAttribute('aria-sort'), 'ascending');
    assert.equal(await header.getAttribute('aria-sort'), null);
    const names = await table.locator('tbody th').evaluateAll((c) => c.map((x) => x.textContent.trim()));
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  });
});

test('/roles/ID/pay/ filters areas by state and announces the count', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  await withPage(`roles/${role}/pay/`, async (page) => {
    assert.equal(await page.isVisible('#area-filter'), true, 'the filter appears with JavaScript');
    assert.equal(await page.getAttribute('#area-count', 'role'), 'status', 'a live region');
    const visible = () => page.locator('table.area-table tbody tr').evaluateAll((rows) => rows
      .filter((r) => !r.hidden).map((r) => ({ title: r.cells[0].textContent.trim(), state: r.cells[2].textContent.trim() })));
    const all = await visible();
    const total = await page.locator('table.area-table tbody tr').count();
    assert.equal(all.length, total);
    const state = (await page.$$eval('#area-state option', (os) => os.map((o) => o.value))).includes('CA')
      ? 'CA' : await page.$eval('#area-state option:nth-child(2)', (o) => o.value);
    await page.selectOption('#area-state', state);
    const some = await visible();
    assert.ok(some.length > 0 && some.length < total, `filtering by ${state} narrows the list`);
    for (const a of some) {
      assert.ok(a.state === state || a.title.split(', ').pop().split('-').includes(state), `${a.title} is in ${state}`);
    }
    const name = await page.$eval('#area-state', (s) => s.options[s.selectedIndex].text);
    assert.equal(await page.textContent('#area-count'), `Showing ${some.length} of ${total} areas in ${name}.`);
    await page.selectOption('#area-state', '');
    assert.equal((await visible()).length, total);
    assert.equal(await page.textContent('#area-count'), `Showing ${total} of ${total} areas.`);
  });
});

test('on a phone, a wide table scrolls under its caption, which stays whole and in view', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  await withPage(`roles/${role}/pay/`, async (page) => {
    const boxes = () => page.$$eval('.table-wrap', (wraps) => wraps
      .filter((w) => w.querySelector('caption') && w.scrollWidth > w.clientWidth)
      .map((w) => {
        const c = w.querySelector('caption').getBoundingClientRect();
        const r = w.getBoundingClientRect();
        return { wrap: [r.left, r.right], caption: [c.left, c.right], text: w.querySelector('caption').textContent.trim() };
      }));
    const before = await boxes();
    assert.ok(before.length > 0, 'a table wider than the phone');
    for (const b of before) {
      assert.ok(b.caption[0] >= b.wrap[0] - 1 && b.caption[1] <= b.wrap[1] + 1, `caption "${b.text}" within the visible width: ${JSON.stringify(b)}`);
    }
    await page.$$eval('.table-wrap', (wraps) => wraps.forEach((w) => { w.scrollLeft = w.scrollWidth; }));
    for (const b of await boxes()) {
      assert.ok(b.caption[0] >= b.wrap[0] - 1 && b.caption[1] <= b.wrap[1] + 1, `caption "${b.text}" still in view with the table scrolled: ${JSON.stringify(b)}`);
    }
  }, { viewport: { width: 375, height: 800 } });
});

test('without JavaScript both pages are complete and show no dead control', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url(`roles/${role}/pay/`));
    assert.equal(await page.isVisible('#area-filter'), false, 'the filter stays hidden');
    const html = fs.readFileSync(path.join(SITE, 'roles', role, 'pay', 'index.html'), 'utf8');
    assert.equal(await page.locator('table.area-table tbody tr:visible').count(), (html.match(/<tr><th scope="row">/g) || []).length);
    await page.goto(url(`roles/${role}/`));
    assert.equal(await page.locator('table[data-sortable] button').count(), 0, 'no sort button without its script');
    assert.ok(await page.locator('table[data-sortable] tbody tr').count() > 0);
  } finally {
    await context.close();
  }
});

test('axe finds no violation on the wage pages in light and dark at 320 and 1280 px', async (t) => {
  if (!role) return t.skip('no role page with wage tables on this site');
  const pages = [`roles/${role}/`, `roles/${role}/pay/`, 'pay/'];
  const problems = [];
  for (const width of [320, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      for (const rel of pages) {
        await withPage(rel, async (page) => {
          // Open the tables of states and give the sort script's buttons a state to check.
          await page.$$eval('details.wage-states', (ds) => ds.forEach((d) => { d.open = true; }));
          if (await page.locator('table[data-sortable] button').count()) await page.locator('table[data-sortable] button').nth(3).click();
          const r = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
          for (const v of r.violations) {
            problems.push(`${rel} ${width} ${colorScheme}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
          if (overflow) problems.push(`${rel} ${width} ${colorScheme}: scrolls sideways`);
        }, { viewport: { width, height: 800 }, colorScheme });
      }
    }
  }
  assert.deepEqual(problems, []);
});
