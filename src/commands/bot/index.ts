// App instance bots (Amazon Lex): declarative verbs over the identity bot operations. A BOT is an
// ARN, or the id or name of a bot in the app instance (also written `bot/<id or name>`).
import type { Command } from 'commander';
import { chimeTags, keyValue } from '../command.js';
import { botsOf, resolveBot } from '../../context/chime-resolve.js';
import { findByName } from '../../context/resolve.js';
import { usageError } from '../../io/errors.js';
import { getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';
import { hasLexFlags, lexConfiguration, lexOptions } from './config.js';
import { botList } from './views.js';

const ALIAS = 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST';
const byArn = { id: (d: { AppInstanceBotArn?: string }) => d.AppInstanceBotArn };

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'create',
    summary: 'Create an app instance bot backed by an Amazon Lex V2 bot',
    examples: [
      `chatctl bot create --name helper --lex-bot-alias ${ALIAS} --locale en_US --invoked-by-standard MENTIONS --invoked-by-targeted ALL`,
      `chatctl bot create --name helper --lex-bot-alias ${ALIAS} --locale en_US --responds-to STANDARD_MESSAGES --if-not-exists -o id`,
    ],
    flags: (cmd) =>
      lexOptions(cmd.requiredOption('--name <name>', 'bot name'), true)
        .option('--metadata <text>', 'metadata (up to 1 KB)')
        .option('--tag <key=value>', 'tag (repeatable)', keyValue)
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same create'),
    service: 'identity',
    operation: 'CreateAppInstanceBot',
    input: (deps, _args, f) => ({
      AppInstanceArn: deps.app(),
      Name: f.name,
      Metadata: f.metadata,
      Configuration: { Lex: lexConfiguration(f) },
      Tags: chimeTags(f.tag),
      ClientRequestToken: f.clientToken,
    }),
    // Bot ids are generated, so the name is what a rerun can recognise.
    ifNotExists: async (deps, _args, f, input) => {
      const existing = await findByName(deps.aws, botsOf(input.AppInstanceArn!), f.name);
      return existing && { AppInstanceBotArn: existing.arn };
    },
    view: byArn,
    done: (_args, f) => `Created bot ${f.name}`,
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List the bots of the app instance',
    examples: ['chatctl bot list', 'chatctl bot list -o id'],
    service: 'identity',
    operation: 'ListAppInstanceBots',
    input: (deps) => ({ AppInstanceArn: deps.app() }),
    view: botList,
  });

  getVerb(group, {
    usage: 'get <bot>',
    summary: 'Describe a bot (id, name, bot/<id or name>, or ARN)',
    examples: ['chatctl bot get helper', 'chatctl bot get bot/helper -o json'],
    service: 'identity',
    operation: 'DescribeAppInstanceBot',
    input: async (deps, [bot]) => ({ AppInstanceBotArn: await resolveBot(deps, bot) }),
    view: { show: (d) => d.AppInstanceBot, id: (d) => d.AppInstanceBot?.AppInstanceBotArn },
  });

  writeVerb(group, {
    usage: 'update <bot>',
    summary: 'Change the name, metadata or Lex configuration of a bot (unchanged fields are resent)',
    examples: ['chatctl bot update helper --name concierge', 'chatctl bot update helper --invoked-by-standard ALL --invoked-by-targeted NONE'],
    flags: (cmd) => lexOptions(cmd.option('--name <name>', 'new name').option('--metadata <text>', 'new metadata'), false),
    service: 'identity',
    operation: 'UpdateAppInstanceBot',
    async input(deps, [bot], f) {
      const lexChanged = hasLexFlags(f);
      if (f.name === undefined && f.metadata === undefined && !lexChanged) {
        throw usageError('nothing to update', 'pass --name, --metadata or a Lex flag (--lex-bot-alias, --locale, --invoked-by-*, ...)');
      }
      const arn = await resolveBot(deps, bot);
      // UpdateAppInstanceBot requires both Name and Metadata; Configuration replaces the whole
      // Lex configuration, so it is sent (merged onto the current one) only when a Lex flag is given.
      const { AppInstanceBot: current } = await deps.aws.call('identity', 'DescribeAppInstanceBot', { AppInstanceBotArn: arn });
      return {
        AppInstanceBotArn: arn,
        Name: f.name ?? current?.Name ?? '',
        Metadata: f.metadata ?? current?.Metadata ?? '',
        Configuration: lexChanged ? { Lex: lexConfiguration(f, current?.Configuration?.Lex) } : undefined,
      };
    },
    view: byArn,
    done: ([bot], f) => `Updated bot ${f.name ?? bot}`,
  });

  removeVerb(group, {
    usage: 'delete <bot...>',
    alias: 'rm',
    summary: 'Delete bots (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl bot delete helper --yes', 'chatctl bot delete helper legacy --yes --ignore-not-found'],
    service: 'identity',
    operation: 'DeleteAppInstanceBot',
    noun: 'bot',
    input: async (deps, bot) => ({ AppInstanceBotArn: await resolveBot(deps, bot) }),
  });
}
