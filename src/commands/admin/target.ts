import { appInstanceOf, memberArn } from '../../context/arn.js';
import type { Deps } from '../deps.js';

/** The admin's ARN (a user, or a bot as `bot/<id>`) and the app instance it administers:
 * taken from a full ARN when given, else from --app-instance. */
export function adminTarget(member: string, deps: Pick<Deps, 'app'>): { adminArn: string; appArn: string } {
  const adminArn = memberArn(member, deps.app);
  return { adminArn, appArn: appInstanceOf(adminArn) ?? deps.app() };
}

/** "user alice" / "bot b1" for messages, from an ARN, `bot/<id>` or a bare user id. */
export function describeMember(member: string): string {
  const m = /(?:^|\/)(user|bot)\/([^/]+)$/.exec(member);
  if (m) return `${m[1]} ${m[2]}`;
  return member.startsWith('arn:') ? member : `user ${member}`;
}
