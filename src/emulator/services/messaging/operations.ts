// Typed handlers for Chime SDK messaging: each handler's input and output are the SDK's own
// request and response types for its operation (type-only import: nothing of the SDK is
// bundled into the emulator), so a misspelt member or a wrong output shape fails to compile.
import type * as Sdk from '@aws-sdk/client-chime-sdk-messaging';
import type { HandlerContext, HandlerTable, OperationName } from '../../types.js';

export type MessagingOperation = OperationName<'messaging'>;

type CommandOf<O extends MessagingOperation> = (typeof Sdk)[`${O}Command`];
type SdkInput<O extends MessagingOperation> = ConstructorParameters<CommandOf<O>>[0];
type SdkOutput<O extends MessagingOperation> = Omit<
  Awaited<ReturnType<ReturnType<InstanceType<CommandOf<O>>['resolveMiddleware']>>>['output'],
  '$metadata'
>;

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** The input after the core validated it: members the model requires are present, at every depth. */
export type Validated<T> = { [K in RequiredKeys<T>]: Deep<Exclude<T[K], undefined>> } & {
  [K in Exclude<keyof T, RequiredKeys<T>>]?: Deep<Exclude<T[K], undefined>>;
};
type Deep<T> = T extends Date
  ? T
  : T extends Array<infer U>
    ? Array<Deep<U>>
    : T extends object
      ? string extends keyof T
        ? Record<string, Deep<T[string & keyof T]>>
        : Validated<T>
      : T;

export interface MessagingContext<O extends MessagingOperation> extends Omit<HandlerContext, 'input'> {
  input: Validated<SdkInput<O>>;
}

export type MessagingHandler<O extends MessagingOperation> = (ctx: MessagingContext<O>) => SdkOutput<O> | void;

/** A table of handlers for some operations (one file per resource). */
export type MessagingHandlers<K extends MessagingOperation> = { [O in K]: MessagingHandler<O> };

/** The core passes validated input as a plain record; this is the one place that says so. */
export function asHandlerTable(table: MessagingHandlers<MessagingOperation>): HandlerTable<'messaging'> {
  return table as unknown as HandlerTable<'messaging'>;
}
