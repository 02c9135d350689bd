import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { TokenSource } from './cli-args.js';

function nonEmpty(token: string, where: string): string {
  const trimmed = token.trim();
  if (trimmed === '') throw new Error(`No token in ${where}.`);
  return trimmed;
}

/** Reads the sign-in token from where the command line said it is. */
export async function readToken(
  source: TokenSource,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  if (source.from === 'environment') return nonEmpty(source.token, 'TETHER_TOKEN');
  if (source.from === 'stdin') return nonEmpty(await text(stdin), 'standard input');
  let content: string;
  try {
    content = await readFile(source.path, 'utf8');
  } catch (err) {
    throw new Error(
      `Cannot read the token file ${source.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return nonEmpty(content, source.path);
}
