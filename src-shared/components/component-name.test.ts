import { describe, expect, it } from 'vitest';
import { renameComponentName } from './component-name.js';

describe('renaming a component renames its name: field when it held the old name', () => {
  it('changes only the value, keeping comments, order and the rest', () => {
    const before = '# the buy button\nname: button # shown in the palette\nprops:\n  label: string\n';
    expect(renameComponentName(before, 'button', 'buyButton')).toBe(
      '# the buy button\nname: buyButton # shown in the palette\nprops:\n  label: string\n',
    );
  });

  it('keeps the quoting the user chose', () => {
    expect(renameComponentName('name: "button"\n', 'button', 'cta')).toBe('name: "cta"\n');
    expect(renameComponentName("name: 'button'\n", 'button', 'cta')).toBe("name: 'cta'\n");
  });

  it('quotes a new name YAML would not read back as text', () => {
    expect(renameComponentName('name: button\n', 'button', 'true')).toBe('name: "true"\n');
    expect(renameComponentName('name: button\n', 'button', 'null')).toBe('name: "null"\n');
  });

  it('leaves a customised name, a nested name, no name and YAML that does not parse', () => {
    expect(renameComponentName('name: Buy now\n', 'button', 'cta')).toBeNull();
    expect(renameComponentName('props:\n  name: button\n', 'button', 'cta')).toBeNull();
    expect(renameComponentName('title: button\n', 'button', 'cta')).toBeNull();
    expect(renameComponentName('name: button\nprops: [a\n', 'button', 'cta')).toBeNull();
    expect(renameComponentName('- name: button\n', 'button', 'cta')).toBeNull();
    expect(renameComponentName('name: button\n', 'button', 'button')).toBeNull();
  });
});
