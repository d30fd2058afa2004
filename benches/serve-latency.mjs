// Edit-to-visible latency of `ladder serve` (not a test): from the rename that saves a role file
// to the `load` event of the reloaded role page in headless Chromium.
//
//   node benches/serve-latency.mjs [--ladder target/release/ladder] [--site DIR] [--runs 10]
//                                  [--field education] [--work /dev/shm/serve-latency] [--breakdown]
//
// The site's data/, content/ and templates/ are copied to a folder under /dev/shm (tmpfs; the
// server's temporary output goes there too), the server is started there with `--port 0`, and the
// first role's page is opened. Each run writes the role file anew into a temporary file beside it
// (editors' way) with `FIELD: Edit N.` set, renames it over the original, and waits for the page's
// next `load`. Prints every time, then the median and the range. Needs playwright-core
// (tests/browser: `npm ci`) and /usr/bin/chromium.
//
// Two browsers, one after the other, each for RUNS saves:
// - "bare": Chromium started on its own, as a user's is. Nothing listens to the page while it
//   reloads; after each save (and a pause) the page's navigation timing is read over the DevTools
//   pipe, and the load event's time on Chromium's clock is the result. This is the figure of record.
// - "playwright": the same page driven by Playwright, which subscribes to the page's network,
//   runtime and lifecycle events; on this machine that adds about 10 ms to every navigation in the
//   renderer (a 60-byte page: 29 ms from reload to load under Playwright, 17 ms bare). It gives the
//   breakdown by the server's log lines (`--breakdown`).
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
const pageUrl = `${url}roles/${roles[0].replace(/\.yaml$/, '')}/`;
const tmpFile = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
let edits = 0;

// The bare browser: Chromium with the page open and the DevTools protocol on a pipe (fds 3 and 4,
// messages ending in NUL), used only between saves.
{
  const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--remote-debugging-pipe', `--user-data-dir=${path.join(work, 'profile')}`, pageUrl], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toChrome = chrome.stdio[3];
  const waiting = new Map();
  let id = 0;
  let buffered = '';
  chrome.stdio[4].on('data', (chunk) => {
    buffered += chunk.toString();
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        waiting.get(msg.id)(msg);
        waiting.delete(msg.id);
      }
    }
  });
  const call = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      waiting.set(n, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      toChrome.write(`${JSON.stringify({ id: n, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  let target;
  for (let tries = 0; !target; tries++) {
    if (tries > 100) throw new Error('Chromium opened no page');
    await pause(100);
    target = (await call('Target.getTargets')).targetInfos.find((t) => t.type === 'page' && t.url === pageUrl);
  }
  const { sessionId } = await call('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  const inPage = async (expression) => (await call('Runtime.evaluate', { expression, returnByValue: true }, sessionId)).result.value;
  while ((await inPage('document.readyState')) !== 'complete') await pause(50);
  // The live-reload event stream connects after `load`; give it a moment.
  await pause(500);
  const times = [];
  const rows = [];
  for (let i = 1; i <= runs; i++) {
    const n = ++edits;
    await fsp.writeFile(tmpFile, withField(n));
    const t0 = performance.timeOrigin + performance.now();
    await fsp.rename(tmpFile, file);
    let nav;
    for (let tries = 0; ; tries++) {
      // Read only once the page shows the edit and has loaded: nothing touches it before.
      await pause(tries ? 100 : 400);
      nav = await inPage(`(() => { const n = performance.getEntriesByType('navigation')[0]; return document.body.textContent.includes('Edit ${n}.') && n && n.loadEventStart > 0 ? { origin: performance.timeOrigin, start: n.startTime, response: n.responseEnd, interactive: n.domInteractive, dcl: n.domContentLoadedEventStart, load: n.loadEventStart } : null; })()`).catch(() => null);
      if (nav) break;
      if (tries > 100) throw new Error(`run ${i}: the page never showed the edit`);
    }
    times.push(nav.origin + nav.load - t0);
    rows.push([nav.origin + nav.start - t0, nav.response - nav.start, nav.interactive - nav.response, nav.dcl - nav.interactive, nav.load - nav.dcl]);
    await pause(200);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`bare Chromium, ${runs} saves of ${roles[0]} (${field}): edit to the load event on Chromium's clock: median ${median(times).toFixed(0)} ms, range ${sorted[0].toFixed(0)}-${sorted[runs - 1].toFixed(0)} ms`);
  console.log(`  runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`  per run (ms): rename to navigation start / to response end / parsing / deferred scripts / to load: ${rows.map((r) => r.map((v) => v.toFixed(0)).join('/')).join(' ')}`);
  chrome.kill();
  await new Promise((r) => chrome.on('exit', r));
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const page = await browser.newPage();
await page.goto(pageUrl, { waitUntil: 'load' });
// The live-reload event stream connects after `load`; give it a moment.
await page.waitForTimeout(500);

page.on('request', (r) => r.isNavigationRequest() && marks.push(['request', performance.now()]));
page.on('response', (r) => r.request().isNavigationRequest() && marks.push(['response', performance.now()]));
page.on('domcontentloaded', () => marks.push(['domcontentloaded', performance.now()]));
const times = [];
const pieces = [];
const inPage = [];
for (let i = 1; i <= runs; i++) {
  const n = ++edits;
  await fsp.writeFile(tmpFile, withField(n));
  const loaded = page.waitForEvent('load', { timeout: 60_000 });
  marks.length = 0;
  const t0 = performance.now();
  await fsp.rename(tmpFile, file);
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
  if (!(await page.content()).includes(`Edit ${n}.`)) console.error(`run ${i}: the page does not show the edit`);
  await page.waitForTimeout(300);
}
{
  const sorted = [...times].sort((a, b) => a - b);
  const v = inPage.map((x) => x.load).sort((a, b) => a - b);
  console.log(`Playwright, ${runs} saves: edit to the load event on Chromium's clock: median ${median(v).toFixed(0)} ms, range ${v[0].toFixed(0)}-${v[runs - 1].toFixed(0)} ms; as Playwright hears of it: median ${median(times).toFixed(0)} ms, range ${sorted[0].toFixed(0)}-${sorted[runs - 1].toFixed(0)} ms`);
  console.log(`  runs (ms, heard): ${times.map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`  per run (ms): rename to navigation start / to response end / parsing / deferred scripts (to DOMContentLoaded) / to load: ${inPage.map((x) => [x.start, x.fetch, x.parse, x.deferred, x.rest].map((v) => v.toFixed(0)).join('/')).join(' ')}`);
}
if ('breakdown' in args) {
  console.log('  breakdown, median ms of each piece (each from the previous mark):');
  for (const k of ['changed', 'built', 'request', 'response', 'domcontentloaded', 'load']) {
    const xs = pieces.map((p) => p[k]).filter((x) => x !== undefined);
    if (xs.length) console.log(`    ${k.padEnd(17)} ${median(xs).toFixed(1)}  (${xs.map((x) => x.toFixed(0)).join(' ')})`);
  }
}
const builds = log.split('\n').filter((l) => l.startsWith('built ') || l.startsWith('  steps')).slice(-6);
if (builds.length) console.log(`server's last builds:\n  ${builds.join('\n  ')}`);
await browser.close();
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
await fsp.rm(work, { recursive: true, force: true });
