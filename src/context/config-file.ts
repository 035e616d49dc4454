// chatctl's own config file: defaults per profile, in the XDG config directory, mode 0600.
// Shape: { "profiles": { "default": { "region": "eu-west-1", "app-instance": "arn:..." } } }
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { configError, usageError } from '../io/errors.js';

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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw configError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch (err) {
    throw configError(`config file ${path} is not valid JSON: ${(err as Error).message}`, `fix or remove ${path}`);
  }
}

/** Writes atomically, readable by the owner only (it may name accounts and endpoints). */
export function writeConfig(path: string, config: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
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
  if (key === 'endpoint-url' && !/^https?:\/\/[^/]/.test(value)) {
    throw usageError(`invalid endpoint URL '${value}'`, 'use a URL such as http://127.0.0.1:4599');
  }
}
