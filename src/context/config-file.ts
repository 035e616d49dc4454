// chatctl's own config file: defaults per profile, in the XDG config directory, mode 0600.
// Shape: { "profiles": { "default": { "region": "eu-west-1", "app-instance": "arn:..." } } }
import { chmodSync, existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { configError, usageError } from '../io/errors.js';
import { checkAppInstanceValue } from './arn.js';

/** The keys `chatctl config set` accepts, with what each holds. */
export const CONFIG_KEYS: Record<string, string> = {
  region: 'AWS Region for all three services',
  'endpoint-url': 'endpoint URL for all three services (e.g. a local emulator)',
  'app-instance': 'default app instance ARN (short ids expand under it)',
  as: 'default caller for messaging calls (x-amz-chime-bearer), ARN or user id',
  output: 'default output format: table, json, jsonl, text, id, yaml',
  color: 'auto, on or off',
};

export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'text', 'id', 'yaml'] as const;
export const COLOR_MODES = ['auto', 'on', 'off'] as const;

export type ProfileValues = Record<string, string>;

export interface ConfigFile {
  profiles: Record<string, ProfileValues>;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHATCTL_CONFIG) return env.CHATCTL_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'chatctl', 'config.json');
}

export function readConfig(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    // Nothing there (ENOTDIR: a file where a directory of the path should be): no defaults.
    // Only writing there is an error.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { profiles: {} };
    throw configError(`cannot read config file ${path}: ${errnoReason(err as NodeJS.ErrnoException)}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch (err) {
    throw configError(`config file ${path} is not valid JSON: ${(err as Error).message}`, `fix or remove ${path}`);
  }
}

/** Writes atomically, readable by the owner only (it may name accounts and endpoints). A
 * symlinked file (dotfiles kept in a repository) is written through to its target, not
 * replaced by a regular file. A place we cannot write is a configuration error (253). */
export function writeConfig(path: string, config: ConfigFile): void {
  const target = followLinks(path);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    makeDirs(dirname(target));
    writeFileSync(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, target);
  } catch (err) {
    removeQuietly(tmp);
    throw configError(
      `cannot write config file ${target === path ? path : `${path} (link to ${target})`}: ${errnoReason(err as NodeJS.ErrnoException)}`,
      'make the directory writable, or point CHATCTL_CONFIG or XDG_CONFIG_HOME elsewhere',
    );
  }
}

/** "permission denied (EACCES)" from Node's "EACCES: permission denied, open '/x'". */
function errnoReason(e: NodeJS.ErrnoException): string {
  return e.code ? `${e.message.replace(/^\w+: |,.*$/g, '')} (${e.code})` : e.message;
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // never created
  }
}

/** The file a chain of symlinks ends at (which may not exist yet). */
function followLinks(path: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      link = readlinkSync(current);
    } catch {
      return current; // not a link (or not there): this is the file
    }
    current = resolve(dirname(current), link);
  }
  return current;
}

/** mkdir -p one level at a time, directories owner-only: Node 20's recursive mkdirSync spins
 * forever under a path it cannot create (e.g. in /proc). */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

export function checkConfigKey(key: string): void {
  if (!(key in CONFIG_KEYS)) {
    throw usageError(`unknown config key '${key}'`, `valid keys: ${Object.keys(CONFIG_KEYS).join(', ')}`);
  }
}

/** Values with a fixed set of choices are checked when stored, not on every later command. */
const CHOICES: Record<string, readonly string[]> = {
  output: OUTPUT_FORMATS,
  color: COLOR_MODES,
};

export function checkConfigValue(key: string, value: string): void {
  const choices = CHOICES[key];
  if (choices && !choices.includes(value)) {
    throw usageError(`invalid value '${value}' for ${key}`, `valid values: ${choices.join(', ')}`);
  }
  // The AWS CLI's check (botocore): a region is one DNS label.
  if (key === 'region' && !/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(value)) {
    throw usageError(`invalid region '${value}': not a region name`, 'use a region such as us-east-1 or eu-west-1');
  }
  if (key === 'app-instance') checkAppInstanceValue(value);
  if (key === 'endpoint-url' && !/^https?:\/\/[^/]/.test(value)) {
    throw usageError(`invalid endpoint URL '${value}'`, 'use a URL such as http://127.0.0.1:4599');
  }
}
