// Page-quality checks over a whole built site, in headless Chromium.
//
//   const { problems, pages, stats } = await checkSite({ siteDir, basePath: '/sub/' });
//   if (problems.length) console.log(formatProblems(problems));
//
// Serves siteDir under basePath, visits every page (every index.html folder and
// 404.html, plus one missing URL two folders deep, which must answer 404 with the site's
// 404 page) at each viewport (320x800, 1280x900) in each colour scheme (light, dark),
// and reports problems of these kinds:
//
//   axe              an axe-core violation (all rules axe enables by default, which
//                    include every wcag2a/wcag2aa rule), with the failing nodes
//   csp-violation    a securitypolicyviolation event (something the page's CSP blocked)
//   csp-policy       no CSP <meta> in <head>, a CSP that isn't strict (no default-src,
//                    'unsafe-inline', 'unsafe-eval', wildcards, scheme sources for
//                    scripts/styles), or a style/script/stylesheet placed before it
//   off-origin       a request to another origin (aborted before it leaves the machine),
//                    or a <link rel=preconnect|dns-prefetch|prefetch|preload> to one
//   page-error       an uncaught exception
//   console-error    a console.error message
//   http-status      the page itself did not answer 200 (the missing URL: 404)
//   bad-resource     a same-origin sub-resource answered >= 400 or failed to load
//   broken-link      a same-origin a[href]/link[href] whose GET is not 200 (redirects
//                    count as broken: link to the final URL), or whose #fragment names
//                    no id="..." in the target page; also javascript: links
//   broken-image     an img src/srcset candidate (same origin) that is not 200 with an
//                    image/* type, or that the browser failed to decode
//   overflow         at a viewport narrower than 400 px, the page scrolls sideways
//                    (WCAG 1.4.10 reflow; axe does not test this)
//   visit-error      the page could not be loaded or checked at all

import fsp from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { serve, normaliseBase } from './server.mjs';
import { listPages, pageFile, refreshTarget } from './pages.mjs';
import { launchBrowser, newContext, createVisitor, isOffOrigin, withTimeout } from './browser.mjs';

export const DEFAULT_VIEWPORTS = [
  { width: 320, height: 800 },
  { width: 1280, height: 900 },
];
export const DEFAULT_SCHEMES = ['light', 'dark'];
export const MISSING_PAGE = '__ladder_check_missing__/deep/page/';

/** Run fn over items with at most n in flight; stops taking new items after a failure. */
export async function pool(items, n, fn) {
  let next = 0;
  let failed = false;
  const workers = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async (_, worker) => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i, worker);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  });
  await Promise.all(workers);
}

// ---------------------------------------------------------------------------
// Problems: deduplicated across viewports/schemes; `where` lists the combinations.

class Problems {
  constructor() {
    this.map = new Map();
  }
  add(key, fields, where) {
    let p = this.map.get(key);
    if (!p) {
      p = { ...fields, where: [] };
      if (fields.nodes) p.nodes = [];
      this.map.set(key, p);
    }
    if (where && !p.where.includes(where)) p.where.push(where);
    if (fields.nodes) {
      for (const n of fields.nodes) {
        if (!p.nodes.some((m) => m.target === n.target)) p.nodes.push(n);
      }
    }
    return p;
  }
  merge(other) {
    for (const [key, p] of other.map) {
      for (const w of p.where.length ? p.where : [null]) this.add(key, p, w);
    }
  }
  list() {
    return [...this.map.values()].sort(
      (a, b) => a.page.localeCompare(b.page) || a.kind.localeCompare(b.kind) || a.message.localeCompare(b.message),
    );
  }
}

// ---------------------------------------------------------------------------
// CSP policy analysis (of the <meta http-equiv="Content-Security-Policy"> content).

export function parseCsp(text) {
  const directives = new Map();
  for (const part of String(text).split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (!tokens.length) continue;
    const name = tokens[0].toLowerCase();
    if (!directives.has(name)) directives.set(name, tokens.slice(1)); // first one wins
  }
  return directives;
}

/** Reasons a CSP is not strict (empty array: fine). */
export function cspWeaknesses(text) {
  const d = parseCsp(text);
  const out = [];
  if (!d.has('default-src')) out.push('no default-src directive');
  for (const [name, sources] of d) {
    if (!name.endsWith('-src') && name !== 'default-src') continue;
    const lower = sources.map((s) => s.toLowerCase());
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'"]) {
      if (lower.includes(bad)) out.push(`${name} allows ${bad}`);
    }
    for (const s of lower) {
      if (s === '*' || /^\*/.test(s) || /^https?:\/\/\*/.test(s)) out.push(`${name} allows wildcard ${s}`);
    }
    if (/^(default|script|script-elem|script-attr|style|style-elem|style-attr|object|worker)-src$/.test(name) ||
        name === 'default-src') {
      for (const s of lower) {
        if (/^(https?|data|blob|filesystem|ws|wss):$/.test(s)) out.push(`${name} allows any ${s} URL`);
      }
    }
  }
  return [...new Set(out)];
}

// ---------------------------------------------------------------------------
// What is collected from each page's DOM (runs in the page).

function collectInPage({ narrow }) {
  const abs = (u) => {
    try {
      return new URL(u, document.baseURI).href;
    } catch {
      return null;
    }
  };
  const describe = (el) => {
    const parts = [];
    let e = el;
    for (let i = 0; e && e.nodeType === 1 && i < 4; i++, e = e.parentElement) {
      let s = e.localName;
      if (e.id) {
        parts.unshift(`${s}#${e.id}`);
        break;
      }
      const cls = [...e.classList].slice(0, 2);
      if (cls.length) s += '.' + cls.join('.');
      parts.unshift(s);
    }
    return parts.join(' > ');
  };

  // Links into this same page (e.g. a skip link "#main") are checked here, against the
  // live DOM; the page's own URL may well answer 404 (the 404 page at a missing URL).
  const here = location.href.split('#')[0];
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const raw = a.getAttribute('href');
    const href = abs(raw);
    const link = { raw, href };
    if (href && href.split('#')[0] === here && href.includes('#')) {
      const frag = href.slice(href.indexOf('#') + 1);
      let id = frag;
      try {
        id = decodeURIComponent(frag);
      } catch {
        /* keep it raw */
      }
      link.samePage = { frag, found: frag === '' || !!document.getElementById(id) };
    }
    links.push(link);
  }
  const linkEls = [];
  for (const l of document.querySelectorAll('link[href]')) {
    const rel = (l.getAttribute('rel') || '').toLowerCase().split(/\s+/).filter(Boolean);
    linkEls.push({ rel, href: abs(l.getAttribute('href')), raw: l.getAttribute('href') });
  }

  const images = [];
  for (const img of document.querySelectorAll('img')) {
    const srcs = [];
    if (img.hasAttribute('src')) srcs.push(abs(img.getAttribute('src')));
    const srcset = img.getAttribute('srcset');
    if (srcset) {
      for (const c of srcset.split(',')) {
        const u = c.trim().split(/\s+/)[0];
        if (u) srcs.push(abs(u));
      }
    }
    images.push({
      srcs: srcs.filter(Boolean),
      currentSrc: img.currentSrc,
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      html: img.outerHTML.slice(0, 200),
      el: describe(img),
    });
  }
  for (const s of document.querySelectorAll('picture source[srcset]')) {
    const srcs = s.getAttribute('srcset').split(',').map((c) => abs(c.trim().split(/\s+/)[0])).filter(Boolean);
    images.push({ srcs, complete: false, naturalWidth: 0, html: s.outerHTML.slice(0, 200), el: describe(s) });
  }

  // CSP <meta>: present, in <head>, and nothing that loads or applies code before it.
  const metas = [...document.querySelectorAll('meta[http-equiv]')].filter(
    (m) => m.httpEquiv.toLowerCase() === 'content-security-policy',
  );
  const first = metas[0];
  const beforeCsp = first
    ? [...document.querySelectorAll('style, script, link[rel~="stylesheet" i], link[rel~="preload" i], link[rel~="modulepreload" i], [style]')]
        .filter((el) => el.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)
        .map((el) => el.outerHTML.slice(0, 120))
    : [];
  const csp = {
    policies: metas.map((m) => m.content),
    inHead: metas.map((m) => m.parentElement === document.head),
    beforeCsp,
  };

  // Sideways scrolling at a narrow viewport, with the leaf-most offenders as hints.
  let overflow = null;
  if (narrow) {
    const vw = document.documentElement.clientWidth;
    const sw = Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0);
    if (sw > vw + 1) {
      const offenders = [];
      const walk = (el) => {
        const st = getComputedStyle(el);
        if (st.display === 'none') return false;
        let childOver = false;
        const clips = el !== document.body && el !== document.documentElement &&
          /(auto|scroll|hidden|clip)/.test(st.overflowX);
        if (!clips) for (const c of el.children) childOver = walk(c) || childOver;
        const r = el.getBoundingClientRect();
        const over = r.right > vw + 1 && st.position !== 'fixed';
        if (over && !childOver) offenders.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
        return over || childOver;
      };
      if (document.body) walk(document.body);
      overflow = { viewport: vw, scrollWidth: sw, offenders: offenders.slice(0, 6) };
    }
  }
  return { links, linkEls, images, csp, overflow };
}

// ---------------------------------------------------------------------------
// HTTP checks of link targets and images (each URL fetched once).

const ID_RE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

function decodeEntities(s) {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function idsInHtml(html) {
  const ids = new Set();
  for (const m of html.matchAll(ID_RE)) ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
  return ids;
}

function makeFetcher() {
  const cache = new Map();
  return (url) => {
    if (!cache.has(url)) {
      cache.set(url, (async () => {
        try {
          const res = await fetch(url, { redirect: 'manual' });
          const type = res.headers.get('content-type') || '';
          const body = /html/.test(type) && res.status === 200 ? await res.text() : (await res.arrayBuffer(), null);
          return {
            status: res.status,
            type,
            location: res.headers.get('location'),
            ids: body === null ? null : idsInHtml(body),
          };
        } catch (err) {
          return { status: 0, type: '', error: String(err && err.message) };
        }
      })());
    }
    return cache.get(url);
  };
}

// A #fragment that is application state (e.g. the quiz's "#a=1,b=2") rather than an id.
export function isStateFragment(frag) {
  return frag.includes('=') || frag.startsWith(':~:');
}

// ---------------------------------------------------------------------------

export async function checkSite({
  siteDir,
  basePath = '/',
  viewports = DEFAULT_VIEWPORTS,
  schemes = DEFAULT_SCHEMES,
  concurrency = 2,
  pages: onlyPages,
  axe = true,
  checkOverflow = true,
  log = () => {},
  debug = !!process.env.LADDER_CHECK_DEBUG,
} = {}) {
  const base = normaliseBase(basePath);
  const started = Date.now();
  const server = await serve(siteDir, { basePath: base });
  const problems = new Problems();
  const linkUsers = new Map(); // absolute URL (no fragment) -> Map(page -> Set(fragments))
  const imageUsers = new Map(); // absolute URL -> Set(page)
  const stats = { pages: 0, redirects: 0, visits: 0, axeRuns: 0, links: 0, images: 0, ms: 0 };
  const browserOutput = [];
  let browser = null;
  let visits = [];

  try {
    const pagePaths = onlyPages ?? (await listPages(siteDir, base));
    visits = [];
    for (const p of pagePaths) {
      // Redirect pages (meta refresh, for aliases) navigate away at once: their target is
      // checked like a link instead of visiting them (vnu still checks their HTML).
      const html = await fsp.readFile(pageFile(siteDir, base, p), 'utf8').catch(() => null);
      const target = html === null ? null : refreshTarget(html);
      if (target === null) {
        visits.push({ path: p, expect: 200 });
      } else if (target === '') {
        problems.add(`broken-link|${p}|refresh`, { kind: 'broken-link', page: p, message: 'meta refresh without a url=' });
      } else {
        stats.redirects++;
        const href = new URL(target, server.origin + p).href;
        if (!isOffOrigin(href, server.origin)) noteLink(p, href);
      }
    }
    const has404 = await fsp.stat(path.join(siteDir, '404.html')).then(() => true, () => false);
    if (has404) visits.push({ path: base + MISSING_PAGE, expect: 404 });
    stats.pages = visits.length;

    for (const viewport of viewports) {
      for (const scheme of schemes) {
        const where = `${viewport.width}x${viewport.height} ${scheme}`;
        // A crashed browser (seen rarely, on a loaded machine) costs one retry of the
        // combination, with what the browser printed; a second crash fails the run.
        for (let attempt = 1; ; attempt++) {
          const t0 = Date.now();
          const sink = new Problems();
          const counts = { visits: 0, axeRuns: 0 };
          try {
            await ensureBrowser();
            await checkCombination(viewport, scheme, where, sink, counts);
          } catch (err) {
            if (attempt < 2 && !(browser && browser.isConnected())) {
              log(`browser died at ${where} (${firstLine(err)}); retrying. Its last output:\n` +
                browserOutput.slice(-40).join('\n'));
              browser = null;
              continue;
            }
            if (!(browser && browser.isConnected())) {
              err.message += `\nChromium's last output:\n${browserOutput.slice(-40).join('\n')}`;
            }
            throw err;
          }
          problems.merge(sink);
          stats.visits += counts.visits;
          stats.axeRuns += counts.axeRuns;
          log(`checked ${visits.length} page(s) at ${where} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          break;
        }
      }
    }

    // Links and images, each URL once.
    const fetchOnce = makeFetcher();
    const linkEntries = [...linkUsers.entries()];
    stats.links = linkEntries.length;
    await pool(linkEntries, 8, async ([url, users]) => {
      const r = await fetchOnce(url);
      for (const [page, frags] of users) {
        if (r.status !== 200) {
          const why = r.status === 0 ? `request failed: ${r.error}`
            : r.location ? `${r.status} redirect to ${r.location} (link to the final URL)`
            : `HTTP ${r.status}`;
          problems.add(`broken-link|${page}|${url}`, {
            kind: 'broken-link', page, message: `${displayUrl(url, server.origin)}: ${why}`,
          });
          continue;
        }
        for (const frag of frags) {
          if (frag === '' || frag === 'top' || isStateFragment(frag)) continue;
          let id;
          try {
            id = decodeURIComponent(frag);
          } catch {
            id = frag;
          }
          if (r.ids === null) {
            problems.add(`broken-link|${page}|${url}#${frag}`, {
              kind: 'broken-link', page,
              message: `${displayUrl(url, server.origin)}#${frag}: fragment into a non-HTML resource (${r.type})`,
            });
          } else if (!r.ids.has(id)) {
            problems.add(`broken-link|${page}|${url}#${frag}`, {
              kind: 'broken-link', page,
              message: `${displayUrl(url, server.origin)}#${frag}: no element with id="${id}" in the target page`,
            });
          }
        }
      }
    });
    const imageEntries = [...imageUsers.entries()];
    stats.images = imageEntries.length;
    await pool(imageEntries, 8, async ([url, users]) => {
      const r = await fetchOnce(url);
      let why = null;
      if (r.status !== 200) why = r.status === 0 ? `request failed: ${r.error}` : `HTTP ${r.status}`;
      else if (!/^image\//.test(r.type)) why = `served as ${r.type || 'no content type'}, not image/*`;
      if (why) {
        for (const page of users) {
          problems.add(`broken-image|${page}|${url}`, {
            kind: 'broken-image', page, message: `${displayUrl(url, server.origin)}: ${why}`,
          });
        }
      }
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.close();
  }
  stats.ms = Date.now() - started;
  return { problems: problems.list(), pages: stats.pages, stats };

  // -------------------------------------------------------------------------
  function noteLink(page, href) {
    const u = new URL(href);
    const frag = u.hash ? u.hash.slice(1) : null;
    u.hash = '';
    const key = u.href;
    if (!linkUsers.has(key)) linkUsers.set(key, new Map());
    const users = linkUsers.get(key);
    if (!users.has(page)) users.set(page, new Set());
    if (frag !== null) users.get(page).add(frag);
  }

  async function ensureBrowser() {
    if (browser && browser.isConnected()) return;
    if (browser) await browser.close().catch(() => {});
    browser = await launchBrowser({
      logger: {
        isEnabled: (name) => name === 'browser',
        log: (_name, _severity, message) => {
          browserOutput.push(String(message));
          if (browserOutput.length > 200) browserOutput.splice(0, 100);
        },
      },
    });
  }

  async function checkCombination(viewport, scheme, where, sink, counts) {
    const context = await newContext(browser, { viewport, colorScheme: scheme, origin: server.origin });
    const visitors = [];
    try {
      await pool(visits, concurrency, async (v, _i, worker) => {
        visitors[worker] ??= await createVisitor(context, server.origin);
        const ok = await visitOne(visitors[worker], v, where, viewport, sink, counts);
        if (!ok) {
          // a page that failed to load or check may be left in any state: start afresh
          await visitors[worker].close().catch(() => {});
          visitors[worker] = null;
          if (!browser.isConnected()) throw new Error('the browser disconnected');
        }
        counts.visits++;
      });
    } finally {
      await context.close().catch(() => {});
    }
  }

  // -------------------------------------------------------------------------
  /** Check one page with a reused visitor; false when the visitor should be replaced. */
  async function visitOne(visitor, v, where, viewport, sink, counts) {
    const url = server.origin + v.path;
    const page = v.path;
    const t0 = Date.now();
    const lap = (what) => debug && log(`  ${where} ${page} ${what} +${Date.now() - t0} ms`);
    let visit;
    try {
      visit = await visitor.visit(url);
    } catch (err) {
      sink.add(`visit-error|${page}|${where}`, {
        kind: 'visit-error', page, message: `could not load: ${firstLine(err)}`,
      }, where);
      return false;
    }
    try {
      const { rec, status } = visit;
      const finalUrl = (rec.finalUrl || url).split('#')[0];
      if (finalUrl !== url.split('#')[0]) {
        sink.add(`http-status|${page}|navigated`, {
          kind: 'http-status', page, message: `navigated away by itself to ${displayUrl(finalUrl, server.origin)}`,
        }, where);
      }
      if (status !== v.expect) {
        sink.add(`http-status|${page}`, {
          kind: 'http-status', page, message: `answered ${status}, expected ${v.expect}`,
        }, where);
      }
      for (const c of rec.cspViolations) {
        const what = c.blockedURI || c.sample || '';
        sink.add(`csp-violation|${page}|${c.effectiveDirective}|${what}|${c.element}`, {
          kind: 'csp-violation', page,
          message: `${c.effectiveDirective} blocked ${c.blockedURI || '(inline)'}` +
            (c.sample ? ` sample "${c.sample}"` : '') +
            (c.element ? ` on ${c.element}` : '') +
            (c.lineNumber ? ` (line ${c.lineNumber})` : ''),
        }, where);
      }
      for (const r of rec.offOrigin) {
        sink.add(`off-origin|${page}|${r.url}`, {
          kind: 'off-origin', page, message: `${r.type} request to ${r.url}`,
        }, where);
      }
      for (const e of rec.pageErrors) {
        sink.add(`page-error|${page}|${firstLine(e)}`, {
          kind: 'page-error', page, message: firstLine(e),
        }, where);
      }
      for (const e of rec.consoleErrors) {
        sink.add(`console-error|${page}|${e.text}`, {
          kind: 'console-error', page,
          message: e.text + (e.location && e.location.url ? ` (${displayUrl(e.location.url, server.origin)}:${e.location.lineNumber})` : ''),
        }, where);
      }
      for (const r of rec.badResponses) {
        sink.add(`bad-resource|${page}|${r.url}`, {
          kind: 'bad-resource', page, message: `${r.type} ${displayUrl(r.url, server.origin)}: HTTP ${r.status}`,
        }, where);
      }
      for (const r of rec.failedRequests) {
        sink.add(`bad-resource|${page}|${r.url}`, {
          kind: 'bad-resource', page, message: `${r.type} ${displayUrl(r.url, server.origin)}: ${r.error}`,
        }, where);
      }

      lap('loaded');
      const dom = await withTimeout(
        visit.page.evaluate(collectInPage, { narrow: checkOverflow && viewport.width < 400 }),
        30_000, 'collecting links',
      );

      // CSP policy
      if (!dom.csp.policies.length) {
        sink.add(`csp-policy|${page}|missing`, {
          kind: 'csp-policy', page, message: 'no <meta http-equiv="Content-Security-Policy"> in the page',
        }, where);
      }
      dom.csp.policies.forEach((policy, i) => {
        if (!dom.csp.inHead[i]) {
          sink.add(`csp-policy|${page}|not-in-head|${i}`, {
            kind: 'csp-policy', page, message: 'a CSP <meta> outside <head> (browsers ignore it)',
          }, where);
        }
        for (const w of cspWeaknesses(policy)) {
          sink.add(`csp-policy|${page}|${w}`, {
            kind: 'csp-policy', page, message: `CSP not strict: ${w} (policy: ${policy})`,
          }, where);
        }
      });
      for (const el of dom.csp.beforeCsp) {
        sink.add(`csp-policy|${page}|before|${el}`, {
          kind: 'csp-policy', page, message: `placed before the CSP <meta>, so the CSP does not cover it: ${el}`,
        }, where);
      }

      // Off-origin hints that fire no request event
      for (const l of dom.linkEls) {
        if (l.href && isOffOrigin(l.href, server.origin) &&
            l.rel.some((r) => ['preconnect', 'dns-prefetch', 'prefetch', 'preload', 'modulepreload', 'prerender', 'stylesheet', 'icon'].includes(r))) {
          sink.add(`off-origin|${page}|${l.href}`, {
            kind: 'off-origin', page, message: `<link rel="${l.rel.join(' ')}"> to ${l.href}`,
          }, where);
        }
      }

      // Links to check over HTTP later
      const addLink = (href) => noteLink(page, href);
      for (const l of dom.links) {
        if (l.raw !== null && /^\s*javascript:/i.test(l.raw)) {
          sink.add(`broken-link|${page}|${l.raw}`, {
            kind: 'broken-link', page, message: `javascript: link ${l.raw.slice(0, 80)} (blocked by a strict CSP)`,
          });
          continue;
        }
        if (!l.href) {
          sink.add(`broken-link|${page}|${l.raw}`, {
            kind: 'broken-link', page, message: `unparseable href "${l.raw}"`,
          });
          continue;
        }
        if (l.samePage) {
          const { frag, found } = l.samePage;
          if (!found && frag !== 'top' && !isStateFragment(frag)) {
            sink.add(`broken-link|${page}|#${frag}`, {
              kind: 'broken-link', page, message: `#${frag}: no element with that id in this page`,
            });
          }
          continue;
        }
        if (!isOffOrigin(l.href, server.origin) && /^https?:/.test(l.href)) addLink(l.href);
      }
      for (const l of dom.linkEls) {
        if (!l.href || !/^https?:/.test(l.href) || isOffOrigin(l.href, server.origin)) continue;
        addLink(l.href);
      }

      // Images
      for (const img of dom.images) {
        for (const src of img.srcs) {
          if (/^https?:/.test(src) && !isOffOrigin(src, server.origin)) {
            if (!imageUsers.has(src)) imageUsers.set(src, new Set());
            imageUsers.get(src).add(page);
          }
        }
        // Decoding failures only: a failed fetch is already bad-resource + broken-image (HTTP).
        const local = img.currentSrc && !isOffOrigin(img.currentSrc, server.origin);
        const fetchFailed = [...visit.rec.badResponses, ...visit.rec.failedRequests].some((r) => r.url === img.currentSrc);
        if (local && !fetchFailed && img.complete && img.naturalWidth === 0) {
          const decodes = await visit.page.evaluate(async (src) => {
            const i = [...document.images].find((x) => x.currentSrc === src);
            if (!i) return true;
            try {
              await Promise.race([i.decode(), new Promise((r) => setTimeout(r, 2000))]);
              return true;
            } catch {
              return false;
            }
          }, img.currentSrc);
          if (!decodes) {
            sink.add(`broken-image|${page}|${img.currentSrc}`, {
              kind: 'broken-image', page,
              message: `${displayUrl(img.currentSrc, server.origin)} did not decode: ${img.html}`,
            }, where);
          }
        }
      }

      if (dom.overflow) {
        sink.add(`overflow|${page}|${viewport.width}`, {
          kind: 'overflow', page,
          message: `scrolls sideways at ${dom.overflow.viewport}px wide (content ${dom.overflow.scrollWidth}px)` +
            (dom.overflow.offenders.length ? `; widest: ${dom.overflow.offenders.join('; ')}` : ''),
        }, where);
      }

      // axe, last (its injected script must not count as the page's own behaviour).
      // Legacy mode runs axe in the page itself; the default mode opens an extra blank page
      // per analyze() (for cross-origin iframes, which a ladder site has none of), ~2x slower.
      lap('collected');
      if (axe) {
        const results = await withTimeout(
          new AxeBuilder({ page: visit.page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze(),
          120_000, 'axe',
        );
        counts.axeRuns++;
        lap('axe done');
        for (const vio of results.violations) {
          sink.add(`axe|${page}|${vio.id}`, {
            kind: 'axe', page, id: vio.id, impact: vio.impact,
            message: `${vio.id} (${vio.impact}): ${vio.help}`,
            helpUrl: vio.helpUrl,
            nodes: vio.nodes.map((n) => ({
              target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
              html: n.html.replace(/\s+/g, ' ').slice(0, 200),
              summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim().slice(0, 300),
            })),
          }, where);
        }
      }
    } catch (err) {
      sink.add(`visit-error|${page}|${where}|${firstLine(err)}`, {
        kind: 'visit-error', page, message: `checking failed: ${firstLine(err)}`,
      }, where);
      return false;
    }
    return true;
  }
}

function firstLine(e) {
  return String((e && e.message) || e).split('\n')[0];
}

function displayUrl(url, origin) {
  return url.startsWith(origin) ? url.slice(origin.length) : url;
}

/** A readable multi-line report of problems (grouped by page). */
export function formatProblems(problems, { maxNodes = 8 } = {}) {
  const lines = [];
  let lastPage = null;
  for (const p of problems) {
    if (p.page !== lastPage) {
      lines.push(`${p.page}`);
      lastPage = p.page;
    }
    const where = p.where && p.where.length ? `  [${p.where.join(', ')}]` : '';
    lines.push(`  [${p.kind}] ${p.message}${where}`);
    if (p.helpUrl) lines.push(`      ${p.helpUrl}`);
    if (p.nodes) {
      for (const n of p.nodes.slice(0, maxNodes)) {
        lines.push(`      - ${n.target}`);
        lines.push(`        ${n.html}`);
        if (n.summary) lines.push(`        ${n.summary}`);
      }
      if (p.nodes.length > maxNodes) lines.push(`      ... and ${p.nodes.length - maxNodes} more node(s)`);
    }
  }
  const byKind = {};
  for (const p of problems) byKind[p.kind] = (byKind[p.kind] || 0) + 1;
  lines.push(`${problems.length} problem(s): ` +
    (Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'));
  return lines.join('\n');
}
