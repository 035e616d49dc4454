// ROOM and LOGCFG arguments (commands.md, Identifiers): ARN, id or name, resolved by resolve.ts.
import { pages } from '../aws/paginate.js';
import type { Aws } from '../aws/clients.js';
import { resolveArn, type ResourceKind } from './resolve.js';

/** Room and logging configuration ids (12 letters and digits). */
const ID = /^[a-zA-Z0-9]{12}$/;
/** Room and logging configuration names (model RoomName / LoggingConfigurationName). */
const NAME = /^[a-zA-Z0-9-_]{1,128}$/;

const plausible = (value: string) => ID.test(value) || NAME.test(value);
const named = (item: { arn?: string; id?: string; name?: string }) => ({ arn: item.arn, id: item.id, name: item.name });

export const ROOM: ResourceKind = {
  noun: 'room',
  listCommand: 'chatctl room list',
  notFoundCode: 'ResourceNotFoundException',
  // ListRooms filters by name on the server; an id needs the whole list either way.
  list: (aws, value) => pages(aws, 'ivschat', 'ListRooms', ID.test(value) ? {} : { name: value }),
  named,
  plausible,
};

export const LOGGING_CONFIGURATION: ResourceKind = {
  noun: 'logging configuration',
  listCommand: 'chatctl logging list',
  notFoundCode: 'ResourceNotFoundException',
  list: (aws) => pages(aws, 'ivschat', 'ListLoggingConfigurations', {}),
  named,
  plausible,
};

export const resolveRoom = (aws: Aws, value: string) => resolveArn(aws, ROOM, value);
export const resolveLoggingConfiguration = (aws: Aws, value: string) => resolveArn(aws, LOGGING_CONFIGURATION, value);
