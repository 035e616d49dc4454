// The root program: global flags, the groups, and the one place where errors become an
// `error:` line and an exit code. Everything imported here is light (commander and the verb
// declarations); SDK clients, ws and the emulator load only inside a running command.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { COLOR_MODES, OUTPUT_FORMATS } from './context/config-file.js';
import { CliError, ExitCode, usageError } from './io/errors.js';
import { GROUPS, registerCompletion } from './commands/groups.js';
import { acceptFileValues, processStdin, type Stdin } from './io/values.js';
import { setRunContext, type RunContext } from './commands/command.js';
import type { IO } from './io/streams.js';

const EXIT_CODES = `
Results go to stdout; progress, confirmations, warnings and errors go to stderr.
Scripts should pass -o explicitly (the default is table on a terminal, json otherwise).

Exit codes:
  0    success (also empty results and --ignore-not-found no-ops)
  1    partial failure: some items of a multi-item command failed
  124  tail --count N --timeout D: the timeout came first
  130  interrupted (SIGINT); 143 terminated (SIGTERM)
  252  usage: unknown command or flag, bad value, confirmation needed (pass --yes)
  253  configuration: no region, credentials, profile, app instance or caller
  254  the service returned an error
  255  anything else: network failure, internal error`;

/** The whole command tree; or, given the command line, the verbs of only the group it names (the
 * verbs cost start-up time to declare), and without a group (--help, completion, an unknown word)
 * the groups with their summaries but no verbs. */
export async function buildProgram(io?: Pick<IO, 'out' | 'err'>, argv?: string[]): Promise<Command> {
  const program = new Command('chatctl');
  // Set before the groups are added: subcommands inherit the output settings.
  if (io) program.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  program
    .description('Administer Amazon Chime SDK messaging and Amazon IVS Chat, tail live chat, run a local emulator.')
    .version(VERSION, '--version')
    .option('--region <region>', 'AWS Region (env AWS_REGION)')
    .option('--profile <name>', 'AWS profile for credentials and chatctl defaults (env AWS_PROFILE)')
    .option('--endpoint-url <url>', 'endpoint for all three services (env CHATCTL_ENDPOINT_URL, AWS_ENDPOINT_URL)')
    .option('--local', 'use the local emulator (chatctl emulator start) and its credentials')
    .option('--app-instance <app>', 'default app instance (ARN, id or name); short user, bot and channel ids expand under it (env CHATCTL_APP_INSTANCE)')
    .option('--as <member>', 'caller for messaging calls, user id or ARN (env CHATCTL_AS)')
    .addOption(new Option('-o, --output <format>', 'output format (env CHATCTL_OUTPUT)').choices(OUTPUT_FORMATS))
    .option('--query <jmespath>', 'JMESPath expression applied to the JSON result')
    .addOption(new Option('--color <when>', 'colour output').choices(COLOR_MODES))
    .option('--debug', 'log requests and responses to stderr, secrets redacted (env CHATCTL_DEBUG=1)')
    .option('--cli-connect-timeout <seconds>', 'give up connecting after this long; 0 = never (default 60)', wholeSeconds)
    .option('--cli-read-timeout <seconds>', 'give up when a connection is silent this long; 0 = never (default 60)', wholeSeconds)
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--no-input', 'never prompt (env CHATCTL_NO_INPUT=1)')
    .option('-y, --yes', 'confirm destructive actions without asking')
    .addHelpText('after', EXIT_CODES)
    .showSuggestionAfterError(true);
  const named = argv && groupNamed(program, argv);
  const groups = GROUPS.filter(([name]) => !named || name === named);
  // Loaded in parallel, declared in order.
  const modules = await Promise.all(groups.map(([, , load]) => (!argv || named ? load() : undefined)));
  groups.forEach(([name, summary], i) => {
    const group = program.command(name).description(summary);
    modules[i]?.register(group);
  });
  registerCompletion(program, () => buildProgram(io));
  configureTree(program, 'chatctl', processStdin());
  return program;
}

/** The group the command line names (`user list`, `help user list`): its first word that is
 * not a global flag or its value, or the one after `help`. */
function groupNamed(program: Command, argv: string[]): string | undefined {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    if (argv[i] === '--') break;
    if (!argv[i]!.startsWith('-')) words.push(argv[i]!);
    else if (takesValue.has(argv[i])) i++;
  }
  const word = words[0] === 'help' ? words[1] : words[0];
  return GROUPS.some(([name]) => name === word) ? word : undefined;
}

/** The AWS CLI's timeout flags take whole seconds, 0 meaning no limit. */
function wholeSeconds(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`'${value}' is not a whole number of seconds.`);
  return Number(value);
}

/** Every command: throw instead of exiting, and one usage line after a parse error; value
 * flags take file://PATH, fileb://PATH and - (stdin) as the AWS CLI does. Groups
 * get a `help [command...]` that works like --help; every command's help ends by pointing
 * at the global flags, which only the root's help lists. */
function configureTree(cmd: Command, path: string, stdin: Stdin) {
  cmd.exitOverride().showHelpAfterError(`Run '${path} --help' for usage.`);
  for (const option of cmd.options) {
    acceptFileValues(option, stdin);
    if (option.mandatory && !option.description.endsWith('(required)')) option.description += ' (required)';
  }
  if (cmd.parent) cmd.addHelpText('after', GLOBAL_FLAGS_POINTER);
  if (cmd.commands.length) addHelpCommand(cmd, path);
  for (const sub of cmd.commands) configureTree(sub, `${path} ${sub.name()}`, stdin);
}

const GLOBAL_FLAGS_POINTER = "\nGlobal flags (--region, --profile, --local, -o, --query, --debug ...): see 'chatctl --help'.";

/** commander's own help command exits 1 after `help <verb>` (so 252 here) and answers an
 * unknown name with the whole help on stderr; this one prints the help asked for on stdout
 * (exit 0), or one `error:` line (252). */
function addHelpCommand(cmd: Command, path: string) {
  cmd.helpCommand(false);
  cmd
    .command('help [command...]')
    .description('display help for command')
    .action((words: string[]) => {
      let target = cmd;
      for (const word of words) {
        const next = target.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next || next.name() === 'help') throw usageError(`unknown command '${word}'`, `run '${path} --help' for the commands`);
        target = next;
      }
      target.outputHelp();
    });
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Runs the CLI once and returns its exit code. Tests pass `io` (buffers) and `env` to run it
 * in-process; the binary uses the process's own streams and environment. */
export async function run(argv: string[], options: Partial<RunContext> = {}): Promise<number> {
  const context: RunContext = { env: options.env ?? process.env, io: options.io };
  const program = await buildProgram(context.io, argv);
  setRunContext(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode ?? ExitCode.ok;
  } catch (err) {
    return reportError(err, argv, context.env, context.io);
  }
}

export function reportError(err: unknown, argv: string[], env: NodeJS.ProcessEnv, io?: Pick<IO, 'err'>): number {
  const writeErr = (text: string) => (io ? io.err(text) : process.stderr.write(text));
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.ok;
    return ExitCode.usage;
  }
  const debug = argv.includes('--debug') || (env.CHATCTL_DEBUG !== undefined && !['', '0', 'false'].includes(env.CHATCTL_DEBUG));
  const cliError = err instanceof CliError ? err : new CliError(`internal error: ${(err as Error)?.message ?? String(err)}`, ExitCode.other);
  const lines = [`error: ${cliError.message}`, ...cliError.details.map((d) => `  ${d}`)];
  if (cliError.hint) lines.push(`hint: ${cliError.hint}`);
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  writeErr(lines.join('\n') + '\n');
  if (wantsJson(argv, env)) {
    const code = cliError.code ?? (cliError.exitCode === ExitCode.usage ? 'UsageError' : cliError.exitCode === ExitCode.config ? 'ConfigurationError' : 'Error');
    writeErr(JSON.stringify({ error: { code, message: cliError.message, exitCode: cliError.exitCode } }) + '\n');
  }
  return cliError.exitCode;
}

function wantsJson(argv: string[], env: NodeJS.ProcessEnv): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '-o' || a === '--output') && argv[i + 1]) return argv[i + 1] === 'json' || argv[i + 1] === 'jsonl';
    if (/^(--output=|-o)(json|jsonl)$/.test(a)) return true;
  }
  return env.CHATCTL_OUTPUT === 'json' || env.CHATCTL_OUTPUT === 'jsonl';
}
