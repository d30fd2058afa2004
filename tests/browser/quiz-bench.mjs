// Benchmark (not a test): the quiz script's size and the time from the last answer to the
// results, in headless Chromium, on a built site.
//
//   node quiz-bench.mjs SITE_DIR [RUNS=20]
//
// Prints the inline script's size (raw and gzipped), then, over RUNS random complete sheets
// answered one question at a time, the median and worst time from the click on the last answer
// to the results laid out (the click handler, the scoring, the DOM of the results and a forced
// layout, in one synchronous task), and the time of the scoring alone (`ladderQuiz.top`).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { serve } from './lib/server.mjs';
import { launchBrowser, newContext, openPage } from './lib/browser.mjs';

const [site, runsArg] = process.argv.slice(2);
if (!site) {
  console.error('usage: node quiz-bench.mjs SITE_DIR [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg || 20);
const html = fs.readFileSync(path.join(site, 'quiz/index.html'), 'utf8');
const script = /<script id="quiz-script">([\s\S]*?)<\/script>/.exec(html)[1];
const raw = Buffer.byteLength(script);
const gz = zlib.gzipSync(script, { level: 9 }).length;
console.log(`script: ${raw} bytes raw, ${gz} bytes gzipped (level 9)`);

const server = await serve(site, { basePath: '/' });
const browser = await launchBrowser();
try {
  const context = await newContext(browser, { origin: server.origin });
  const visit = await openPage(context, `${server.url}quiz/`);
  const { page } = visit;
  const roles = await page.evaluate(() => ladderQuiz.outcome(ladderQuiz.sheetFromPairs([]), 1) && document.querySelectorAll('#quiz fieldset').length);
  const times = [];
  const scoring = [];
  for (let run = 0; run < runs; run++) {
    await page.evaluate(() => document.getElementById('quiz-reset').click());
    const qs = await page.$$eval('#quiz fieldset', (fs) => fs.map((f) => [...f.querySelectorAll('input')].map((i) => i.id)));
    for (let q = 0; q < qs.length; q++) {
      const pick = qs[q][(run * 7 + q * 3) % qs[q].length];
      if (q < qs.length - 1) {
        await page.click(`label[for="${pick}"]`);
        await page.click('#quiz-next');
        continue;
      }
      const ms = await page.evaluate((id) => {
        const t0 = performance.now();
        document.querySelector(`label[for="${id}"]`).click();
        document.getElementById('quiz-next').click();
        void document.getElementById('quiz-results').getBoundingClientRect().height; // layout
        return performance.now() - t0;
      }, pick);
      if (await page.isHidden('#quiz-results')) throw new Error('no results shown');
      times.push(ms);
      scoring.push(await page.evaluate(() => {
        const sheet = ladderQuiz.sheetFromPairs(location.hash.slice(9).split(',').map((p) => p.split(':')));
        const t0 = performance.now();
        for (let i = 0; i < 20; i++) ladderQuiz.top(ladderQuiz.totals(sheet), 6);
        return (performance.now() - t0) / 20;
      }));
    }
  }
  const med = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const roleCount = await page.evaluate(() => ladderQuiz.outcome(ladderQuiz.sheetFromPairs([])).ranking.length);
  console.log(`${roleCount} roles, ${roles} questions, ${runs} sheets`);
  console.log(`last answer -> results laid out: median ${med(times).toFixed(2)} ms, worst ${Math.max(...times).toFixed(2)} ms`);
  console.log(`scoring alone (top 6 of ${roleCount}): median ${med(scoring).toFixed(3)} ms`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
