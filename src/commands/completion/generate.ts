// Generates shell completion scripts from the commander tree itself, so they can never drift
// from the commands: groups, verbs (and aliases), flags, the values of enum flags, positional
// arguments with fixed choices (shells, config keys), and live identifiers (users, rooms ...)
// which the scripts ask `chatctl __complete <kind>` for (see live.ts).
//
// bash and zsh share one function, _chatctl_candidates, that reads the words before the cursor
// the way commander will: it skips flags and the values of flags that take one (so
// `--profile p user <TAB>` completes verbs of `user`), follows groups and verbs, and counts
// positionals; each shell only splits the line and hands the candidates back.
import type { Argument, Command, Option } from 'commander';
import { LIVE_KINDS, type ShellName } from './kinds.js';

interface Node {
  path: string;
  words: string[];
  /** The command's own flags; the global ones are listed once for every command. */
  flags: string[];
  /** Flags that take a value (their next word is not a command or positional). */
  valued: string[];
  values: Choices;
  /** What each positional completes to: `=a b c` fixed choices, `@kind` live identifiers. */
  args: Array<{ complete: string; variadic: boolean }>;
}

type Choices = Array<[flag: string, choices: readonly string[]]>;

/** Global flags that select what live identifiers are listed, forwarded to `__complete`. */
const FORWARDED = ['--profile', '--region', '--endpoint-url', '--app-instance', '--as'];

const names = (o: Option) => [o.long, o.short].filter((f): f is string => Boolean(f));
const flagsOf = (options: readonly Option[]) => options.flatMap(names);
const valuedOf = (options: readonly Option[]) => options.filter((o) => o.required || o.optional).flatMap(names);
const choicesOf = (options: readonly Option[]): Choices =>
  options.filter((o) => o.argChoices?.length).flatMap((o) => names(o).map((f) => [f, o.argChoices!] as [string, string[]]));

function argCompletion(arg: Argument): string {
  if (arg.argChoices?.length) return `=${arg.argChoices.join(' ')}`;
  const kind = LIVE_KINDS[arg.name()];
  return kind ? `@${kind}` : '';
}

const visible = (cmd: Command) => cmd.commands.filter((c) => !(c as any)._hidden && c.name() !== 'help');

function walk(cmd: Command, path = '', out: Node[] = []): Node[] {
  const subs = visible(cmd);
  // The root's own options are the global flags, handled apart.
  const own = path === '' ? [] : cmd.options;
  const node: Node = {
    path,
    words: subs.flatMap((c) => [c.name(), ...c.aliases()]),
    flags: flagsOf(own),
    valued: valuedOf(own),
    values: choicesOf(own),
    args: subs.length ? [] : cmd.registeredArguments.map((a) => ({ complete: argCompletion(a), variadic: a.variadic })),
  };
  out.push(node);
  for (const sub of subs) {
    for (const name of [sub.name(), ...sub.aliases()]) walk(sub, path ? `${path} ${name}` : name, out);
  }
  // `<group> help <TAB>` offers the group's commands (their help, one level).
  if (cmd.commands.some((c) => c.name() === 'help') && subs.length) {
    const commands = node.words.join(' ');
    node.words.push('help');
    out.push({ path: path ? `${path} help` : 'help', words: [], flags: [], valued: [], values: [], args: [{ complete: `=${commands}`, variadic: false }] });
  }
  return out;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const cases = (entries: Array<[pattern: string, value: string]>) => entries.map(([p, v]) => `    ${p}) echo ${q(v)} ;;`).join('\n');

/** The shell functions bash and zsh share: no indexed arrays (zsh counts from 1), no `path`
 * variable (zsh ties it to PATH), patterns starting with = quoted (zsh expands =word). */
function sharedFunctions(program: Command): string {
  const nodes = walk(program);
  const globals = [...flagsOf(program.options), '--help'];
  const globalValued = valuedOf(program.options);
  const args = nodes.flatMap((n) =>
    n.args.flatMap((a, i): Array<[string, string]> => (a.complete ? [[a.variadic ? `${q(`${n.path}|`)}*` : q(`${n.path}|${i}`), a.complete]] : [])),
  );
  // Exact positions first: `case` takes the first pattern that matches.
  args.sort(([a], [b]) => Number(a.endsWith('*')) - Number(b.endsWith('*')));
  return `_chatctl_words() {
  case "$1" in
${cases(nodes.map((n) => [q(n.path), n.words.join(' ')]))}
  esac
}
_chatctl_flags() {
  case "$1" in
${cases(nodes.filter((n) => n.flags.length).map((n) => [q(n.path), n.flags.join(' ')]))}
  esac
  echo ${q(globals.join(' '))}
}
_chatctl_valued() {
  case "$1" in
${cases(nodes.filter((n) => n.valued.length).map((n) => [q(n.path), n.valued.join(' ')]))}
  esac
  echo ${q(globalValued.join(' '))}
}
_chatctl_values() {
  case "$1" in
${cases([
  ...nodes.flatMap((n) => n.values.map(([f, c]): [string, string] => [q(`${n.path}|${f}`), c.join(' ')])),
  ...choicesOf(program.options).map(([f, c]): [string, string] => [`*${q(`|${f}`)}`, c.join(' ')]),
])}
  esac
}
_chatctl_arg() {
  case "$1" in
${cases(args)}
  esac
}
# Candidates for the word being typed ($1), given the words before it ($2...).
_chatctl_candidates() {
  local cur="$1" cmdpath="" w expect_value="" npos=0 arg
  local -a live
  shift
  for w in "$@"; do
    if [ -n "$expect_value" ]; then
      case "$expect_value" in ${FORWARDED.join('|')}) live+=("$expect_value" "$w") ;; esac
      expect_value=""
      continue
    fi
    case "$w" in
      --local) live+=("$w"); continue ;;
      ${FORWARDED.map((f) => `${f}=*`).join('|')}) live+=("$w"); continue ;;
      -*)
        [[ " $(_chatctl_valued "$cmdpath") " == *" $w "* ]] && expect_value="$w"
        continue ;;
    esac
    if [[ " $(_chatctl_words "$cmdpath") " == *" $w "* ]]; then cmdpath="\${cmdpath:+$cmdpath }$w"; else npos=$((npos + 1)); fi
  done
  if [ -n "$expect_value" ]; then
    _chatctl_values "$cmdpath|$expect_value"
  elif [[ "$cur" == -* ]]; then
    _chatctl_flags "$cmdpath"
  elif [ -n "$(_chatctl_words "$cmdpath")" ]; then
    _chatctl_words "$cmdpath"
  else
    arg="$(_chatctl_arg "$cmdpath|$npos")"
    case "$arg" in
      '='*) echo "\${arg#=}" ;;
      '@'*) chatctl "\${live[@]}" __complete "\${arg#@}" 2>/dev/null ;;
    esac
  fi
}`;
}

export function bash(program: Command): string {
  return `# bash completion for chatctl (generated by 'chatctl completion bash'; do not edit)
# Install: chatctl completion bash > ~/.local/share/bash-completion/completions/chatctl
${sharedFunctions(program)}
_chatctl() {
  # Split the line ourselves: COMP_WORDS breaks ARNs apart at every ':'.
  local line="\${COMP_LINE:0:COMP_POINT}" cur="" prefix i
  local -a words
  read -ra words <<< "$line"
  if [[ "$line" != *[[:space:]] && \${#words[@]} -gt 1 ]]; then
    cur="\${words[\${#words[@]}-1]}"
    unset 'words[\${#words[@]}-1]'
  fi
  COMPREPLY=($(compgen -W "$(_chatctl_candidates "$cur" "\${words[@]:1}")" -- "$cur"))
  # bash replaces only the part of the word after its last ':' (COMP_WORDBREAKS).
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    prefix="\${cur%"\${cur##*:}"}"
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$prefix"}"; done
  fi
}
complete -F _chatctl chatctl
`;
}

export function zsh(program: Command): string {
  return `#compdef chatctl
# zsh completion for chatctl (generated by 'chatctl completion zsh'; do not edit)
# Install: chatctl completion zsh > "\${fpath[1]}/_chatctl"  (or source it from ~/.zshrc)
${sharedFunctions(program)}
_chatctl() {
  local -a candidates
  candidates=(\${=\$(_chatctl_candidates "\${words[CURRENT]}" "\${(@)words[2,CURRENT-1]}")})
  compadd -- \$candidates
}
if [ "\$funcstack[1]" = "_chatctl" ]; then
  _chatctl "\$@"
else
  compdef _chatctl chatctl
fi
`;
}

export function fish(program: Command): string {
  const lines = [
    "# fish completion for chatctl (generated by 'chatctl completion fish'; do not edit)",
    '# Install: chatctl completion fish > ~/.config/fish/completions/chatctl.fish',
    'complete -c chatctl -f',
    '# Live identifiers: chatctl __complete KIND, with the global flags typed so far.',
    'function __chatctl_live',
    '    set -l tokens (commandline -opc)',
    '    set -l forward',
    '    set -l i 2',
    '    while test $i -le (count $tokens)',
    '        switch $tokens[$i]',
    '            case --local ' + FORWARDED.map((f) => `'${f}=*'`).join(' '),
    '                set -a forward $tokens[$i]',
    `            case ${FORWARDED.join(' ')}`,
    '                if test $i -lt (count $tokens)',
    '                    set -a forward $tokens[$i] $tokens[(math $i + 1)]',
    '                end',
    '                set i (math $i + 1)',
    '        end',
    '        set i (math $i + 1)',
    '    end',
    '    chatctl $forward __complete $argv[1] 2>/dev/null',
    'end',
  ];
  // fish's conditions do not see word order, so `user help` would match the root's `help`
  // too; fish completes the word `help` but not what follows it.
  const nodes = walk(program).filter((n) => !/(^| )help$/.test(n.path));
  for (const n of nodes) {
    const parts = n.path ? n.path.split(' ') : [];
    const seen = parts.map((p) => `__fish_seen_subcommand_from ${p}`);
    const notYet = n.words.length ? [`not __fish_seen_subcommand_from ${n.words.join(' ')}`] : [];
    const cond = [...(parts.length ? seen : ['__fish_use_subcommand']), ...notYet].join('; and ');
    for (const w of n.words) lines.push(`complete -c chatctl -n ${q(cond)} -a ${q(w)}`);
    for (const [flag, choices] of n.values) {
      if (flag.startsWith('--')) lines.push(`complete -c chatctl -n ${q(seen.join('; and '))} -l ${flag.slice(2)} -x -a ${q(choices.join(' '))}`);
    }
    // fish does not count positionals here: the first argument's candidates are offered.
    const first = n.args[0]?.complete;
    if (first?.startsWith('=')) lines.push(`complete -c chatctl -n ${q(cond)} -a ${q(first.slice(1))}`);
    if (first?.startsWith('@')) lines.push(`complete -c chatctl -n ${q(cond)} -a ${q(`(__chatctl_live ${first.slice(1)})`)}`);
  }
  for (const [flag, choices] of choicesOf(program.options)) {
    if (flag.startsWith('--')) lines.push(`complete -c chatctl -l ${flag.slice(2)} -x -a ${q(choices.join(' '))}`);
  }
  return lines.join('\n') + '\n';
}

export const SHELLS: Record<ShellName, (program: Command) => string> = { bash, zsh, fish };
