// What the member-centred groups (membership, moderator, ban) share: members in messages
// (`user alice`, `bot helper`) and how a list of members looks.
import { shortId } from '../../context/arn.js';
import type { ListVerbView } from '../verb.js';

export { describeMember } from '../admin/target.js';

interface Identity {
  Arn?: string;
  Name?: string;
}

const kindOf = (arn: string | undefined) => /\/(user|bot)\/[^/]+$/.exec(arn ?? '')?.[1] ?? '';

/** A list whose items each name one member (`Member`, `Moderator`...). */
export function memberList<T>(noun: string, memberOf: (item: T) => Identity | undefined): ListVerbView<T> {
  return {
    noun,
    columns: [
      ['ID', (i) => shortId(memberOf(i)?.Arn)],
      ['KIND', (i) => kindOf(memberOf(i)?.Arn)],
      ['NAME', (i) => memberOf(i)?.Name],
      ['ARN', (i) => memberOf(i)?.Arn],
    ],
    id: (i) => memberOf(i)?.Arn,
  };
}
