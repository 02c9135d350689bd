import { LineCounter, parseDocument } from 'yaml';

/** Where and why a component's YAML does not parse; lines and columns count from 1. */
export interface YamlProblem {
  /** Character offsets of the bad spot (to > from, unless it is the very end of the text). */
  from: number;
  to: number;
  line: number;
  column: number;
  message: string;
}

/**
 * The parse errors of a YAML component, as the `yaml` library reports them.
 * A component that does not parse is still saved as typed (nothing is lost);
 * these say what to fix. The resolver refuses such a result (session.ts).
 */
export function yamlProblems(text: string): YamlProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  return doc.errors.map((error) => {
    const from = Math.min(error.pos[0], text.length);
    const to = Math.min(Math.max(error.pos[1], from + 1), text.length);
    const { line, col } = lines.linePos(from);
    return { from, to, line, column: col, message: sentence(error.message) };
  });
}

/** "line 2, column 4: …" for a bar under the editor or an error message. */
export function describeYamlProblem(problem: YamlProblem): string {
  return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

function sentence(message: string): string {
  const first = (message.split('\n')[0] ?? message).trim();
  return first.endsWith('.') || first.endsWith(':') ? first.slice(0, -1) : first;
}
