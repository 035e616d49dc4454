// The one fake of the AWS layer for run tests that need a fault or a shape the emulator cannot
// produce. Each stub answers one operation; a call without a stub fails the test, and verify()
// fails when a stub was never used (so a test cannot pass by not calling what it meant to).
import type { Aws, PlannedCall, ServiceKey } from '../../src/aws/clients.js';

type Responder = (input: Record<string, any>) => unknown;

export interface FakeAws extends Aws {
  /** Every call made, in order. */
  calls: PlannedCall[];
  /** Calls of one operation, in order. */
  inputsOf(operation: string): Array<Record<string, any>>;
  /** Throws when some stub was never called. */
  verify(): void;
}

export function fakeAws(stubs: Record<string, Responder>, service?: ServiceKey): FakeAws {
  const calls: PlannedCall[] = [];
  const used = new Set<string>();
  const aws = {
    planned: [] as PlannedCall[],
    calls,
    async call(callService: ServiceKey, operation: string, input: unknown) {
      if (service && callService !== service) throw new Error(`fake aws: unexpected service ${callService} for ${operation}`);
      calls.push({ service: callService, operation, input: input as Record<string, unknown> });
      const stub = stubs[operation];
      if (!stub) throw new Error(`fake aws: no stub for ${callService}.${operation}`);
      used.add(operation);
      return stub((input ?? {}) as Record<string, any>);
    },
    inputsOf: (operation: string) => calls.filter((c) => c.operation === operation).map((c) => c.input as Record<string, any>),
    verify() {
      const unused = Object.keys(stubs).filter((op) => !used.has(op));
      if (unused.length) throw new Error(`fake aws: stubs never called: ${unused.join(', ')}`);
    },
  };
  return aws as unknown as FakeAws;
}
