// APP and BOT arguments by id or name as well as ARN (resolved by resolve.ts), and the default
// app instance (--app-instance / CHATCTL_APP_INSTANCE / config), which a verb working inside an
// app instance gets resolved once, before it runs (src/commands/command.ts runs()).
import { pages } from '../aws/paginate.js';
import type { Aws } from '../aws/clients.js';
import { CliError } from '../io/errors.js';
import { appInstanceArn, childArn, isAppInstanceIdOrName, isArn, shortId } from './arn.js';
import { resolveArn, type ResourceKind } from './resolve.js';
import type { Settings, Source } from './settings.js';

export const APP_INSTANCE: ResourceKind = {
  noun: 'app instance',
  listCommand: 'chatctl app-instance list',
  notFoundCode: 'NotFoundException',
  list: (aws) => pages(aws, 'identity', 'ListAppInstances', {}),
  named: (a) => ({ arn: a.AppInstanceArn, id: shortId(a.AppInstanceArn), name: a.Name }),
  plausible: isAppInstanceIdOrName,
};

/** The bots of one app instance. */
export const botsOf = (app: string): ResourceKind => ({
  noun: 'bot',
  listCommand: 'chatctl bot list',
  notFoundCode: 'NotFoundException',
  list: (aws) => pages(aws, 'identity', 'ListAppInstanceBots', { AppInstanceArn: app }),
  named: (b) => ({ arn: b.AppInstanceBotArn, id: shortId(b.AppInstanceBotArn), name: b.Name }),
});

interface InAppInstance {
  aws: Aws;
  settings: Settings;
  app(): string;
}

/** Bot ids are UUIDs the service generates. */
const BOT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A BOT argument: an ARN, or the id or name of a bot of the app instance, also written
 * `bot/<id or name>` as members are. An id expands without a call (the service then answers
 * for a bot that is not there); a name is looked up. */
export async function resolveBot(deps: Pick<InAppInstance, 'aws' | 'app'>, value: string): Promise<string> {
  if (isArn(value)) return value;
  const key = value.replace(/^bot\//, '');
  if (BOT_ID.test(key)) return childArn('bot', key, deps.app);
  return resolveArn(deps.aws, botsOf(deps.app()), key);
}

/** An APP argument: an ARN (its form checked), or the id or name of an app instance. */
export async function resolveAppInstance(aws: Aws, value: string): Promise<string> {
  return isArn(value) ? appInstanceArn(value, undefined) : resolveArn(aws, APP_INSTANCE, value);
}

/** Replaces the default app instance by its ARN (no call when it is one already). An error
 * names where the value came from unless it was typed on this command line. */
export async function resolveDefaultAppInstance(deps: Pick<InAppInstance, 'aws' | 'settings'>): Promise<void> {
  const { settings } = deps;
  if (settings.appInstance === undefined) return;
  try {
    settings.appInstance = await resolveAppInstance(deps.aws, settings.appInstance);
  } catch (err) {
    throw withSource(err, settings.sources['app-instance']?.source);
  }
}

/** The optional APP positional of the app-instance and retention verbs, else the default. */
export async function appInstanceArg(deps: InAppInstance, value: string | undefined): Promise<string> {
  if (value !== undefined) return resolveAppInstance(deps.aws, value);
  await resolveDefaultAppInstance(deps);
  return deps.app();
}

function withSource(err: unknown, source: Source | undefined): unknown {
  if (!(err instanceof CliError) || source === undefined || source === 'flag') return err;
  return new CliError(`${err.message} (from ${source})`, err.exitCode, err.hint, err.code, err.details);
}
