// A small static file server for the built folder (dist/site): `npm run serve`
// serves the web page at http://127.0.0.1:8080/ ; the end-to-end tests and the
// web benchmark start it on a random port. Read-only, no directory listings,
// nothing outside the root.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on host:port (port 0 = any free port). Resolves to
 * { url, port, close(), requests } where requests lists the paths asked for.
 */
export function serveStatic(root, { port = 0, host = '127.0.0.1', log = false } = {}) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': s.size,
        'X-Content-Type-Options': 'nosniff',
        // Hashed file names under js/ never change; pages are revalidated.
        'Cache-Control': /[\\/]js[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      if (log) console.log(`200 ${url.pathname}`);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      if (log) console.log(`404 ${url.pathname}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const p = server.address().port;
      ok({
        url: `http://${host}:${p}/`,
        port: p,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'dist/site';
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  try {
    await stat(join(root, 'index.html'));
  } catch {
    console.error(`${root}/index.html not found: run "npm run build" first.`);
    process.exit(1);
  }
  const s = await serveStatic(root, { port, host, log: !!process.env.LOG });
  console.log(`村级经费核算 web page: ${s.url}  (serving ${resolve(root)}; Ctrl+C to stop)`);
}
