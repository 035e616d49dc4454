// Builds Configuration.Lex of CreateAppInstanceBot / UpdateAppInstanceBot from the flags.
// The model has two ways to say which messages trigger the bot: RespondsTo (deprecated, only
// STANDARD_MESSAGES) and InvokedBy {StandardMessages, TargetedMessages} (both required inside
// it). We accept one or the other, never both; neither leaves the choice to the service.
import type { Command } from 'commander';
import type { LexConfiguration, RespondsTo, StandardMessages, TargetedMessages } from '@aws-sdk/client-chime-sdk-identity';
import { usageError } from '../../io/errors.js';
import { enumOption } from '../verb.js';

/** The flags as commander leaves them; the enum flags are checked against the model's values. */
export interface LexFlags {
  lexBotAlias?: string;
  locale?: string;
  respondsTo?: RespondsTo;
  invokedByStandard?: StandardMessages;
  invokedByTargeted?: TargetedMessages;
  welcomeIntent?: string;
}

/** The Lex flags shared by create and update (required on create). */
export function lexOptions(cmd: Command, required: boolean): Command {
  const alias = 'Lex V2 bot alias ARN (arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID)';
  const locale = 'Lex locale id, e.g. en_US';
  (required ? cmd.requiredOption('--lex-bot-alias <arn>', alias) : cmd.option('--lex-bot-alias <arn>', alias));
  (required ? cmd.requiredOption('--locale <locale>', locale) : cmd.option('--locale <locale>', locale));
  const lexEnum = (flags: string, description: string, member: string) =>
    enumOption(flags, description, 'identity', 'CreateAppInstanceBot', `Configuration.Lex.${member}`);
  return cmd
    .addOption(lexEnum('--responds-to <what>', 'deprecated trigger: respond to all standard messages', 'RespondsTo'))
    .addOption(lexEnum('--invoked-by-standard <when>', 'standard messages that trigger the bot (with --invoked-by-targeted)', 'InvokedBy.StandardMessages'))
    .addOption(lexEnum('--invoked-by-targeted <when>', 'targeted messages that trigger the bot (with --invoked-by-standard)', 'InvokedBy.TargetedMessages'))
    .option('--welcome-intent <intent>', 'name of the welcome intent of the Lex bot');
}

export const hasLexFlags = (f: LexFlags) =>
  [f.lexBotAlias, f.locale, f.respondsTo, f.invokedByStandard, f.invokedByTargeted, f.welcomeIntent].some((v) => v !== undefined);

/** Configuration.Lex from the flags, on top of the current one (update) or from scratch (create). */
export function lexConfiguration(flags: LexFlags, current?: LexConfiguration): LexConfiguration {
  const invokedBy = flags.invokedByStandard !== undefined || flags.invokedByTargeted !== undefined;
  if (flags.respondsTo !== undefined && invokedBy) {
    throw usageError('--responds-to cannot be combined with --invoked-by-standard/--invoked-by-targeted', 'RespondsTo is deprecated; use the --invoked-by-* flags');
  }
  const lex: LexConfiguration = {
    ...current,
    LexBotAliasArn: flags.lexBotAlias ?? current?.LexBotAliasArn,
    LocaleId: flags.locale ?? current?.LocaleId,
  };
  if (flags.welcomeIntent !== undefined) lex.WelcomeIntent = flags.welcomeIntent;
  if (flags.respondsTo !== undefined) {
    lex.RespondsTo = flags.respondsTo;
    delete lex.InvokedBy;
  }
  if (invokedBy) {
    const StandardMessages = flags.invokedByStandard ?? current?.InvokedBy?.StandardMessages;
    const TargetedMessages = flags.invokedByTargeted ?? current?.InvokedBy?.TargetedMessages;
    if (StandardMessages === undefined || TargetedMessages === undefined) {
      throw usageError('--invoked-by-standard and --invoked-by-targeted go together', 'pass both, e.g. --invoked-by-standard MENTIONS --invoked-by-targeted ALL');
    }
    lex.InvokedBy = { StandardMessages, TargetedMessages };
    delete lex.RespondsTo;
  }
  return lex;
}
