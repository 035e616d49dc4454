import { describe, expect, it } from 'vitest';
import { appInstanceArn, appInstanceOf, checkAppInstanceValue, childArn, memberArn, shortId } from '../../src/context/arn.js';
import { CliError } from '../../src/io/errors.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc-123';
const app = () => APP;

describe('identifier expansion', () => {
  it('expands short ids under the app instance and passes ARNs through', () => {
    expect(childArn('user', 'alice', app)).toBe(`${APP}/user/alice`);
    expect(childArn('channel', 'ops', app)).toBe(`${APP}/channel/ops`);
    expect(childArn('user', `${APP}/user/bob`, () => 'unused')).toBe(`${APP}/user/bob`);
  });

  it('reads a bare member as a user and bot/<id> as a bot', () => {
    expect(memberArn('alice', app)).toBe(`${APP}/user/alice`);
    expect(memberArn('bot/helper', app)).toBe(`${APP}/bot/helper`);
    expect(memberArn('user/carol', app)).toBe(`${APP}/user/carol`);
  });

  it('needs an app instance ARN (253 when none is configured, 252 when malformed)', () => {
    expect(appInstanceArn(undefined, APP)).toBe(APP);
    expect(appInstanceArn(APP, 'arn:other')).toBe(APP);
    const missing = (() => { try { appInstanceArn(undefined, undefined); } catch (e) { return e as CliError; } })();
    expect(missing?.exitCode).toBe(253);
    const bad = (() => { try { appInstanceArn('demo', undefined); } catch (e) { return e as CliError; } })();
    expect(bad?.exitCode).toBe(252);
  });

  it('takes an app instance ARN, id or name as a value to store, not a malformed ARN or control characters', () => {
    const code = (value: string) => {
      try {
        checkAppInstanceValue(value);
        return 0;
      } catch (e) {
        return (e as CliError).exitCode;
      }
    };
    expect([APP, 'demo', 'abc-123', 'Team chat (prod)', 'x'.repeat(256)].map(code)).toEqual([0, 0, 0, 0, 0]);
    expect(['', '  ', 'x'.repeat(257), 'bad\u001bname', 'arn:aws:chime:us-east-1:123456789012:channel/x'].map(code)).toEqual([252, 252, 252, 252, 252]);
  });

  it('finds the app instance of a child ARN and the short id of any ARN', () => {
    expect(appInstanceOf(`${APP}/user/alice`)).toBe(APP);
    expect(shortId(`${APP}/user/alice`)).toBe('alice');
    expect(shortId(undefined)).toBe('');
  });
});
