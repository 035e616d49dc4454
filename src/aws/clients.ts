// The only way commands reach AWS: call(service, operation, input). The SDK client for a
// service is imported and built on first use, so --help and parse errors never load the SDK.
// With --dry-run, writes are recorded instead of sent; reads still run, so inputs resolve.
import type { Settings } from '../context/settings.js';
import type { IO } from '../io/streams.js';
import { mapSdkError } from './errors.js';
import { debugMiddleware } from './debug.js';

export type ServiceKey = 'identity' | 'messaging' | 'ivschat';

export interface PlannedCall {
  service: ServiceKey;
  operation: string;
  input: Record<string, unknown>;
}

export interface Aws {
  call<T = Record<string, any>>(service: ServiceKey, operation: string, input?: Record<string, unknown>): Promise<T>;
  /** Writes recorded by --dry-run, in order. */
  readonly planned: PlannedCall[];
}

interface ServiceModule {
  Client: new (config: Record<string, unknown>) => { send(command: unknown): Promise<any>; middlewareStack: any };
  commands: Record<string, unknown>;
}

const loaders: Record<ServiceKey, () => Promise<ServiceModule>> = {
  identity: async () => {
    const m = await import('@aws-sdk/client-chime-sdk-identity');
    return { Client: m.ChimeSDKIdentityClient as any, commands: m as any };
  },
  messaging: async () => {
    const m = await import('@aws-sdk/client-chime-sdk-messaging');
    return { Client: m.ChimeSDKMessagingClient as any, commands: m as any };
  },
  ivschat: async () => {
    const m = await import('@aws-sdk/client-ivschat');
    return { Client: m.IvschatClient as any, commands: m as any };
  },
};

/** Reads never change anything, so --dry-run lets them through. */
export const isReadOperation = (operation: string) => /^(Describe|Get|List|Search)/.test(operation);

export function createAws(settings: Settings, io: IO): Aws {
  const clients = new Map<ServiceKey, Promise<{ client: any; commands: Record<string, unknown> }>>();
  const planned: PlannedCall[] = [];

  const clientFor = (service: ServiceKey) => {
    let entry = clients.get(service);
    if (!entry) {
      entry = loaders[service]().then(({ Client, commands }) => {
        // The SDK warns on every run under Node 20 about its future support window; we state
        // the supported Node versions in the README instead of printing that on every command.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const client = new Client({
          region: settings.region ?? (settings.endpointUrl ? 'us-east-1' : undefined),
          ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
          ...(settings.credentials ? { credentials: settings.credentials } : {}),
          ...(settings.profile && !settings.credentials ? { profile: settings.profile } : {}),
        });
        if (settings.debug) client.middlewareStack.use(debugMiddleware(io));
        return { client, commands };
      });
      clients.set(service, entry);
    }
    return entry;
  };

  return {
    planned,
    async call(service, operation, input = {}) {
      if (settings.dryRun && !isReadOperation(operation)) {
        planned.push({ service, operation, input });
        return {} as any;
      }
      try {
        const { client, commands } = await clientFor(service);
        const Command = commands[`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
        if (!Command) throw new Error(`unknown operation ${operation} for ${service}`);
        const output = await client.send(new Command(input));
        if (output && typeof output === 'object') delete output.$metadata;
        return output;
      } catch (err) {
        throw mapSdkError(err, { operation, endpointUrl: settings.endpointUrl, local: settings.local, debug: settings.debug });
      }
    },
  };
}
