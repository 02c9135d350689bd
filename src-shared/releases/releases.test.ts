import { describe, expect, it } from 'vitest';
import {
  gateLine,
  isReleaseVersion,
  offerNextVersion,
  promotionGate,
  releaseSyncRows,
  releaseSyncSummary,
} from './index.js';

describe('release versions', () => {
  it('accepts canonical semver only', () => {
    expect(isReleaseVersion('1.2.3')).toBe(true);
    expect(isReleaseVersion('2.0.0-rc.1')).toBe(true);
    expect(isReleaseVersion('v1.2.3')).toBe(false);
    expect(isReleaseVersion('1.2')).toBe(false);
    expect(isReleaseVersion('01.2.3')).toBe(false);
  });

  it('offers the next free patch of the same line', () => {
    expect(offerNextVersion('1.0.0', ['1.0.0'])).toBe('1.0.1');
    expect(offerNextVersion('1.0.0', ['1.0.0', '1.0.1', '1.0.3', '1.1.0'])).toBe('1.0.4');
    expect(offerNextVersion('2.0.0', ['2.0.0', '1.9.9'])).toBe('2.0.1');
    expect(offerNextVersion('1.0.0-rc.1', ['1.0.0-rc.1'])).toBe('1.0.0');
  });
});

describe('promotion gate', () => {
  const change = (id: string, ...results: ('passed' | 'failed')[]) => ({
    id,
    title: `change ${id}`,
    proofs: results.map((result) => ({ result })),
  });

  it('is ready when every change has enough passing proofs', () => {
    expect(promotionGate([change('A', 'failed', 'passed'), change('B', 'passed')], 1)).toEqual({
      ready: true,
      reasons: [],
    });
  });

  it('says which change lacks proofs, and that an empty release is not ready', () => {
    const verdict = promotionGate([change('A', 'passed'), change('B', 'failed')], 1);
    expect(gateLine(verdict)).toBe('Ready for promotion: no (B change B: 0 of 1 passing proofs)');
    expect(promotionGate([change('A', 'passed')], 2).ready).toBe(false);
    expect(promotionGate([change('A')], 0).ready).toBe(true);
    expect(promotionGate([], 0).reasons).toEqual(['The release has no changes yet']);
  });
});

describe('release sync status', () => {
  it('lists local only, server only, behind, ahead and diverged releases with a summary', () => {
    const rows = releaseSyncRows(
      [
        { id: 'a', version: '1.1.0', revision: 1, syncedRevision: null },
        { id: 'b', version: '1.0.0', revision: 3, syncedRevision: 3 },
        { id: 'c', version: '1.2.0', revision: 2, syncedRevision: 2 },
        { id: 'd', version: '1.3.0', revision: 5, syncedRevision: 4 },
      ],
      [
        { id: 'b', version: '1.0.0', revision: 3 },
        { id: 'c', version: '1.2.0', revision: 4 },
        { id: 'd', version: '1.3.0', revision: 4 },
        { id: 'e', version: '0.9.0', revision: 2 },
      ],
    );
    expect(rows.map((row) => `${row.version} ${row.state}`)).toEqual([
      '1.1.0 local only',
      '1.0.0 in sync',
      '1.2.0 behind',
      '1.3.0 ahead',
      '0.9.0 server only',
    ]);
    expect(releaseSyncSummary(rows)).toBe(
      'Diverged (2 server releases not pulled, 2 local releases not pushed)',
    );
    expect(releaseSyncSummary(rows.filter((row) => row.state === 'server only'))).toBe(
      'Behind (1 server release not pulled)',
    );
    expect(releaseSyncSummary([])).toBe('In sync');
  });
});
