// `ladder serve` end to end in headless Chromium: edit, break, fix, add and remove files in a copy
// of tests/fixture and watch the open page follow; also under a sub-path base_url.
//
//   cd tests/browser && LADDER=../../target/release/ladder node --test standalone/serve.test.mjs
//
// With LADDER unset every test here FAILS (a check that cannot fail is no check).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { launchBrowser, newContext, openPage } from '../lib/browser.mjs';

const LADDER = process.env.LADDER ? path.resolve(process.env.LADDER) : null;
const FIXTURE = path.resolve(import.meta.dirname, '../../fixture');
const ROLE = 'data/roles/ai-trainer.yaml';
const WAIT = { timeout: 20_000 };

const log = (msg) => process.stderr.write(`[serve] ${msg}\n`);

let browser;
const cleanups = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  await browser?.close();
});

/** A copy of the fixture site, optionally with another base_url. */
async function copySite(baseUrl) {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'ladder-serve-site-'));
  cleanups.push(() => fsp.rm(root, { recursive: true, force: true }));
  await fsp.cp(FIXTURE, root, { recursive: true });
  if (baseUrl) {
    const file = path.join(root, 'data/site.yaml');
    const yaml = await fsp.readFile(file, 'utf8');
    await fsp.writeFile(file, yaml.replace('https://example.org/', baseUrl));
  }
  return root;
}

/** `ladder serve --port 0` on `root`; resolves once it prints its address. */
async function startServe(root) {
  assert.ok(LADDER, 'LADDER is not set: point it at the release binary, e.g. LADDER=../../target/release/ladder');
  const child = spawn(LADDER, ['serve', '--port', '0', '--today', '2026-11-23', '--root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address after 60 s:\n${stderr.join('')}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`ladder serve exited (${code}):\n${stderr.join('')}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^serving (\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, stderr: () => stderr.join('') };
}

/** Save the way editors do: write a temporary file beside the target, rename it over. */
async function save(root, rel, text) {
  const file = path.join(root, rel);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  await fsp.writeFile(tmp, text);
  await fsp.rename(tmp, file);
}

function cspProblems(page, rec) {
  return page.evaluate(() => window.__cspViolations || []).then((now) => [
    ...rec.cspViolations,
    ...now,
    ...rec.consoleErrors.filter((m) => /Content Security Policy/.test(m.text)),
  ]);
}

test('an edit reloads the page; a broken edit shows an overlay; the fix clears it; files come and go', async () => {
  const root = await copySite();
  const serve = await startServe(root);
  const context = await newContext(browser, { origin: new URL(serve.url).origin });
  cleanups.push(() => context.close());
  const original = await fsp.readFile(path.join(root, ROLE), 'utf8');

  const { page, status, rec } = await openPage(context, `${serve.url}roles/ai-trainer/`);
  assert.equal(status, 200);
  await page.locator('h1', { hasText: 'AI Trainer' }).waitFor(WAIT);

  // Edit: the open page reloads with the change. Timed from the save to the changed heading.
  const latencies = [];
  for (const title of ['AI Tutor', 'AI Coach', 'AI Tutor']) {
    const t0 = performance.now();
    await save(root, ROLE, original.replace('title: AI Trainer', `title: ${title}`));
    await page.locator('h1', { hasText: title }).waitFor(WAIT);
    latencies.push(Math.round(performance.now() - t0));
  }
  log(`save to reloaded page: ${latencies.join(', ')} ms`);

  // Break: the last good page stays, with the diagnostics in an alert over it.
  await save(root, ROLE, original.replace('category: evaluation', 'category: evaluatoin'));
  const overlay = page.getByRole('alert');
  await overlay.waitFor(WAIT);
  const text = await overlay.innerText();
  assert.match(text, /data\/roles\/ai-trainer\.yaml:2:11/);
  assert.match(text, /evaluatoin/);
  assert.equal(await page.locator('h1').innerText(), 'AI Tutor', 'the last good build is still shown');
  assert.match(serve.stderr(), /data\/roles\/ai-trainer\.yaml:2:11/, 'and the terminal says so too');

  // Fix: the overlay goes, the page shows the fixed build.
  await save(root, ROLE, original);
  await page.locator('h1', { hasText: 'AI Trainer' }).waitFor(WAIT);
  await page.locator('#ladder-overlay').waitFor({ state: 'detached', ...WAIT });

  // A role renamed into data/ appears on the roles index; renamed out, it goes.
  await page.goto(`${serve.url}roles/`);
  const link = page.locator('a[href$="/roles/prompt-librarian/"]');
  assert.equal(await link.count(), 0);
  const outside = path.join(root, 'prompt-librarian.yaml');
  await fsp.writeFile(outside, original.replace('title: AI Trainer', 'title: Prompt Librarian'));
  await fsp.rename(outside, path.join(root, 'data/roles/prompt-librarian.yaml'));
  await link.first().waitFor(WAIT);
  await fsp.rename(path.join(root, 'data/roles/prompt-librarian.yaml'), outside);
  await link.first().waitFor({ state: 'detached', ...WAIT });

  assert.deepEqual(await cspProblems(page, rec), [], 'no CSP violation');
  assert.deepEqual(rec.pageErrors, []);
});

test('before the site builds: an error page that turns into the site once fixed', async () => {
  const root = await copySite();
  const original = await fsp.readFile(path.join(root, ROLE), 'utf8');
  await save(root, ROLE, original.replace('category: evaluation', 'category: evaluatoin'));
  const serve = await startServe(root);
  const context = await newContext(browser, { origin: new URL(serve.url).origin });
  cleanups.push(() => context.close());
  const { page, rec } = await openPage(context, `${serve.url}roles/ai-trainer/`);
  assert.match(await page.getByRole('alert').innerText(), /data\/roles\/ai-trainer\.yaml:2:11/);
  await save(root, ROLE, original);
  await page.locator('h1', { hasText: 'AI Trainer' }).waitFor(WAIT);
  assert.deepEqual(await cspProblems(page, rec), [], 'no CSP violation');
});

test('a sub-path base_url: / redirects there, pages reload under it', async () => {
  const root = await copySite('https://example.org/sub/');
  const serve = await startServe(root);
  assert.match(serve.url, /\/sub\/$/);
  const origin = new URL(serve.url).origin;
  const context = await newContext(browser, { origin });
  cleanups.push(() => context.close());
  const { page, rec } = await openPage(context, `${origin}/`);
  assert.equal(page.url(), serve.url, 'redirected to the base path');
  await page.goto(`${serve.url}roles/ai-trainer/`);
  const original = await fsp.readFile(path.join(root, ROLE), 'utf8');
  await save(root, ROLE, original.replace('title: AI Trainer', 'title: AI Tutor'));
  await page.locator('h1', { hasText: 'AI Tutor' }).waitFor(WAIT);
  assert.deepEqual(await cspProblems(page, rec), [], 'no CSP violation');
});
