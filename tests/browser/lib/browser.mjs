// Headless Debian Chromium driven by playwright-core (never a downloaded browser).
//
//   const browser = await launchBrowser();
//   const context = await newContext(browser, { viewport, colorScheme, origin });
//   const visit = await openPage(context, url);   // { page, response, status, rec, close }
//
// `rec` holds what the page did while loading:
//   cspViolations  securitypolicyviolation events (init script -> window.__cspViolations)
//   offOrigin      every request whose origin differs from the page's (data:/blob:/about: are local)
//   consoleErrors  console.error messages (minus "Failed to load resource", which
//                  badResponses/failedRequests report with the URL)
//   pageErrors     uncaught exceptions
//   badResponses   same-origin sub-resource responses with status >= 400
//   failedRequests same-origin requests that failed at the network level

import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// --disable-background-networking & co keep Chromium from calling home: this machine
// has no network, and refused connections would otherwise pile up at every start.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--dns-prefetch-disable',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(opts = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...opts,
  });
}

/** http(s)/ws(s) URLs whose origin differs from `origin`. data:, blob:, about: are local. */
export function isOffOrigin(url, origin) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!/^(https?|wss?|ftp):$/.test(u.protocol)) return false;
  return u.origin !== origin;
}

/**
 * A browser context for one (viewport, colour scheme). With `origin`, every request to
 * another origin is aborted before it leaves the machine (it is still recorded by
 * openPage's request listener, which sees it first).
 */
export async function newContext(browser, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', origin } = {}) {
  const context = await browser.newContext({
    viewport,
    colorScheme,
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
  if (origin) {
    await context.route((u) => isOffOrigin(u.href, origin), (route) => route.abort('blockedbyclient'));
  }
  return context;
}

// Runs in every document before any of its own scripts. Playwright injects it through
// the DevTools protocol, so the page's CSP does not apply to it.
const CSP_INIT_SCRIPT = `(() => {
  if (window.__cspViolations) return;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({
      violatedDirective: e.violatedDirective,
      effectiveDirective: e.effectiveDirective,
      blockedURI: e.blockedURI,
      sample: e.sample,
      sourceFile: e.sourceFile,
      lineNumber: e.lineNumber,
      columnNumber: e.columnNumber,
      disposition: e.disposition,
      originalPolicy: e.originalPolicy,
      element: e.target && e.target.nodeType === 1
        ? e.target.outerHTML.slice(0, 160)
        : (e.target && e.target.nodeName) || '',
    });
  }, true);
})();`;

/** Reject if `promise` has not settled within `ms` (the promise itself is not cancelled). */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function freshRec(url) {
  return {
    url,
    cspViolations: [],
    offOrigin: [],
    consoleErrors: [],
    pageErrors: [],
    badResponses: [],
    failedRequests: [],
  };
}

/** Attach the recorders to a page once; `state.rec` is replaced at each navigation. */
async function instrument(page, origin) {
  const state = { rec: freshRec(null) };
  page.on('request', (req) => {
    const u = req.url();
    if (isOffOrigin(u, origin)) state.rec.offOrigin.push({ url: u, type: req.resourceType() });
  });
  page.on('response', (resp) => {
    const req = resp.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) return; // checked by caller
    if (isOffOrigin(resp.url(), origin)) return;
    if (resp.status() >= 400) {
      state.rec.badResponses.push({ url: resp.url(), status: resp.status(), type: req.resourceType() });
    }
  });
  page.on('requestfailed', (req) => {
    if (isOffOrigin(req.url(), origin)) return; // aborted on purpose, reported as offOrigin
    const error = req.failure()?.errorText ?? 'failed';
    if (/ERR_ABORTED/.test(error)) return; // cancelled (navigated away), not broken
    state.rec.failedRequests.push({ url: req.url(), error, type: req.resourceType() });
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/^Failed to load resource\b/.test(text)) return;
    state.rec.consoleErrors.push({ text, location: msg.location() });
  });
  page.on('pageerror', (err) => {
    state.rec.pageErrors.push(String((err && (err.stack || err.message)) || err));
  });
  await page.addInitScript(CSP_INIT_SCRIPT);
  return state;
}

async function navigate(page, state, url, { timeout = 30_000, settleMs = 50 } = {}) {
  const rec = freshRec(url);
  state.rec = rec;
  const response = await page.goto(url, { waitUntil: 'load', timeout });
  // If the page navigates by itself (a script, a meta refresh), the evaluation dies with
  // the old document: wait for the new one to load and read that instead.
  for (let attempt = 1; ; attempt++) {
    try {
      await withTimeout(page.evaluate(
        (ms) => new Promise((r) => requestAnimationFrame(() => setTimeout(r, ms))),
        settleMs,
      ), 10_000, 'settling after load');
      rec.cspViolations = await withTimeout(
        page.evaluate(() => window.__cspViolations || []), 10_000, 'reading CSP violations');
      break;
    } catch (err) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(err && err.message))) throw err;
      await page.waitForLoadState('load', { timeout }).catch(() => {});
    }
  }
  rec.finalUrl = page.url();
  // Chromium also logs each CSP violation as a console error ("Refused to ..." in older
  // versions, "Applying inline style violates ..." in newer ones): keep those only when
  // no violation event was seen (so nothing is lost, and nothing is reported twice).
  if (rec.cspViolations.length) {
    rec.consoleErrors = rec.consoleErrors.filter((m) => !/Content Security Policy/.test(m.text));
  }
  return { response, status: response ? response.status() : null, rec };
}

/**
 * Open `url` in a new page of `context`, wait for load (+ a short settle so late
 * violation events are dispatched), and return { page, response, status, rec, close }.
 */
export async function openPage(context, url, opts = {}) {
  const page = await context.newPage();
  try {
    const state = await instrument(page, new URL(url).origin);
    const r = await navigate(page, state, url, opts);
    return { page, ...r, close: () => page.close() };
  } catch (err) {
    await page.close().catch(() => {});
    throw err;
  }
}

/**
 * One page reused for many URLs of one origin (a new page costs ~150 ms; a navigation
 * in an existing one much less). visit(url) returns { page, response, status, rec }.
 */
export async function createVisitor(context, origin) {
  const page = await context.newPage();
  const state = await instrument(page, origin);
  return {
    page,
    visit: async (url, opts) => ({ page, ...(await navigate(page, state, url, opts)) }),
    close: () => withTimeout(page.close(), 15_000, 'closing a page'),
  };
}
