// Input and output types of every operation, taken from the SDK's own command classes, so a
// misspelled operation or member fails to compile. Type-only: nothing here reaches the bundle.
import type { CommandImpl } from '@smithy/core/client';
import type { OPERATIONS } from './operations.gen.js';

interface ServiceModules {
  identity: typeof import('@aws-sdk/client-chime-sdk-identity');
  messaging: typeof import('@aws-sdk/client-chime-sdk-messaging');
  ivschat: typeof import('@aws-sdk/client-ivschat');
}

export type ServiceKey = keyof ServiceModules;

/** The operation names of a service, as the generated table lists them. */
export type OperationName<S extends ServiceKey> = keyof (typeof OPERATIONS)[S] & string;

type CommandClass<S extends ServiceKey, Op extends string> = ServiceModules[S][`${Op}Command` & keyof ServiceModules[S]];

// Commands whose input members are all optional declare `new (...[input]: [] | [Input])`.
type SdkInput<S extends ServiceKey, Op extends string> =
  CommandClass<S, Op> extends abstract new (...args: infer A) => unknown ? NonNullable<A[0]> : never;

/** The call layer fills the Chime bearer from --as, so commands may leave it out. */
export type OperationInput<S extends ServiceKey, Op extends string> =
  'ChimeBearer' extends keyof SdkInput<S, Op> ? Omit<SdkInput<S, Op>, 'ChimeBearer'> & { ChimeBearer?: string } : SdkInput<S, Op>;

/** The SDK output without $metadata (the call layer removes it). */
export type OperationOutput<S extends ServiceKey, Op extends string> =
  CommandClass<S, Op> extends new (input: any) => CommandImpl<any, infer O, any, any, any> ? Omit<O, '$metadata'> : never;
