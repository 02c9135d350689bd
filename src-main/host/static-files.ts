import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const RENDERER_NOT_BUILT = 'Renderer not built: run npm run build:renderer';

/**
 * Maps a request path to a file inside the renderer folder, or null when the
 * path tries to leave it. Checked on the decoded path, so `%2e%2e` and
 * backslashes cannot sneak past.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  const base = resolve(root);
  const full = resolve(join(base, ...segments.filter((s) => s !== '' && s !== '.')));
  return full === base || full.startsWith(base + sep) ? full : null;
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, size: number, headers: Headers) {
  const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // index.html must be re-read after a rebuild; hashed assets could be cached, but this is loopback.
  res.writeHead(200, {
    ...headers,
    'content-type': type,
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

type Headers = Record<string, string>;

/**
 * Serves the built renderer. Paths without a file extension fall back to
 * index.html (client-side routes); a missing asset is a plain 404 so a wrong
 * script URL is not answered with HTML.
 */
export function createStaticHandler(rendererDir: string, headers: Headers) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    const target = resolveInside(rendererDir, pathname);
    if (target === null) return sendText(res, 400, 'Bad path');
    const index = join(resolve(rendererDir), 'index.html');
    const indexSize = await fileSize(index);
    if (indexSize === null) return sendText(res, 500, RENDERER_NOT_BUILT);
    const size = await fileSize(target);
    if (size !== null) return sendFile(req, res, target, size, headers);
    if (extname(target) !== '') return sendText(res, 404, 'Not found');
    return sendFile(req, res, index, indexSize, headers);
  };
}
