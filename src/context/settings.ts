// Resolves every global setting once, with its source, in one precedence order:
// flag > environment (CHATCTL_*, AWS_*) > chatctl config file (per profile) > built-in default.
import type { ColorMode } from '../io/color.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY, defaultTlsDirectory } from '../emulator/defaults.js';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, configError } from '../io/errors.js';
import { checkConfigValue, configPath, OUTPUT_FORMATS, readConfig, type ProfileValues } from './config-file.js';

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The emulator's well-known endpoint and credentials, used by --local. */
export const LOCAL_ENDPOINT = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
export const LOCAL_CREDENTIALS = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };
export const LOCAL_REGION = DEFAULT_REGION;

/** The global flags as commander parses them (all optional). */
export interface GlobalFlags {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  local?: boolean;
  appInstance?: string;
  as?: string;
  output?: string;
  query?: string;
  color?: string;
  debug?: boolean;
  quiet?: boolean;
  input?: boolean; // commander's --no-input sets input=false
  yes?: boolean;
  dryRun?: boolean;
  /** --cli-connect-timeout / --cli-read-timeout, seconds (0 = none). */
  cliConnectTimeout?: number;
  cliReadTimeout?: number;
  /** Set by command groups that create profiles (`config set`): a profile named there need
   * not exist yet. Not a flag; see src/commands/config/index.ts. */
  definesProfiles?: boolean;
}

export type Source = 'flag' | `env ${string}` | `config ${string}` | 'default' | '--local';

export interface Resolved<T> {
  value: T;
  source: Source;
}

export interface Settings {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  local: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A CA certificate (PEM file) to trust: with --local and an https endpoint, the CA of
   * `emulator start --tls` (CHATCTL_LOCAL_CA, else its default place when it exists). */
  caBundle?: string;
  appInstance?: string;
  as?: string;
  output: OutputFormat;
  /** True when the format was asked for (flag, env or config) rather than chosen by TTY. */
  outputExplicit: boolean;
  query?: string;
  color: ColorMode;
  debug: boolean;
  quiet: boolean;
  noInput: boolean;
  yes: boolean;
  dryRun: boolean;
  /** How long to wait for a connection and, once connected, for each read (0 = forever). */
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Where each value came from, for `chatctl config list`. */
  sources: Record<string, Resolved<string | undefined>>;
  configPath: string;
}

/** The AWS CLI's default for both --cli-connect-timeout and --cli-read-timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

const truthy = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

export function resolveSettings(flags: GlobalFlags, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): Settings {
  const path = configPath(env);
  const profileName = pick('profile', flags.profile, [['AWS_PROFILE', env.AWS_PROFILE]], {}, undefined);
  const config = readConfig(path);
  const fileValues: ProfileValues = config.profiles[profileName.value ?? 'default'] ?? {};
  const local = Boolean(flags.local) || truthy(env.CHATCTL_LOCAL);

  const sources: Settings['sources'] = { profile: profileName };
  const resolve = (key: string, flag: string | undefined, envs: Array<[string, string | undefined]>, fallback?: string) => {
    const r = pick(key, flag, envs, fileValues, fallback, path);
    sources[key] = r;
    return r.value;
  };

  let endpointUrl = resolve('endpoint-url', flags.endpointUrl, [
    ['CHATCTL_ENDPOINT_URL', env.CHATCTL_ENDPOINT_URL],
    ['AWS_ENDPOINT_URL', env.AWS_ENDPOINT_URL],
  ]);
  let region = resolve('region', flags.region, [
    ['AWS_REGION', env.AWS_REGION],
    ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
  ]);
  let credentials: Settings['credentials'];
  let caBundle: string | undefined;
  if (local) {
    if (!flags.endpointUrl) {
      endpointUrl = env.CHATCTL_LOCAL_ENDPOINT || LOCAL_ENDPOINT;
      sources['endpoint-url'] = { value: endpointUrl, source: '--local' };
    }
    if (!flags.region) {
      region = LOCAL_REGION;
      sources.region = { value: region, source: '--local' };
    }
    credentials = LOCAL_CREDENTIALS;
    if (endpointUrl?.startsWith('https:')) {
      const defaultCa = join(defaultTlsDirectory(), 'ca.pem');
      caBundle = env.CHATCTL_LOCAL_CA || (existsSync(defaultCa) ? defaultCa : undefined);
    }
  }
  // Values from the environment or a hand-edited config file get the checks `config set` makes.
  if (endpointUrl) checkValue('endpoint-url', endpointUrl, sources['endpoint-url']);
  if (region) checkValue('region', region, sources.region);
  if (profileName.value !== undefined && !flags.definesProfiles) {
    checkProfileExists(profileName.value, profileName.source, config.profiles, path, env);
  }

  const outputValue = resolve('output', flags.output, [['CHATCTL_OUTPUT', env.CHATCTL_OUTPUT]]);
  if (outputValue !== undefined) checkValue('output', outputValue, sources.output);
  const output = (outputValue ?? (stdoutIsTTY ? 'table' : 'json')) as OutputFormat;
  if (outputValue === undefined) sources.output = { value: output, source: 'default' };

  const colorValue = resolve('color', flags.color, [], 'auto') as string;
  checkValue('color', colorValue, sources.color);

  return {
    region,
    profile: profileName.value,
    endpointUrl,
    local,
    credentials,
    caBundle,
    appInstance: resolve('app-instance', flags.appInstance, [['CHATCTL_APP_INSTANCE', env.CHATCTL_APP_INSTANCE]]),
    as: resolve('as', flags.as, [['CHATCTL_AS', env.CHATCTL_AS]]),
    output,
    outputExplicit: outputValue !== undefined,
    query: flags.query,
    color: colorValue as ColorMode,
    debug: Boolean(flags.debug) || truthy(env.CHATCTL_DEBUG),
    quiet: Boolean(flags.quiet),
    noInput: flags.input === false || truthy(env.CHATCTL_NO_INPUT),
    yes: Boolean(flags.yes),
    dryRun: Boolean(flags.dryRun),
    connectTimeoutMs: (flags.cliConnectTimeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    readTimeoutMs: (flags.cliReadTimeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    sources,
    configPath: path,
  };
}

/** checkConfigValue, saying where a bad value came from when it was not typed on this line. */
function checkValue(key: string, value: string, from: Resolved<string | undefined> | undefined): void {
  try {
    checkConfigValue(key, value);
  } catch (err) {
    if (!(err instanceof CliError) || !from || from.source === 'flag') throw err;
    throw new CliError(`${err.message} (from ${from.source})`, err.exitCode, err.hint);
  }
}

/** A profile that is named (--profile, AWS_PROFILE) must exist somewhere, as in the AWS CLI:
 * in chatctl's config file or in the AWS shared config or credentials file. */
function checkProfileExists(name: string, source: Source, chatctlProfiles: Record<string, ProfileValues>, chatctlPath: string, env: NodeJS.ProcessEnv): void {
  if (name in chatctlProfiles) return;
  const awsConfig = env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
  const awsCredentials = env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials');
  if (iniProfiles(awsConfig).has(name) || iniProfiles(awsCredentials).has(name)) return;
  throw configError(
    `profile '${name}' (from ${source === 'flag' ? '--profile' : source}) not found in ${awsConfig}, ${awsCredentials} or ${chatctlPath}`,
    `create it (aws configure --profile ${name}) or check the name`,
  );
}

/** Profile names in an AWS ini file: [name] in credentials, [profile name] or [default] in config. */
function iniProfiles(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s*\[\s*(?:profile\s+)?([^\]\s][^\]]*?)\s*\]/gm)) names.add(match[1]);
  return names;
}

function pick(
  key: string,
  flag: string | undefined,
  envs: Array<[string, string | undefined]>,
  file: ProfileValues,
  fallback: string | undefined,
  path = '',
): Resolved<string | undefined> {
  if (flag !== undefined) return { value: flag, source: 'flag' };
  for (const [name, value] of envs) if (value) return { value, source: `env ${name}` };
  if (file[key] !== undefined) return { value: file[key], source: `config ${path}` };
  return { value: fallback, source: 'default' };
}
