// What a verb's run(opts, deps) gets: IO, resolved settings, the AWS caller, a renderer and
// the confirmation rules. Built when a command runs (never for --help), from the parsed flags.
import { appInstanceArn, memberArn } from '../context/arn.js';
import { resolveSettings, type GlobalFlags, type Settings } from '../context/settings.js';
import { createAws, noBearer, type Aws } from '../aws/clients.js';
import { CliError, ExitCode, usageError } from '../io/errors.js';
import { Renderer } from '../io/render.js';
import { systemIO, type IO } from '../io/streams.js';

export interface Deps {
  io: IO;
  settings: Settings;
  aws: Aws;
  render: Renderer;
  /** The default app instance ARN (from --app-instance / env / config); 253 when unset. */
  app(): string;
  /** Asks before a destructive action; throws 252 when it may not ask and --yes is missing. */
  confirm(action: string, opts?: { typeToConfirm?: string }): Promise<void>;
  /** A one-line success note on stderr (✓ ...), silent with --quiet or --dry-run. */
  done(message: string): void;
  /** A warning on stderr (! ...), silent with --quiet. */
  warn(message: string): void;
}

export function createDeps(flags: GlobalFlags & { headers?: boolean }, env = process.env, injectedIO?: IO): Deps {
  const settings = resolveSettings(flags, env, injectedIO ? injectedIO.stdoutIsTTY : Boolean(process.stdout.isTTY));
  const io = injectedIO ?? systemIO({ color: settings.color, noInput: settings.noInput, env });
  const app = () => appInstanceArn(undefined, settings.appInstance);
  const bearer = () => (settings.as ? memberArn(settings.as, app) : noBearer());
  // commander stores --no-headers as headers: false.
  return depsFor(io, settings, createAws(settings, io, bearer), flags.headers === false);
}

export function depsFor(io: IO, settings: Settings, aws: Aws, noHeaders = false): Deps {
  const render = new Renderer(io, { ...settings, noHeaders });
  return {
    io,
    settings,
    aws,
    render,
    app: () => appInstanceArn(undefined, settings.appInstance),
    async confirm(action, opts = {}) {
      if (settings.dryRun) return;
      if (settings.yes) {
        if (!settings.quiet) io.err(`${action} (confirmed by --yes)\n`);
        return;
      }
      if (!io.canPrompt) {
        throw usageError(`refusing to ${action} without confirmation`, 'pass --yes');
      }
      const answer = opts.typeToConfirm
        ? await io.ask(`Type ${opts.typeToConfirm} to ${action}: `)
        : await io.ask(`${action[0].toUpperCase()}${action.slice(1)}? [y/N] `);
      const ok = opts.typeToConfirm ? answer.trim() === opts.typeToConfirm : /^y(es)?$/i.test(answer.trim());
      if (!ok) throw new CliError(`${action}: not confirmed`, ExitCode.usage);
    },
    done(message) {
      if (!settings.quiet && !settings.dryRun) io.err(`${io.errColor.green('✓')} ${message}\n`);
    },
    warn(message) {
      if (!settings.quiet) io.err(`${io.errColor.yellow('!')} ${message}\n`);
    },
  };
}

/** After a run: with --dry-run, print the writes that would have been made. */
export function finish(deps: Deps): void {
  const { settings, io, aws } = deps;
  if (!settings.dryRun) return;
  const operations = aws.planned.map(({ operation, input }) => ({ operation, input }));
  if (settings.output === 'table' || settings.output === 'text') {
    for (const op of operations) io.out(`${op.operation}\t${JSON.stringify(op.input)}\n`);
  } else {
    io.out(JSON.stringify({ dryRun: true, operations }, null, settings.output === 'jsonl' ? 0 : 2) + '\n');
  }
  if (!settings.quiet) io.err('dry run: no changes made\n');
}
