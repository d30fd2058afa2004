// The roles index filters (category, industry, pay) in a real browser, and the page without
// JavaScript. Runs on any built site: LADDER_SITE=DIR LADDER_BASE=/sub/ node --test roles-filter.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { SITE, BASE, server, browser, useBuiltSite } from './lib/built-site.mjs';
import { newContext, openPage } from './lib/browser.mjs';


useBuiltSite();

const visibleCards = (page) =>
  page.$$eval('.role-group .card', (cards) => cards.filter((c) => !c.hidden && c.offsetParent !== null).map((c) => ({
    category: c.dataset.category, industries: c.dataset.industries.split(' '), pay: c.dataset.pay.split(' '),
  })));

test('category, industry and pay filters narrow the list, count it, and survive a reload', async () => {
  const context = await newContext(browser, { origin: new URL(server.url).origin });
  const { page, rec, close } = await openPage(context, `${server.url}roles/`);
  try {
    assert.equal(await page.isVisible('#role-filter'), true, 'the filter form appears with JavaScript');
    const all = await visibleCards(page);
    assert.ok(all.length >= 2, 'the site has roles to filter');
    const category = await page.$eval('#f-category option:nth-child(2)', (o) => o.value);
    await page.selectOption('#f-category', category);
    const inCategory = await visibleCards(page);
    assert.ok(inCategory.length > 0 && inCategory.length < all.length, `filtering by ${category} narrows the list`);
    assert.ok(inCategory.every((c) => c.category === category));
    assert.match(await page.textContent('#filter-count'), new RegExp(`^${inCategory.length} roles?$`));
    assert.match(page.url(), new RegExp(`\\?category=${category}$`));
    // The choice survives a reload (the address carries it).
    await page.reload();
    assert.equal(await page.$eval('#f-category', (s) => s.value), category);
    assert.equal((await visibleCards(page)).length, inCategory.length);
    // Industry and pay combine with the category.
    await page.selectOption('#f-category', '');
    const industry = await page.$eval('#f-industry option:nth-child(2)', (o) => o.value);
    await page.selectOption('#f-industry', industry);
    const inIndustry = await visibleCards(page);
    assert.ok(inIndustry.length > 0 && inIndustry.every((c) => c.industries.includes(industry)));
    await page.selectOption('#f-industry', '');
    await page.selectOption('#f-pay', 'hourly');
    const hourly = await visibleCards(page);
    assert.ok(hourly.every((c) => c.pay.includes('hourly')));
    // Empty groups are hidden with their heading.
    const hiddenGroups = await page.$$eval('.role-group', (g) => g.filter((x) => x.hidden).length);
    const groupsWithMatches = new Set(hourly.map((c) => c.category)).size;
    const groups = await page.$$eval('.role-group', (g) => g.length);
    assert.equal(groups - hiddenGroups, groupsWithMatches);
    assert.deepEqual(rec.cspViolations, [], 'no CSP violation');
    assert.deepEqual(rec.pageErrors, []);
  } finally {
    await close();
    await context.close();
  }
});

test('without JavaScript the roles index still reads and filters through category pages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}roles/`);
    assert.equal(await page.isVisible('#role-filter'), false, 'the script-only form stays hidden');
    const cards = await page.$$eval('.role-group .card', (c) => c.length);
    assert.ok(cards >= 2, 'every role is listed');
    const catLink = await page.$eval('.filter-links a', (a) => a.getAttribute('href'));
    assert.ok(catLink.startsWith(`${BASE}categories/`), `category links carry the base path: ${catLink}`);
    const res = await page.goto(new URL(catLink, server.url).href);
    assert.equal(res.status(), 200);
    assert.ok((await page.$$eval('.card', (c) => c.length)) >= 1);
  } finally {
    await context.close();
  }
});
