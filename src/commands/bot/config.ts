// Builds Configuration.Lex of CreateAppInstanceBot / UpdateAppInstanceBot from the flags.
// The model has two ways to say which messages trigger the bot: RespondsTo (deprecated, only
// STANDARD_MESSAGES) and InvokedBy {StandardMessages, TargetedMessages} (both required inside
// it). We accept one or the other, never both; neither leaves the choice to the service.
import type { Command } from 'commander';
import { choice } from '../command.js';
import { usageError } from '../../io/errors.js';

export const RESPONDS_TO = ['STANDARD_MESSAGES'] as const;
export const STANDARD_MESSAGES = ['AUTO', 'ALL', 'MENTIONS', 'NONE'] as const;
export const TARGETED_MESSAGES = ['ALL', 'NONE'] as const;

export interface LexFlags {
  lexBotAlias?: string;
  locale?: string;
  respondsTo?: string;
  invokedByStandard?: string;
  invokedByTargeted?: string;
  welcomeIntent?: string;
}

export interface LexConfiguration {
  LexBotAliasArn?: string;
  LocaleId?: string;
  RespondsTo?: string;
  InvokedBy?: { StandardMessages?: string; TargetedMessages?: string };
  WelcomeIntent?: string;
}

/** The Lex flags shared by create and update. */
export function lexOptions(cmd: Command, required: boolean): Command {
  const alias = 'Lex V2 bot alias ARN (arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID)';
  const locale = 'Lex locale id, e.g. en_US';
  (required ? cmd.requiredOption('--lex-bot-alias <arn>', alias) : cmd.option('--lex-bot-alias <arn>', alias));
  (required ? cmd.requiredOption('--locale <locale>', locale) : cmd.option('--locale <locale>', locale));
  return cmd
    .addOption(choice('--responds-to <what>', 'deprecated trigger: respond to all standard messages', RESPONDS_TO))
    .addOption(choice('--invoked-by-standard <when>', 'standard messages that trigger the bot (with --invoked-by-targeted)', STANDARD_MESSAGES))
    .addOption(choice('--invoked-by-targeted <when>', 'targeted messages that trigger the bot (with --invoked-by-standard)', TARGETED_MESSAGES))
    .option('--welcome-intent <intent>', 'name of the welcome intent of the Lex bot');
}

export const hasLexFlags = (f: LexFlags) =>
  [f.lexBotAlias, f.locale, f.respondsTo, f.invokedByStandard, f.invokedByTargeted, f.welcomeIntent].some((v) => v !== undefined);

/** Configuration.Lex from the flags, on top of the current one (update) or from scratch (create). */
export function lexConfiguration(flags: LexFlags, current: LexConfiguration = {}): LexConfiguration {
  const invokedBy = flags.invokedByStandard !== undefined || flags.invokedByTargeted !== undefined;
  if (flags.respondsTo !== undefined && invokedBy) {
    throw usageError('--responds-to cannot be combined with --invoked-by-standard/--invoked-by-targeted', 'RespondsTo is deprecated; use the --invoked-by-* flags');
  }
  const lex: LexConfiguration = { ...current };
  if (flags.lexBotAlias !== undefined) lex.LexBotAliasArn = flags.lexBotAlias;
  if (flags.locale !== undefined) lex.LocaleId = flags.locale;
  if (flags.welcomeIntent !== undefined) lex.WelcomeIntent = flags.welcomeIntent;
  if (flags.respondsTo !== undefined) {
    lex.RespondsTo = flags.respondsTo;
    delete lex.InvokedBy;
  }
  if (invokedBy) {
    const StandardMessages = flags.invokedByStandard ?? current.InvokedBy?.StandardMessages;
    const TargetedMessages = flags.invokedByTargeted ?? current.InvokedBy?.TargetedMessages;
    if (StandardMessages === undefined || TargetedMessages === undefined) {
      throw usageError('--invoked-by-standard and --invoked-by-targeted go together', 'pass both, e.g. --invoked-by-standard MENTIONS --invoked-by-targeted ALL');
    }
    lex.InvokedBy = { StandardMessages, TargetedMessages };
    delete lex.RespondsTo;
  }
  return lex;
}
