// `chatctl __complete <kind>`: live identifiers for the completion scripts, from the List APIs.
// A TAB press must never hang or print junk: the lists get a 2 s budget, answers are kept for
// 60 s in the cache directory (so repeated TABs cost no call), and any failure (no region, no
// credentials, no app instance, a slow or missing endpoint) prints nothing.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GlobalFlags } from '../../context/settings.js';
import { shortId } from '../../context/arn.js';
import { testIO } from '../../io/streams.js';
import type { Deps } from '../deps.js';
import type { LiveKind } from './kinds.js';

export const BUDGET_MS = 2000;
export const CACHE_TTL_MS = 60_000;
/** Pages per list: enough for a menu, bounded so a huge account cannot eat the budget. */
const MAX_PAGES = 4;

export async function liveCandidates(kind: LiveKind, flags: GlobalFlags, env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    const { createDeps } = await import('../deps.js');
    // Nothing a list call might log (debug, warnings) may reach the shell's screen.
    const deps = createDeps({ ...flags, debug: false }, env, testIO());
    const file = cacheFile(kind, deps, env);
    const cached = readCache(file);
    if (cached) return cached;
    const listed = await withinBudget(list(kind, deps));
    if (!listed) return [];
    writeCache(file, listed);
    return listed;
  } catch {
    return [];
  }
}

async function list(kind: LiveKind, deps: Deps): Promise<string[]> {
  const { aws } = deps;
  const app = () => deps.app();
  switch (kind) {
    case 'app-instances':
      return collect((NextToken) => aws.call('identity', 'ListAppInstances', { NextToken, MaxResults: 50 }), (o) => o.AppInstances?.map((a) => a.AppInstanceArn), (o) => o.NextToken);
    case 'users':
      return collect(
        (NextToken) => aws.call('identity', 'ListAppInstanceUsers', { AppInstanceArn: app(), NextToken, MaxResults: 50 }),
        (o) => o.AppInstanceUsers?.map((u) => shortId(u.AppInstanceUserArn)),
        (o) => o.NextToken,
      );
    case 'bots':
      return bots(deps);
    case 'members': {
      const [users, botIds] = await Promise.all([list('users', deps), bots(deps)]);
      return [...users, ...botIds.map((id) => `bot/${id}`)];
    }
    case 'channels':
      return collect(
        (NextToken) => aws.call('messaging', 'ListChannels', { AppInstanceArn: app(), NextToken, MaxResults: 50 }),
        (o) => o.Channels?.map((c) => shortId(c.ChannelArn)),
        (o) => o.NextToken,
      );
    case 'rooms':
      return collect((nextToken) => aws.call('ivschat', 'ListRooms', { nextToken, maxResults: 50 }), (o) => o.rooms?.flatMap((r) => [r.name, r.id]), (o) => o.nextToken);
    case 'logging-configurations':
      return collect(
        (nextToken) => aws.call('ivschat', 'ListLoggingConfigurations', { nextToken, maxResults: 50 }),
        (o) => o.loggingConfigurations?.flatMap((c) => [c.name, c.id]),
        (o) => o.nextToken,
      );
  }
}

const bots = (deps: Deps) =>
  collect(
    (NextToken) => deps.aws.call('identity', 'ListAppInstanceBots', { AppInstanceArn: deps.app(), NextToken, MaxResults: 50 }),
    (o) => o.AppInstanceBots?.map((b) => shortId(b.AppInstanceBotArn)),
    (o) => o.NextToken,
  );

async function collect<O>(page: (token: string | undefined) => Promise<O>, items: (o: O) => Array<string | undefined> | undefined, next: (o: O) => string | undefined): Promise<string[]> {
  const found = new Set<string>();
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const output = await page(token);
    for (const item of items(output) ?? []) if (item) found.add(item);
    token = next(output);
    if (!token) break;
  }
  return [...found];
}

/** The list, or undefined when it takes longer than the budget (the call is abandoned). */
function withinBudget<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), BUDGET_MS);
    timer.unref();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** One file per list and target: the endpoint, region, profile, app instance and caller all
 * change the answer. */
function cacheFile(kind: LiveKind, deps: Deps, env: NodeJS.ProcessEnv): string {
  const { endpointUrl, region, profile, appInstance, as } = deps.settings;
  const key = createHash('sha256').update(JSON.stringify([kind, endpointUrl, region, profile, appInstance, as])).digest('hex').slice(0, 32);
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'chatctl', 'completion', `${key}.json`);
}

function readCache(file: string): string[] | undefined {
  try {
    const { at, candidates } = JSON.parse(readFileSync(file, 'utf8')) as { at: number; candidates: string[] };
    return Date.now() - at < CACHE_TTL_MS && Array.isArray(candidates) ? candidates : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, candidates: string[]): void {
  try {
    // One level at a time: Node 20's recursive mkdir can spin under paths it cannot create.
    const dir = dirname(file);
    for (const level of [dirname(dirname(dir)), dirname(dir), dir]) {
      try {
        mkdirSync(level, { mode: 0o700 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ at: Date.now(), candidates }), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // no cache: the next TAB asks again
  }
}
