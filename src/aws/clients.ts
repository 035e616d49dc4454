// The only way commands reach AWS: call(service, operation, input), typed by the SDK's own
// command classes (operation-types.ts). The SDK client for a service is imported and built on
// first use, so --help and parse errors never load the SDK. With --dry-run, writes (per the
// generated operation table) are recorded instead of sent; reads still run, so inputs resolve.
// The Chime bearer (x-amz-chime-bearer) is filled from --as where the operation takes one.
import { readFileSync } from 'node:fs';
import type { Settings } from '../context/settings.js';
import type { IO } from '../io/streams.js';
import { configError } from '../io/errors.js';
import { mapSdkError } from './errors.js';
import { debugMiddleware } from './debug.js';
import { OPERATIONS } from './operations.gen.js';
import type { OperationInput, OperationName, OperationOutput, ServiceKey } from './operation-types.js';

export type { OperationInput, OperationName, OperationOutput, ServiceKey };

export interface PlannedCall {
  service: ServiceKey;
  operation: string;
  input: Record<string, unknown>;
}

export interface Aws {
  call<S extends ServiceKey, Op extends OperationName<S>>(service: S, operation: Op, input: OperationInput<S, Op>): Promise<OperationOutput<S, Op>>;
  /** Writes recorded by --dry-run, in order. */
  readonly planned: PlannedCall[];
  /** The caller that messaging calls carry as x-amz-chime-bearer (--as, as an ARN); 253 without one. */
  bearer(): Promise<string>;
  /** The region and credentials a service's client signs with, for the one request chatctl signs
   * itself (tail's WebSocket URL), so it is signed exactly as the API calls are. */
  signer(service: ServiceKey): Promise<{ region: string; credentials: SigningCredentials }>;
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** What the generated table knows of one operation. */
export interface OperationFacts {
  writes: boolean;
  bearer?: 'required' | 'optional';
  page?: { items: string; token: string; size: string; max?: number };
  enums?: Record<string, readonly string[]>;
  limits?: Record<string, { min?: number; max?: number }>;
}

export function factsOf(service: ServiceKey, operation: string): OperationFacts {
  const facts = (OPERATIONS[service] as Record<string, OperationFacts>)[operation];
  if (!facts) throw new Error(`unknown operation ${service}.${operation}`);
  return facts;
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

/** Explicit values for everything the SDK would otherwise read from the shared config files. */
const LOCAL_SDK_CONFIG = {
  maxAttempts: 3,
  retryMode: 'standard',
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  defaultsMode: 'standard',
  userAgentAppId: 'chatctl',
  authSchemePreference: [],
  disableClockSkewCorrection: false,
};

/** A logger without info(): the SDK's logger middleware then skips building log entries. */
const QUIET_LOGGER = { debug() {}, warn() {}, error() {}, trace() {} } as unknown as Record<string, () => void>;

/** Resolves the caller for operations that take a Chime bearer; throws 253 when there is none. */
export type BearerResolver = () => string | Promise<string>;

export const noBearer: BearerResolver = () => {
  throw configError('this command acts as an app instance user or bot, and none was given', 'pass --as USER (or set CHATCTL_AS)');
};

export function createAws(settings: Settings, io: IO, bearer: BearerResolver = noBearer): Aws {
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
          // --cli-connect-timeout / --cli-read-timeout (0 = none): the SDK's default waits
          // forever on a server that accepts and never answers. socketTimeout is inactivity on
          // the socket, the AWS CLI's read timeout.
          requestHandler: {
            connectionTimeout: settings.connectTimeoutMs,
            socketTimeout: settings.readTimeoutMs,
            // --local against `emulator start --tls`: trust its CA (Settings.caBundle).
            ...(settings.caBundle ? { httpsAgent: { keepAlive: true, ca: readFileSync(settings.caBundle, 'utf8') } } : {}),
          },
          // Per call, the SDK would otherwise re-sort its middleware stack and, for its no-op
          // logger's info(), walk every response through the sensitive-field filter: about a
          // quarter of a list page's client time. chatctl logs with its own --debug middleware.
          cacheMiddleware: true,
          logger: QUIET_LOGGER,
          // The emulator needs none of the settings the SDK would look up in ~/.aws (each a file
          // read on the first call); against AWS the full chain stays, as users configure it.
          ...(settings.local ? LOCAL_SDK_CONFIG : {}),
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
    bearer: async () => bearer(),
    async signer(service) {
      try {
        const { client } = await clientFor(service);
        const [region, c] = await Promise.all([client.config.region(), client.config.credentials()]);
        return { region, credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) } };
      } catch (err) {
        throw mapSdkError(err, { operation: 'presign', endpointUrl: settings.endpointUrl, local: settings.local, debug: settings.debug });
      }
    },
    async call(service, operation, input) {
      const facts = factsOf(service, operation);
      const request: Record<string, unknown> = { ...(input as object) };
      if (facts.bearer && request.ChimeBearer === undefined) request.ChimeBearer = await bearer();
      if (settings.dryRun && facts.writes) {
        planned.push({ service, operation, input: request });
        return {} as never;
      }
      try {
        const { client, commands } = await clientFor(service);
        const Command = commands[`${operation}Command`] as new (input: unknown) => unknown;
        const output = await client.send(new Command(request));
        if (output && typeof output === 'object') delete output.$metadata;
        return output;
      } catch (err) {
        throw mapSdkError(err, { operation, endpointUrl: settings.endpointUrl, local: settings.local, debug: settings.debug });
      }
    },
  };
}
