import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectRegions, parseEvery, parseWebhook } from '@/cli/options';
import { parseWatchInterval } from '@/lib/watch/interval';

describe('--region', () => {
  it('takes comma lists and repeats, without duplicates', () => {
    expect(collectRegions('eu-west-1, us-east-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(collectRegions('eu-west-1', ['us-east-1', 'eu-west-1'])).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('refuses anything that is not a region code, naming it', () => {
    expect(() => collectRegions('eu-west-1,EU_WEST')).toThrow(InvalidArgumentError);
    expect(() => collectRegions('eu-west-1,EU_WEST')).toThrow(/EU_WEST/);
    expect(() => collectRegions(' , ')).toThrow(/at least one region/);
  });
});

describe('--every', () => {
  it('reads seconds, minutes and hours', () => {
    expect(parseWatchInterval('15m')).toBe(900_000);
    expect(parseWatchInterval('90s')).toBe(90_000);
    expect(parseWatchInterval('24h')).toBe(86_400_000);
  });

  it('refuses less than a minute, more than 24 hours and other text', () => {
    expect(parseWatchInterval('59s')).toBeNull();
    expect(parseWatchInterval('25h')).toBeNull();
    expect(parseWatchInterval('1441m')).toBeNull();
    expect(parseWatchInterval('15')).toBeNull();
    expect(parseWatchInterval('fifteen minutes')).toBeNull();
    expect(parseWatchInterval('-5m')).toBeNull();
    expect(() => parseEvery('30s')).toThrow(InvalidArgumentError);
    expect(parseEvery('1m')).toBe(60_000);
  });
});

describe('--webhook', () => {
  it('takes an http(s) URL and refuses anything else without repeating it', () => {
    expect(parseWebhook('https://hooks.example.com/services/T0/B0/x')).toBe('https://hooks.example.com/services/T0/B0/x');
    expect(() => parseWebhook('ftp://hooks.example.com/secret-part')).toThrow(InvalidArgumentError);
    expect(() => parseWebhook('hooks.example.com/secret-part')).toThrow(/^--webhook must be an http\(s\) URL\.$/);
  });
});
