// The role-fit quiz in headless Chromium (PRODUCT.md sections 2 and 3), on one built site:
//
//   LADDER_SITE=/tmp/site LADDER_BASE=/ node --test quiz.test.mjs
//
// Any site with a quiz: answering by keyboard only, one question at a time and all at once, back
// and change, reset, the share URL reopening the same result, advice for a flat sheet, results
// announced and focused, axe zero violations and no sideways scroll at 320 px on the results
// view (light and dark), no CSP violation, JavaScript off. The script run in the browser gives
// the same results as in node (where tests/quiz.rs diffs it against the Rust reference).
// On the default site (recognised by its questions), the three clear profiles of the issue get a
// fitting role in the top three, and the coding answer changes "skills to learn next".
//
// With LADDER_SITE unset every test here FAILS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

import { AxeBuilder } from '@axe-core/playwright';
import { serve, normaliseBase } from './lib/server.mjs';
import { launchBrowser, newContext, openPage } from './lib/browser.mjs';

const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
const BASE = normaliseBase(process.env.LADDER_BASE || '/');

let server;
let browser;

before(async () => {
  assert.ok(SITE, 'LADDER_SITE is not set: point it at a built site folder');
  assert.ok(fs.existsSync(path.join(SITE, 'quiz/index.html')), `${SITE} has no quiz page`);
  server = await serve(SITE, { basePath: BASE });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const quizUrl = () => `${server.url}quiz/`;

/** A fresh page on the quiz (or `hash` of it) with the recorders of lib/browser.mjs. */
async function open({ hash = '', viewport, colorScheme = 'light', javaScriptEnabled = true } = {}) {
  if (!javaScriptEnabled) {
    // lib/browser.mjs waits for a frame in the page's own JavaScript: open the page plainly.
    const context = await browser.newContext({ viewport, colorScheme, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(quizUrl() + hash, { waitUntil: 'load' });
    return { page, context, done: () => context.close() };
  }
  const context = await newContext(browser, { viewport, colorScheme, origin: server.origin });
  const visit = await openPage(context, quizUrl() + hash);
  return { ...visit, context, done: () => context.close() };
}

function assertClean(rec) {
  assert.deepEqual(rec.cspViolations, [], 'CSP violations');
  assert.deepEqual(rec.pageErrors, [], 'uncaught errors');
  assert.deepEqual(rec.consoleErrors, [], 'console errors');
  assert.deepEqual(rec.offOrigin, [], 'requests to another origin');
}

/** The quiz's questions as the page's script sees them: [[id, many, [option ids]]]. */
async function questions(page) {
  return page.evaluate(() => [...document.querySelectorAll('#quiz fieldset')].map((f) => [
    f.id.slice(2),
    f.querySelector('input').type === 'checkbox',
    [...f.querySelectorAll('input')].map((i) => i.value),
  ]));
}

/** Answer in step mode by clicking labels: answers = [[question, option], ...] in order. */
async function answerByClicks(page, answers) {
  const qs = await questions(page);
  for (const [qi, [qid]] of qs.entries()) {
    for (const [q, o] of answers) if (q === qid) await page.click(`label[for="q_${q}_${o}"]`);
    await page.click('#quiz-next');
    if (qi < qs.length - 1) assert.equal(await page.isVisible(`#q_${qs[qi + 1][0]}`), true, `question ${qi + 2} shown`);
  }
  await page.waitForSelector('#quiz-results:not([hidden])');
}

async function topRoles(page) {
  return page.$$eval('.quiz-matches > li h3 a', (as) => as.map((a) => a.getAttribute('href')));
}

const roleId = (href) => href.replace(/\/$/, '').split('/').pop();

/** A complete sheet of first options (a `many` question: its first option). */
function firstSheet(qs) {
  return qs.map(([q, , opts]) => [q, opts[0]]);
}

// ---------------------------------------------------------------------------------------------

test('JavaScript on: the quiz runs, one question at a time, with progress; no CSP violation', async () => {
  const v = await open();
  try {
    assertClean(v.rec);
    const page = v.page;
    assert.equal(await page.isVisible('#quiz-app'), true);
    const qs = await questions(page);
    assert.ok(qs.length >= 2);
    assert.equal(await page.textContent('#quiz-progress'), `Question 1 of ${qs.length}`);
    assert.equal(await page.isVisible(`#q_${qs[0][0]}`), true);
    assert.equal(await page.isVisible(`#q_${qs[1][0]}`), false, 'one question at a time');
    assert.match(await page.textContent('.quiz-privacy'), /stay on this device/);
    // Next without an answer: an error, and the first option gets focus.
    await page.click('#quiz-next');
    assert.match(await page.textContent('#quiz-error'), /Choose/);
    assert.equal(await page.evaluate(() => document.activeElement.name), qs[0][0]);
  } finally {
    await v.done();
  }
});

test('keyboard only: answer every question, then the results are focused and announced', async () => {
  const v = await open();
  try {
    const { page } = v;
    const qs = await questions(page);
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement && document.activeElement.name)) !== qs[0][0]) {
      await page.keyboard.press('Tab');
      assert.ok(++tabs < 80, 'Tab never reaches the first question');
    }
    for (const [qi, [q]] of qs.entries()) {
      assert.equal(await page.evaluate(() => document.activeElement.name), q, `focus in question ${qi + 1}`);
      await page.keyboard.press('Space'); // checks the focused radio / ticks the checkbox
      await page.keyboard.press('Enter'); // next, or the results after the last one
    }
    await page.waitForSelector('#quiz-results:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-results-title');
    assert.match(await page.textContent('#quiz-status'), /^Results/);
    assert.equal(await page.getAttribute('#quiz-status', 'role'), 'status');
    // The first result link is reachable with Tab.
    let found = false;
    for (let i = 0; i < 10 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => !!document.activeElement.closest('#quiz-results'));
    }
    assert.ok(found, 'Tab moves into the results');
    assertClean(v.rec);
  } finally {
    await v.done();
  }
});

test('back and change an answer; all at once; reset', async () => {
  const v = await open();
  try {
    const { page } = v;
    const qs = await questions(page);
    const [q0, , o0] = qs[0];
    await page.click(`label[for="q_${q0}_${o0[0]}"]`);
    await page.click('#quiz-next');
    assert.equal(await page.textContent('#quiz-progress'), `Question 2 of ${qs.length}`);
    await page.focus('#quiz-back');
    await page.keyboard.press('Enter');
    assert.equal(await page.isVisible(`#q_${q0}`), true);
    assert.equal(await page.isChecked(`#q_${q0}_${o0[0]}`), true, 'the answer is kept');
    await page.click(`label[for="q_${q0}_${o0[1]}"]`);
    assert.equal(await page.isChecked(`#q_${q0}_${o0[1]}`), true, 'and can be changed');
    // All at once: every question shown, progress counts answers.
    await page.click('#quiz-mode');
    for (const [q] of qs) assert.equal(await page.isVisible(`#q_${q}`), true);
    assert.equal(await page.textContent('#quiz-progress'), `1 of ${qs.length} questions answered`);
    await page.click('#quiz-next');
    assert.match(await page.textContent('#quiz-error'), /not answered yet: question 2/);
    for (const [q, , opts] of qs.slice(1)) await page.click(`label[for="q_${q}_${opts[0]}"]`);
    await page.click('#quiz-next');
    await page.waitForSelector('#quiz-results:not([hidden])');
    // Change one answer from the results.
    await page.click('.quiz-answers button[data-q="0"]');
    assert.equal(await page.isVisible('#quiz-results'), false);
    assert.equal(await page.evaluate(() => document.activeElement.name), q0);
    // Reset clears everything, the fragment included.
    await page.click('#quiz-reset');
    assert.equal(await page.evaluate(() => document.querySelectorAll('#quiz input:checked').length), 0);
    assert.equal(await page.evaluate(() => location.hash), '');
    assertClean(v.rec);
  } finally {
    await v.done();
  }
});

test('the share URL holds option ids and reopens the same result', async () => {
  const v = await open();
  let shared;
  let roles;
  try {
    const { page } = v;
    const qs = await questions(page);
    await answerByClicks(page, firstSheet(qs));
    shared = await page.inputValue('#quiz-share');
    await page.waitForFunction(() => location.hash.startsWith('#answers='));
    assert.equal(shared, await page.evaluate(() => location.href), 'the address bar holds the share URL');
    const frag = new URL(shared).hash;
    assert.match(frag, /^#answers=/);
    for (const [q, , opts] of qs) assert.ok(frag.includes(`${q}:${opts[0]}`), `${q}:${opts[0]} in ${frag}`);
    roles = await page.textContent('#quiz-results-body');
  } finally {
    await v.done();
  }
  const w = await open({ hash: new URL(shared).hash });
  try {
    assert.equal(await w.page.isVisible('#quiz-results'), true, 'the shared link opens on the result');
    assert.equal(await w.page.textContent('#quiz-results-body'), roles, 'the same result');
    assertClean(w.rec);
  } finally {
    await w.done();
  }
});

test('results: role links carry the base path, with label, reasons, skills, pay and path', async () => {
  const v = await open();
  try {
    const { page } = v;
    // The sheet whose best role scores highest: found by the page's own scoring API.
    const hash = await page.evaluate(() => {
      const qs = [...document.querySelectorAll('#quiz fieldset')].map((f) => [f.id.slice(2), [...f.querySelectorAll('input')].map((i) => i.value)]);
      let best = null;
      for (let n = 0; n < 3000; n++) {
        const pairs = qs.map(([q, opts]) => [q, opts[(n * 7 + q.length * 13 + n * n) % opts.length]]);
        const o = ladderQuiz.outcome(ladderQuiz.sheetFromPairs(pairs), 3);
        if (!o.flat && o.ranking[0].label && (!best || o.ranking[0].d > best.d)) best = { d: o.ranking[0].d, pairs };
      }
      return '#answers=' + best.pairs.map((p) => p.join(':')).join(',');
    });
    await page.goto(quizUrl() + hash);
    await page.waitForSelector('#quiz-results:not([hidden])');
    const hrefs = await topRoles(page);
    assert.ok(hrefs.length >= 1);
    for (const h of hrefs) assert.ok(h.startsWith(`${BASE}roles/`), `${h} carries the base path ${BASE}`);
    const card = await page.textContent('.quiz-matches > li');
    assert.match(card, /Why: /);
    assert.match(card, /Skills to learn next: /);
    assert.match(card, /Pay: /);
    assert.ok(await page.$('.quiz-matches > li .quiz-label'), 'a graded label');
    assert.match(await page.textContent('.quiz-answers'), /Change/);
  } finally {
    await v.done();
  }
});

test('reasons in plain words: no scoring numbers, no fit label under "ranked lower", the privacy note once', async () => {
  const v = await open();
  try {
    const { page } = v;
    const privacy = /stay on this device|never leave/gi;
    assert.equal((await page.evaluate(() => document.body.innerText)).match(privacy)?.length, 1, 'one privacy note before answering');
    // Up to eight different sheets that rank roles, found by the page's own scoring API.
    const { hashes, expectLower } = await page.evaluate(() => {
      const qs = [...document.querySelectorAll('#quiz fieldset')].map((f) => [f.id.slice(2), [...f.querySelectorAll('input')].map((i) => i.value)]);
      const out = new Set();
      let lower = false;
      for (let n = 0; n < 400 && out.size < 8; n++) {
        const pairs = qs.map(([q, opts], qi) => [q, opts[(n * 5 + qi * 3 + n * n * (qi + 1)) % opts.length]]);
        const o = ladderQuiz.outcome(ladderQuiz.sheetFromPairs(pairs), 6);
        if (o.flat || !o.ranking.length || o.ranking[0].d <= 0) continue;
        out.add('#answers=' + pairs.map((p) => p.join(':')).join(','));
        lower ||= o.ranking.slice(3).some((e) => e.d > 0);
      }
      return { hashes: [...out], expectLower: lower };
    });
    assert.ok(hashes.length >= 1, 'a sheet that ranks roles');
    let lowerSeen = 0;
    for (const hash of hashes) {
      await page.goto(quizUrl() + hash);
      await page.waitForSelector('#quiz-results:not([hidden])');
      const why = await page.$$eval('.quiz-matches > li', (lis) => lis.map((li) => li.textContent));
      assert.ok(why.length >= 1);
      for (const text of [...why, await page.evaluate(() => document.querySelector('.quiz-lower')?.textContent || '')]) {
        assert.doesNotMatch(text, /\b\d+ of 5\b|rates it|answers add|\(rated/i, `internal numbers in ${JSON.stringify(text)}`);
      }
      const lower = await page.$$eval('.quiz-lower > li', (lis) => lis.map((li) => [li.querySelector('a').textContent, li.textContent, li.querySelectorAll('.quiz-label, .tag').length]));
      for (const [title, text, tags] of lower) {
        lowerSeen++;
        assert.equal(tags, 0, `no label under "ranked lower": ${text}`);
        assert.ok(text.startsWith(`${title}: `) && /^[A-Z]/.test(text.slice(title.length + 2)), `the role, then its reason: ${JSON.stringify(text)}`);
      }
      assert.equal((await page.evaluate(() => document.body.innerText)).match(privacy)?.length, 1, 'one privacy note with results');
    }
    // A site with four or more roles lists some that ranked lower (the fixture has three).
    if (expectLower) assert.ok(lowerSeen > 0, 'some sheet lists roles that ranked lower');
  } finally {
    await v.done();
  }
});

test('a flat sheet gets advice instead of a ranking', async (t) => {
  const v = await open();
  try {
    const { page } = v;
    const hash = await page.evaluate(() => {
      const qs = [...document.querySelectorAll('#quiz fieldset')].map((f) => [f.id.slice(2), f.querySelector('input').type === 'checkbox', [...f.querySelectorAll('input')].map((i) => i.value)]);
      // Search complete sheets (a `many` question: one or two options) for a flat one.
      let seed = 1;
      const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
      for (let n = 0; n < 50000; n++) {
        const pairs = [];
        for (const [q, many, opts] of qs) {
          pairs.push([q, opts[rnd(opts.length)]]);
          if (many && rnd(2)) pairs.push([q, opts[rnd(opts.length)]]);
        }
        const sheet = ladderQuiz.sheetFromPairs(pairs);
        if (ladderQuiz.complete(sheet) && ladderQuiz.outcome(sheet, 1).flat) return '#' + ladderQuiz.encode(sheet);
      }
      return null;
    });
    if (!hash) {
      t.skip('no complete flat sheet found on this site');
      return;
    }
    await page.goto(quizUrl() + hash);
    await page.waitForSelector('#quiz-results:not([hidden])');
    assert.equal(await page.$('.quiz-matches'), null, 'no ranking');
    assert.match(await page.textContent('#quiz-results-body'), /no role stands out/);
    assert.ok(await page.$(`#quiz-results-body a[href="${BASE}roles/"]`), 'advice links to all roles');
  } finally {
    await v.done();
  }
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [320, 1280]) {
    test(`axe: zero violations on the questions and the results (${colorScheme}, ${width} px), no sideways scroll`, async () => {
      const v = await open({ viewport: { width, height: 800 }, colorScheme });
      try {
        const { page } = v;
        const check = async (what) => {
          const r = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
          assert.deepEqual(r.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${what}`);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(wide <= 0, `${what} scrolls sideways by ${wide}px at ${width}px`);
        };
        await check('the first question');
        await page.click('#quiz-mode');
        await check('all questions');
        const qs = await questions(page);
        for (const [q, , opts] of qs) await page.click(`label[for="q_${q}_${opts[opts.length - 1]}"]`);
        await page.click('#quiz-next');
        await page.waitForSelector('#quiz-results:not([hidden])');
        await check('the results');
        assertClean(v.rec);
      } finally {
        await v.done();
      }
    });
  }
}

test('JavaScript off: the page says so and links to the roles index', async () => {
  const v = await open({ javaScriptEnabled: false });
  try {
    const { page } = v;
    assert.equal(await page.isVisible('#quiz-app'), false, 'the quiz needs its script');
    const note = await page.textContent('noscript');
    assert.match(note, /needs JavaScript/);
    assert.equal(await page.isVisible(`main a[href="${BASE}roles/"]`), true, 'a visible link to the roles index');
  } finally {
    await v.done();
  }
});

test('the script gives the same results in the browser as in node', async () => {
  const html = fs.readFileSync(path.join(SITE, 'quiz/index.html'), 'utf8');
  const code = /<script id="quiz-script">([\s\S]*?)<\/script>/.exec(html)[1];
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  const v = await open();
  try {
    const { page } = v;
    const qs = await questions(page);
    let seed = 7;
    const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const sheets = [];
    for (let n = 0; n < 300; n++) {
      const pairs = [];
      for (const [q, many, opts] of qs) {
        if (rnd(10) === 0) continue;
        for (const o of opts) if (!many ? pairs.every((p) => p[0] !== q) && rnd(opts.length) === 0 : rnd(2)) pairs.push([q, o]);
      }
      sheets.push(pairs);
    }
    const inBrowser = await page.evaluate((s) => JSON.stringify(s.map((p) => ladderQuiz.outcome(ladderQuiz.sheetFromPairs(p)))), sheets);
    const inNode = JSON.stringify(sheets.map((p) => ctx.ladderQuiz.outcome(ctx.ladderQuiz.sheetFromPairs(p))));
    assert.equal(inBrowser, inNode);
  } finally {
    await v.done();
  }
});

// ---------------------------------------------------------------------------------------------
// The default site's people (the profiles)

const PROFILES = [
  ['QA tester who likes finding flaws and does not code',
    [['background', 'qa'], ['enjoy', 'flaws'], ['coding', 'none'], ['credentials', 'none'], ['problem', 'wrong'], ['work-style', 'hands-on'], ['profession', 'move'], ['training', 'some']],
    ['model-evaluator', 'quality-reviewer', 'ai-auditor']],
  ['compliance officer who likes policy work',
    [['background', 'compliance'], ['enjoy', 'rules'], ['coding', 'none'], ['credentials', 'none'], ['problem', 'legal'], ['work-style', 'coordinate'], ['profession', 'move'], ['training', 'some']],
    ['ai-governance-lead', 'ai-auditor']],
  ['backend engineer who ships systems',
    [['background', 'backend'], ['enjoy', 'build'], ['coding', 'daily'], ['credentials', 'none'], ['problem', 'production'], ['work-style', 'hands-on'], ['profession', 'move'], ['training', 'some']],
    ['agent-systems-engineer', 'mlops-engineer', 'applied-ai-engineer']],
  ['nurse who wants to stay clinical',
    [['background', 'professional'], ['enjoy', 'explain'], ['coding', 'none'], ['credentials', 'licensed'], ['problem', 'wrong'], ['work-style', 'hands-on'], ['profession', 'stay'], ['training', 'little']],
    ['ai-augmented-domain-specialist']],
];

async function isDefaultSite(page) {
  const qs = await questions(page);
  const ids = qs.map((q) => q[0]).join(',');
  return ids === 'background,enjoy,coding,credentials,problem,work-style,profession,training';
}

for (const [who, answers, want] of PROFILES) {
  test(`default site: a ${who} gets ${want.join(', ')} in the top three`, async (t) => {
    const v = await open();
    try {
      if (!(await isDefaultSite(v.page))) {
        t.skip('not the default site');
        return;
      }
      await answerByClicks(v.page, answers);
      const top = (await topRoles(v.page)).map(roleId);
      assert.ok(top.some((r) => want.includes(r)), `top three ${top.join(', ')}; wanted one of ${want.join(', ')}`);
      assertClean(v.rec);
    } finally {
      await v.done();
    }
  });
}

test('default site: the coding answer changes the skills to learn next for a role that needs Python', async (t) => {
  const v = await open();
  try {
    if (!(await isDefaultSite(v.page))) {
      t.skip('not the default site');
      return;
    }
    const skillsOf = async (coding) => {
      await v.page.goto(`${quizUrl()}#answers=background:data,enjoy:numbers,coding:${coding},credentials:none,problem:workflow,work-style:hands-on,profession:move,training:some`);
      await v.page.waitForSelector('#quiz-results:not([hidden])');
      return v.page.$$eval('.quiz-matches > li', (lis) => {
        const li = lis.find((l) => l.querySelector('h3 a').getAttribute('href').endsWith('/roles/data-analyst/'));
        return li ? [...li.querySelectorAll('p')].find((p) => p.textContent.startsWith('Skills to learn next')).textContent : null;
      });
    };
    const daily = await skillsOf('daily');
    const scripts = await skillsOf('scripts');
    assert.ok(daily && scripts, 'the data analyst is in the top three for both');
    assert.notEqual(daily, scripts);
    assert.ok(scripts.includes('Python') && !daily.includes('Python'), `${daily} / ${scripts}`);
  } finally {
    await v.done();
  }
});
