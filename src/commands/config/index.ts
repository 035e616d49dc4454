// `chatctl config list|get|set|unset`: defaults in chatctl's own config file, per profile
// (--profile / AWS_PROFILE, else "default"). `list` shows every resolved setting and where it
// came from, so a surprising value can be traced to a flag, a variable or the file.
import { Argument, type Command } from 'commander';
import { runs } from '../command.js';
import { withExamples } from '../verb.js';
import type { Deps } from '../deps.js';
import { checkConfigKey, checkConfigValue, CONFIG_KEYS, readConfig, writeConfig } from '../../context/config-file.js';
import { usageError } from '../../io/errors.js';

export function register(group: Command): void {
  // `chatctl --profile new config set ...` starts a profile, so it need not exist yet (every
  // other command refuses an unknown profile). A value, not a flag: it reaches the settings
  // through optsWithGlobals() and nobody can type it.
  group.setOptionValue('definesProfiles', true);
  withExamples(group.command('list').alias('ls'), ['chatctl config list', 'chatctl --profile staging config list -o json'])
    .description('Show every setting, its value and where it came from')
    .action(runs(list, () => ({})));
  withExamples(group.command('get'), ['chatctl config get region'])
    .addArgument(keyArgument())
    .description('Print the resolved value of one setting')
    .action(runs(get, ([key]) => ({ key })));
  withExamples(group.command('set'), ['chatctl config set region eu-west-1', 'chatctl config set app-instance demo', 'chatctl config set output json'])
    .addArgument(keyArgument())
    .argument('<value>')
    .description(`Store a default in the config file (keys: ${Object.keys(CONFIG_KEYS).join(', ')})`)
    .action(runs(set, ([key, value]) => ({ key, value })));
  withExamples(group.command('unset'), ['chatctl config unset region'])
    .addArgument(keyArgument())
    .description('Remove a default from the config file')
    .action(runs(unset, ([key]) => ({ key })));
}

/** The key, checked by commander (252, listing the keys) and offered by shell completion. */
const keyArgument = () => new Argument('<key>').choices(Object.keys(CONFIG_KEYS));

const profileName = (deps: Deps) => deps.settings.profile ?? 'default';

export async function list(_: object, deps: Deps): Promise<void> {
  const rows = Object.keys(CONFIG_KEYS).map((key) => {
    const r = deps.settings.sources[key];
    return { Key: key, Value: r?.value ?? null, Source: r?.value === undefined ? 'unset' : r.source };
  });
  await deps.render.list(oneTimePage(rows), {
    key: 'Settings',
    noun: 'settings',
    columns: [['KEY', (r) => r.Key], ['VALUE', (r) => r.Value], ['SOURCE', (r) => r.Source]],
    id: (r) => r.Key,
  });
  if (!deps.settings.quiet) deps.io.err(`config file: ${deps.settings.configPath} (profile ${profileName(deps)})\n`);
}

export async function get(opts: { key: string }, deps: Deps): Promise<void> {
  checkConfigKey(opts.key);
  const value = deps.settings.sources[opts.key]?.value;
  if (value === undefined) throw usageError(`${opts.key} is not set`, `chatctl config set ${opts.key} VALUE`);
  deps.io.out(value + '\n');
}

export async function set(opts: { key: string; value: string }, deps: Deps): Promise<void> {
  checkConfigKey(opts.key);
  checkConfigValue(opts.key, opts.value);
  const path = deps.settings.configPath;
  const config = readConfig(path);
  const profile = profileName(deps);
  config.profiles[profile] = { ...config.profiles[profile], [opts.key]: opts.value };
  writeConfig(path, config);
  deps.done(`Set ${opts.key} for profile ${profile} in ${path}`);
}

export async function unset(opts: { key: string }, deps: Deps): Promise<void> {
  checkConfigKey(opts.key);
  const path = deps.settings.configPath;
  const config = readConfig(path);
  const profile = profileName(deps);
  if (config.profiles[profile]?.[opts.key] === undefined) {
    deps.warn(`${opts.key} was not set for profile ${profile}`);
    return;
  }
  delete config.profiles[profile][opts.key];
  writeConfig(path, config);
  deps.done(`Unset ${opts.key} for profile ${profile}`);
}

async function* oneTimePage<T>(items: T[]) {
  yield { items };
}
