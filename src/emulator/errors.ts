// Error answers as the real services write them (restJson1): the shape name in the
// `x-amzn-ErrorType` header (both the AWS SDK v3 and botocore take the error name from it
// first), the status from the model's httpError trait, and a JSON body in the service's
// dialect:
//   Chime (identity, messaging): {"Code": "<ErrorCode enum>", "Message": "..."} — the
//     model's error structures have exactly these two members.
//   IVS Chat: {"message": "...", ...shape members} (resourceId, resourceType, limit,
//     reason, fieldList).
// Errors raised by the AWS front end before a service sees the request (authentication,
// unknown route) are not in the models; they carry {"message": "..."} only, like AWS's.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { MODELS, isChime } from './model.js';
import { ServiceError, type ServiceName } from './types.js';

/** The `Code` body member of each Chime error shape (enum ErrorCode of the model). */
export const CHIME_ERROR_CODES: Record<string, string> = {
  BadRequestException: 'BadRequest',
  ConflictException: 'Conflict',
  ForbiddenException: 'Forbidden',
  NotFoundException: 'NotFound',
  ResourceLimitExceededException: 'ResourceLimitExceeded',
  ServiceFailureException: 'ServiceFailure',
  ServiceUnavailableException: 'ServiceUnavailable',
  ThrottledClientException: 'Throttled',
  UnauthorizedClientException: 'Unauthorized',
};

/** Front-end errors: not part of any model, same for every service. */
export const FRONT_END_ERRORS: Record<string, number> = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  UnknownOperationException: 404,
  SerializationException: 400,
  RequestEntityTooLargeException: 413,
};

/**
 * An answer for a request Node's HTTP parser refused before there was a request object
 * (headers too large, bad method, bad characters in the target, bad framing), written to the
 * socket directly, in the same shape as every other error; the connection is closed after it.
 */
export function parserErrorResponse(code: string | undefined): string {
  const [status, reason, shape, message] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLargeException', 'The request headers are too large.']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADER_TIMEOUT'
        ? [408, 'Request Timeout', 'RequestTimeoutException', 'The request was not received in time.']
        : [400, 'Bad Request', 'BadRequestException', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ message });
  return (
    `HTTP/1.1 ${status} ${reason}\r\n` +
    `Content-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `x-amzn-RequestId: ${randomUUID()}\r\n` +
    `x-amzn-ErrorType: ${shape}\r\n` +
    `Connection: close\r\n\r\n` +
    body
  );
}

export function errorStatus(service: ServiceName, err: ServiceError): number {
  if (err.status !== undefined) return err.status;
  const modelled = MODELS[service].errors[err.shape];
  if (modelled) return modelled.status;
  return FRONT_END_ERRORS[err.shape] ?? 500;
}

// Neutral values for IVS error members the model marks required, should a handler leave one
// out: clients may rely on their presence.
const IVS_REQUIRED_DEFAULTS: Record<string, unknown> = { resourceId: '', resourceType: 'ROOM', limit: 0, reason: 'OTHER' };

export function errorBody(service: ServiceName, err: ServiceError): Record<string, unknown> {
  const modelled = MODELS[service].errors[err.shape];
  if (!modelled) return { message: err.message };
  if (isChime(service)) return { Code: CHIME_ERROR_CODES[err.shape] ?? err.shape.replace(/Exception$/, ''), Message: err.message };
  const body: Record<string, unknown> = { message: err.message, ...err.fields };
  for (const member of modelled.required) {
    if (body[member] === undefined && member in IVS_REQUIRED_DEFAULTS) body[member] = IVS_REQUIRED_DEFAULTS[member];
  }
  return body;
}

export function writeError(res: ServerResponse, service: ServiceName, err: ServiceError, requestId: string): void {
  const body = JSON.stringify(errorBody(service, err));
  res.writeHead(errorStatus(service, err), {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': err.shape,
  });
  res.end(body);
}

// --- Constructors for the errors the core raises ----------------------------------------------

export interface FieldIssue {
  /** Member path, e.g. `Tags[0].Key`. */
  name: string;
  message: string;
}

/** Input failed validation: Chime BadRequestException, IVS ValidationException. */
export function validationError(service: ServiceName, issues: FieldIssue[], summary?: string): ServiceError {
  const message =
    summary ??
    `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ` +
      issues.map((i) => i.message).join('; ');
  if (isChime(service)) return new ServiceError('BadRequestException', message);
  return new ServiceError('ValidationException', message, {
    reason: 'FIELD_VALIDATION_FAILED',
    fieldList: issues.map((i) => ({ name: i.name, message: i.message })),
  });
}

/** A request the service cannot read at all (malformed JSON, body not an object). */
export function malformedRequest(service: ServiceName, message: string): ServiceError {
  if (isChime(service)) return new ServiceError('BadRequestException', message);
  return new ServiceError('ValidationException', message, { reason: 'OTHER' });
}

/** Handler crash or missing handler: Chime ServiceFailureException, IVS InternalServerException. */
export function internalError(service: ServiceName, message: string, status?: number): ServiceError {
  return new ServiceError(isChime(service) ? 'ServiceFailureException' : 'InternalServerException', message, {}, status);
}

export function notImplemented(service: ServiceName, operation: string): ServiceError {
  // 501 rather than the model's 500: SDKs retry 500 (transient) but not 501, so a missing
  // handler fails at once instead of after three back-offs.
  return internalError(service, `operation ${operation} is not implemented by the emulator yet`, 501);
}

export function unknownOperation(method: string, path: string): ServiceError {
  return new ServiceError('UnknownOperationException', `No operation matches ${method} ${path}`);
}
