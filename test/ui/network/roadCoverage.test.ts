import { describe, expect, it } from 'vitest';
import { roadCoverage } from '../../../src/ui/network/roadCoverage';
import type { AuditResult, DataWarning } from '../../../src/engine/types';

const result = (mode: 'euclidean' | 'network', n: number, warnings: DataWarning[]): AuditResult => ({
  preset: 'national-2022',
  parameters: { mode, tiers: {}, greenDistance_m: 300, parkDistance_m: 500, personsPerHousehold: 3.2, detourFactor: 1, lifeCircleThreshold: 0.9 },
  communities: Array.from({ length: n }, (_, i) => ({ id: 'ABC'[i], name: `社区${'ABC'[i]}` }) as AuditResult['communities'][number]),
  summary: { communities: n, failing: 0, byRule: {}, households: 0 },
  warnings,
});
const off = (id: string): DataWarning => ({ code: 'community_off_network', layer: 'communities', feature: id, message: '' });

describe('roadCoverage', () => {
  it('straight-line mode needs no roads', () => {
    expect(roadCoverage('euclidean', false, null)).toEqual({ kind: 'ok' });
  });
  it('walking mode without a road layer says so (never borrows other roads)', () => {
    expect(roadCoverage('network', false, result('euclidean', 3, []))).toEqual({ kind: 'noRoads' });
  });
  it('walking mode with roads elsewhere counts the communities without a road', () => {
    const fac: DataWarning = { code: 'facility_off_network', layer: 'facilities', feature: 'F9', message: '' };
    expect(roadCoverage('network', true, result('network', 3, [off('C'), fac, off('A')]))).toEqual({
      kind: 'uncovered', off: 2, total: 3, communities: [{ id: 'A', name: '社区A' }, { id: 'C', name: '社区C' }], facilities: ['F9'],
    });
    expect(roadCoverage('network', true, result('network', 3, []))).toEqual({ kind: 'ok' });
  });
  it('a result of the other mode (still computing) is not judged', () => {
    expect(roadCoverage('network', true, result('euclidean', 3, [off('A')]))).toEqual({ kind: 'ok' });
  });
});
