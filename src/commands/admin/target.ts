import { appInstanceOf, memberArn } from '../../context/arn.js';
import type { Deps } from '../deps.js';

/** The admin's ARN (a user, or a bot as `bot/<id>`) and the app instance it administers:
 * taken from a full ARN when given, else from --app-instance. */
export function adminTarget(member: string, deps: Pick<Deps, 'app'>): { adminArn: string; appArn: string } {
  const adminArn = memberArn(member, deps.app);
  return { adminArn, appArn: appInstanceOf(adminArn) ?? deps.app() };
}

/** "user alice" / "bot b1" for messages. */
export function describeMember(arn: string): string {
  const m = /\/(user|bot)\/([^/]+)$/.exec(arn);
  return m ? `${m[1]} ${m[2]}` : arn;
}
