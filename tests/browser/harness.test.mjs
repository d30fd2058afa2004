// Proves the harness itself works (and can fail), without the engine: a clean sample
// site must pass every check, and each planted fault in a broken sample site must be
// caught by the check meant for it.
//
//   cd tests/browser && node --test harness.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { serve } from './lib/server.mjs';
import { listPages } from './lib/pages.mjs';
import { runVnu, formatVnuErrors } from './lib/vnu.mjs';
import { checkSite, formatProblems, cspWeaknesses, idsInHtml, MISSING_PAGE } from './lib/checks.mjs';
import { launchBrowser, newContext, openPage } from './lib/browser.mjs';
import { cleanSite, brokenSite, writeSite, tempDir, CLEAN_CSP } from './lib/sample-sites.mjs';

const tmp = await tempDir();
after(() => fsp.rm(tmp, { recursive: true, force: true }));

/** Raw GET (no URL normalisation, unlike fetch), so traversal attempts reach the server as sent. */
function rawGet(origin, rawPath, method = 'GET') {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------
describe('static server', () => {
  let srv;
  let site;
  before(async () => {
    const root = path.join(tmp, 'server');
    site = path.join(root, 'site');
    await writeSite(root, { 'secret.txt': 'TOP-SECRET\n' });
    await writeSite(site, {
      'index.html': '<!doctype html><title>home</title>',
      'about/index.html': '<!doctype html><title>about</title>',
      'empty/.keep': '',
      '404.html': '<!doctype html><title>custom 404</title>',
      'a.css': 'p{}', 'a.js': '1', 'a.json': '{}', 'a.xml': '<a/>', 'a.svg': '<svg/>',
      'a.txt': 't', 'a.woff2': 'w', 'a.bin': 'b', 'sp ace/index.html': '<!doctype html><title>space</title>',
    });
    await fsp.symlink(path.join(root, 'secret.txt'), path.join(site, 'leak.txt'));
    srv = await serve(site, { basePath: '/sub/' });
  });
  after(() => srv.close());

  test('listens on 127.0.0.1 and reports url = origin + base path', () => {
    assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/sub\/$/);
  });

  test('serves index.html for the base path and for folders', async () => {
    const r = await rawGet(srv.origin, '/sub/');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.match(r.body, /home/);
    assert.match((await rawGet(srv.origin, '/sub/about/')).body, /about/);
    assert.match((await rawGet(srv.origin, '/sub/sp%20ace/')).body, /space/);
  });

  test('redirects / to the base path, and folders to their slash form', async () => {
    let r = await rawGet(srv.origin, '/');
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, '/sub/');
    r = await rawGet(srv.origin, '/sub');
    assert.equal(r.headers.location, '/sub/');
    r = await rawGet(srv.origin, '/sub/about?x=1');
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, '/sub/about/?x=1');
  });

  test('unknown paths answer 404 with the site 404.html', async () => {
    for (const p of ['/sub/nope/', '/sub/nope', '/other/', '/sub/about/index.html/', '/sub/empty/']) {
      const r = await rawGet(srv.origin, p);
      assert.equal(r.status, 404, p);
      assert.match(r.body, /custom 404/, p);
      assert.match(r.headers['content-type'], /^text\/html/);
    }
  });

  test('content types', async () => {
    const want = {
      'a.css': /^text\/css/, 'a.js': /^text\/javascript/, 'a.json': /^application\/json/,
      'a.xml': /^application\/xml/, 'a.svg': /^image\/svg\+xml$/, 'a.txt': /^text\/plain/,
      'a.woff2': /^font\/woff2$/, 'a.bin': /^application\/octet-stream$/, '404.html': /^text\/html/,
    };
    for (const [f, re] of Object.entries(want)) {
      const r = await rawGet(srv.origin, `/sub/${f}`);
      assert.equal(r.status, 200, f);
      assert.match(r.headers['content-type'], re, f);
    }
  });

  test('HEAD answers without a body; other methods are refused', async () => {
    const r = await rawGet(srv.origin, '/sub/a.css', 'HEAD');
    assert.equal(r.status, 200);
    assert.equal(r.body, '');
    assert.equal((await rawGet(srv.origin, '/sub/a.css', 'POST')).status, 405);
  });

  test('refuses path traversal', async () => {
    for (const p of ['/sub/../secret.txt', '/sub/%2e%2e/secret.txt', '/sub/..%2fsecret.txt',
      '/sub/%2E%2E%2Fsecret.txt', '/sub/about/../../secret.txt', '/sub/..\\secret.txt',
      '/sub/%5c..%5csecret.txt', '/sub/a.css%00', '/sub/leak.txt', '/sub/%']) {
      const r = await rawGet(srv.origin, p);
      assert.notEqual(r.status, 200, p);
      assert.doesNotMatch(r.body, /TOP-SECRET/, p);
    }
  });
});

// ---------------------------------------------------------------------------
test('listPages lists every index.html folder and 404.html under the base path', async () => {
  const dir = await writeSite(path.join(tmp, 'pages'), {
    'index.html': '', 'a/index.html': '', 'a/b/index.html': '', '404.html': '', 'x.html': '', 'feed.xml': '',
    'sp ace/index.html': '',
  });
  assert.deepEqual(await listPages(dir, '/'), ['/', '/404.html', '/a/', '/a/b/', '/sp%20ace/']);
  assert.deepEqual(await listPages(dir, 'https://example.org/sub'), ['/sub/', '/sub/404.html', '/sub/a/', '/sub/a/b/', '/sub/sp%20ace/']);
});

test('cspWeaknesses and idsInHtml', () => {
  assert.deepEqual(cspWeaknesses(CLEAN_CSP), []);
  assert.deepEqual(cspWeaknesses("default-src 'none'; script-src 'sha256-x' 'unsafe-inline'"),
    ["script-src allows 'unsafe-inline'"]);
  assert.ok(cspWeaknesses("script-src 'self'").includes('no default-src directive'));
  assert.ok(cspWeaknesses("default-src *").length > 0);
  assert.ok(cspWeaknesses("default-src 'none'; script-src https:").length > 0);
  const ids = idsInHtml('<p id=a><p id="b c"><p  id=\'d\'><div data-id="no"><p ID="x&amp;y">');
  assert.deepEqual([...ids].sort(), ['a', 'b c', 'd', 'x&y']);
});

// ---------------------------------------------------------------------------
describe('openPage records CSP violations, off-origin requests and errors', () => {
  test('a page that does all three', async () => {
    const dir = await writeSite(path.join(tmp, 'openpage'), {
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https://example.com">
<title>t</title></head><body><p style="color:red">x</p><img src="https://example.com/y.png" alt="y"></body></html>`,
      'err/index.html': "<!doctype html><title>e</title><script>console.error('bad'); null.x;</script>",
    });
    const srv = await serve(dir);
    const browser = await launchBrowser();
    try {
      const ctx = await newContext(browser, { origin: srv.origin });
      const v = await openPage(ctx, srv.url);
      assert.equal(v.status, 200);
      assert.ok(v.rec.cspViolations.some((c) => c.effectiveDirective === 'style-src-attr'), JSON.stringify(v.rec));
      assert.deepEqual(v.rec.offOrigin.map((r) => r.url), ['https://example.com/y.png']);
      await v.close();
      const e = await openPage(ctx, srv.url + 'err/');
      assert.equal(e.rec.pageErrors.length, 1);
      assert.match(e.rec.pageErrors[0], /TypeError/);
      assert.deepEqual(e.rec.consoleErrors.map((m) => m.text), ['bad']);
      await e.close();
      await ctx.close();
    } finally {
      await browser.close();
      await srv.close();
    }
  });
});

// ---------------------------------------------------------------------------
describe('a clean site passes every check', () => {
  for (const base of ['/', '/sub/']) {
    test(`vnu and checkSite report nothing (base ${base})`, async () => {
      const dir = await writeSite(path.join(tmp, `clean${base.replace(/\//g, '_')}`), cleanSite(base));
      const { errors } = await runVnu(dir);
      assert.equal(errors.length, 0, formatVnuErrors(errors));
      const res = await checkSite({ siteDir: dir, basePath: base });
      assert.equal(res.problems.length, 0, '\n' + formatProblems(res.problems));
      // every page (3 + 404 + the missing deep URL) at 2 viewports x 2 schemes, axe on each
      assert.equal(res.pages, 5);
      assert.equal(res.stats.visits, 20);
      assert.equal(res.stats.axeRuns, 20);
      assert.equal(res.stats.links, 4, 'home, about (+#team), search?q=, feed.xml');
      assert.equal(res.stats.images, 1);
      assert.equal(res.stats.redirects, 1, 'old-about/ is a redirect page');
    });
  }
});

// ---------------------------------------------------------------------------
describe('each planted fault in the broken site is caught', () => {
  let dir;
  let problems;
  let report;
  const find = (kind, page, re) =>
    problems.filter((p) => p.kind === kind && p.page === page && (!re || re.test(p.message)));
  const expectCaught = (kind, page, re) => {
    const hits = find(kind, page, re);
    assert.ok(hits.length > 0, `expected a ${kind} problem on ${page} matching ${re}; got:\n${report}`);
    return hits;
  };

  before(async () => {
    dir = await writeSite(path.join(tmp, 'broken'), brokenSite());
    const res = await checkSite({ siteDir: dir, basePath: '/' });
    problems = res.problems;
    report = formatProblems(problems);
  });

  test('vnu: image without alt, duplicate id', async () => {
    const { errors } = await runVnu(dir);
    const text = formatVnuErrors(errors);
    assert.ok(errors.some((e) => e.file === 'alt/index.html' && /alt/.test(e.message)), text);
    assert.ok(errors.some((e) => e.file === 'dup/index.html' && /Duplicate ID/.test(e.message) && e.line > 0), text);
  });

  test('axe: image without alt (image-alt) at every viewport and scheme', () => {
    const [p] = expectCaught('axe', '/alt/', /^image-alt /);
    assert.equal(p.where.length, 4);
    assert.ok(p.nodes.some((n) => /img/.test(n.target)), report);
  });

  test('axe: contrast that fails only in the dark scheme', () => {
    const [p] = expectCaught('axe', '/dark/', /^color-contrast /);
    assert.deepEqual([...p.where].sort(), ['1280x900 dark', '320x800 dark']);
  });

  test('csp-violation: inline style="" under a hashes-only CSP', () => {
    expectCaught('csp-violation', '/style/', /style-src-attr/);
  });

  test('broken-link: missing page, missing fragment, redirecting link', () => {
    expectCaught('broken-link', '/links/', /^\/nope\/: HTTP 404/);
    expectCaught('broken-link', '/links/', /^\/dup\/#no-such-id: no element with id="no-such-id"/);
    expectCaught('broken-link', '/links/', /^\/alt: 301 redirect to \/alt\//);
    expectCaught('broken-link', '/links/', /^#nowhere: no element with that id in this page/);
    assert.equal(find('broken-link', '/links/', /#twice/).length, 0, 'a good fragment was reported');
  });

  test('broken-link: relative link on the 404 page served at a missing deep URL', () => {
    expectCaught('broken-link', `/${MISSING_PAGE}`, /alt\/: HTTP 404/);
    assert.equal(find('http-status', `/${MISSING_PAGE}`).length, 0, 'the missing URL answered 404 as expected');
  });

  test('broken-link: an alias redirect page to a missing page', () => {
    expectCaught('broken-link', '/alias/', /^\/gone\/: HTTP 404/);
  });

  test('http-status: a page that navigates away by itself', () => {
    expectCaught('http-status', '/jump/', /navigated away by itself to \/$/);
  });

  test('off-origin: <img src="https://example.com/x.png">', () => {
    expectCaught('off-origin', '/ext/', /https:\/\/example\.com\/x\.png/);
  });

  test('broken-image and bad-resource: a missing same-origin image', () => {
    expectCaught('broken-image', '/img/', /\/missing\.png: HTTP 404/);
    expectCaught('bad-resource', '/img/', /\/missing\.png: HTTP 404/);
  });

  test('page-error and console-error', () => {
    expectCaught('page-error', '/err/', /boom from the page/);
    expectCaught('console-error', '/err/', /oops from the page/);
  });

  test('overflow at 320 px only', () => {
    const [p] = expectCaught('overflow', '/wide/', /scrolls sideways at 320px/);
    assert.deepEqual([...p.where].sort(), ['320x800 dark', '320x800 light']);
    assert.match(p.message, /div\.wide/);
  });

  test('csp-policy: missing CSP, weak CSP', () => {
    expectCaught('csp-policy', '/ext/', /no <meta http-equiv="Content-Security-Policy">/);
    expectCaught('csp-policy', '/weak/', /'unsafe-inline'/);
  });

  test('nothing is reported on the pages without a planted fault', () => {
    assert.deepEqual(problems.filter((p) => p.page === '/' || p.page === '/404.html'), []);
  });

  test('the report is readable', () => {
    assert.match(report, /^\/alt\/\n {2}\[axe\] image-alt \(critical\)/m);
    assert.match(report, /\d+ problem\(s\): /);
  });
});

// ---------------------------------------------------------------------------
test('a missing site folder is an error, not a pass', async () => {
  await assert.rejects(checkSite({ siteDir: path.join(tmp, 'does-not-exist') }));
});
