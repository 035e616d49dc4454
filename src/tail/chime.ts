// Chime SDK messaging for tail (websocket-protocols.md A, D.1): GetMessagingSessionEndpoint,
// a URL presigned with @smithy/signature-v4 (service `chime`, host signed, 10 s), the socket,
// SESSION_ESTABLISHED, then {Headers, Payload} frames -> TailEvents. Reconnects on the close
// codes the service documents as retryable, each time with a fresh endpoint, credentials and
// signature; afterwards lists the persistent messages sent meanwhile (ListChannelMessages),
// de-duplicated by message id against what was printed live.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomInt } from 'node:crypto';
import type { ClientOptions } from 'ws';
import { pages } from '../aws/paginate.js';
import type { SigningCredentials } from '../aws/clients.js';
import { childArn, shortId } from '../context/arn.js';
import { CliError, ExitCode } from '../io/errors.js';
import { isTransient, openSocket, type OpenSocket } from './connect.js';
import { buildFilter, type FilterFlags } from './filters.js';
import { EventPrinter, tailFormat } from './render.js';
import { runTail, type Connector, type Link } from './session.js';
import { tlsOptions } from './tls.js';
import type { CloseInfo, TailDeps, TailEvent } from './types.js';

export interface TailChannelOptions extends Omit<FilterFlags, 'channels'> {
  channels?: string[];
  prefetch?: boolean;
  /** commander's --no-backfill sets this to false. */
  backfill?: boolean;
  printUrl?: boolean;
  count?: number;
  timeoutMs?: number;
}

/** The JS SDK signs for 10 s; so do we, right before dialling. */
export const URL_EXPIRES_SECONDS = 10;
/** Codes after which the service says to reconnect (A.4): 1001, 1006, 1011-1014, and 4xxx above
 * 4000 except 4002 (client initiated), 4003 (forbidden) and 4401 (not authorized). */
export function isRetryableClose(code: number): boolean {
  if ([1001, 1006, 1011, 1012, 1013, 1014].includes(code)) return true;
  return code > 4000 && code <= 4999 && code !== 4002 && code !== 4003 && code !== 4401;
}

export interface PresignInput {
  /** Endpoint.Url: `host[:port]`, no scheme. */
  endpoint: string;
  scheme: 'ws' | 'wss';
  region: string;
  credentials: SigningCredentials;
  userArn: string;
  sessionId: string;
  prefetch?: boolean;
  now?: Date;
}

/** `wss://<endpoint>/connect?...&X-Amz-Signature=...` (A.2). */
export async function presignConnectUrl(input: PresignInput): Promise<string> {
  const signer = new SignatureV4({ service: 'chime', region: input.region, credentials: input.credentials, sha256: Sha256, uriEscapePath: true });
  const query: Record<string, string> = { sessionId: input.sessionId, userArn: input.userArn };
  if (input.prefetch) query['prefetch-on'] = 'connect';
  const signed = await signer.presign(
    { method: 'GET', protocol: `${input.scheme}:`, hostname: input.endpoint, path: '/connect', query, headers: { host: input.endpoint.toLowerCase() } },
    { expiresIn: URL_EXPIRES_SECONDS, signingDate: input.now },
  );
  const params = Object.entries(signed.query as Record<string, string>)
    .filter(([k]) => k !== 'X-Amz-Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  params.push(['X-Amz-Signature', (signed.query as Record<string, string>)['X-Amz-Signature']!]);
  return `${input.scheme}://${input.endpoint}/connect?${params.map(([k, v]) => `${strictEncode(k)}=${strictEncode(v)}`).join('&')}`;
}

/** RFC 3986 encoding, as SigV4 canonicalises query values. */
function strictEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `deps.app()`: the default app instance, which short channel ids expand under. */
export async function tailChannel(opts: TailChannelOptions, deps: TailDeps & { app(): string }): Promise<number> {
  const { settings } = deps;
  const userArn = await deps.aws.bearer();
  const channels = (opts.channels ?? []).map((c) => childArn('channel', c, deps.app));
  const filter = buildFilter({ ...opts, channels }, 'chime');
  const printer = new EventPrinter(deps.io, tailFormat(settings));
  // One session id for the whole run, reused on every reconnect (as the JS SDK does).
  const sessionId = String(randomInt(0, 2 ** 32 - 1));
  const connectUrl = async () => {
    const out = await deps.aws.call('messaging', 'GetMessagingSessionEndpoint', {});
    const endpoint = out.Endpoint?.Url;
    if (!endpoint) throw new CliError('GetMessagingSessionEndpoint returned no Url', ExitCode.service);
    // Fresh credentials for each signature, as the client that made the call above has them.
    const { region, credentials } = await deps.aws.signer('messaging');
    return presignConnectUrl({
      endpoint,
      scheme: settings.endpointUrl?.startsWith('http://') ? 'ws' : 'wss',
      region,
      credentials,
      userArn,
      sessionId,
      prefetch: opts.prefetch,
    });
  };
  if (opts.printUrl) {
    deps.io.out((await connectUrl()) + '\n');
    return ExitCode.ok;
  }

  if (printer.format === 'pretty') await learnNames(deps, userArn, channels, printer.names);
  const state = { lastCreated: 0, connectedAt: 0 };
  const socketOptions = tlsOptions(settings);
  const target = channels.length ? `${channels.map((c) => shortId(c)).join(', ')} as ${shortId(userArn)}` : `the channels of ${shortId(userArn)}`;
  const connector: Connector = {
    target,
    async open(deliver) {
      const link = await openSession(await connectUrl(), socketOptions, (event) => {
        if (event.type === 'CREATE_CHANNEL_MESSAGE') state.lastCreated = Math.max(state.lastCreated, Date.parse(event.ts) || 0);
        deliver(event);
      });
      state.connectedAt ||= Date.now();
      return link;
    },
    retryable: (close) => isRetryableClose(close.code),
    retryableError: isTransient,
    afterReconnect:
      opts.backfill === false
        ? undefined
        : (deliver) => backfill(deps, userArn, channels, new Date((state.lastCreated || state.connectedAt) - 1000), deliver),
  };
  return runTail(deps, connector, { filter, printer, count: opts.count, timeoutMs: opts.timeoutMs });
}

/** Opens the socket and resolves at SESSION_ESTABLISHED. Frames that come before it are held
 * and released right after it (A.4: rarely, an event overtakes it). */
function openSession(url: string, options: ClientOptions, deliver: (event: TailEvent) => void): Promise<Link> {
  return new Promise((resolve, reject) => {
    let established = false;
    let opened: OpenSocket | undefined;
    const early: TailEvent[] = [];
    // SESSION_ESTABLISHED often arrives in the same packet as the handshake answer, so it can be
    // parsed before openSocket() has resolved: resolve when both have happened.
    const ready = () => {
      if (!established || !opened) return;
      const { socket, closed } = opened;
      resolve({ closed, close: (code, reason) => socket.close(code, reason) });
      for (const e of early.splice(0)) deliver(e);
    };
    openSocket(
      url,
      [],
      (text) => {
        const frame = parseFrame(text);
        if (!frame) return;
        if (frame.type === 'SESSION_ESTABLISHED') {
          if (!established) {
            established = true;
            ready();
          }
          return;
        }
        const event = channelEvent(frame.type, frame.messageType, frame.payload);
        event.payloadJson = frame.payloadJson;
        if (established && opened) deliver(event);
        else early.push(event);
      },
      options,
    ).then((socket) => {
      opened = socket;
      socket.closed.then((close: CloseInfo) => {
        if (!established) reject(closedBeforeSession(close));
      });
      ready();
    }, reject);
  });
}

function closedBeforeSession(close: CloseInfo): Error {
  const detail = `${close.code}${close.reason ? ': ' + close.reason : ''}`;
  if (close.code === 4401 || close.code === 4003) return new CliError(`the messaging session was refused (${detail})`, ExitCode.service);
  return new CliError(`the messaging session closed before it was established (${detail})`, ExitCode.other);
}

interface Frame {
  type: string;
  messageType?: string;
  payload: Record<string, any>;
  /** The Payload text, when it parsed to `payload`. */
  payloadJson?: string;
}

/** `{"Headers":{...},"Payload":"<JSON>"}`: the payload is parsed a second time; a missing or
 * unreadable one is kept as {} (SESSION_ESTABLISHED has none). */
export function parseFrame(text: string): Frame | undefined {
  let frame: any;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  const type = frame?.Headers?.['x-amz-chime-event-type'];
  if (typeof type !== 'string') return undefined;
  let payload: Record<string, any> = {};
  let payloadJson: string | undefined;
  if (typeof frame.Payload === 'string' && frame.Payload !== '') {
    try {
      payload = JSON.parse(frame.Payload);
      if (payload && typeof payload === 'object' && !Array.isArray(payload)) payloadJson = frame.Payload;
      else payload = { Value: payload };
    } catch {
      payload = { Raw: frame.Payload };
    }
  }
  return { type, messageType: frame.Headers['x-amz-chime-message-type'], payload, ...(payloadJson !== undefined ? { payloadJson } : {}) };
}

/** A Chime event as a TailEvent, whatever its type (unknown types pass through). */
export function channelEvent(type: string, messageType: string | undefined, payload: Record<string, any>): TailEvent {
  const base = { source: 'chime' as const, type, messageType, payload };
  if (type.endsWith('_CHANNEL_MESSAGE')) {
    const ts = isoTime(payload.LastUpdatedTimestamp ?? payload.CreatedTimestamp);
    return {
      ...base,
      ts,
      channelArn: payload.ChannelArn,
      sender: payload.Sender?.Arn,
      senderName: payload.Sender?.Name,
      text: payload.Redacted ? '(redacted)' : (payload.Content ?? ''),
      id: payload.MessageId,
      key: messageKey(type, payload),
    };
  }
  if (type === 'CHANNEL_DETAILS') {
    const channel = payload.Channel ?? {};
    const count = Array.isArray(payload.ChannelMessages) ? payload.ChannelMessages.length : 0;
    return { ...base, ts: isoTime(channel.LastMessageTimestamp), channelArn: channel.ChannelArn, text: `${channel.Name ?? ''} (${count} recent messages)` };
  }
  if (type.includes('MEMBERSHIP')) {
    const members = payload.Members ?? (payload.Member ? [payload.Member] : []);
    return {
      ...base,
      ts: isoTime(payload.LastUpdatedTimestamp ?? payload.CreatedTimestamp),
      channelArn: payload.ChannelArn,
      sender: payload.InvitedBy?.Arn,
      senderName: payload.InvitedBy?.Name,
      text: members.map((m: { Name?: string; Arn?: string }) => m.Name || m.Arn).join(', '),
    };
  }
  return { ...base, ts: isoTime(payload.LastUpdatedTimestamp), channelArn: payload.ChannelArn, text: payload.Name };
}

/** The creation of a message is one event however it was seen (live, or listed after a
 * reconnect); edits, redactions and deletions are told apart by their update time. */
function messageKey(type: string, payload: Record<string, any>): string | undefined {
  if (!payload.MessageId) return undefined;
  return type === 'CREATE_CHANNEL_MESSAGE' ? `create:${payload.MessageId}` : `${type}:${payload.MessageId}:${payload.LastUpdatedTimestamp ?? ''}`;
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Timestamps arrive as ISO strings or epoch numbers (seconds or milliseconds); now if absent. */
function isoTime(value: unknown): string {
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value;
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  if (value instanceof Date) return value.toISOString();
  return new Date().toISOString();
}

/** Lists the persistent messages sent since `since` in the followed channels (all of the
 * user's channels when none were named) and delivers them as backfilled events. */
async function backfill(deps: TailDeps, userArn: string, named: string[], since: Date, deliver: (event: TailEvent) => void): Promise<string> {
  const channels = named.length ? named : (await channelsOf(deps, userArn)).map((c) => c.arn);
  let listed = 0;
  for (const channelArn of channels) {
    for await (const page of pages(deps.aws, 'messaging', 'ListChannelMessages', { ChannelArn: channelArn, NotBefore: since, SortOrder: 'ASCENDING' })) {
      for (const m of page.items) {
        const payload = JSON.parse(JSON.stringify({ ChannelArn: channelArn, ...m, Persistence: 'PERSISTENT' }));
        listed++;
        deliver({ ...channelEvent('CREATE_CHANNEL_MESSAGE', m.Type, payload), backfill: true });
      }
    }
  }
  return `backfill: listed ${listed} message${listed === 1 ? '' : 's'} sent since ${since.toISOString()} in ${channels.length} channel${channels.length === 1 ? '' : 's'} (already printed ones skipped)`;
}

/** The channels a user belongs to, with their names. */
async function channelsOf(deps: TailDeps, userArn: string): Promise<Array<{ arn: string; name?: string }>> {
  const channels: Array<{ arn: string; name?: string }> = [];
  for await (const page of pages(deps.aws, 'messaging', 'ListChannelMembershipsForAppInstanceUser', { AppInstanceUserArn: userArn })) {
    for (const m of page.items) if (m.ChannelSummary?.ChannelArn) channels.push({ arn: m.ChannelSummary.ChannelArn, name: m.ChannelSummary.Name });
  }
  return channels;
}

/** Channel names for the readable lines (best effort: a line falls back to the channel id). */
async function learnNames(deps: TailDeps, userArn: string, named: string[], names: Map<string, string>): Promise<void> {
  try {
    if (named.length === 0) {
      for (const c of await channelsOf(deps, userArn)) if (c.name) names.set(c.arn, c.name);
      return;
    }
    for (const arn of named) {
      const out = await deps.aws.call('messaging', 'DescribeChannel', { ChannelArn: arn });
      if (out.Channel?.Name) names.set(arn, out.Channel.Name);
    }
  } catch {
    // names are a nicety; the tail itself reports real failures when it connects
  }
}
