import { describe, expect, it } from 'vitest';
import { describeYamlProblem, yamlProblems } from './yaml-check.js';

describe('YAML problems of a component', () => {
  it('none for valid YAML, or an empty component', () => {
    expect(yamlProblems('name: button\nprops:\n  label: string\n')).toEqual([]);
    expect(yamlProblems('')).toEqual([]);
  });

  it('says where: line and column from 1, and the offsets of the bad spot', () => {
    const text = 'name: button\nprops: [label, size\nversion: 1\n';
    const problems = yamlProblems(text);
    expect(problems.length).toBeGreaterThan(0);
    const first = problems[0]!;
    expect(first.line).toBeGreaterThanOrEqual(2);
    expect(first.from).toBeGreaterThanOrEqual(text.indexOf('['));
    expect(first.to).toBeGreaterThan(first.from);
    expect(first.to).toBeLessThanOrEqual(text.length);
    expect(describeYamlProblem(first)).toMatch(/^line \d+, column \d+: \S/);
  });

  it('a repeated key and a tab indent are reported where they are', () => {
    expect(yamlProblems('a: 1\na: 2\n')[0]).toMatchObject({
      line: 2,
      column: 1,
      message: 'Map keys must be unique',
    });
    expect(yamlProblems('a:\n\tb: 1\n')[0]).toMatchObject({ line: 2, column: 1, message: /Tabs/ });
  });
});
