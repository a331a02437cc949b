import { describe, expect, it } from 'vitest';
import { chooseTarget, lagOf, parseLsn } from './read-router.js';

describe('read routing (ADR 0033)', () => {
  it('orders WAL positions as numbers', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    for (const bad of [undefined, '', '16', '16/', 'x/1', '123456789/0']) expect(parseLsn(bad), String(bad)).toBeUndefined();
  });

  it('measures lag as the age of the oldest primary position the replica has not replayed', () => {
    const samples = [{ lsn: 100n, at: 1_000 }, { lsn: 200n, at: 2_000 }, { lsn: 300n, at: 3_000 }];
    expect(lagOf(samples, 300n, 3_100)).toBe(0);
    expect(lagOf(samples, 250n, 3_100)).toBe(100);
    expect(lagOf(samples, 150n, 3_100)).toBe(1_100);
    expect(lagOf(samples, 50n, 3_100)).toBe(2_100);
    expect(lagOf([], 0n, 3_100)).toBe(0);
  });

  it('reads the replica only while it is up, current enough, and has replayed the caller’s last write', () => {
    const up = { isUp: true, lagMs: 200, replayed: 500n };
    expect(chooseTarget(up, 5_000, undefined)).toBe('replica');
    expect(chooseTarget(up, 5_000, 500n)).toBe('replica');
    expect(chooseTarget(up, 5_000, 501n)).toBe('read_your_writes');
    expect(chooseTarget({ ...up, lagMs: 5_001 }, 5_000, undefined)).toBe('replica_lagging');
    expect(chooseTarget({ ...up, isUp: false }, 5_000, undefined)).toBe('replica_down');
  });
});
