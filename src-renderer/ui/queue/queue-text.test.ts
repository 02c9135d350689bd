import { describe, expect, it } from 'vitest';
import { itemsText } from './queue-text.js';

describe('itemsText', () => {
  it('names the first item and counts the rest', () => {
    expect(itemsText({ paths: [] })).toBeNull();
    expect(itemsText({ paths: ['Acme.Billing.charge'] })).toBe('Acme.Billing.charge');
    expect(itemsText({ paths: ['Acme.Billing.charge', 'Acme.a', 'Acme.b'] })).toBe(
      'Acme.Billing.charge and 2 more',
    );
  });
});
