// Resolves every global setting once, with its source, in one precedence order:
// flag > environment (CHATCTL_*, AWS_*) > chatctl config file (per profile) > built-in default.
import type { ColorMode } from '../io/color.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_REGION, DEFAULT_SECRET_ACCESS_KEY } from '../emulator/defaults.js';
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
  /** Where each value came from, for `chatctl config list`. */
  sources: Record<string, Resolved<string | undefined>>;
  configPath: string;
}

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
  }
  // Values from the environment or a hand-edited config file get the checks `config set` makes.
  if (endpointUrl) checkConfigValue('endpoint-url', endpointUrl);

  const outputValue = resolve('output', flags.output, [['CHATCTL_OUTPUT', env.CHATCTL_OUTPUT]]);
  if (outputValue !== undefined) checkConfigValue('output', outputValue);
  const output = (outputValue ?? (stdoutIsTTY ? 'table' : 'json')) as OutputFormat;
  if (outputValue === undefined) sources.output = { value: output, source: 'default' };

  const colorValue = resolve('color', flags.color, [], 'auto') as string;
  checkConfigValue('color', colorValue);

  return {
    region,
    profile: profileName.value,
    endpointUrl,
    local,
    credentials,
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
    sources,
    configPath: path,
  };
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
