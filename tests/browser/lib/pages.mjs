// List every HTML page of a built site folder as URL paths under a base path.
//
//   listPages('/tmp/site', '/sub/') -> ['/sub/', '/sub/404.html', '/sub/roles/', ...]
//
// A page is any `index.html` (URL: its folder, with a trailing slash) or `404.html`
// (URL: the file itself). Other .html files are reported by `listHtmlFiles` (vnu
// checks every HTML file anyway). Path segments are percent-encoded as needed.

import fsp from 'node:fs/promises';
import path from 'node:path';
import { normaliseBase } from './server.mjs';

/** Every file below dir (relative paths with '/' separators), sorted. */
export async function walk(dir) {
  const out = [];
  async function rec(rel) {
    const entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await rec(r);
      else if (e.isFile()) out.push(r);
    }
  }
  await rec('');
  return out.sort();
}

export async function listHtmlFiles(dir) {
  return (await walk(dir)).filter((f) => /\.html?$/i.test(f));
}

function encodePath(rel) {
  return rel.split('/').map((s) => encodeURIComponent(s)).join('/');
}

/** URL paths of every page (index.html folders and 404.html files), sorted. */
export async function listPages(dir, basePath = '/') {
  const base = normaliseBase(basePath);
  const pages = [];
  for (const f of await walk(dir)) {
    const name = f.split('/').pop();
    if (name === 'index.html') {
      const folder = f.slice(0, -'index.html'.length); // '' or 'a/b/'
      pages.push(base + encodePath(folder));
    } else if (name === '404.html') {
      pages.push(base + encodePath(f));
    }
  }
  return pages.sort();
}

/** The file that serves a page's URL path under basePath (the inverse of listPages). */
export function pageFile(dir, basePath, urlPath) {
  const base = normaliseBase(basePath);
  let rel = decodeURIComponent(urlPath.startsWith(base) ? urlPath.slice(base.length) : urlPath.replace(/^\//, ''));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return path.join(dir, ...rel.split('/'));
}

/**
 * The target of a `<meta http-equiv="refresh" content="0; url=...">` redirect page, or
 * null. (ladder writes such pages for aliases; they are checked as links, not visited.)
 */
export function refreshTarget(html) {
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/http-equiv\s*=\s*["']?refresh\b/i.test(tag)) continue;
    const c = tag.match(/content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i);
    const content = c ? (c[1] ?? c[2] ?? c[3]) : '';
    const u = content.match(/url\s*=\s*['"]?([^'"]*)/i);
    return u ? u[1].trim().replace(/&amp;/g, '&') : '';
  }
  return null;
}
