import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { describeYamlProblem, yamlProblems } from '../../../src-shared/components/yaml-check.js';

/**
 * Under a YAML component's editor: why its saved content does not parse.
 * Saving is never blocked (nothing typed is lost); this says what to fix.
 */
export function YamlProblemsBar({ content }: { content: string }) {
  const problems = useMemo(() => yamlProblems(content), [content]);
  const first = problems[0];
  if (!first) return null;
  const more = problems.length - 1;
  return (
    <div className="yaml-problems" role="status" data-testid="yaml-problems">
      <TriangleAlert size={14} aria-hidden />
      <span>
        Saved, but not valid YAML — {describeYamlProblem(first)}
        {more > 0 && ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})`}
      </span>
    </div>
  );
}
