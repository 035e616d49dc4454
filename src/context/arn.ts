// Short identifiers: users, bots, channels and flows may be named by id and are expanded under
// the app instance ARN (commands.md, Identifiers). A full ARN is always taken as it is.
import { configError, usageError } from '../io/errors.js';

export const isArn = (value: string) => value.startsWith('arn:');

const APP_INSTANCE_ARN = /^arn:aws[a-z-]*:chime:[a-z0-9-]+:\d{12}:app-instance\/[^/]+$/;

/** The app instance ARN from the positional, else from --app-instance / env / config (a name
 * or id there has been resolved before the verb runs: context/chime-resolve.ts). */
export function appInstanceArn(positional: string | undefined, fromSettings: string | undefined): string {
  const value = positional ?? fromSettings;
  if (!value) {
    throw configError(
      'no app instance given',
      'pass --app-instance (ARN, id or name), or set CHATCTL_APP_INSTANCE (chatctl config set app-instance VALUE)',
    );
  }
  if (!APP_INSTANCE_ARN.test(value)) {
    throw usageError(
      `'${value}' is not an app instance ARN`,
      'app instance ARNs look like arn:aws:chime:us-east-1:123456789012:app-instance/<id>',
    );
  }
  return value;
}

/** Could be an app instance id or name: names are the model's NonEmptyResourceName (1-256
 * characters, no control characters other than tab and line breaks), ids are UUIDs. */
export const isAppInstanceIdOrName = (value: string) =>
  value.trim() !== '' && [...value].length <= 256 && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value);

/** What may stand for an app instance before it is looked up, for `config set app-instance`
 * (which stores the value as typed): a well-formed app instance ARN, or an id or name. */
export function checkAppInstanceValue(value: string): void {
  if (isArn(value)) appInstanceArn(value, undefined);
  else if (!isAppInstanceIdOrName(value)) throw usageError(`'${value}' is not an app instance ARN, id or name`, "run 'chatctl app-instance list' to see them");
}

/** The app instance an ARN under it belongs to (user, bot, channel, flow ARNs). */
export function appInstanceOf(arn: string): string | undefined {
  const m = /^(arn:[^:]+:chime:[^:]*:[^:]*:app-instance\/[^/]+)/.exec(arn);
  return m?.[1];
}

export type ChildKind = 'user' | 'bot' | 'channel' | 'channel-flow';

/** Expands a short id of the given kind under the app instance; ARNs pass through. */
export function childArn(kind: ChildKind, value: string, app: () => string): string {
  if (isArn(value)) return value;
  if (!value) throw usageError(`empty ${kind} id`);
  return `${app()}/${kind}/${value}`;
}

/** A member is a user or a bot: a bare id is a user, `bot/<id>` (or `user/<id>`) says which. */
export function memberArn(value: string, app: () => string): string {
  if (isArn(value)) return value;
  const m = /^(user|bot)\/(.+)$/.exec(value);
  return m ? childArn(m[1] as ChildKind, m[2], app) : childArn('user', value, app);
}

/** The last path segment of an ARN (the resource id), for short display. */
export function shortId(arn: string | undefined): string {
  if (!arn) return '';
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}
