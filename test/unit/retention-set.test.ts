// `retention set` asks only when it shortens a retention in force: the rule, and the question
// it puts from the current settings (read through the shared AWS fake).
import { describe, expect, it } from 'vitest';
import { shortens, shorteningConfirmation } from '../../src/commands/retention/index.js';
import { fakeAws } from '../support/fake-aws.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';

/** An AWS whose app instance keeps messages `currentDays` days (undefined: no retention set). */
const withRetention = (currentDays: number | undefined) =>
  fakeAws(
    {
      GetAppInstanceRetentionSettings: () => ({
        AppInstanceRetentionSettings: { ChannelRetentionSettings: currentDays === undefined ? {} : { RetentionDays: currentDays } },
      }),
    },
    'identity',
  );

describe('shortens', () => {
  it.each([
    [undefined, 60, false],
    [90, 60, true],
    [60, 60, false],
    [30, 60, false],
  ])('from %s to %i days: %s', (current, days, expected) => {
    expect(shortens(current, days)).toBe(expected);
  });
});

describe('retention set confirmation', () => {
  it('shortening asks, naming both lengths, after reading the app instance it was given', async () => {
    const aws = withRetention(90);
    expect(await shorteningConfirmation({ aws }, APP, 60)).toBe(
      'shorten message retention of app instance abc from 90 to 60 days (older messages will be deleted)',
    );
    expect(aws.inputsOf('GetAppInstanceRetentionSettings')).toEqual([{ AppInstanceArn: APP }]);
    aws.verify();
  });

  it.each([
    ['lengthening', 30],
    ['keeping the length', 60],
    ['setting the first retention', undefined],
  ])('%s goes ahead without asking', async (_case, currentDays) => {
    const aws = withRetention(currentDays);
    expect(await shorteningConfirmation({ aws }, APP, 60)).toBeUndefined();
    aws.verify();
  });
});
