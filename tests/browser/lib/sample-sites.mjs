// Tiny sites written to a temp folder by harness.test.mjs: one clean site that must pass
// every check, and one broken site with exactly-known faults that each check must catch.

import fsp from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import crypto from 'node:crypto';

export const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export async function writeSite(dir, files) {
  for (const [rel, body] of Object.entries(files)) {
    const p = path.join(dir, rel);
    await fsp.mkdir(path.dirname(p), { recursive: true });
    await fsp.writeFile(p, body);
  }
  return dir;
}

export async function tempDir(prefix = 'ladder-harness-') {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

const CSS = [
  ':root{color-scheme:light dark}',
  'body{font-family:sans-serif;margin:0;padding:1rem;background:#fff;color:#1a1a1a;line-height:1.5}',
  'a{color:#0645ad}',
  '.skip{position:absolute;left:-9999px}',
  '.skip:focus{left:1rem}',
  '.dot{fill:currentColor}',
  '@media (prefers-color-scheme:dark){body{background:#121212;color:#ececec}a{color:#8ab4f8}}',
].join('');

const SCRIPT = "document.getElementById('js-out').textContent='The script ran.';";

const PIC_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">' +
  '<rect width="40" height="40" fill="#2a6f97"/></svg>\n';

// A data: URL in href must not contain raw spaces (vnu: "Space is not allowed"): %20.
const FAVICON = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%2016%2016'%3E" +
  "%3Crect%20width='16'%20height='16'%20fill='%232a6f97'/%3E%3C/svg%3E";

/** The CSP a clean page carries: nothing but hashed inline CSS/JS, same-origin images. */
export const CLEAN_CSP = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; ` +
  "img-src 'self' data:; base-uri 'none'; form-action 'self'";

function cleanPage(base, { title, heading, body }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CLEAN_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
<link rel="alternate" type="application/atom+xml" title="Feed" href="${base}feed.xml">
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<nav aria-label="Main">
<ul>
<li><a href="${base}">Home</a></li>
<li><a href="${base}about/">About</a></li>
<li><a href="${base}about/#team">Our team</a></li>
<li><a href="${base}search/?q=python">Search for Python</a></li>
<li><a href="${base}feed.xml">Feed</a></li>
</ul>
</nav>
</header>
<main id="main">
<h1>${heading}</h1>
${body}
<p id="js-out">The script did not run.</p>
</main>
<footer><p>Made for the harness test. <a href="https://example.org/elsewhere">An outside link</a> is fine: it is never fetched.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A small site that passes every check, written for `base` (e.g. '/' or '/sub/'). */
export function cleanSite(base = '/') {
  return {
    'index.html': cleanPage(base, {
      title: 'Clean home',
      heading: 'A clean page',
      body: `<p>Plain text with good contrast in both schemes.</p>
<p><img src="${base}pic.svg" alt="A blue square" width="40" height="40"></p>
<figure>
<svg role="img" aria-labelledby="dot-title" viewBox="0 0 10 10" width="40" height="40"><title id="dot-title">A round dot</title><circle class="dot" cx="5" cy="5" r="4"/></svg>
<figcaption>An inline SVG, styled by a class.</figcaption>
</figure>`,
    }),
    'about/index.html': cleanPage(base, {
      title: 'About',
      heading: 'About us',
      body: `<p>Something about us.</p>
<h2 id="team">Our team</h2>
<p>People.</p>`,
    }),
    'search/index.html': cleanPage(base, {
      title: 'Search',
      heading: 'Search',
      body: `<form action="${base}search/" method="get"><label for="q">Search for</label> <input id="q" name="q" type="search"> <button type="submit">Search</button></form>`,
    }),
    '404.html': cleanPage(base, {
      title: 'Not found',
      heading: 'Page not found',
      body: `<p>There is no such page. Try <a href="${base}">the home page</a>.</p>`,
    }),
    // an alias: a redirect page (checked as a link to its target, not visited)
    'old-about/index.html': redirectPage(`${base}about/`),
    'pic.svg': PIC_SVG,
    'feed.xml': '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>\n',
  };
}

export function redirectPage(target) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting</title>
<meta http-equiv="refresh" content="0; url=${target}">
<link rel="canonical" href="${target}">
</head>
<body><p>This page has moved to <a href="${target}">${target}</a>.</p></body>
</html>
`;
}

// ---------------------------------------------------------------------------
// The broken site. Each page has one planted fault (and, where a check needs the
// page's CSP out of the way, a laxer or missing CSP, which csp-policy reports too).

function page({ title, head = '', body, csp = CLEAN_CSP }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` : ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

const DARK_CSS = 'body{background:#fff;color:#111}' +
  '@media (prefers-color-scheme:dark){body{background:#111;color:#333}}';

export const BROKEN_STYLE_CSS = 'p{margin:1em 0}';

export function brokenSite() {
  return {
    'index.html': page({
      title: 'Broken site home',
      body: '<p>Each page below has one planted fault.</p>',
    }),
    // axe image-alt + vnu "must have an alt attribute"
    'alt/index.html': page({ title: 'Image without alt', body: '<p><img src="/pic.svg" width="40" height="40"></p>' }),
    // vnu "Duplicate ID"
    'dup/index.html': page({ title: 'Duplicate id', body: '<p id="twice">One.</p>\n<p id="twice">Two.</p>' }),
    // CSP: hashes only, so an inline style="" attribute is blocked (style-src-attr)
    'style/index.html': page({
      title: 'Inline style attribute',
      csp: `default-src 'none'; style-src ${sha256(BROKEN_STYLE_CSS)}`,
      head: `<style>${BROKEN_STYLE_CSS}</style>\n`,
      body: '<p style="color:#000">Styled inline, which a strict CSP blocks.</p>',
    }),
    // broken links: a missing page, a missing fragment, a redirecting link
    'links/index.html': page({
      title: 'Broken links',
      body: '<ul><li><a href="/nope/">A missing page</a></li>' +
        '<li><a href="/dup/#no-such-id">A missing fragment</a></li>' +
        '<li><a href="/alt">A link that redirects</a></li>' +
        '<li><a href="/dup/#twice">A good fragment</a></li>' +
        '<li><a href="#nowhere">A missing fragment in this page</a></li></ul>',
    }),
    // an image from another origin (no CSP here, so the browser does try it)
    'ext/index.html': page({
      title: 'Off-origin image',
      csp: null,
      body: '<p><img src="https://example.com/x.png" alt="From elsewhere" width="10" height="10"></p>',
    }),
    // a same-origin image that does not exist
    'img/index.html': page({
      title: 'Missing image',
      body: '<p><img src="/missing.png" alt="Not there" width="10" height="10"></p>',
    }),
    // an uncaught exception and a console error (no CSP here, so the script runs)
    'err/index.html': page({
      title: 'Script errors',
      csp: null,
      body: "<script>console.error('oops from the page'); throw new Error('boom from the page');</script>",
    }),
    // too wide for 320 px
    'wide/index.html': page({
      title: 'Too wide',
      csp: `default-src 'none'; style-src ${sha256('.wide{width:900px;height:10px;background:#2a6f97}')}`,
      head: '<style>.wide{width:900px;height:10px;background:#2a6f97}</style>\n',
      body: '<div class="wide"></div>',
    }),
    // a CSP that isn't strict
    'weak/index.html': page({
      title: 'Weak CSP',
      csp: "default-src 'self'; style-src 'self' 'unsafe-inline'",
      body: '<p>Lax.</p>',
    }),
    // contrast fails in the dark scheme only
    'dark/index.html': page({
      title: 'Dark contrast',
      csp: `default-src 'none'; style-src ${sha256(DARK_CSS)}`,
      head: `<style>${DARK_CSS}</style>\n`,
      body: '<p>Readable in light, not in dark.</p>',
    }),
    // a 404 page with a relative link: fine at /404.html, broken when a host serves it
    // for a missing URL two folders deep
    '404.html': page({ title: 'Not found', body: '<p><a href="alt/">A relative link</a></p>' }),
    // an alias redirect to a page that does not exist
    'alias/index.html': redirectPage('/gone/'),
    // a page that navigates away by itself
    'jump/index.html': page({ title: 'Jumps away', csp: null, body: "<script>location.replace('/');</script>" }),
    'pic.svg': PIC_SVG,
  };
}
