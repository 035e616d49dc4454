// Rooms: CreateRoom, GetRoom, UpdateRoom, DeleteRoom, ListRooms.
import { page } from '../../paginate.js';
import { ServiceError, type Handler, type HandlerContext } from '../../types.js';
import {
  DEFAULT_FALLBACK_RESULT,
  DEFAULT_MAXIMUM_MESSAGE_LENGTH,
  DEFAULT_MAXIMUM_MESSAGE_RATE_PER_SECOND,
  MAX_LOGGING_CONFIGURATIONS_PER_ROOM,
  RESOURCE_TYPE,
  ROOM_QUOTA,
  getLoggingConfiguration,
  getRoom,
  invalid,
  ivs,
  newId,
  roomArn,
  tagsOf,
  type MessageReviewHandler,
  type Room,
} from './state.js';

/** The flat room of Create/Get/UpdateRoom. */
export function roomOutput(ctx: HandlerContext, room: Room) {
  return {
    arn: room.arn,
    id: room.id,
    name: room.name,
    createTime: room.createTime,
    updateTime: room.updateTime,
    maximumMessageRatePerSecond: room.maximumMessageRatePerSecond,
    maximumMessageLength: room.maximumMessageLength,
    ...(room.messageReviewHandler ? { messageReviewHandler: { ...room.messageReviewHandler } } : {}),
    tags: tagsOf(ctx.state, room.arn),
    loggingConfigurationIdentifiers: [...room.loggingConfigurationIdentifiers],
  };
}

/** RoomSummary (ListRooms): no message limits. */
function roomSummary(ctx: HandlerContext, room: Room) {
  const { maximumMessageLength: _l, maximumMessageRatePerSecond: _r, ...summary } = roomOutput(ctx, room);
  return summary;
}

/** Every identifier must name an existing logging configuration; duplicates collapse. */
function loggingIdentifiers(ctx: HandlerContext, identifiers: string[] | undefined): string[] | undefined {
  if (identifiers === undefined) return undefined;
  const unique = [...new Set(identifiers)];
  if (unique.length > MAX_LOGGING_CONFIGURATIONS_PER_ROOM) {
    throw invalid('loggingConfigurationIdentifiers', `A room may use at most ${MAX_LOGGING_CONFIGURATIONS_PER_ROOM} logging configurations`);
  }
  for (const id of unique) getLoggingConfiguration(ctx, id);
  return unique;
}

/** The stored handler for an input messageReviewHandler; an empty (or missing) uri detaches. */
function reviewHandler(input: Partial<MessageReviewHandler> | undefined, current?: MessageReviewHandler): MessageReviewHandler | undefined {
  if (input === undefined) return current;
  const uri = input.uri ?? current?.uri ?? '';
  if (uri === '') return undefined;
  return { uri, fallbackResult: input.fallbackResult ?? (input.uri === undefined ? current?.fallbackResult : undefined) ?? DEFAULT_FALLBACK_RESULT };
}

const createRoom: Handler = (ctx) => {
  const { input } = ctx;
  const s = ivs(ctx.state);
  const id = newId();
  if (Object.keys(s.rooms).length >= ROOM_QUOTA) {
    throw new ServiceError('ServiceQuotaExceededException', `Quota of ${ROOM_QUOTA} rooms per account and Region reached`, {
      resourceId: id,
      resourceType: RESOURCE_TYPE,
      limit: ROOM_QUOTA,
    });
  }
  const loggingConfigurationIdentifiers = loggingIdentifiers(ctx, input.loggingConfigurationIdentifiers) ?? [];
  const room: Room = {
    arn: roomArn(ctx, id),
    id,
    name: input.name ?? '',
    createTime: ctx.now,
    updateTime: ctx.now,
    maximumMessageRatePerSecond: input.maximumMessageRatePerSecond ?? DEFAULT_MAXIMUM_MESSAGE_RATE_PER_SECOND,
    maximumMessageLength: input.maximumMessageLength ?? DEFAULT_MAXIMUM_MESSAGE_LENGTH,
    messageReviewHandler: reviewHandler(input.messageReviewHandler),
    loggingConfigurationIdentifiers,
  };
  if (!room.messageReviewHandler) delete room.messageReviewHandler;
  s.rooms[room.arn] = room;
  if (input.tags && Object.keys(input.tags).length) ctx.state.tags[room.arn] = { ...input.tags };
  return roomOutput(ctx, room);
};

const getRoomHandler: Handler = (ctx) => roomOutput(ctx, getRoom(ctx, ctx.input.identifier));

const updateRoom: Handler = (ctx) => {
  const { input } = ctx;
  const room = getRoom(ctx, input.identifier);
  const logging = loggingIdentifiers(ctx, input.loggingConfigurationIdentifiers);
  if (input.name !== undefined) room.name = input.name;
  if (input.maximumMessageRatePerSecond !== undefined) room.maximumMessageRatePerSecond = input.maximumMessageRatePerSecond;
  if (input.maximumMessageLength !== undefined) room.maximumMessageLength = input.maximumMessageLength;
  if (input.messageReviewHandler !== undefined) {
    const handler = reviewHandler(input.messageReviewHandler, room.messageReviewHandler);
    if (handler) room.messageReviewHandler = handler;
    else delete room.messageReviewHandler;
  }
  if (logging !== undefined) room.loggingConfigurationIdentifiers = logging;
  room.updateTime = ctx.now;
  return roomOutput(ctx, room);
};

const deleteRoom: Handler = (ctx) => {
  const room = getRoom(ctx, ctx.input.identifier);
  // Connected clients are not disconnected (user guide); their tokens simply find no room.
  delete ivs(ctx.state).rooms[room.arn];
  delete ctx.state.tags[room.arn];
  return undefined;
};

/** Newest update first (the service's documented order); ties by creation, then ARN, so
 * offsets in page tokens stay stable. */
export function byUpdateTimeDesc<T extends { updateTime: Date; createTime: Date; arn: string }>(a: T, b: T): number {
  return (
    b.updateTime.getTime() - a.updateTime.getTime() ||
    b.createTime.getTime() - a.createTime.getTime() ||
    (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)
  );
}

const listRooms: Handler = (ctx) => {
  const { input } = ctx;
  if (input.loggingConfigurationIdentifier !== undefined) getLoggingConfiguration(ctx, input.loggingConfigurationIdentifier);
  const rooms = Object.values(ivs(ctx.state).rooms)
    .filter((r) => input.name === undefined || r.name === input.name)
    .filter((r) => input.messageReviewHandlerUri === undefined || r.messageReviewHandler?.uri === input.messageReviewHandlerUri)
    .filter((r) => input.loggingConfigurationIdentifier === undefined || r.loggingConfigurationIdentifiers.includes(input.loggingConfigurationIdentifier))
    .sort(byUpdateTimeDesc);
  const { items, nextToken } = page(rooms, ctx);
  return { rooms: items.map((r) => roomSummary(ctx, r)), ...(nextToken ? { nextToken } : {}) };
};

export const roomHandlers = {
  CreateRoom: createRoom,
  GetRoom: getRoomHandler,
  UpdateRoom: updateRoom,
  DeleteRoom: deleteRoom,
  ListRooms: listRooms,
};
