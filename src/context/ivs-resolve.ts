// ROOM and LOGCFG arguments (commands.md, Identifiers): an ARN is used as it is; otherwise the
// value is matched against the ids and names the List call returns (all pages). An id match
// wins (ids are unique); several rooms of one name is a usage error listing their ARNs.
import { pages } from '../aws/paginate.js';
import type { Aws } from '../aws/clients.js';
import { CliError, ExitCode, usageError } from '../io/errors.js';
import { isArn } from './arn.js';

export type IvsKind = 'room' | 'logging';

interface KindSpec {
  noun: string;
  operation: 'ListRooms' | 'ListLoggingConfigurations';
  items: string;
  listCommand: string;
}

const KINDS: Record<IvsKind, KindSpec> = {
  room: { noun: 'room', operation: 'ListRooms', items: 'rooms', listCommand: 'chatctl room list' },
  logging: {
    noun: 'logging configuration',
    operation: 'ListLoggingConfigurations',
    items: 'loggingConfigurations',
    listCommand: 'chatctl logging list',
  },
};

const ID = /^[a-zA-Z0-9]{12}$/;
/** Room and logging configuration names (model RoomName / LoggingConfigurationName). */
const NAME = /^[a-zA-Z0-9-_]{1,128}$/;

interface Summary {
  arn?: string;
  id?: string;
  name?: string;
}

/** The ARN of the room or logging configuration named by an ARN, id or name. */
export async function resolveIvs(aws: Aws, kind: IvsKind, value: string): Promise<string> {
  if (isArn(value)) return value;
  const spec = KINDS[kind];
  if (!ID.test(value) && !NAME.test(value)) {
    throw usageError(`'${value}' is not a ${spec.noun} ARN, id or name`, `run '${spec.listCommand}' to see them`);
  }
  // ListRooms filters by name on the server; an id needs the whole list either way.
  const input = kind === 'room' && !ID.test(value) ? { name: value } : {};
  const byId: Summary[] = [];
  const byName: Summary[] = [];
  for await (const page of pages(aws, 'ivschat', spec.operation, input)) {
    for (const item of page.items) {
      if (item.id === value) byId.push(item);
      else if (item.name === value) byName.push(item);
    }
  }
  const matches = byId.length ? byId : byName;
  if (matches.length === 1 && matches[0]!.arn) return matches[0]!.arn;
  if (matches.length === 0) {
    throw new CliError(`${spec.noun} '${value}' not found`, ExitCode.service, `run '${spec.listCommand}' to see them`, 'ResourceNotFoundException');
  }
  throw new CliError(
    `${spec.noun} name '${value}' is ambiguous: ${matches.length} ${spec.noun}s have it`,
    ExitCode.usage,
    'pass the ARN or id of the one you mean',
    undefined,
    matches.map((m) => m.arn ?? ''),
  );
}

export const resolveRoom = (aws: Aws, value: string) => resolveIvs(aws, 'room', value);
export const resolveLoggingConfiguration = (aws: Aws, value: string) => resolveIvs(aws, 'logging', value);
