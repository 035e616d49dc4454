import { describe, expect, it } from 'vitest';
import type { LexConfiguration } from '@aws-sdk/client-chime-sdk-identity';
import { hasLexFlags, lexConfiguration } from '../../src/commands/bot/config.js';

const ALIAS = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST';

describe('lexConfiguration', () => {
  it('builds InvokedBy from both flags on create', () => {
    expect(lexConfiguration({ lexBotAlias: ALIAS, locale: 'en_US', invokedByStandard: 'MENTIONS', invokedByTargeted: 'ALL' })).toEqual({
      LexBotAliasArn: ALIAS,
      LocaleId: 'en_US',
      InvokedBy: { StandardMessages: 'MENTIONS', TargetedMessages: 'ALL' },
    });
  });

  it('keeps the deprecated RespondsTo when asked for it', () => {
    expect(lexConfiguration({ lexBotAlias: ALIAS, locale: 'en_US', respondsTo: 'STANDARD_MESSAGES', welcomeIntent: 'Hello' })).toEqual({
      LexBotAliasArn: ALIAS,
      LocaleId: 'en_US',
      RespondsTo: 'STANDARD_MESSAGES',
      WelcomeIntent: 'Hello',
    });
  });

  it('refuses RespondsTo together with InvokedBy', () => {
    expect(() => lexConfiguration({ respondsTo: 'STANDARD_MESSAGES', invokedByStandard: 'ALL', invokedByTargeted: 'NONE' })).toThrow(/cannot be combined/);
  });

  it('needs both InvokedBy members when nothing is there to fill in', () => {
    expect(() => lexConfiguration({ invokedByStandard: 'ALL' })).toThrow(/go together/);
  });

  it('merges onto the current configuration on update, replacing RespondsTo by InvokedBy', () => {
    const current: LexConfiguration = { LexBotAliasArn: ALIAS, LocaleId: 'en_US', RespondsTo: 'STANDARD_MESSAGES' };
    expect(lexConfiguration({ invokedByStandard: 'AUTO', invokedByTargeted: 'NONE' }, current)).toEqual({
      LexBotAliasArn: ALIAS,
      LocaleId: 'en_US',
      InvokedBy: { StandardMessages: 'AUTO', TargetedMessages: 'NONE' },
    });
    const invoked: LexConfiguration = { LexBotAliasArn: ALIAS, LocaleId: 'en_US', InvokedBy: { StandardMessages: 'ALL', TargetedMessages: 'ALL' } };
    expect(lexConfiguration({ invokedByTargeted: 'NONE', locale: 'de_DE' }, invoked)).toEqual({
      LexBotAliasArn: ALIAS,
      LocaleId: 'de_DE',
      InvokedBy: { StandardMessages: 'ALL', TargetedMessages: 'NONE' },
    });
    // The current object is not modified.
    expect(invoked.InvokedBy?.TargetedMessages).toBe('ALL');
  });

  it('knows when a Lex flag was given', () => {
    expect(hasLexFlags({})).toBe(false);
    expect(hasLexFlags({ welcomeIntent: 'Hi' })).toBe(true);
  });
});
