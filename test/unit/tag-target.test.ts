import { describe, expect, it } from 'vitest';
import { tagPairs, tagTarget } from '../../src/commands/tag/target.js';
import { CliError } from '../../src/io/errors.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc-123';

describe('tagTarget', () => {
  it.each([
    [APP, 'identity'],
    [`${APP}/user/alice`, 'identity'],
    [`${APP}/bot/b1`, 'identity'],
    [`${APP}/channel/c1`, 'messaging'],
    [`${APP}/channel-flow/f1`, 'messaging'],
    ['arn:aws:ivschat:us-west-2:123456789012:room/abcdEFGH1234', 'ivschat'],
    ['arn:aws:ivschat:us-west-2:123456789012:logging-configuration/abcdEFGH1234', 'ivschat'],
  ])('%s belongs to %s', (arn, service) => {
    expect(tagTarget(arn)).toEqual({ arn, service });
  });

  it.each([
    'arn:aws:s3:::bucket',
    'arn:aws:chime:us-east-1:123456789012:meeting/abc',
    `${APP}/channel/c1/extra`,
    'alice',
    '',
  ])('rejects %j with a usage error (252)', (arn) => {
    let err: unknown;
    try {
      tagTarget(arn);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(252);
  });
});

describe('tagPairs', () => {
  it('reads the Chime list and the IVS map alike', () => {
    expect(tagPairs({ arn: APP, service: 'identity' }, { Tags: [{ Key: 'env', Value: 'prod' }] })).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect(tagPairs({ arn: 'x', service: 'ivschat' }, { tags: { env: 'prod', team: 'a' } })).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'a' },
    ]);
    expect(tagPairs({ arn: APP, service: 'messaging' }, {})).toEqual([]);
  });
});
