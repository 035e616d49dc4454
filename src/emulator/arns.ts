// ARN building and parsing for the emulated resources. Chime resources all live under an
// AppInstance: `arn:aws:chime:{region}:{account}:app-instance/{id}[/{type}/{id}]`.

export interface ChimeArnParts {
  region: string;
  account: string;
  appInstanceId: string;
  /** `app-instance` for the AppInstance itself, else the child type (user, bot, channel, channel-flow...). */
  kind: string;
  /** Id of the child resource; undefined for the AppInstance itself. */
  id?: string;
}

export function parseChimeArn(arn: string): ChimeArnParts | undefined {
  const m = /^arn:aws:chime:([^:]*):([^:]*):app-instance\/([^/]+)(?:\/([^/]+)\/([^/]+))?$/.exec(arn);
  if (!m) return undefined;
  const [, region, account, appInstanceId, kind, id] = m;
  return { region: region!, account: account!, appInstanceId: appInstanceId!, kind: kind ?? 'app-instance', id };
}

/** Which Chime service owns an ARN: users, bots and AppInstances are identity resources;
 * channels and channel flows are messaging resources. Unknown shapes default to identity. */
export function chimeServiceOfArn(arn: string | undefined): 'identity' | 'messaging' {
  const kind = arn ? parseChimeArn(arn)?.kind : undefined;
  return kind === 'channel' || kind === 'channel-flow' ? 'messaging' : 'identity';
}

export function appInstanceArn(region: string, account: string, appInstanceId: string): string {
  return `arn:aws:chime:${region}:${account}:app-instance/${appInstanceId}`;
}

/** Child resource of an AppInstance, e.g. childArn(appArn, 'user', 'alice'). */
export function childArn(appInstanceArnValue: string, kind: string, id: string): string {
  return `${appInstanceArnValue}/${kind}/${id}`;
}

/** The AppInstance ARN a child ARN belongs to (the ARN itself for an AppInstance). */
export function parentAppInstanceArn(arn: string): string | undefined {
  const p = parseChimeArn(arn);
  return p ? appInstanceArn(p.region, p.account, p.appInstanceId) : undefined;
}
