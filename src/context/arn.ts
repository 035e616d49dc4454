// Short identifiers: users, bots, channels and flows may be named by id and are expanded under
// the app instance ARN (commands.md, Identifiers). A full ARN is always taken as it is.
import { configError, usageError } from '../io/errors.js';

export const isArn = (value: string) => value.startsWith('arn:');

const APP_INSTANCE_ARN = /^arn:aws[a-z-]*:chime:[a-z0-9-]+:\d{12}:app-instance\/[^/]+$/;

/** The app instance ARN from the positional, else from --app-instance / env / config. */
export function appInstanceArn(positional: string | undefined, fromSettings: string | undefined): string {
  const value = positional ?? fromSettings;
  if (!value) {
    throw configError(
      'no app instance given',
      'pass an app instance ARN, --app-instance ARN, or set CHATCTL_APP_INSTANCE (chatctl config set app-instance ARN)',
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
