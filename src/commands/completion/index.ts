// `chatctl completion bash|zsh|fish`: the script on stdout; the user decides where it goes
// (we never edit rc files). Works without credentials and loads nothing but commander.
// `chatctl __complete <kind>` (hidden) is what the scripts call for live identifiers.
import { Argument, type Command } from 'commander';
import { isLiveKind, SHELL_NAMES, type ShellName } from './kinds.js';
import { runContextOf } from '../command.js';

/** commander's stdout, which in-process runs point at their IO. */
const writeOut = (cmd: Command, text: string) => cmd.configureOutput().writeOut!(text);

/** `fullProgram` builds the whole command tree: a run declares only what its command line needs. */
export function register(program: Command, fullProgram: () => Promise<Command>): void {
  program
    .command('completion')
    .description('Print a shell completion script (bash, zsh or fish) on stdout')
    .addArgument(new Argument('<shell>', 'shell').choices(SHELL_NAMES))
    .addHelpText('after', '\nExamples:\n  chatctl completion bash > ~/.local/share/bash-completion/completions/chatctl\n  chatctl completion fish > ~/.config/fish/completions/chatctl.fish')
    .action(async (shell: ShellName, _flags: object, cmd: Command) => {
      // The generator is only needed here, not on every start.
      const { SHELLS } = await import('./generate.js');
      writeOut(cmd, SHELLS[shell](await fullProgram()));
    });

  program
    .command('__complete <kind>', { hidden: true })
    .description('print live identifiers for shell completion, one per line (nothing when it cannot)')
    .action(async (kind: string, _flags: object, cmd: Command) => {
      if (!isLiveKind(kind)) return;
      const { liveCandidates } = await import('./live.js');
      const candidates = await liveCandidates(kind, cmd.optsWithGlobals(), runContextOf(cmd).env);
      if (candidates.length) writeOut(cmd, candidates.join('\n') + '\n');
    });
}
