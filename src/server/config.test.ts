import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('defaults to one HTTP worker and port 8080 on loopback', () => {
    const config = parseConfig({});
    expect(config.workers).toBe(1);
    expect(config.http).toEqual({ port: 8080, host: '127.0.0.1' });
  });

  it('reads XIESHOU_WORKERS as a count, or one per core for auto', () => {
    expect(parseConfig({ XIESHOU_WORKERS: '3' }).workers).toBe(3);
    expect(parseConfig({ XIESHOU_WORKERS: 'auto' }).workers).toBe(os.availableParallelism());
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => parseConfig({ XIESHOU_WORKERS: '0' })).toThrow(/XIESHOU_WORKERS/);
    expect(() => parseConfig({ XIESHOU_WORKERS: 'many' })).toThrow(/XIESHOU_WORKERS/);
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('believes X-Forwarded-For only from loopback by default, from the listed proxies, or from none', () => {
    expect(parseConfig({}).trustProxy).toEqual(['loopback']);
    expect(parseConfig({ XIESHOU_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    expect(parseConfig({ XIESHOU_TRUST_PROXY: 'none' }).trustProxy).toBe(false);
    for (const bad of ['true', '10.0.0.300', '10.0.0.0/33', '10.0.0.0/8/1', 'loopback,']) {
      expect(() => parseConfig({ XIESHOU_TRUST_PROXY: bad }), bad).toThrow(/XIESHOU_TRUST_PROXY/);
    }
  });

  it('takes a read replica only beside an external DATABASE_URL, with a lag limit in seconds (default 5)', () => {
    const primary = 'postgres://x:y@127.0.0.1:5432/xieshou';
    const replica = 'postgres://x:y@127.0.0.1:5433/xieshou';
    expect(parseConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeUndefined();
    const config = parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica, XIESHOU_READ_MAX_LAG_SECONDS: '2.5' });
    expect(config.databaseReadUrl).toBe(replica);
    expect(config.readMaxLagMs).toBe(2500);
    expect(parseConfig({}).readMaxLagMs).toBe(5000);
    expect(() => parseConfig({ DATABASE_READ_URL: replica })).toThrow(/DATABASE_READ_URL: needs DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'replica' })).toThrow(/DATABASE_READ_URL/);
    expect(() => parseConfig({ DATABASE_URL: primary, XIESHOU_READ_MAX_LAG_SECONDS: '0' })).toThrow(/XIESHOU_READ_MAX_LAG_SECONDS/);
  });
});
