import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { yamlProblems } from '../../../src-shared/components/yaml-check.js';

/** A YAML component's parse errors underlined where they are, as the user types (saving is not blocked). */
export function yamlLint(): Extension {
  return [
    linter(
      (view): Diagnostic[] =>
        yamlProblems(view.state.doc.toString()).map((p) => ({
          from: p.from,
          to: p.to,
          severity: 'error',
          source: 'YAML',
          message: `Not valid YAML (line ${p.line}, column ${p.column}): ${p.message}`,
        })),
      { delay: 300 },
    ),
    lintGutter(),
  ];
}
