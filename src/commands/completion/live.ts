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
import { pages } from '../../aws/paginate.js';
import type { Page } from '../../io/render.js';

export const BUDGET_MS = 2000;
export const CACHE_TTL_MS = 60_000;
/** Items per list (four pages): enough for a menu, bounded so a huge account cannot eat the budget. */
const LIMIT = { maxItems: 200 };

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
  switch (kind) {
    case 'app-instances':
      return names(pages(aws, 'identity', 'ListAppInstances', {}, LIMIT), (a) => a.AppInstanceArn);
    case 'users':
      return names(pages(aws, 'identity', 'ListAppInstanceUsers', { AppInstanceArn: deps.app() }, LIMIT), (u) => shortId(u.AppInstanceUserArn));
    case 'bots':
      return bots(deps);
    case 'members': {
      const [users, botIds] = await Promise.all([list('users', deps), bots(deps)]);
      return [...users, ...botIds.map((id) => `bot/${id}`)];
    }
    case 'channels':
      return names(pages(aws, 'messaging', 'ListChannels', { AppInstanceArn: deps.app() }, LIMIT), (c) => shortId(c.ChannelArn));
    case 'rooms':
      return names(pages(aws, 'ivschat', 'ListRooms', {}, LIMIT), (r) => [r.name, r.id]);
    case 'logging-configurations':
      return names(pages(aws, 'ivschat', 'ListLoggingConfigurations', {}, LIMIT), (c) => [c.name, c.id]);
  }
}

const bots = (deps: Deps) =>
  names(pages(deps.aws, 'identity', 'ListAppInstanceBots', { AppInstanceArn: deps.app() }, LIMIT), (b) => shortId(b.AppInstanceBotArn));

/** The names the listed items go by, each once. */
async function names(listed: AsyncIterable<Page<any>>, namesOf: (item: any) => string | Array<string | undefined> | undefined): Promise<string[]> {
  const found = new Set<string>();
  for await (const page of listed) for (const item of page.items) for (const name of [namesOf(item)].flat()) if (name) found.add(name);
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
