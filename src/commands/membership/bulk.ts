// `membership add` and `membership remove` for any number of members. Adding one member is one
// CreateChannelMembership; adding several goes through BatchCreateChannelMembership in batches
// of the model's maximum, a few batches in flight at once. Members already in the channel are
// looked up first and not sent again, so a rerun adds only what is missing. Removing is one
// DeleteChannelMembership per member (there is no batch delete), several in flight.
// Throttling is retried with backoff; any other answer of the service is reported per member,
// and the run ends with exit 1 when some member failed. Loaded only when one of them runs.
import { memberArn, shortId } from '../../context/arn.js';
import { CliError, ExitCode, isServiceError, usageError } from '../../io/errors.js';
import { noProgress, progressAllowed, progressBar, type Progress } from '../../io/progress.js';
import { readPathArg } from '../../io/values.js';
import type { ItemView } from '../../io/render.js';
import type { Deps } from '../deps.js';
import { findOrUndefined, isNotFound } from '../not-found.js';
import { modelEnum, modelLimit } from '../verb.js';
import { channelArn } from '../channel/target.js';
import { describeMember } from './target.js';

export interface AddOptions {
  channel: string;
  members: string[];
  fromFile?: string;
  type: 'DEFAULT' | 'HIDDEN';
  subChannel?: string;
}

export interface RemoveOptions {
  channel: string;
  members: string[];
  fromFile?: string;
  subChannel?: string;
  ignoreNotFound?: boolean;
}

interface Identity {
  Arn?: string;
  Name?: string;
}

/** One member that failed, in the shape of BatchCreateChannelMembership's `Errors`. */
export interface MemberError {
  MemberArn: string;
  ErrorCode: string;
  ErrorMessage: string;
}

/** Batches (adds) or calls (removes, look-ups) in flight at once: enough to hide latency,
 * few enough not to be throttled by a service that allows a few calls per second per user. */
const BATCHES_IN_FLIGHT = 4;
const CALLS_IN_FLIGHT = 8;
/** Up to this many members, each is looked up on its own; beyond, the channel's memberships
 * are listed (a listing costs one call per page of the whole channel). */
const DESCRIBE_UP_TO = 10;
/** ThrottledClientException: retried this many times, waiting 0.2, 0.4, 0.8 ... s (±20%). */
const THROTTLE_RETRIES = 5;
const BACKOFF_MS = 200;
/** How many members a note on stderr names before `and N more`. */
const NAMED_IN_NOTES = 10;

export async function addMembers(opts: AddOptions, deps: Deps): Promise<number> {
  const channel = channelArn(deps, opts.channel);
  const arns = await gatherMembers(deps, opts.members, opts.fromFile);
  if (arns.length === 0) throw usageError('no members given', 'pass MEMBER... or --from-file FILE (- reads stdin)');
  const present = await currentMembers(deps, channel, arns);
  if (present.size) deps.warn(`${named([...present.keys()])} ${present.size === 1 ? 'is' : 'are'} already in channel ${shortId(channel)}; not added again`);
  return arns.length === 1 ? addOne(deps, opts, channel, arns[0]!, present) : addMany(deps, opts, channel, arns, present);
}

async function addOne(deps: Deps, opts: AddOptions, channel: string, arn: string, present: Map<string, Identity>): Promise<number> {
  const view: ItemView = { id: (d) => d.Member?.Arn };
  const existing = present.get(arn);
  if (existing) {
    // Printed as CreateChannelMembership would answer, so `-o id` works on reruns too.
    await deps.render.item({ ChannelArn: channel, Member: existing }, view);
    return ExitCode.ok;
  }
  const input = { ChannelArn: channel, MemberArn: arn, Type: opts.type, SubChannelId: opts.subChannel };
  const output = await retryThrottled(() => deps.aws.call('messaging', 'CreateChannelMembership', input));
  await deps.render.item(output, view);
  deps.done(`Added ${describeMember(arn)} to channel ${shortId(channel)}`);
  return ExitCode.ok;
}

async function addMany(deps: Deps, opts: AddOptions, channel: string, arns: string[], present: Map<string, Identity>): Promise<number> {
  const batchSize = modelLimit('messaging', 'BatchCreateChannelMembership', 'MemberArns').max!;
  const missing = arns.filter((arn) => !present.has(arn));
  const members = new Map(present);
  const failed = new Map<string, MemberError>();
  let invitedBy: Identity | undefined;
  const progress = progressFor(deps, missing.length);
  try {
    await inPool(chunks(missing, batchSize), BATCHES_IN_FLIGHT, async (batch) => {
      const input = { ChannelArn: channel, MemberArns: batch, Type: opts.type, SubChannelId: opts.subChannel };
      try {
        const output = await retryThrottled(() => deps.aws.call('messaging', 'BatchCreateChannelMembership', input));
        invitedBy ??= output.BatchChannelMemberships?.InvitedBy;
        for (const m of output.BatchChannelMemberships?.Members ?? []) if (m.Arn) members.set(m.Arn, m);
        for (const e of output.Errors ?? []) {
          if (e.MemberArn) failed.set(e.MemberArn, { MemberArn: e.MemberArn, ErrorCode: e.ErrorCode ?? 'Error', ErrorMessage: e.ErrorMessage ?? '' });
        }
      } catch (err) {
        // The whole batch was refused (or stayed throttled): each of its members failed so.
        if (!isServiceError(err)) throw err;
        for (const arn of batch) failed.set(arn, memberError(arn, err));
      }
      progress.advance(batch.length);
    });
  } finally {
    progress.stop();
  }
  // Batches finish in any order; the report follows the order the members were given in.
  const errors = arns.flatMap((arn) => failed.get(arn) ?? []);
  const result = {
    BatchChannelMemberships: {
      InvitedBy: invitedBy,
      Type: opts.type,
      Members: arns.flatMap((arn) => members.get(arn) ?? []),
      ChannelArn: channel,
      SubChannelId: opts.subChannel,
    },
    Errors: errors,
  };
  await deps.render.item(result, {
    // People see counts; the members and errors are in json and on stderr.
    show: (r) => ({ ChannelArn: channel, Type: r.BatchChannelMemberships.Type, Members: r.BatchChannelMemberships.Members.length, Errors: r.Errors.length }),
    id: (r) => r.BatchChannelMemberships.Members.flatMap((m: Identity) => m.Arn ?? []),
  });
  const added = missing.length - errors.length;
  return report(deps, errors, arns.length, added && `Added ${added} member${added === 1 ? '' : 's'} to channel ${shortId(channel)}`);
}

export async function removeMembers(opts: RemoveOptions, deps: Deps): Promise<number> {
  const channel = channelArn(deps, opts.channel);
  const arns = await gatherMembers(deps, opts.members, opts.fromFile);
  const who = arns.length === 0 ? 'members' : arns.length <= NAMED_IN_NOTES ? named(arns) : `${arns.length} members`;
  await deps.confirm(`remove ${who} from channel ${shortId(channel)}`);
  if (arns.length === 0) throw usageError('no members given', 'pass MEMBER... or --from-file FILE (- reads stdin)');

  const removed = new Set<string>();
  const absent: string[] = [];
  const failed = new Map<string, MemberError>();
  const progress = progressFor(deps, arns.length);
  try {
    await inPool(arns, CALLS_IN_FLIGHT, async (arn) => {
      const input = { ChannelArn: channel, MemberArn: arn, SubChannelId: opts.subChannel };
      try {
        await retryThrottled(() => deps.aws.call('messaging', 'DeleteChannelMembership', input));
        removed.add(arn);
      } catch (err) {
        if (opts.ignoreNotFound && isNotFound(err)) absent.push(arn);
        // With one member its error is the command's error, as for any single call.
        else if (arns.length === 1 || !isServiceError(err)) throw err;
        else failed.set(arn, memberError(arn, err));
      }
      progress.advance(1);
    });
  } finally {
    progress.stop();
  }
  if (absent.length) deps.warn(`${named(absent)} ${absent.length === 1 ? 'is' : 'are'} not in channel ${shortId(channel)}; nothing to do`);
  const errors = arns.flatMap((arn) => failed.get(arn) ?? []);
  const result = { ChannelArn: channel, Removed: arns.filter((arn) => removed.has(arn)), Errors: errors };
  await deps.render.item(result, {
    show: (r) => ({ ChannelArn: channel, Removed: r.Removed.length, Errors: r.Errors.length }),
    id: (r) => r.Removed,
  });
  const what = removed.size === 1 ? describeMember([...removed][0]!) : `${removed.size} members`;
  return report(deps, errors, arns.length, removed.size && `Removed ${what} from channel ${shortId(channel)}`);
}

/** The members named on the command line and in --from-file (one a line; blank lines and
 * `#` comments skipped; `-` reads stdin), as ARNs, each once, in the order given. */
export async function gatherMembers(deps: Deps, given: string[], fromFile: string | undefined): Promise<string[]> {
  const names = [...given];
  if (fromFile !== undefined) {
    for (const line of (await readPathArg(deps.io, '--from-file', fromFile)).split(/\r?\n/)) {
      const name = line.trim();
      if (name && !name.startsWith('#')) names.push(name);
    }
  }
  return [...new Set(names.map((name) => memberArn(name, deps.app)))];
}

/** Which of `arns` are members of the channel already (of any type), with their identity.
 * A caller who may not look (a non-member of a private channel) adds them all: the service
 * keeps an existing member as it is, and its answer to the add is the one worth reporting. */
async function currentMembers(deps: Deps, channel: string, arns: string[]): Promise<Map<string, Identity>> {
  try {
    return await lookUpMembers(deps, channel, arns);
  } catch (err) {
    if (err instanceof CliError && err.code === 'ForbiddenException') return new Map();
    throw err;
  }
}

async function lookUpMembers(deps: Deps, channel: string, arns: string[]): Promise<Map<string, Identity>> {
  const found = new Map<string, Identity>();
  if (arns.length <= DESCRIBE_UP_TO) {
    await inPool(arns, CALLS_IN_FLIGHT, async (arn) => {
      const described = await findOrUndefined(() => deps.aws.call('messaging', 'DescribeChannelMembership', { ChannelArn: channel, MemberArn: arn }));
      if (described?.ChannelMembership) found.set(arn, described.ChannelMembership.Member ?? { Arn: arn });
    });
    return found;
  }
  const wanted = new Set(arns);
  const { pages } = await import('../../aws/paginate.js');
  const pageSize = modelLimit('messaging', 'ListChannelMemberships', 'MaxResults').max;
  // HIDDEN members are listed only when asked for by type, so each type is listed.
  for (const type of modelEnum('messaging', 'ListChannelMemberships', 'Type') as Array<'DEFAULT' | 'HIDDEN'>) {
    for await (const page of pages(deps.aws, 'messaging', 'ListChannelMemberships', { ChannelArn: channel, Type: type }, { pageSize })) {
      for (const m of page.items as Array<{ Member?: Identity }>) {
        if (m.Member?.Arn && wanted.has(m.Member.Arn)) found.set(m.Member.Arn, m.Member);
      }
    }
  }
  return found;
}

/** Per-member failures on stderr, then the summary (none when nothing changed; the notes said
 * why): exit 1 when some failed. */
function report(deps: Deps, errors: MemberError[], total: number, success: string | 0): number {
  const { io } = deps;
  for (const e of errors) io.err(`${io.errColor.red('✗')} ${describeMember(e.MemberArn)}: ${e.ErrorCode}: ${e.ErrorMessage}\n`);
  if (errors.length) {
    io.err(`error: ${errors.length} of ${total} members failed\n`);
    return ExitCode.partial;
  }
  if (success) deps.done(success);
  return ExitCode.ok;
}

/** Runs `work` over the items with at most `limit` in flight; the first error that is not
 * handled inside `work` stops new items from starting and is rethrown. */
export async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Calls again after ThrottledClientException, backing off; other errors go straight through. */
export async function retryThrottled<T>(call: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof CliError && /Throttl/.test(err.code ?? '')) || attempt >= THROTTLE_RETRIES) throw err;
      await sleep(BACKOFF_MS * 2 ** attempt * (0.8 + Math.random() * 0.4));
    }
  }
}

/** A whole call's error as one member's: the service's code and its own message (without the
 * `Operation: Code:` prefix the error line adds). */
function memberError(arn: string, err: CliError): MemberError {
  const code = err.code ?? 'Error';
  const at = err.message.indexOf(`${code}: `);
  return { MemberArn: arn, ErrorCode: code, ErrorMessage: at >= 0 ? err.message.slice(at + code.length + 2) : err.message };
}

function progressFor(deps: Deps, total: number): Progress {
  if (deps.settings.dryRun || total < 2 || !progressAllowed(deps.io, deps.settings.quiet)) return noProgress;
  return progressBar(deps.io, { total, label: 'members' });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `user a, bot b and 3 more` */
function named(arns: string[]): string {
  const shown = arns.slice(0, NAMED_IN_NOTES).map(describeMember).join(', ');
  return arns.length > NAMED_IN_NOTES ? `${shown} and ${arns.length - NAMED_IN_NOTES} more` : shown;
}
