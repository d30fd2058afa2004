// What a person meets on any page, measured in Chromium: target sizes (PRODUCT.md section 3:
// at least 24 x 24 px, links inside sentences aside; 44 px for the main navigation on phones),
// a compact header on phones, the roles index's one filter bar (empty state, reset, sort by pay),
// the 404 page's ways in, and the print style of role pages. Data-independent: it runs on any
// built site, e.g. LADDER_SITE=DIR LADDER_BASE=/sub/ node --test design.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { SITE, BASE, server, browser, useBuiltSite } from './lib/built-site.mjs';
import { newContext, openPage } from './lib/browser.mjs';
import { listPages, pageFile } from './lib/pages.mjs';

const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 900 };
/** The header's height on a 375 px phone, at most. */
const HEADER_MAX = 90;

useBuiltSite();

async function withPage(viewport, url, fn, { colorScheme = 'light' } = {}) {
  const context = await newContext(browser, { viewport, colorScheme, origin: new URL(server.url).origin });
  const visit = await openPage(context, url);
  try {
    return await fn(visit.page, visit);
  } finally {
    await visit.close();
    await context.close();
  }
}

const url = (p) => new URL(p, server.url).href;

/** Up to three pages of each kind (the path with its ids replaced by `*`: first, middle and
 * last), plus a missing address. */
async function samplePages() {
  const kinds = new Map();
  for (const p of await listPages(SITE, BASE)) {
    // Redirect pages (for `redirect_from`) move on by themselves: their target is sampled.
    if (/http-equiv="refresh"/i.test(fs.readFileSync(pageFile(SITE, BASE, p), 'utf8'))) continue;
    const rest = p.slice(BASE.length).split('/');
    const kind = rest.map((s, i) => (i === 1 && s ? '*' : s)).join('/');
    if (!kinds.has(kind)) kinds.set(kind, []);
    kinds.get(kind).push(p);
  }
  const out = [];
  for (const list of kinds.values()) out.push(...new Set([list[0], list[list.length >> 1], list[list.length - 1]]));
  return [...out, `${BASE}__no_such_page__/deep/`];
}

/** Runs in the page: every visible link, button and form control smaller than 24 x 24 px,
 * except links in a sentence (an inline <a> whose paragraph, list item or cell has words of its
 * own, in its line of text, besides its links). */
function smallTargets(svg) {
  const words = /[\p{L}\p{N}]/u;
  const blocks = 'p, li, dd, dt, td, th, figcaption, blockquote, caption, label, legend';
  // Words in the block's own line of text: its text and inline elements other than links (a
  // paragraph under a link, as in a card or a search result, does not make the link inline).
  const ownWords = (block) => [...block.childNodes].some((n) => n.nodeType === Node.TEXT_NODE
    ? words.test(n.textContent)
    : n.nodeType === Node.ELEMENT_NODE && n.localName !== 'a' && getComputedStyle(n).display.startsWith('inline') &&
      words.test(n.textContent));
  const out = [];
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || r.right <= 0) continue;
    if (el.closest('.visually-hidden')) continue;
    if (Boolean(el.closest('svg')) !== svg) continue;
    if (el.localName === 'a' && cs.display === 'inline' && el.closest(blocks) && ownWords(el.closest(blocks))) continue;
    if (r.width < 24 || r.height < 24) {
      out.push(`${el.outerHTML.slice(0, 90)} is ${r.width.toFixed(1)} x ${r.height.toFixed(1)}`);
    }
  }
  return out;
}

async function targetProblems(svg) {
  const problems = [];
  const pages = await samplePages();
  for (const viewport of [PHONE, LAPTOP]) {
    const context = await newContext(browser, { viewport, origin: new URL(server.url).origin });
    const page = await context.newPage();
    try {
      for (const p of pages) {
        await page.goto(url(p));
        for (const s of await page.evaluate(smallTargets, svg)) problems.push(`${p} at ${viewport.width} px: ${s}`);
      }
    } finally {
      await context.close();
    }
  }
  return problems;
}

test('every target is at least 24 x 24 px (links in sentences aside), on a phone and a laptop', async () => {
  const problems = await targetProblems(false);
  assert.ok(problems.length === 0, `${problems.length} targets under 24 x 24 px:\n${problems.slice(0, 40).join('\n')}`);
});

// Links inside charts: a pay chart's row labels (src/render/chart.rs puts a transparent box of at
// least 24 x 24 px behind the words) and a path diagram's steps.
test('links inside charts are at least 24 x 24 px', async () => {
  const problems = await targetProblems(true);
  assert.ok(problems.length === 0, `${problems.length} chart links under 24 x 24 px:\n${problems.slice(0, 10).join('\n')}`);
});

test('on a phone the header is compact and the main navigation targets are 44 px tall', async () => {
  await withPage(PHONE, url(BASE), async (page) => {
    const header = await page.$eval('header', (h) => h.getBoundingClientRect().height);
    assert.ok(header <= HEADER_MAX, `the header is ${header} px tall on a 375 px phone (at most ${HEADER_MAX})`);
    const nav = await page.$$eval('nav[aria-label="Main"] a', (as) => as.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent, w: r.width, h: r.height };
    }));
    assert.ok(nav.length >= 3, 'the main navigation has links');
    for (const n of nav) assert.ok(n.h >= 44 && n.w >= 44, `nav link "${n.text}" is ${n.w} x ${n.h}`);
    // Every main navigation link is reachable by keyboard and shows where focus is.
    const last = nav.length;
    await page.focus('nav[aria-label="Main"] a');
    for (let i = 1; i < last; i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      const cs = getComputedStyle(a);
      return { text: a.textContent, inView: r.left >= 0 && r.right <= innerWidth, outline: cs.outlineStyle, ow: parseFloat(cs.outlineWidth) };
    });
    assert.equal(focused.text, nav[last - 1].text, 'Tab walks the navigation in order');
    assert.ok(focused.inView, 'the focused navigation link is scrolled into view');
    assert.ok(focused.outline !== 'none' && focused.ow >= 2, `focus ring: ${focused.outline} ${focused.ow}px`);
  });
});

test('the header shows the site name; the footer links the About page where there is one', async () => {
  const about = fs.existsSync(path.join(SITE, 'guides', 'about', 'index.html'));
  await withPage(LAPTOP, url(`${BASE}roles/`), async (page) => {
    const brand = await page.$eval('header .brand', (a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') }));
    assert.equal(brand.href, BASE);
    assert.ok(brand.text.length > 0);
    const footerLinks = await page.$$eval('footer a', (as) => as.map((a) => a.getAttribute('href')));
    if (about) assert.ok(footerLinks.includes(`${BASE}guides/about/`), `footer links: ${footerLinks}`);
  });
});

// -- roles index ---------------------------------------------------------------------------------

const shownCards = (page) => page.$$eval('main .card', (cs) => cs.filter((c) => c.offsetParent !== null).map((c) => ({
  title: c.querySelector('a').textContent, pay: c.dataset.payKey || '',
})));

test('roles index: one filter bar with JavaScript; an empty result offers a reset that brings every role back', async () => {
  await withPage(PHONE, url(`${BASE}roles/`), async (page, { rec }) => {
    assert.equal(await page.isVisible('#role-filter'), true);
    assert.equal(await page.isVisible('.filter-links'), false, 'the links the filter bar replaces are hidden');
    const all = (await shownCards(page)).length;
    // The first card is in the first screen of a phone.
    const top = await page.$eval('main .card', (c) => c.getBoundingClientRect().top + scrollY);
    assert.ok(top < PHONE.height, `the first role card starts at ${top} px`);
    // Find a combination of filters that no role matches.
    const empty = await page.evaluate(() => {
      const values = (id) => [...document.getElementById(id).options].map((o) => o.value);
      for (const c of values('f-category')) for (const i of values('f-industry')) for (const p of values('f-pay')) {
        const n = [...document.querySelectorAll('main .card')].filter((card) =>
          (!c || card.dataset.category === c) && (!i || card.dataset.industries.split(' ').includes(i)) &&
          (!p || card.dataset.pay.split(' ').includes(p))).length;
        if (n === 0) return [c, i, p];
      }
      return null;
    });
    assert.ok(empty, 'some combination of category, industry and pay matches no role');
    await page.selectOption('#f-category', empty[0]);
    await page.selectOption('#f-industry', empty[1]);
    await page.selectOption('#f-pay', empty[2]);
    assert.equal((await shownCards(page)).length, 0);
    assert.equal(await page.isVisible('#filter-empty'), true, 'the empty state shows');
    assert.match(await page.textContent('#filter-empty'), /No roles match/);
    await page.click('#filter-empty button');
    assert.equal((await shownCards(page)).length, all, 'reset shows every role again');
    assert.equal(await page.isVisible('#filter-empty'), false);
    for (const id of ['f-category', 'f-industry', 'f-pay']) assert.equal(await page.$eval(`#${id}`, (s) => s.value), '');
    assert.equal(new URL(page.url()).search, '', 'the address loses the filters');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-category', 'focus goes back to the filters');
    assert.deepEqual(rec.cspViolations, []);
    assert.deepEqual(rec.pageErrors, []);
  });
});

test('roles index: sort by pay puts annual figures first, highest first, then hourly, then roles with none', async () => {
  await withPage(LAPTOP, url(`${BASE}roles/`), async (page) => {
    const before = await shownCards(page);
    await page.selectOption('#f-sort', 'pay');
    const sorted = await shownCards(page);
    assert.equal(sorted.length, before.length, 'sorting keeps every role');
    // The key is "BASIS CURRENCY FIGURE" (empty: no figure): annual, then hourly, then none;
    // then by currency; then the highest figure first.
    const rank = (k) => { const [basis, cur = '', v = 0] = k.split(' '); return [['annual', 'hourly'].indexOf(basis) >>> 0, cur, -Number(v)]; };
    const cmp = (a, b) => (a[0] - b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] - b[2]);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(cmp(rank(sorted[i - 1].pay), rank(sorted[i].pay)) <= 0, `${sorted[i - 1].title} (${sorted[i - 1].pay}) before ${sorted[i].title} (${sorted[i].pay})`);
    }
    assert.ok(sorted.some((c) => c.pay), 'cards carry a pay key');
    assert.match(page.url(), /[?&]sort=pay/);
    await page.reload();
    assert.equal(await page.$eval('#f-sort', (s) => s.value), 'pay', 'the sort survives a reload');
    assert.deepEqual((await shownCards(page)).map((c) => c.title), sorted.map((c) => c.title));
    await page.selectOption('#f-sort', '');
    assert.deepEqual((await shownCards(page)).map((c) => c.title), before.map((c) => c.title), 'back to the grouped order');
  });
});

// -- 404 and print -------------------------------------------------------------------------------

test('the 404 page has a search form and the main ways in', async () => {
  await withPage(PHONE, url(`${BASE}__no_such_page__/deep/`), async (page, { status }) => {
    assert.equal(status, 404);
    const form = await page.$eval('main form[role="search"]', (f) => ({
      action: f.getAttribute('action'), input: f.querySelector('input[name="q"]') !== null,
    }));
    assert.equal(form.action, `${BASE}search/`);
    assert.ok(form.input);
    const links = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
    for (const p of ['roles/', 'paths/', 'pay/', 'guides/']) assert.ok(links.includes(`${BASE}${p}`), `404 links ${p}: ${links}`);
    if (fs.existsSync(path.join(SITE, 'quiz', 'index.html'))) assert.ok(links.includes(`${BASE}quiz/`));
    await page.fill('main input[name="q"]', 'a');
    await Promise.all([page.waitForURL(/\/search\/\?q=a$/), page.press('main input[name="q"]', 'Enter')]);
  });
});

test('a role page prints with its address and without navigation, search or footer', async () => {
  const role = fs.readdirSync(path.join(SITE, 'roles'), { withFileTypes: true }).find((d) => d.isDirectory()).name;
  await withPage(LAPTOP, url(`${BASE}roles/${role}/`), async (page) => {
    const canonical = await page.$eval('link[rel="canonical"]', (l) => l.href);
    assert.equal(await page.isVisible('.print-url'), false, 'the printed address is for paper only');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.print-url'), true);
    assert.match(await page.textContent('.print-url'), new RegExp(canonical.replace(/[.?+*()[\]\\]/g, '\\$&')));
    for (const sel of ['header', 'footer', 'nav[aria-label="Breadcrumb"]', 'form[role="search"]']) {
      assert.equal(await page.isVisible(sel), false, `${sel} is not printed`);
    }
  });
});
