// Edit-to-visible latency of `ladder serve` (not a test): from the rename that saves a role file
// to the `load` event of the reloaded role page in headless Chromium.
//
//   node benches/serve-latency.mjs [--ladder target/release/ladder] [--site DIR] [--runs 10]
//                                  [--field education] [--work /dev/shm/serve-latency]
//
// The site's data/, content/ and templates/ are copied to a folder under /dev/shm (tmpfs; the
// server's temporary output goes there too), the server is started there with `--port 0`, and the first role's page is opened. Each run writes
// the role file anew into a temporary file beside it (editors' way) with `FIELD: Edit N.` set,
// renames it over the original, and waits for the page's next `load`. Prints every time, then the
// median and the range. Needs playwright-core (tests/browser: `npm ci`) and /usr/bin/chromium.

import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';

const repo = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(repo, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const ladder = path.resolve(args.ladder ?? path.join(repo, 'target/release/ladder'));
const site = path.resolve(args.site ?? repo);
const runs = Number(args.runs ?? 10);
const field = args.field ?? 'education';
const work = path.resolve(args.work ?? `/dev/shm/serve-latency-${process.pid}`);

await fsp.rm(work, { recursive: true, force: true });
for (const dir of ['data', 'content', 'templates']) {
  await fsp.cp(path.join(site, dir), path.join(work, 'site', dir), { recursive: true }).catch(() => {});
}
const roles = (await fsp.readdir(path.join(work, 'site/data/roles'))).filter((f) => f.endsWith('.yaml')).sort();
const file = path.join(work, 'site/data/roles', roles[0]);
const original = await fsp.readFile(file, 'utf8');
const withField = (n) => {
  const line = `${field}: Edit ${n}.`;
  const re = new RegExp(`^${field}:.*$`, 'm');
  return re.test(original) ? original.replace(re, line) : `${original.replace(/\n?$/, '\n')}${line}\n`;
};

// The served folder goes to TMPDIR: on tmpfs too.
const child = spawn(ladder, ['serve', '--port', '0', '--root', path.join(work, 'site')], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, TMPDIR: work },
});
let log = '';
// When each line of the server's terminal output arrived (for the breakdown).
const marks = [];
readline.createInterface({ input: child.stderr }).on('line', (l) => {
  log += `${l}\n`;
  if (l.startsWith('changed: ')) marks.push(['changed', performance.now()]);
  else if (l.startsWith('built ')) marks.push(['built', performance.now()]);
});
const url = await new Promise((resolve, reject) => {
  child.on('exit', (code) => reject(new Error(`ladder serve exited (${code}):\n${log}`)));
  readline.createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('serving ') && resolve(l.slice(8)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const page = await browser.newPage();
await page.goto(`${url}roles/${roles[0].replace(/\.yaml$/, '')}/`, { waitUntil: 'load' });
// The live-reload event stream connects after `load`; give it a moment.
await page.waitForTimeout(500);

page.on('request', (r) => r.isNavigationRequest() && marks.push(['request', performance.now()]));
page.on('response', (r) => r.request().isNavigationRequest() && marks.push(['response', performance.now()]));
page.on('domcontentloaded', () => marks.push(['domcontentloaded', performance.now()]));
const times = [];
const pieces = [];
const inPage = [];
for (let i = 1; i <= runs; i++) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  await fsp.writeFile(tmp, withField(i));
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  marks.length = 0;
  const t0 = performance.now();
  await fsp.rename(tmp, file);
  await loaded;
  const t1 = performance.now();
  times.push(t1 - t0);
  // The same moment on Chromium's own clock: its navigation timing, read in the page. Playwright
  // hears of `load` later, over the DevTools connection; both clocks count from the epoch.
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { origin: performance.timeOrigin, start: n.startTime, load: n.loadEventStart, dcl: n.domContentLoadedEventStart, response: n.responseEnd, interactive: n.domInteractive, requested: n.requestStart };
  });
  const epoch0 = performance.timeOrigin + t0;
  inPage.push({ load: nav.origin + nav.load - epoch0, start: nav.origin + nav.start - epoch0, fetch: nav.response - nav.start, parse: nav.interactive - nav.response, deferred: nav.dcl - nav.interactive, rest: nav.load - nav.dcl });
  // Each piece: from the previous mark to this one (rename -> `changed:` printed -> `built`
  // printed -> reload requested -> response headers -> DOMContentLoaded -> load).
  const at = Object.fromEntries(marks.map(([k, t]) => [k, t]));
  let prev = t0;
  const row = {};
  for (const k of ['changed', 'built', 'request', 'response', 'domcontentloaded']) {
    if (at[k] === undefined) continue;
    row[k] = at[k] - prev;
    prev = at[k];
  }
  row.load = t1 - prev;
  pieces.push(row);
  if (!(await page.content()).includes(`Edit ${i}.`)) console.error(`run ${i}: the page does not show the edit`);
  await page.waitForTimeout(300);
}
const sorted = [...times].sort((a, b) => a - b);
const median = runs % 2 ? sorted[runs >> 1] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
console.log(`runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
console.log(`edit to visible, ${runs} saves of ${roles[0]} (${field}): median ${median.toFixed(0)} ms, range ${sorted[0].toFixed(0)}-${sorted[runs - 1].toFixed(0)} ms`);
{
  const v = inPage.map((x) => x.load).sort((a, b) => a - b);
  const m = runs % 2 ? v[runs >> 1] : (v[runs / 2 - 1] + v[runs / 2]) / 2;
  console.log(`edit to the load event on Chromium's clock (navigation timing): median ${m.toFixed(0)} ms, range ${v[0].toFixed(0)}-${v[runs - 1].toFixed(0)} ms`);
  console.log(`  per run (ms): rename to navigation start / to response end / parsing / deferred scripts (to DOMContentLoaded) / to load: ${inPage.map((x) => [x.start, x.fetch, x.parse, x.deferred, x.rest].map((v) => v.toFixed(0)).join('/')).join(' ')}`);
}
if ('breakdown' in args) {
  const med = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  console.log('breakdown, median ms of each piece (each from the previous mark):');
  for (const k of ['changed', 'built', 'request', 'response', 'domcontentloaded', 'load']) {
    const xs = pieces.map((p) => p[k]).filter((x) => x !== undefined);
    if (xs.length) console.log(`  ${k.padEnd(17)} ${med(xs).toFixed(1)}  (${xs.map((x) => x.toFixed(0)).join(' ')})`);
  }
}
const builds = log.split('\n').filter((l) => l.startsWith('built ') || l.startsWith('  steps')).slice(-6);
if (builds.length) console.log(`server's last builds:\n  ${builds.join('\n  ')}`);
await browser.close();
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
await fsp.rm(work, { recursive: true, force: true });
