// Shared set-up for the messaging tests: an in-process emulator, the SDK v3 identity and
// messaging clients, an AppInstance with an admin and a few users, and the recorded events.
import {
  ChimeSDKMessagingClient,
  CreateChannelCommand,
  SendChannelMessageCommand,
  type CreateChannelCommandInput,
  type SendChannelMessageCommandInput,
} from '@aws-sdk/client-chime-sdk-messaging';
import { expect } from 'vitest';
import {
  CreateAppInstanceAdminCommand,
  CreateAppInstanceBotCommand,
  CreateAppInstanceCommand,
  CreateAppInstanceUserCommand,
} from '@aws-sdk/client-chime-sdk-identity';
import type { Emulator, EmulatorOptions } from '../../../src/emulator/server.js';
import type { MessagingEvent } from '../../../src/emulator/types.js';
import { emulator, failure, identityClient } from '../helpers.js';

export interface World {
  emu: Emulator;
  chime: ChimeSDKMessagingClient;
  app: string;
  /** user ARNs by short id: admin (AppInstanceAdmin), alice, bob, carol, dave; and a bot. */
  users: Record<'admin' | 'alice' | 'bob' | 'carol' | 'dave', string>;
  bot: string;
  events: MessagingEvent[];
}

export async function world(opts: EmulatorOptions = {}): Promise<World> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const emu = await emulator(opts);
  const identity = identityClient(emu);
  const { AppInstanceArn } = await identity.send(new CreateAppInstanceCommand({ Name: 'messaging-test' }));
  const users = {} as World['users'];
  for (const id of ['admin', 'alice', 'bob', 'carol', 'dave'] as const) {
    const out = await identity.send(new CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: id, Name: id.toUpperCase() }));
    users[id] = out.AppInstanceUserArn!;
  }
  await identity.send(new CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn: users.admin }));
  const { AppInstanceBotArn } = await identity.send(
    new CreateAppInstanceBotCommand({
      AppInstanceArn,
      Name: 'helper',
      Configuration: { Lex: { LexBotAliasArn: 'arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST', LocaleId: 'en_US' } },
    }),
  );
  const chime = new ChimeSDKMessagingClient({ region: emu.region, endpoint: emu.url, credentials: emu.credentials, maxAttempts: 1 });
  const events: MessagingEvent[] = [];
  emu.events.on('event', (e) => {
    if (e.service === 'messaging') events.push(e as MessagingEvent);
  });
  return { emu, chime, app: AppInstanceArn!, users, bot: AppInstanceBotArn!, events };
}

/** Creates a channel as the admin (who becomes its moderator) with the given members. */
export async function createChannel(w: World, input: Partial<CreateChannelCommandInput> = {}): Promise<string> {
  const out = await w.chime.send(
    new CreateChannelCommand({ AppInstanceArn: w.app, Name: 'room', ChimeBearer: w.users.admin, ...input } as CreateChannelCommandInput),
  );
  return out.ChannelArn!;
}

/** Sends a PERSISTENT STANDARD message unless told otherwise; returns its id. */
export async function sendMessage(w: World, channelArn: string, bearer: string, content: string, extra: Partial<SendChannelMessageCommandInput> = {}): Promise<string> {
  const out = await w.chime.send(
    new SendChannelMessageCommand({ ChannelArn: channelArn, ChimeBearer: bearer, Content: content, Type: 'STANDARD', Persistence: 'PERSISTENT', ...extra }),
  );
  return out.MessageId!;
}

/** Runs a call that must be refused with the given error; returns the error. */
export async function refused(p: Promise<unknown>, name: string, status: number): Promise<any> {
  const err = await failure(p);
  expect(err.name, err.message).toBe(name);
  expect(err.$metadata.httpStatusCode).toBe(status);
  return err;
}

export const forbidden = (p: Promise<unknown>) => refused(p, 'ForbiddenException', 403);
