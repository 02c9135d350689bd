import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from './run.js';

/**
 * Used by tests and benches only: a real git remote over HTTP on loopback.
 * A small server hands each request to `git http-backend` as CGI (the way a
 * forge's web server does), with pushes allowed.
 */
export interface GitHttpRemote {
  /** Where the bare repositories live. */
  root: string;
  /** `http://127.0.0.1:PORT/NAME.git` for a bare repository created by createRepo. */
  url(name: string): string;
  createRepo(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startGitHttpRemote(): Promise<GitHttpRemote> {
  const root = await mkdtemp(join(tmpdir(), 'tether-remote-'));
  const server = createServer((req, res) => serveCgi(root, req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    root,
    url: (name) => `http://127.0.0.1:${port}/${name}.git`,
    createRepo: async (name) => {
      const dir = join(root, `${name}.git`);
      await runGit(['init', '-q', '--bare', '-b', 'main', dir], { cwd: root });
      await runGit(['config', 'http.receivepack', 'true'], { cwd: dir });
      return dir;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Hands one request to `git http-backend` for the bare repositories under `root`, as `remoteUser`. */
export function serveCgi(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  remoteUser = 'tester',
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: req.headers['content-length'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: remoteUser,
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headerDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) return void res.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headerDone = true;
    writeCgiHead(res, head.subarray(0, end).toString('latin1'));
    res.write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => res.destroy());
}

function writeCgiHead(res: ServerResponse, text: string): void {
  let status = 200;
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
    else if (name) res.setHeader(name, value);
  }
  res.statusCode = status;
}

/** A clone of `url` in a fresh temp folder, as another person's computer would have it. */
export async function cloneTo(url: string, name = 'clone'): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'tether-clone-'));
  const dir = join(parent, name);
  await runGit(['clone', '-q', url, dir], { cwd: parent });
  await runGit(['config', 'user.name', 'Other Person'], { cwd: dir });
  await runGit(['config', 'user.email', 'other@example.com'], { cwd: dir });
  return dir;
}

/**
 * Someone's clone of a new repository on `remote`: write (or, for null,
 * remove) files and commit them to main, tag, and release (commit + tag).
 */
export async function upstreamClone(remote: GitHttpRemote, name: string) {
  await remote.createRepo(name);
  const dir = await cloneTo(remote.url(name), name);
  const git = (...args: string[]) => runGit(args, { cwd: dir });
  const commit = async (files: Record<string, string | null>, message: string): Promise<string> => {
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await git('rm', '-q', path);
      else {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
        await git('add', path);
      }
    }
    await git('commit', '-q', '-m', message);
    await git('push', '-q', 'origin', 'HEAD:refs/heads/main');
    return (await git('rev-parse', 'HEAD')).trim();
  };
  const tag = async (tagName: string, annotated = false): Promise<void> => {
    await git('tag', ...(annotated ? ['-a', '-m', tagName] : []), tagName);
    await git('push', '-q', 'origin', `refs/tags/${tagName}`);
  };
  return {
    dir,
    commit,
    tag,
    /** A release: `files` committed with the tag name as message, then tagged. */
    async release(tagName: string, files: Record<string, string | null>): Promise<void> {
      await commit(files, tagName);
      await tag(tagName);
    },
    rev: async (spec: string) => (await git('rev-parse', spec)).trim(),
  };
}
