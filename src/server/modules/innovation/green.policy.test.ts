import { describe, expect, it } from 'vitest';
import { intensity, meetsCriterion, segmentLevel } from './green.policy.js';

const indicator = { energyTce: 500, emissionsTco2e: 1200, revenueFen: 30_000 * 1_000_000, certifications: ['ISO 50001'], factoryLevel: 'provincial' as const };

describe('green criteria', () => {
  it('computes intensities per 万元 of revenue', () => {
    expect(intensity(1200, 30_000 * 1_000_000)).toBeCloseTo(0.04);
  });

  it('checks carbon and energy intensity against the threshold, failing without indicators', () => {
    const carbon = { name: '碳强度', kind: 'carbon_intensity' as const, threshold: 0.05, certification: null, factoryLevel: null };
    expect(meetsCriterion(carbon, { indicator, registryCertifications: [] }).isMet).toBe(true);
    expect(meetsCriterion({ ...carbon, threshold: 0.03 }, { indicator, registryCertifications: [] }).isMet).toBe(false);
    expect(meetsCriterion(carbon, { registryCertifications: [] })).toMatchObject({ isMet: false, detail: '碳强度：未报送能耗与碳排放数据' });
    expect(meetsCriterion({ ...carbon, kind: 'energy_intensity', threshold: 0.01 }, { indicator, registryCertifications: [] }).isMet).toBe(false);
  });

  it('accepts a certification from the indicators or the registry, ignoring spacing and case', () => {
    const cert = { name: '能源管理体系', kind: 'certification' as const, threshold: null, certification: 'iso50001', factoryLevel: null };
    expect(meetsCriterion(cert, { indicator, registryCertifications: [] }).isMet).toBe(true);
    expect(meetsCriterion(cert, { registryCertifications: ['ISO 50001'] }).isMet).toBe(true);
    expect(meetsCriterion(cert, { registryCertifications: ['ISO 14001'] }).isMet).toBe(false);
  });

  it('ranks green-factory levels', () => {
    const factory = { name: '绿色工厂', kind: 'green_factory' as const, threshold: null, certification: null, factoryLevel: 'provincial' as const };
    expect(meetsCriterion(factory, { indicator, registryCertifications: [] }).isMet).toBe(true);
    expect(meetsCriterion({ ...factory, factoryLevel: 'national' }, { indicator, registryCertifications: [] }).isMet).toBe(false);
    expect(meetsCriterion(factory, { indicator: { ...indicator, factoryLevel: null }, registryCertifications: [] }).isMet).toBe(false);
  });

  it('grades a segment', () => {
    expect([segmentLevel(null, { a: 0.3, b: 0.8 }), segmentLevel(0.3, { a: 0.3, b: 0.8 }), segmentLevel(0.5, { a: 0.3, b: 0.8 }), segmentLevel(0.81, { a: 0.3, b: 0.8 })]).toEqual(['none', 'A', 'B', 'C']);
  });
});
