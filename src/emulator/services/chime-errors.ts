// The Chime SDK error shapes (identity and messaging share the same set, api-surface.md §3),
// as constructors for handlers and policies. The core writes the shape name to
// x-amzn-ErrorType, the status from the model (ResourceLimitExceeded is 400, Forbidden 403)
// and the body {"Code", "Message"}.
import { ServiceError } from '../types.js';

export const badRequest = (message: string) => new ServiceError('BadRequestException', message);
export const notFound = (message: string) => new ServiceError('NotFoundException', message);
export const conflict = (message: string) => new ServiceError('ConflictException', message);
export const forbidden = (message: string) => new ServiceError('ForbiddenException', message);
export const limitExceeded = (message: string) => new ServiceError('ResourceLimitExceededException', message);
