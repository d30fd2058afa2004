// Screenshots of a built site for a person to look at: home, a role, the roles index, the pay
// overview, the quiz, the 404 page and /compare/ (three roles), at 375 and 1280 px (and the role page in dark mode).
//   LADDER_SITE=DIR [LADDER_BASE=/sub/] node screenshots.mjs OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

import { serve, normaliseBase } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';

const SITE = path.resolve(process.env.LADDER_SITE || '');
const BASE = normaliseBase(process.env.LADDER_BASE || '/');
const OUT = path.resolve(process.argv[2] || 'screenshots');
fs.mkdirSync(OUT, { recursive: true });

const server = await serve(SITE, { basePath: BASE });
const browser = await launchBrowser();
const roles = fs.readdirSync(path.join(SITE, 'roles'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const role = process.env.LADDER_ROLE || roles[0];
const pages = [['home', ''], ['role', `roles/${role}/`], ['roles', 'roles/'], ['pay', 'pay/'], ['quiz', 'quiz/'], ['404', 'no/such/page/']];
if (fs.existsSync(path.join(SITE, 'compare'))) pages.push(['compare', `compare/?roles=${roles.slice(0, 3).join(',')}`]);
const shots = [];
for (const width of [375, 1280]) for (const [name, url] of pages) shots.push({ name, url, width, scheme: 'light' });
shots.push({ name: 'role', url: `roles/${role}/`, width: 375, scheme: 'dark' });
shots.push({ name: 'roles', url: 'roles/', width: 1280, scheme: 'dark' });
try {
  for (const s of shots) {
    const context = await browser.newContext({ viewport: { width: s.width, height: 812 }, colorScheme: s.scheme });
    const page = await context.newPage();
    await page.goto(`${server.url}${s.url}`);
    const file = path.join(OUT, `${s.name}-${s.width}-${s.scheme}.png`);
    await page.screenshot({ path: file });
    const full = path.join(OUT, `${s.name}-${s.width}-${s.scheme}-full.png`);
    await page.screenshot({ path: full, fullPage: true });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
