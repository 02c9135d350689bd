const rules = new Intl.PluralRules('en');

/**
 * "1 change", "3 changes", "1,204 items": a count with the English word form
 * its number takes (Intl.PluralRules, so 0 and 1.5 read right too).
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${rules.select(count) === 'one' ? one : many}`;
}
