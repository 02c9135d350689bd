import { describe, expect, it } from 'vitest';
import { commonNamespace } from './approvals-scope.js';

describe('commonNamespace', () => {
  it('is the deepest namespace holding both, segment by segment', () => {
    expect(commonNamespace('Acme.Billing', 'Acme.Billing')).toBe('Acme.Billing');
    expect(commonNamespace('Acme.Billing.Tax', 'Acme.Billing')).toBe('Acme.Billing');
    expect(commonNamespace('Acme.Billing', 'Acme.Shipping')).toBe('Acme');
    // A shared text prefix is not a shared namespace.
    expect(commonNamespace('Acme', 'Acmeish')).toBe('');
    expect(commonNamespace('Acme.Bill', 'Acme.Billing')).toBe('Acme');
    expect(commonNamespace('Acme', 'Other')).toBe('');
  });
});
