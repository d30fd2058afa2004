// The built site a page test runs against: LADDER_SITE (required) served under LADDER_BASE
// (default /), and one headless Chromium, started before the file's tests and closed after them.
//   import { SITE, BASE, server, browser, useBuiltSite } from './lib/built-site.mjs';
//   useBuiltSite();
// `server` and `browser` are live bindings: set once the `before` hook has run.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { serve, normaliseBase } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export const SITE = process.env.LADDER_SITE ? path.resolve(process.env.LADDER_SITE) : null;
export const BASE = normaliseBase(process.env.LADDER_BASE || '/');
export let server;
export let browser;

export function useBuiltSite() {
  before(async () => {
    assert.ok(SITE, 'LADDER_SITE is not set: point it at a built site folder');
    server = await serve(SITE, { basePath: BASE });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
