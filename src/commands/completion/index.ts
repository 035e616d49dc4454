// `chatctl completion bash|zsh|fish`: the script on stdout; the user decides where it goes
// (we never edit rc files). Works without credentials and loads nothing but commander.
import { Argument, type Command } from 'commander';
import { SHELLS } from './generate.js';

export function register(program: Command): void {
  program
    .command('completion')
    .description('Print a shell completion script (bash, zsh or fish) on stdout')
    .addArgument(new Argument('<shell>', 'shell').choices(Object.keys(SHELLS)))
    .addHelpText('after', '\nExamples:\n  chatctl completion bash > ~/.local/share/bash-completion/completions/chatctl\n  chatctl completion fish > ~/.config/fish/completions/chatctl.fish')
    .action((shell: keyof typeof SHELLS) => {
      process.stdout.write(SHELLS[shell](program));
    });
}
