// Chime SDK identity state (state.identity) and the look-ups every identity handler needs.
// Messaging handlers may use the exported finders to check users, bots and admins.
// Records keep their members under the model's output names; Dates are timestamps.
// Objects keep insertion order (ARN keys are never integer-like), which is the list order.
import { parseChimeArn } from '../../arns.js';
import type { EmulatorState } from '../../types.js';
import { badRequest, notFound } from '../chime-errors.js';

export interface AppInstanceRecord {
  AppInstanceArn: string;
  Name: string;
  Metadata?: string;
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
}

export interface UserRecord {
  AppInstanceUserArn: string;
  AppInstanceArn: string;
  Name: string;
  Metadata?: string;
  ExpirationSettings?: { ExpirationDays: number; ExpirationCriterion: string };
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
}

export interface BotRecord {
  AppInstanceBotArn: string;
  AppInstanceArn: string;
  Name?: string;
  Metadata?: string;
  Configuration: Record<string, unknown>;
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
}

export interface AdminRecord {
  Arn: string;
  CreatedTimestamp: Date;
}

export interface EndpointRecord {
  AppInstanceUserArn: string;
  EndpointId: string;
  Name?: string;
  Type: string;
  ResourceArn: string;
  EndpointAttributes: { DeviceToken: string; VoipDeviceToken?: string };
  AllowMessages: string;
  EndpointState: { Status: string; StatusReason?: string };
  CreatedTimestamp: Date;
  LastUpdatedTimestamp: Date;
}

export interface RetentionRecord {
  AppInstanceRetentionSettings: { ChannelRetentionSettings?: { RetentionDays?: number } };
  InitiateDeletionTimestamp?: Date;
}

export interface IdentityState {
  appInstances: Record<string, AppInstanceRecord>;
  users: Record<string, UserRecord>;
  bots: Record<string, BotRecord>;
  /** AppInstance ARN -> admin (user or bot) ARN -> record. */
  admins: Record<string, Record<string, AdminRecord>>;
  /** AppInstanceUser ARN -> EndpointId -> record. */
  endpoints: Record<string, Record<string, EndpointRecord>>;
  /** AppInstance ARN -> retention settings. */
  retention: Record<string, RetentionRecord>;
  /** AppInstance ARN -> its users and bots: lists, the user quota and deletions look at one
   * AppInstance, never at every user of every AppInstance. */
  byAppInstance: Record<string, AppInstanceMembers>;
}

export interface AppInstanceMembers {
  /** User ARN -> true, bot ARN -> true, in creation order. */
  users: Record<string, true>;
  bots: Record<string, true>;
  /** The number of users, for the quota check (counting keys would enumerate them all). */
  userCount: number;
}

/** Service quotas (Chime SDK messaging developer guide, defaults). */
export const QUOTAS = {
  appInstancesPerAccount: 100,
  usersPerAppInstance: 100_000,
  adminsPerAppInstance: 100,
  endpointsPerUser: 10,
  tagsPerResource: 50,
} as const;

export function identityState(state: EmulatorState): IdentityState {
  const s = state.identity as Partial<IdentityState>;
  s.appInstances ??= {};
  s.users ??= {};
  s.bots ??= {};
  s.admins ??= {};
  s.endpoints ??= {};
  s.retention ??= {};
  s.byAppInstance ??= {};
  return s as IdentityState;
}

/** The users and bots of an AppInstance. CreateAppInstance starts the index; a state saved
 * before the index existed is indexed here once. */
export function appInstanceMembers(state: EmulatorState, appInstanceArn: string): AppInstanceMembers {
  const s = identityState(state);
  return (s.byAppInstance[appInstanceArn] ??= indexAppInstance(s, appInstanceArn));
}

function indexAppInstance(s: IdentityState, appInstanceArn: string): AppInstanceMembers {
  const members: AppInstanceMembers = { users: {}, bots: {}, userCount: 0 };
  for (const u of Object.values(s.users)) {
    if (u.AppInstanceArn !== appInstanceArn) continue;
    members.users[u.AppInstanceUserArn] = true;
    members.userCount++;
  }
  for (const b of Object.values(s.bots)) if (b.AppInstanceArn === appInstanceArn) members.bots[b.AppInstanceBotArn] = true;
  return members;
}


/** Checks an ARN input is of the expected kind (`app-instance`, `user`, `bot`). */
export function expectKind(arn: string, kinds: string[], member: string): void {
  const parts = parseChimeArn(arn);
  if (!parts || !kinds.includes(parts.kind)) {
    throw badRequest(`${member} ${arn} is not a valid ${kinds.map(kindName).join(' or ')} ARN`);
  }
}

function kindName(kind: string): string {
  return kind === 'app-instance' ? 'AppInstance' : kind === 'user' ? 'AppInstanceUser' : kind === 'bot' ? 'AppInstanceBot' : kind;
}

export function findAppInstance(state: EmulatorState, arn: string): AppInstanceRecord | undefined {
  return identityState(state).appInstances[arn];
}

export function requireAppInstance(state: EmulatorState, arn: string, member = 'AppInstanceArn'): AppInstanceRecord {
  expectKind(arn, ['app-instance'], member);
  const found = findAppInstance(state, arn);
  if (!found) throw notFound(`AppInstance ${arn} does not exist`);
  return found;
}

export function findUser(state: EmulatorState, arn: string): UserRecord | undefined {
  return identityState(state).users[arn];
}

export function requireUser(state: EmulatorState, arn: string, member = 'AppInstanceUserArn'): UserRecord {
  expectKind(arn, ['user'], member);
  const found = findUser(state, arn);
  if (!found) throw notFound(`AppInstanceUser ${arn} does not exist`);
  return found;
}

export function findBot(state: EmulatorState, arn: string): BotRecord | undefined {
  return identityState(state).bots[arn];
}

export function requireBot(state: EmulatorState, arn: string, member = 'AppInstanceBotArn'): BotRecord {
  expectKind(arn, ['bot'], member);
  const found = findBot(state, arn);
  if (!found) throw notFound(`AppInstanceBot ${arn} does not exist`);
  return found;
}

/** True when the user or bot ARN is an AppInstanceAdmin of the AppInstance. */
export function isAppInstanceAdmin(state: EmulatorState, appInstanceArn: string, arn: string): boolean {
  return Boolean(identityState(state).admins[appInstanceArn]?.[arn]);
}

/** Display name of a user or bot (admins are listed as Identity {Arn, Name}). */
export function identityOf(state: EmulatorState, arn: string): { Arn: string; Name?: string } {
  return { Arn: arn, Name: findUser(state, arn)?.Name ?? findBot(state, arn)?.Name };
}
