// Declarative verbs. Most commands are one API call whose input is built from the arguments: an
// entry says only what is particular to the verb (usage, flags, input mapping, how the result
// looks, examples) and the factory adds what the generated operation table already knows:
// `--dry-run` on writes, the paging flags, list key and page-size cap on lists, enum choices,
// and, on deletes, confirmation, `--ignore-not-found`, several ids at once with a per-item report.
// Verbs with real logic (bulk membership, message send...) keep a hand-written run().
import { Option, type Command } from 'commander';
import { OPERATIONS } from '../aws/operations.gen.js';
import type { OperationFacts, OperationInput, OperationName, OperationOutput, ServiceKey } from '../aws/clients.js';
import { CliError, usageError } from '../io/errors.js';
import type { ItemView, ListView } from '../io/render.js';
import { intArg, paging, runs, type PagingFlags, type RunsOptions } from './command.js';
import type { Deps } from './deps.js';

/** What every verb declares for its help. */
export interface VerbText {
  /** commander usage: `get <user>`, `delete <user...>`. */
  usage: string;
  alias?: string;
  summary: string;
  /** Copy-pasteable command lines, shown under `Examples:` (and run by the test suite). */
  examples: string[];
  /** Extra flags beyond the ones the factory adds. */
  flags?: (cmd: Command) => Command;
  /** Chime verbs work inside the default app instance, which runs() resolves from a name or id
   * before they run; false for those that never use it or take their own (`app-instance create`,
   * `retention get [app]`). IVS Chat verbs never use it. */
  inAppInstance?: boolean;
}

export interface Call<S extends ServiceKey, Op extends OperationName<S>> {
  service: S;
  operation: Op;
  /** Builds the operation's input from the positionals (in order) and the flags. */
  input: (deps: Deps, args: any[], flags: any) => OperationInput<S, Op> | Promise<OperationInput<S, Op>>;
}

const facts = (service: ServiceKey, operation: string) => (OPERATIONS[service] as Record<string, OperationFacts>)[operation];

const scope = (spec: VerbText & { service: ServiceKey }): RunsOptions => ({ inAppInstance: spec.inAppInstance ?? spec.service !== 'ivschat' });

/** A list's columns and ids; the list and token members come from the model. */
export type ListVerbView<T = any> = Omit<ListView<T>, 'key'>;

/** How a result looks; a function of the input for answers that do not name their resource
 * (retention settings: `-o id` prints the app instance the input named). */
export type ResultView<S extends ServiceKey, Op extends OperationName<S>> =
  | ItemView<OperationOutput<S, Op>>
  | ((input: OperationInput<S, Op>) => ItemView<OperationOutput<S, Op>>);

const viewFor = <S extends ServiceKey, Op extends OperationName<S>>(view: ResultView<S, Op>, input: OperationInput<S, Op>) =>
  typeof view === 'function' ? view(input) : view;

const examplesOfCommand = new WeakMap<Command, string[]>();

/** Adds an `Examples:` section to a command's help; test/cli/examples.test.ts runs them. */
export function withExamples(cmd: Command, examples: string[]): Command {
  if (examples.length === 0) return cmd;
  examplesOfCommand.set(cmd, examples);
  return cmd.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
}

export const examplesOf = (cmd: Command): string[] => examplesOfCommand.get(cmd) ?? [];

/** Which API operations each command calls (its own, not the look-ups it makes first): the
 * test that every operation of the three services has exactly one command reads this. */
const operationsOfCommand = new WeakMap<Command, string[]>();

export function handles(cmd: Command, service: ServiceKey, ...operations: string[]): Command {
  for (const operation of operations) if (!facts(service, operation)) throw new Error(`unknown operation ${service}.${operation}`);
  operationsOfCommand.set(cmd, [...(operationsOfCommand.get(cmd) ?? []), ...operations.map((op) => `${service}.${op}`)]);
  return cmd;
}

export const operationsOf = (cmd: Command): string[] => operationsOfCommand.get(cmd) ?? [];

/** Declares the command with its summary, alias, examples and `--dry-run` when it writes. */
export function declare(group: Command, text: VerbText, service: ServiceKey, operation: string): Command {
  const cmd = handles(group.command(text.usage).description(text.summary), service, operation);
  if (text.alias) cmd.alias(text.alias);
  if (text.flags) text.flags(cmd);
  if (facts(service, operation)?.writes) cmd.option('--dry-run', 'print the API calls that would be made, make none');
  withExamples(cmd, text.examples);
  return cmd;
}

/** The enum values of an input member in the model (dotted path: `Processors.FallbackAction`). */
export function modelEnum(service: ServiceKey, operation: string, member: string): readonly string[] {
  const values = facts(service, operation)?.enums?.[member];
  if (!values) throw new Error(`${service}.${operation} has no enum member ${member}`);
  return values;
}

/** The length or range of an input member in the model, for checks an option cannot make itself
 * (how often a repeatable flag may be given, a field inside a `k=v,...` value). */
export function modelLimit(service: ServiceKey, operation: string, member: string): { min?: number; max?: number } {
  const limit = facts(service, operation)?.limits?.[member];
  if (!limit) throw new Error(`${service}.${operation} has no limits for ${member}`);
  return limit;
}

/** A repeatable flag's values, refused (252, before any call) beyond the model's item count. */
export function withinCount<T>(values: T[] | undefined, flag: string, service: ServiceKey, operation: string, member: string): T[] | undefined {
  const { max } = modelLimit(service, operation, member);
  if (values && max !== undefined && values.length > max) {
    throw usageError(`${flag} given ${values.length} times; ${operation} takes at most ${max}`);
  }
  return values;
}

/** A text value, refused (252, before any call) outside the model's length for the member. */
export function withinLength(value: string, what: string, service: ServiceKey, operation: string, member: string): string {
  const { min = 0, max } = modelLimit(service, operation, member);
  const length = [...value].length;
  if (length < min || (max !== undefined && length > max)) {
    throw usageError(`${what} must be ${min}-${max ?? '∞'} characters (got ${length})`);
  }
  return value;
}

/** An option whose choices are the enum of an input member in the model (e.g. `Privacy`). */
export function enumOption(flags: string, description: string, service: ServiceKey, operation: string, member: string): Option {
  return new Option(flags, description).choices(modelEnum(service, operation, member));
}

const limitOfOption = new WeakMap<Option, { min: number; max: number }>();

/** The model's bounds of an option made by rangeOption (the contract test checks each edge). */
export const limitOf = (option: Option) => limitOfOption.get(option);

/** An integer option bounded by the model's range (or length) for an input member. */
export function rangeOption(flags: string, description: string, service: ServiceKey, operation: string, member: string): Option {
  const limit = facts(service, operation)?.limits?.[member];
  if (!limit || limit.max === undefined) throw new Error(`${service}.${operation} has no limits for ${member}`);
  const bounds = { min: limit.min ?? 0, max: limit.max };
  const option = new Option(flags, `${description} (${bounds.min}-${bounds.max})`).argParser(intArg(bounds.min, bounds.max));
  limitOfOption.set(option, bounds);
  return option;
}

/** One resource: Describe/Get. */
export function getVerb<S extends ServiceKey, Op extends OperationName<S>>(
  group: Command,
  spec: VerbText & Call<S, Op> & { view: ResultView<S, Op> },
): Command {
  return declare(group, spec, spec.service, spec.operation).action(
    runs(async ({ args, flags }: Invocation, deps) => {
      const input = await spec.input(deps, args, flags);
      const output = await deps.aws.call(spec.service, spec.operation, input);
      await deps.render.item(output, viewFor(spec.view, input));
    }, invocation, scope(spec)),
  );
}

/** A paginated list; the list and token members and the page-size cap come from the model. */
export function listVerb<S extends ServiceKey, Op extends OperationName<S>>(
  group: Command,
  spec: VerbText & Partial<Call<S, Op>> & Pick<Call<S, Op>, 'service' | 'operation'> & { view: ListVerbView; defaultMaxItems?: number },
): Command {
  const page = facts(spec.service, spec.operation)?.page;
  if (!page) throw new Error(`${spec.service}.${spec.operation} is not paginated`);
  const cmd = declare(group, spec, spec.service, spec.operation);
  pagingFlags(cmd, page.max ?? 50, spec.defaultMaxItems);
  return cmd.action(
    runs(async ({ args, flags }: Invocation, deps) => {
      const input = spec.input ? await spec.input(deps, args, flags) : ({} as OperationInput<S, Op>);
      await streamList(deps, spec.service, spec.operation, input, flags, spec.view, spec.defaultMaxItems);
    }, invocation, scope(spec)),
  );
}

/** Follows a list operation page by page onto stdout, with the paging flags; for verbs that
 * choose the operation at run time (`channel list --member`). */
export async function streamList<S extends ServiceKey, Op extends OperationName<S>>(
  deps: Deps,
  service: S,
  operation: Op,
  input: OperationInput<S, Op>,
  flags: PagingFlags,
  view: ListVerbView,
  defaultMaxItems?: number,
): Promise<void> {
  const page = facts(service, operation)?.page;
  if (!page) throw new Error(`${service}.${operation} is not paginated`);
  const { pages } = await import('../aws/paginate.js');
  const limits = paging(flags);
  if (limits.maxItems === undefined) limits.maxItems = defaultMaxItems;
  await deps.render.list(pages(deps.aws, service, operation, input, limits), { ...view, key: page.items });
}

/** The AWS CLI's pagination flags. */
export function pagingFlags(cmd: Command, maxPageSize: number, defaultMaxItems?: number): Command {
  return cmd
    .option('--max-items <n>', 'stop after this many items in all' + (defaultMaxItems ? ` (default ${defaultMaxItems})` : ''), intArg(1))
    .option('--page-size <n>', `items per API call (1-${maxPageSize})`, intArg(1, maxPageSize))
    .option('--starting-token <token>', 'resume a list from a NextToken printed earlier')
    .option('--no-paginate', 'fetch the first page only')
    .option('--no-headers', 'omit table headers');
}

/** A create, update, put, add: one write, its result printed, a note on stderr. */
export function writeVerb<S extends ServiceKey, Op extends OperationName<S>>(
  group: Command,
  spec: VerbText &
    Call<S, Op> & {
      view: ResultView<S, Op>;
      /** The ✓ line on stderr after success. */
      done: (args: any[], flags: any, output: OperationOutput<S, Op>, input: OperationInput<S, Op>) => string;
      /** Asks before writing (returns the action to confirm, or undefined to go ahead). */
      confirm?: (deps: Deps, args: any[], flags: any, input: OperationInput<S, Op>) => Promise<string | undefined> | string | undefined;
      /** `--if-not-exists`: finds the existing resource by its natural key (printed instead). The
       * input is built first, so bad flags fail whether or not the resource exists. */
      ifNotExists?: (deps: Deps, args: any[], flags: any, input: OperationInput<S, Op>) => Promise<OperationOutput<S, Op> | undefined>;
      /** For adds: a ConflictException means it is already there, which is success (noted). */
      alreadyThere?: (args: any[], flags: any) => string;
    },
): Command {
  const cmd = declare(group, spec, spec.service, spec.operation);
  if (spec.ifNotExists) cmd.option('--if-not-exists', 'print the existing one instead of failing when it already exists');
  return cmd.action(
    runs(async ({ args, flags }: Invocation, deps) => {
      const input = await spec.input(deps, args, flags);
      const view = viewFor(spec.view, input);
      if (flags.ifNotExists && spec.ifNotExists) {
        const existing = await spec.ifNotExists(deps, args, flags, input);
        if (existing) {
          deps.warn('already exists; nothing created');
          await deps.render.item(existing, view);
          return;
        }
      }
      const action = spec.confirm ? await spec.confirm(deps, args, flags, input) : undefined;
      if (action) await deps.confirm(action);
      try {
        const output = await deps.aws.call(spec.service, spec.operation, input);
        // An empty answer (DisconnectUser) prints nothing, as the AWS CLI does.
        if (Object.keys(output).length) await deps.render.item(output, view);
        deps.done(spec.done(args, flags, output, input));
      } catch (err) {
        const { isConflict } = await import('./not-found.js');
        if (!spec.alreadyThere || !isConflict(err)) throw err;
        deps.warn(spec.alreadyThere(args, flags));
      }
    }, invocation, scope(spec)),
  );
}

/** A delete or remove of one or more resources (the last positional is variadic): confirmed
 * once for all of them, `--ignore-not-found`, each reported; exit 1 when some failed. */
export function removeVerb<S extends ServiceKey, Op extends OperationName<S>>(
  group: Command,
  spec: VerbText & {
    service: S;
    operation: Op;
    /** What one target is called in messages: `user`, `admin`, `member`. */
    noun: string;
    /** Input for one target (the variadic positional's value), given the other positionals. */
    input: (deps: Deps, target: string, args: any[], flags: any) => OperationInput<S, Op> | Promise<OperationInput<S, Op>>;
    /** Present the target in messages (default: as typed). */
    label?: (target: string) => string;
    /** Removing is not destructive enough to ask (e.g. a ban). */
    noConfirm?: boolean;
    /** The verb in messages, present and past (default delete / Deleted). */
    verb?: [present: string, past: string];
    /** The target when the optional positional is left out (`streaming delete [app]`). */
    defaultTarget?: (deps: Deps) => string;
    /** The hint when the service refuses because the target is still in use (ConflictException). */
    inUse?: (target: string) => string;
  },
): Command {
  const cmd = declare(group, spec, spec.service, spec.operation).option('--ignore-not-found', 'succeed when it does not exist');
  const [verb, past] = spec.verb ?? ['delete', 'Deleted'];
  return cmd.action(
    runs(async ({ args, flags }: Invocation, deps) => {
      const given: string[] = [args[args.length - 1] ?? []].flat();
      const targets = given.length || !spec.defaultTarget ? given : [spec.defaultTarget(deps)];
      const label = spec.label ?? ((t: string) => t);
      if (!spec.noConfirm) await deps.confirm(`${verb} ${spec.noun}${targets.length > 1 ? 's' : ''} ${targets.map(label).join(', ')}`);
      const { eachTarget } = await import('./each.js');
      const { isConflict } = await import('./not-found.js');
      return eachTarget(deps, targets, label, spec.noun, flags.ignoreNotFound, async (target) => {
        try {
          await deps.aws.call(spec.service, spec.operation, await spec.input(deps, target, args, flags));
        } catch (err) {
          if (!spec.inUse || !isConflict(err)) throw err;
          const { message, exitCode, code, details } = err as CliError;
          throw new CliError(message, exitCode, spec.inUse(target), code, details);
        }
        deps.done(`${past} ${spec.noun} ${label(target)}`);
      });
    }, invocation, scope(spec)),
  );
}

interface Invocation {
  args: any[];
  flags: any;
}

const invocation = (args: any[], flags: any): Invocation => ({ args, flags });
