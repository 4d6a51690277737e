import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createServer as netServer } from 'node:net';

/**
 * A tiny static server for the built site (dist/, which the Playwright web server builds), mounted
 * under a sub-path, as GitHub Pages or any static host would serve it. `extra` adds pages (e.g.
 * one embedding the app in an iframe). It sends no X-Frame-Options or CSP header: the page's own
 * <meta> CSP is what is tested.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface Served {
  origin: string;
  /** URL of the site's root, ending in '/'. */
  root: string;
  close(): Promise<void>;
}

export async function serveDist(mount: string, extra: Record<string, string> = {}): Promise<Served> {
  const dist = join(process.cwd(), 'dist');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (extra[path] !== undefined) {
        res.writeHead(200, { 'content-type': TYPES['.html']! });
        res.end(extra[path]);
        return;
      }
      if (!path.startsWith(mount)) {
        res.writeHead(404).end('not under the mount');
        return;
      }
      let rel = path.slice(mount.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      rel = normalize(rel).replace(/^(\.\.[/\\])+/, '');
      try {
        const body = await readFile(join(dist, rel));
        res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: origin + mount,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A TCP port free right now (for a server the test starts itself). */
export async function freePort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
