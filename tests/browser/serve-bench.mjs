// Benchmark (not a test): time from saving a file to the open page showing the change, with
// `ladder serve` on a copy of a site (default: the repository's own site) in headless Chromium.
//
//   LADDER=../../target/release/ladder node serve-bench.mjs [SITE_DIR=../..] [RUNS=10]
//
// Each run renames a new version of one role's YAML over the old one (as editors save) and waits
// for the role page's heading to change; prints the median and worst of RUNS.

import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { launchBrowser, newContext, openPage } from './lib/browser.mjs';

const [siteArg = path.resolve(import.meta.dirname, '../..'), runsArg = '10'] = process.argv.slice(2);
const runs = Number(runsArg);
const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'ladder-serve-bench-'));
for (const dir of ['data', 'content', 'templates']) {
  await fsp.cp(path.join(siteArg, dir), path.join(root, dir), { recursive: true }).catch(() => {});
}
const roles = (await fsp.readdir(path.join(root, 'data/roles'))).filter((f) => f.endsWith('.yaml')).sort();
const rel = path.join('data/roles', roles[0]);
const original = await fsp.readFile(path.join(root, rel), 'utf8');
const title = /^title: (.+)$/m.exec(original)[1];

const child = spawn(process.env.LADDER, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  readline.createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('serving ') && resolve(l.slice(8)));
});
const browser = await launchBrowser();
const context = await newContext(browser, { origin: new URL(url).origin });
const { page } = await openPage(context, `${url}roles/${roles[0].replace(/\.yaml$/, '')}/`);
const times = [];
for (let i = 1; i <= runs; i++) {
  const next = `${title} ${i}`;
  const tmp = path.join(root, 'data/roles', `.bench.tmp`);
  const t0 = performance.now();
  await fsp.writeFile(tmp, original.replace(`title: ${title}`, `title: ${next}`));
  await fsp.rename(tmp, path.join(root, rel));
  await page.locator('h1', { hasText: next }).waitFor({ timeout: 20_000 });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`save to reloaded page, ${runs} runs: median ${times[runs >> 1].toFixed(0)} ms, worst ${times[runs - 1].toFixed(0)} ms`);
await browser.close();
child.kill('SIGINT');
await fsp.rm(root, { recursive: true, force: true });
