// `--processor name=N,lambda=ARN,order=1,fallback=CONTINUE|ABORT`: one processor of a channel
// flow per flag. Choices and bounds are the model's (Processors.* of the operation); the Lambda
// invocation type, which the model allows only one value of, is filled in.
import { InvalidArgumentError } from 'commander';
import type { OperationInput } from '../../aws/clients.js';
import { modelEnum, modelLimit } from '../verb.js';

export type Processor = NonNullable<OperationInput<'messaging', 'CreateChannelFlow'>['Processors']>[number];
type InvocationType = NonNullable<NonNullable<Processor['Configuration']>['Lambda']>['InvocationType'];
type FlowWrite = 'CreateChannelFlow' | 'UpdateChannelFlow';

const KEYS = ['name', 'lambda', 'order', 'fallback', 'invocation'] as const;
type Key = (typeof KEYS)[number];

/** How --processor is written, for help: `name=N,lambda=ARN,fallback=CONTINUE|ABORT[,order=N]`. */
export const PROCESSOR_SYNTAX = `name=N,lambda=ARN,fallback=${modelEnum('messaging', 'CreateChannelFlow', 'Processors.FallbackAction').join('|')}[,order=N]`;

/** A commander parser for the repeatable --processor of `operation`. */
export function processorArg(operation: FlowWrite) {
  return (value: string, previous: Processor[] = []): Processor[] => [...previous, parseProcessor(value, previous.length + 1, operation)];
}

function parseProcessor(value: string, position: number, operation: FlowWrite): Processor {
  const fields: Partial<Record<Key, string>> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim() as Key;
    if (eq <= 0 || !KEYS.includes(key)) throw new InvalidArgumentError(`'${part}' is not one of ${KEYS.map((k) => `${k}=`).join(', ')}.`);
    fields[key] = part.slice(eq + 1).trim();
  }
  if (!fields.name || !fields.lambda) throw new InvalidArgumentError(`a processor needs name= and lambda= (${PROCESSOR_SYNTAX}).`);

  const fallbacks = modelEnum('messaging', operation, 'Processors.FallbackAction');
  if (fields.fallback === undefined) throw new InvalidArgumentError(`a processor needs fallback=${fallbacks.join('|')} (what happens when the Lambda fails).`);
  const fallback = fields.fallback.toUpperCase();
  if (!fallbacks.includes(fallback)) throw new InvalidArgumentError(`fallback=${fields.fallback}: must be one of ${fallbacks.join(', ')}.`);

  const invocations = modelEnum('messaging', operation, 'Processors.Configuration.Lambda.InvocationType');
  const invocation = fields.invocation?.toUpperCase() ?? (invocations.length === 1 ? invocations[0] : undefined);
  if (!invocation || !invocations.includes(invocation)) throw new InvalidArgumentError(`invocation= must be one of ${invocations.join(', ')}.`);

  // Without order=, processors run in the order the flags are given.
  const { min = 1, max } = modelLimit('messaging', operation, 'Processors.ExecutionOrder');
  const order = fields.order === undefined ? position : Number(fields.order);
  if (!Number.isInteger(order) || order < min || (max !== undefined && order > max)) {
    throw new InvalidArgumentError(`order=${fields.order}: must be a whole number from ${min} to ${max}.`);
  }

  return {
    Name: fields.name,
    Configuration: { Lambda: { ResourceArn: fields.lambda, InvocationType: invocation as InvocationType } },
    ExecutionOrder: order,
    FallbackAction: fallback as Processor['FallbackAction'],
  };
}
