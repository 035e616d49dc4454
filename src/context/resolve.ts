// Resources named by ARN, id or name (commands.md, Identifiers): an ARN is used as it is;
// otherwise the value is matched against the ids and names a List call returns (all pages). An
// id match wins (ids are unique); several resources of one name is a usage error listing their
// ARNs. The kinds are declared beside their commands' domain (ivs-resolve.ts, chime-resolve.ts).
import type { Aws } from '../aws/clients.js';
import type { Page } from '../io/render.js';
import { CliError, ExitCode, usageError } from '../io/errors.js';
import { isArn } from './arn.js';

/** The fields of one list item that name it. */
export interface Named {
  arn?: string;
  id?: string;
  name?: string;
}

export interface ResourceKind {
  /** How messages call it: `room`, `app instance`. */
  noun: string;
  /** The command that lists them, for hints. */
  listCommand: string;
  /** The service's not-found error name, so --ignore-not-found treats a failed look-up alike. */
  notFoundCode: string;
  /** The pages to search for `value`; may narrow the list on the server. */
  list(aws: Aws, value: string): AsyncIterable<Page<any>>;
  /** Reads the ARN, id and name of a list item. */
  named(item: any): Named;
  /** Whether the value could be an id or a name at all (else a usage error, before any call). */
  plausible?(value: string): boolean;
}

/** The items whose id is `value`, else those whose name is. */
async function matches(aws: Aws, kind: ResourceKind, value: string, byIdToo: boolean): Promise<Named[]> {
  const byId: Named[] = [];
  const byName: Named[] = [];
  for await (const page of kind.list(aws, value)) {
    for (const item of page.items) {
      const named = kind.named(item);
      if (byIdToo && named.id === value) byId.push(named);
      else if (named.name === value) byName.push(named);
    }
  }
  return byId.length ? byId : byName;
}

function ambiguous(kind: ResourceKind, value: string, found: Named[]): CliError {
  return new CliError(
    `${kind.noun} name '${value}' is ambiguous: ${found.length} ${kind.noun}s have it`,
    ExitCode.usage,
    'pass the ARN or id of the one you mean',
    undefined,
    found.map((m) => m.arn ?? ''),
  );
}

/** The ARN of the resource named by an ARN, id or name. */
export async function resolveArn(aws: Aws, kind: ResourceKind, value: string): Promise<string> {
  if (isArn(value)) return value;
  if (value === '' || (kind.plausible && !kind.plausible(value))) {
    throw usageError(`'${value}' is not a ${kind.noun} ARN, id or name`, `run '${kind.listCommand}' to see them`);
  }
  const found = await matches(aws, kind, value, true);
  if (found.length === 1 && found[0]!.arn) return found[0]!.arn;
  if (found.length === 0) {
    throw new CliError(`${kind.noun} '${value}' not found`, ExitCode.service, `run '${kind.listCommand}' to see them`, kind.notFoundCode);
  }
  throw ambiguous(kind, value, found);
}

/** The one resource of that name, for `create --if-not-exists` (names are the natural key):
 * undefined when there is none, a usage error listing the candidates when there are several. */
export async function findByName(aws: Aws, kind: ResourceKind, name: string): Promise<Named | undefined> {
  const found = await matches(aws, kind, name, false);
  if (found.length > 1) throw ambiguous(kind, name, found);
  return found[0];
}
