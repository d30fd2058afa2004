// A tiny static HTTP server for built sites (node:http only, no dependencies).
//
//   const { url, origin, close } = await serve(dir, { basePath: '/sub/' });
//
// - serves DIR under basePath (default '/'); `url` is origin + basePath
// - `/` redirects (302) to basePath when basePath is not '/'
// - a folder serves its index.html; `/x` redirects (301) to `/x/` when x is a folder
// - unknown paths (also paths outside basePath) answer 404 with DIR/404.html as body
//   (plain text when the site has no 404.html)
// - refuses path traversal (.., encoded .., NUL, symlinks that leave DIR) with 400/404
// - GET and HEAD only; no caching; `X-Content-Type-Options: nosniff` so a wrong
//   content type shows up as a broken resource in the browser
// - listens on 127.0.0.1, port 0 (any free port)

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.gz': 'application/gzip',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalise a base path to the form '/', '/sub/', '/a/b/'. */
export function normaliseBase(basePath = '/') {
  let b = String(basePath || '/');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(b)) b = new URL(b).pathname; // a whole URL: keep its path
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b.replace(/\/{2,}/g, '/');
}

export async function serve(dir, { basePath = '/', host = '127.0.0.1', port = 0 } = {}) {
  const root = await fsp.realpath(path.resolve(dir));
  const base = normaliseBase(basePath);
  const notFoundFile = path.join(root, '404.html');

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end(`500 ${err && err.message}`);
    });
  });

  const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

  function send(res, req, status, headers, body) {
    res.writeHead(status, { ...common, ...headers, 'content-length': body ? body.length : 0 });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function redirect(res, req, status, location) {
    send(res, req, status, { location, 'content-type': 'text/plain; charset=utf-8' },
      Buffer.from(`${status} -> ${location}\n`));
  }

  async function notFound(res, req) {
    let body;
    let type = 'text/html; charset=utf-8';
    try {
      body = await fsp.readFile(notFoundFile);
    } catch {
      body = Buffer.from('404 not found\n');
      type = 'text/plain; charset=utf-8';
    }
    send(res, req, 404, { 'content-type': type }, body);
  }

  function inside(p) {
    return p === root || p.startsWith(root + path.sep);
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, req, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' },
        Buffer.from('405 method not allowed\n'));
    }
    const raw = req.url || '/';
    const qIndex = raw.indexOf('?');
    const rawPath = qIndex >= 0 ? raw.slice(0, qIndex) : raw;
    const query = qIndex >= 0 ? raw.slice(qIndex) : '';

    let pathname;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      return send(res, req, 400, { 'content-type': 'text/plain' }, Buffer.from('400 bad path\n'));
    }
    // Refuse traversal outright rather than normalising it away: a site must never
    // depend on `..` in a URL path, and `\` or NUL are never legitimate here.
    if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\') ||
        pathname.split('/').some((seg) => seg === '..' || seg === '.')) {
      return send(res, req, 400, { 'content-type': 'text/plain' }, Buffer.from('400 bad path\n'));
    }

    if (base !== '/') {
      if (pathname === '/') return redirect(res, req, 302, base);
      if (pathname === base.slice(0, -1)) return redirect(res, req, 301, base + query);
      if (!pathname.startsWith(base)) return notFound(res, req);
    }
    const rel = pathname.slice(base.length);
    const target = path.join(root, rel);
    if (!inside(target)) return notFound(res, req);

    let st;
    let real;
    try {
      real = await fsp.realpath(target);
      if (!inside(real)) return notFound(res, req); // a symlink leaving the site
      st = await fsp.stat(real);
    } catch {
      return notFound(res, req);
    }

    let file = real;
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) return redirect(res, req, 301, rawPath + '/' + query);
      file = path.join(real, 'index.html');
      try {
        st = await fsp.stat(file);
        if (!st.isFile()) return notFound(res, req);
      } catch {
        return notFound(res, req);
      }
    } else if (!st.isFile()) {
      return notFound(res, req);
    } else if (pathname.endsWith('/')) {
      return notFound(res, req); // "/file.html/" is not a file
    }

    res.writeHead(200, { ...common, 'content-type': contentType(file), 'content-length': st.size });
    if (req.method === 'HEAD') return res.end();
    await new Promise((resolve, reject) => {
      const stream = fs.createReadStream(file);
      stream.on('error', reject);
      res.on('close', resolve);
      stream.pipe(res);
    });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address();
  const origin = `http://${host}:${actualPort}`;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    origin,
    basePath: base,
    url: origin + base,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
