// IVS Chat rooms: declarative verbs over the room operations. ROOM and LOGCFG are ARNs, ids or
// names (context/ivs-resolve.ts). `room send` (a chat message over the WebSocket) is send.ts.
import type { Command } from 'commander';
import type { FallbackResult, MessageReviewHandler } from '@aws-sdk/client-ivschat';
import { collect, keyValue } from '../command.js';
import type { Deps } from '../deps.js';
import { resolveLoggingConfiguration, resolveRoom, ROOM } from '../../context/ivs-resolve.js';
import { findByName } from '../../context/resolve.js';
import { usageError } from '../../io/errors.js';
import { enumOption, getVerb, listVerb, modelLimit, rangeOption, removeVerb, withinCount, withinLength, writeVerb } from '../verb.js';
import { register as registerSend } from './send.js';
import { eventItem, roomItem, roomList } from './views.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:review';

/** The repeatable --logging values as LOGCFG ARNs, at most as many as a room may use. */
async function loggingArns(deps: Deps, logging: string[], operation: 'CreateRoom' | 'UpdateRoom'): Promise<string[]> {
  withinCount(logging, '--logging', 'ivschat', operation, 'loggingConfigurationIdentifiers');
  return Promise.all(logging.map((l) => resolveLoggingConfiguration(deps.aws, l)));
}

/** --logging repeatable, and --no-logging (false) on the same attribute. */
const loggingList = (value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value];

const tagsOf = (tag: Record<string, string> | undefined) => (tag && Object.keys(tag).length ? tag : undefined);

export function register(group: Command): void {
  const limit = (flags: string, description: string, operation: 'CreateRoom' | 'UpdateRoom', member: string) =>
    rangeOption(flags, description, 'ivschat', operation, member);

  writeVerb(group, {
    usage: 'create [name]',
    summary: 'Create a room (names need not be unique; --if-not-exists finds one by name)',
    examples: [
      'chatctl room create lobby --max-length 300 --if-not-exists',
      `chatctl room create moderated --review-handler ${LAMBDA} --fallback DENY --logging chat-logs --tag team=chat`,
    ],
    flags: (cmd) =>
      cmd
        .addOption(limit('--max-length <n>', 'maximum message length in characters, default 500', 'CreateRoom', 'maximumMessageLength'))
        .addOption(limit('--max-rate <n>', 'maximum messages per second in the room, default 10', 'CreateRoom', 'maximumMessageRatePerSecond'))
        .option('--review-handler <lambda-arn>', 'Lambda function that reviews every message')
        .addOption(enumOption('--fallback <result>', 'what happens to a message when the review handler fails (default ALLOW)', 'ivschat', 'CreateRoom', 'messageReviewHandler.fallbackResult'))
        .option('--logging <logcfg>', 'logging configuration ARN, id or name (repeatable)', collect)
        .option('--tag <key=value>', 'tag (repeatable)', keyValue),
    service: 'ivschat',
    operation: 'CreateRoom',
    async input(deps, [name], f) {
      if (f.fallback && !f.reviewHandler) throw usageError('--fallback needs --review-handler', 'pass --review-handler LAMBDA_ARN');
      if (f.ifNotExists && !name) throw usageError('--if-not-exists needs a NAME (rooms are found by name)');
      return {
        name,
        maximumMessageLength: f.maxLength,
        maximumMessageRatePerSecond: f.maxRate,
        messageReviewHandler: f.reviewHandler ? { uri: f.reviewHandler, fallbackResult: f.fallback } : undefined,
        loggingConfigurationIdentifiers: f.logging ? await loggingArns(deps, f.logging, 'CreateRoom') : undefined,
        tags: tagsOf(f.tag),
      };
    },
    ifNotExists: async (deps, [name]) => {
      const existing = await findByName(deps.aws, ROOM, name);
      return existing && deps.aws.call('ivschat', 'GetRoom', { identifier: existing.arn });
    },
    view: roomItem,
    done: ([name], _f, out) => `Created room ${name ? `${name} ` : ''}${out.arn ?? ''}`.trim(),
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List rooms, most recently updated first',
    examples: ['chatctl room list', 'chatctl room list --name lobby -o id', 'chatctl room list --logging chat-logs'],
    flags: (cmd) =>
      cmd
        .option('--name <name>', 'only rooms with this name')
        .option('--logging <logcfg>', 'only rooms using this logging configuration (ARN, id or name)')
        .option('--review-handler <lambda-arn>', 'only rooms reviewed by this Lambda function'),
    service: 'ivschat',
    operation: 'ListRooms',
    input: async (deps, _args, f) => ({
      name: f.name,
      messageReviewHandlerUri: f.reviewHandler,
      loggingConfigurationIdentifier: f.logging ? await resolveLoggingConfiguration(deps.aws, f.logging) : undefined,
    }),
    view: roomList,
  });

  getVerb(group, {
    usage: 'get <room>',
    summary: 'Show a room (ARN, id or name)',
    examples: ['chatctl room get lobby', 'chatctl room get lobby -o json'],
    service: 'ivschat',
    operation: 'GetRoom',
    input: async (deps, [room]) => ({ identifier: await resolveRoom(deps.aws, room) }),
    view: roomItem,
  });

  writeVerb(group, {
    usage: 'update <room>',
    summary: 'Change a room (ARN, id or name); only the given settings change',
    examples: ['chatctl room update lobby --max-rate 50', "chatctl room update lobby --review-handler '' --no-logging"],
    flags: (cmd) =>
      cmd
        .option('--name <name>', 'new name')
        .addOption(limit('--max-length <n>', 'maximum message length in characters', 'UpdateRoom', 'maximumMessageLength'))
        .addOption(limit('--max-rate <n>', 'maximum messages per second in the room', 'UpdateRoom', 'maximumMessageRatePerSecond'))
        .option('--review-handler <lambda-arn>', "Lambda function that reviews every message ('' removes it)")
        .addOption(enumOption('--fallback <result>', 'what happens to a message when the review handler fails', 'ivschat', 'UpdateRoom', 'messageReviewHandler.fallbackResult'))
        .option('--logging <logcfg>', 'logging configuration ARN, id or name; replaces the current list (repeatable)', loggingList)
        .option('--no-logging', 'stop logging the room (remove every logging configuration)'),
    service: 'ivschat',
    operation: 'UpdateRoom',
    input: (deps, [room], f) => roomUpdate(deps, room, f),
    view: roomItem,
    done: ([room]) => `Updated room ${room}`,
  });

  removeVerb(group, {
    usage: 'delete <room...>',
    alias: 'rm',
    summary: 'Delete rooms (ARN, id or name); connected clients stay connected until their session ends',
    examples: ['chatctl room delete lobby --yes', 'chatctl room delete lobby old-lobby --yes --ignore-not-found'],
    service: 'ivschat',
    operation: 'DeleteRoom',
    noun: 'room',
    input: async (deps, room) => ({ identifier: await resolveRoom(deps.aws, room) }),
  });

  registerSend(group);

  writeVerb(group, {
    usage: 'send-event <room> <name>',
    summary: 'Send an application event to everyone connected to a room',
    examples: ['chatctl room send-event lobby app:poll --attribute question=tea?'],
    flags: (cmd) => cmd.option('--attribute <key=value>', 'event attribute (repeatable; 1 KB in all)', keyValue),
    service: 'ivschat',
    operation: 'SendEvent',
    input: async (deps, [room, name], f) => ({
      eventName: withinLength(name, 'event name', 'ivschat', 'SendEvent', 'eventName'),
      roomIdentifier: await resolveRoom(deps.aws, room),
      attributes: tagsOf(f.attribute),
    }),
    view: eventItem,
    done: ([room, name]) => `Sent event ${name} to room ${room}`,
  });

  writeVerb(group, {
    usage: 'delete-message <room> <message-id>',
    summary: 'Tell the clients in a room to remove a message (sends the aws:DELETE_MESSAGE event; asks first)',
    examples: ['chatctl room delete-message lobby R1BLTDN84zE0 --reason spam --yes'],
    flags: (cmd) => cmd.option('--reason <text>', 'why, shown to clients (1-256 characters)'),
    service: 'ivschat',
    operation: 'DeleteMessage',
    async input(deps, [room, id], f) {
      const { min, max } = modelLimit('ivschat', 'DeleteMessage', 'id');
      if (!new RegExp(`^[a-zA-Z0-9]{${min},${max}}$`).test(id)) throw usageError(`'${id}' is not a message id (${max} letters and digits)`);
      const reason = f.reason === undefined ? undefined : withinLength(f.reason, '--reason', 'ivschat', 'DeleteMessage', 'reason');
      return { roomIdentifier: await resolveRoom(deps.aws, room), id, reason };
    },
    confirm: (_deps, [room, id]) => `delete message ${id} in room ${room}`,
    view: eventItem,
    done: ([room, id]) => `Deleted message ${id} in room ${room}`,
  });

  writeVerb(group, {
    usage: 'disconnect <room> <user-id>',
    summary: 'Disconnect every connection of a user from a room (they may reconnect with a new token; asks first)',
    examples: ['chatctl room disconnect lobby mallory --reason abuse --yes'],
    flags: (cmd) => cmd.option('--reason <text>', 'why, shown to clients (1-256 characters)'),
    service: 'ivschat',
    operation: 'DisconnectUser',
    input: async (deps, [room, userId], f) => ({
      userId: withinLength(userId, 'user id', 'ivschat', 'DisconnectUser', 'userId'),
      reason: f.reason === undefined ? undefined : withinLength(f.reason, '--reason', 'ivschat', 'DisconnectUser', 'reason'),
      roomIdentifier: await resolveRoom(deps.aws, room),
    }),
    confirm: (_deps, [room, userId]) => `disconnect user ${userId} from room ${room}`,
    view: { id: () => undefined },
    done: ([room, userId]) => `Disconnected user ${userId} from room ${room}`,
  });
}

interface RoomUpdateFlags {
  name?: string;
  maxLength?: number;
  maxRate?: number;
  /** '' detaches the review handler. */
  reviewHandler?: string;
  fallback?: FallbackResult;
  /** A list replaces the room's logging configurations; false (--no-logging) removes them all. */
  logging?: string[] | false;
}

/** UpdateRoom's input: only what the flags change. Changing only the fallback resends the
 * room's current review handler with it (the handler is one member). */
async function roomUpdate(deps: Deps, room: string, f: RoomUpdateFlags) {
  const { name, maxLength, maxRate, reviewHandler, fallback, logging } = f;
  if ([name, maxLength, maxRate, reviewHandler, fallback, logging].every((v) => v === undefined)) {
    throw usageError('nothing to update', 'pass --name, --max-length, --max-rate, --review-handler, --fallback, --logging or --no-logging');
  }
  if (Array.isArray(logging)) withinCount(logging, '--logging', 'ivschat', 'UpdateRoom', 'loggingConfigurationIdentifiers');
  if (reviewHandler === '' && fallback) throw usageError("--fallback cannot be combined with --review-handler ''");
  const identifier = await resolveRoom(deps.aws, room);

  let messageReviewHandler: MessageReviewHandler | undefined;
  if (reviewHandler !== undefined) {
    messageReviewHandler = { uri: reviewHandler, fallbackResult: reviewHandler === '' ? undefined : fallback };
  } else if (fallback) {
    const current = await deps.aws.call('ivschat', 'GetRoom', { identifier });
    const uri = current.messageReviewHandler?.uri;
    if (!uri) throw usageError(`room ${room} has no review handler to set a fallback for`, 'pass --review-handler LAMBDA_ARN too');
    messageReviewHandler = { uri, fallbackResult: fallback };
  }
  return {
    identifier,
    name,
    maximumMessageLength: maxLength,
    maximumMessageRatePerSecond: maxRate,
    messageReviewHandler,
    loggingConfigurationIdentifiers: logging === undefined ? undefined : logging === false ? [] : await loggingArns(deps, logging, 'UpdateRoom'),
  };
}
