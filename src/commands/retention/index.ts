// Message retention of an app instance: declarative verbs over Get/PutAppInstanceRetentionSettings.
// APP is an ARN, id or name; left out, the default app instance.
import type { Command } from 'commander';
import type { Deps } from '../deps.js';
import { shortId } from '../../context/arn.js';
import { appInstanceArg } from '../../context/chime-resolve.js';
import { getVerb, rangeOption, writeVerb } from '../verb.js';

/** The answers hold only the settings; `-o id` prints the app instance they belong to. */
const ofAppInstance = (input: { AppInstanceArn: string | undefined }) => ({ id: () => input.AppInstanceArn });

export function register(group: Command): void {

  getVerb(group, {
    usage: 'get [app]',
    summary: 'Show the message retention of an app instance (default: --app-instance)',
    examples: ['chatctl retention get', 'chatctl retention get demo -o json'],
    inAppInstance: false,
    service: 'identity',
    operation: 'GetAppInstanceRetentionSettings',
    input: async (deps, [app]) => ({ AppInstanceArn: await appInstanceArg(deps, app) }),
    view: ofAppInstance,
  });

  writeVerb(group, {
    usage: 'set [app]',
    summary: 'Keep channel messages for N days; shortening an existing retention asks first (pass --yes in scripts)',
    examples: ['chatctl retention set --days 365', 'chatctl retention set demo --days 30 --yes'],
    inAppInstance: false,
    flags: (cmd) =>
      cmd.addOption(
        rangeOption('--days <n>', 'retention in days', 'identity', 'PutAppInstanceRetentionSettings', 'AppInstanceRetentionSettings.ChannelRetentionSettings.RetentionDays').makeOptionMandatory(),
      ),
    service: 'identity',
    operation: 'PutAppInstanceRetentionSettings',
    input: async (deps, [app], f) => ({
      AppInstanceArn: await appInstanceArg(deps, app),
      AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: f.days } },
    }),
    confirm: (deps, _args, f, input) => shorteningConfirmation(deps, input.AppInstanceArn!, f.days),
    view: ofAppInstance,
    done: (_args, f, _out, input) => `Message retention of app instance ${shortId(input.AppInstanceArn)} set to ${f.days} days`,
  });

  writeVerb(group, {
    usage: 'disable [app]',
    summary: 'Turn message retention off: keep channel messages forever',
    examples: ['chatctl retention disable', 'chatctl retention disable demo'],
    inAppInstance: false,
    service: 'identity',
    operation: 'PutAppInstanceRetentionSettings',
    // No confirmation: an empty ChannelRetentionSettings keeps messages forever, so this can only
    // lengthen retention. Nothing gets deleted, and during the 30-day grace period after a
    // retention change it even brings messages that were about to be deleted back.
    input: async (deps, [app]) => ({ AppInstanceArn: await appInstanceArg(deps, app), AppInstanceRetentionSettings: { ChannelRetentionSettings: {} } }),
    view: ofAppInstance,
    done: (_args, _f, _out, input) => `Message retention of app instance ${shortId(input.AppInstanceArn)} disabled (messages are kept)`,
  });
}

/** True when `days` is shorter than a retention already in force. Setting the first retention
 * on an app instance is the ordinary provisioning step (and the service keeps affected
 * messages restorable for a 30-day grace period), so only cutting an existing one asks. */
export const shortens = (currentDays: number | undefined, days: number) => currentDays !== undefined && days < currentDays;

/** What `retention set` asks before writing, or undefined when it goes ahead without asking. */
export async function shorteningConfirmation(deps: Pick<Deps, 'aws'>, app: string, days: number): Promise<string | undefined> {
  const current = await deps.aws.call('identity', 'GetAppInstanceRetentionSettings', { AppInstanceArn: app });
  const currentDays = current.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
  if (!shortens(currentDays, days)) return undefined;
  return `shorten message retention of app instance ${shortId(app)} from ${currentDays} to ${days} days (older messages will be deleted)`;
}
