// Pay charts in headless Chromium (PRODUCT.md section 3, "Charts and diagrams"), on one built site:
//
//   LADDER_SITE=/tmp/site LADDER_BASE=/ node --test charts.test.mjs
//
// Any site with pay figures: on a role page with a chart and on the pay overview, every chart has a
// key naming exactly the kinds of mark it draws, a data table with one row per figure (reachable
// without JavaScript), is one drawing that fills the width of its container at 375 and 1280 px
// (no 480 px cap) with text of the same size at both; links to sources (in lists and under bands)
// are 24 px tall. On those pages and a role's wage charts, at 320, 375 and 1280 px, no text of a
// chart overlaps another text or a mark, and none leaves the chart.
// LADDER_SHOTS=folder also saves screenshots of both pages at 375 and 1280 px.
//
// With LADDER_SITE unset every test here FAILS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { SITE, BASE, server, browser, useBuiltSite } from './lib/built-site.mjs';
import { newContext, openPage } from './lib/browser.mjs';

const SHOTS = process.env.LADDER_SHOTS || null;

useBuiltSite();

/** The first role page (by folder name) that has a pay chart. */
function roleWithChart() {
  const dir = path.join(SITE, 'roles');
  for (const id of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, id, 'index.html');
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('<figure class="chart pay-chart">')) return `roles/${id}/`;
  }
  return null;
}

/** Which legend entry (data-mark) each class of mark stands for. */
const MARKS = `(el) => {
  const c = el.classList;
  if (c.contains('ch-mean')) return 'mean';
  if (c.contains('ch-dot')) return 'single';
  if (c.contains('ch-bar')) return c.contains('approx') ? 'around' : 'range';
  if (c.contains('ch-open') || c.contains('ch-arrow')) return 'or-more';
  if (c.contains('ch-upto')) return 'up-to';
  if (c.contains('ch-box')) return 'middle-half';
  if (c.contains('ch-whisker')) return 'whiskers';
  if (c.contains('ch-median')) return 'median';
  return null;
}`;

/** Every chart on the page as the reader sees it at this width. */
async function charts(page) {
  return page.evaluate((marksSrc) => {
    const kindOf = eval(marksSrc);
    return [...document.querySelectorAll('figure.chart.pay-chart')].map((fig) => {
      const drawings = fig.querySelectorAll('svg.ch:not(.ch-key)');
      const svg = drawings[0];
      const drawn = new Set();
      const approx = new Set();
      for (const el of svg ? svg.querySelectorAll('[class]') : []) {
        const k = kindOf(el);
        if (k) drawn.add(k);
        if (el.classList.contains('approx')) approx.add('around');
      }
      for (const a of approx) drawn.add(a);
      const figW = fig.getBoundingClientRect().width;
      const texts = svg ? [...svg.querySelectorAll('.ch-tick, .ch-val, .ch-label')] : [];
      const ticks = texts.map((t) => t.getBoundingClientRect().height);
      return {
        heading: fig.querySelector('figcaption')?.textContent,
        drawings: drawings.length,
        fontSizes: [...new Set(texts.map((t) => getComputedStyle(t).fontSize))].sort(),
        svgWidth: svg ? svg.getBoundingClientRect().width : 0,
        figWidth: figW,
        minText: Math.min(...ticks),
        drawn: [...drawn].sort(),
        legend: [...fig.querySelectorAll('.ch-legend li')].map((li) => li.dataset.mark).sort(),
        legendText: [...fig.querySelectorAll('.ch-legend li')].map((li) => li.textContent.trim()),
        values: svg ? svg.querySelectorAll('.ch-val').length : 0,
        tableRows: fig.querySelectorAll('details.ch-data table tbody tr').length,
        caption: fig.querySelector('details.ch-data table caption')?.textContent,
        cells: [...fig.querySelectorAll('details.ch-data td')].map((td) => td.textContent),
        desc: svg?.querySelector('desc')?.textContent || '',
      };
    });
  }, MARKS);
}

for (const [name, where] of [['a role page', roleWithChart], ['the pay overview', () => 'pay/']]) {
  test(`charts on ${name}: key, data table, full width, legible text`, async (t) => {
    const rel = where();
    if (!rel) return t.skip('no role with a pay chart');
    for (const width of [375, 1280]) {
      const context = await newContext(browser, { viewport: { width, height: 900 }, origin: server.origin });
      try {
        const { page, rec } = await openPage(context, server.url + rel);
        const list = await charts(page);
        if (!list.length) return t.skip('no chart');
        for (const c of list) {
          assert.equal(c.drawings, 1, `${c.heading}: one drawing for every width`);
          assert.ok(c.svgWidth > 0, `${c.heading}: no chart shown at ${width} px`);
          assert.deepEqual(c.fontSizes, ['13px', '14px'], `${c.heading}: text sizes at ${width} px`);
          assert.deepEqual(c.legend, c.drawn, `${c.heading}: the key names exactly the marks drawn (${width} px)`);
          assert.ok(c.legendText.every((s) => s.length > 3), `${c.heading}: every key line says what it means`);
          assert.equal(c.tableRows, c.values, `${c.heading}: one table row per figure on the chart`);
          assert.equal(c.caption, c.heading, 'the table is captioned like the chart');
          for (const cell of c.cells) assert.ok(c.desc.includes(cell), `${cell} is the chart's own figure`);
          // The container's width, not a fixed cap.
          assert.ok(c.svgWidth >= c.figWidth - 1, `${c.heading}: ${c.svgWidth} of ${c.figWidth} px wide at ${width} px`);
          assert.ok(c.minText >= 11, `${c.heading}: chart text ${c.minText} px tall at ${width} px`);
        }
        if (width === 1280) assert.ok(list[0].svgWidth > 600, `chart ${list[0].svgWidth} px wide at 1280 px`);
        // The table opens without script: it is a <details>.
        await page.locator('figure.chart.pay-chart details.ch-data summary').first().click();
        assert.ok(await page.locator('figure.chart.pay-chart details.ch-data table').first().isVisible());
        // Citations link their sources; a link standing in a list keeps a 24 px target.
        const small = await page.$$eval('.sources li a, .band-cite a', (as) =>
          as.map((a) => [a.textContent, a.getBoundingClientRect().height]).filter(([, h]) => h < 24));
        assert.deepEqual(small, [], 'source links under 24 px tall');
        assert.deepEqual(rec.cspViolations, [], 'CSP violations');
        if (SHOTS) {
          fs.mkdirSync(SHOTS, { recursive: true });
          const file = `${rel.replace(/\//g, '_')}${width}.png`;
          await page.locator('figure.chart.pay-chart').first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SHOTS, file), fullPage: false });
        }
      } finally {
        await context.close();
      }
    }
  });
}

/** The first role page (by folder name) with a wage chart (a chart outside the pay bands). */
function roleWithWageChart() {
  const dir = path.join(SITE, 'roles');
  for (const id of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, id, 'index.html');
    if (fs.existsSync(file) && /<figure class="chart">\s*<figcaption>[^<]*<\/figcaption>\s*<svg class="ch"/.test(fs.readFileSync(file, 'utf8'))) return `roles/${id}/`;
  }
  return null;
}

/** Runs in the page: every text of every band chart that overlaps another text or a mark, or
 * reaches out of its chart. */
function chartClashes() {
  const out = [];
  const MARK = ['ch-bar', 'ch-dot', 'ch-open', 'ch-arrow', 'ch-upto', 'ch-box', 'ch-whisker', 'ch-median', 'ch-axis'];
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const name = (el) => `${el.getAttribute('class')} "${el.textContent.slice(0, 40)}"`;
  for (const svg of document.querySelectorAll('svg.ch:not(.ch-key)')) {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const marks = [...svg.querySelectorAll('[class]')].filter((el) => MARK.some((m) => el.classList.contains(m)));
    for (const [i, t] of texts.entries()) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`${name(t)} leaves its chart (${r.left.toFixed(1)}-${r.right.toFixed(1)} of ${box.left.toFixed(1)}-${box.right.toFixed(1)})`);
      for (const u of texts.slice(i + 1)) if (hit(r, u.getBoundingClientRect())) out.push(`${name(t)} overlaps ${name(u)}`);
      for (const m of marks) if (hit(r, m.getBoundingClientRect())) out.push(`${name(t)} overlaps a ${m.getAttribute('class')}`);
    }
  }
  return out;
}

test('chart text never overlaps other text or marks, nor leaves the chart, at 320, 375 and 1280 px', async (t) => {
  const pages = [roleWithChart(), 'pay/', roleWithWageChart()].filter(Boolean);
  let charts = 0;
  for (const rel of pages) {
    for (const width of [320, 375, 1280]) {
      const context = await newContext(browser, { viewport: { width, height: 900 }, origin: server.origin });
      try {
        const { page } = await openPage(context, server.url + rel);
        charts += await page.locator('svg.ch:not(.ch-key)').count();
        const clashes = await page.evaluate(chartClashes);
        assert.deepEqual(clashes.slice(0, 10), [], `${rel} at ${width} px: ${clashes.length} clashes`);
      } finally {
        await context.close();
      }
    }
  }
  if (!charts) t.skip('no chart');
});
