// Channel messages: send, list, get, status, update, redact, delete, acting as the --as user or
// bot. Sizes are checked before sending (content.ts); the rest is declarative.
import { Option, type Command } from 'commander';
import { memberArn, shortId } from '../../context/arn.js';
import { pathOption } from '../../io/values.js';
import { collect } from '../command.js';
import { channelArn } from '../channel/target.js';
import { enumOption, getVerb, listVerb, removeVerb, withinCount, writeVerb } from '../verb.js';
import { attribute, checkSizes, messageText, pointInTime } from './content.js';

const SUB_CHANNEL = ['--sub-channel <id>', 'the sub-channel of an elastic channel'] as const;
const textFile = () => pathOption(new Option('--file <file>', 'read the text from a file (- reads stdin); its final newline is dropped'));
const byMessageId = { id: (d: { MessageId?: string }) => d.MessageId };
/** PENDING: a channel flow holds the message until it answers (`flow callback`). */
const statusNote = (status: { Value?: string } | undefined) => (status?.Value && status.Value !== 'SENT' ? ` (${status.Value})` : '');

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'send <channel> [text]',
    summary: `Send a message to a channel: TEXT, --file FILE, or - for stdin (sizes are checked before sending)`,
    examples: [
      'chatctl message send general "hello" --as alice',
      'chatctl message send general --file notes.md --content-type text/markdown --as alice',
      'echo typing | chatctl message send general - --type CONTROL --persistence NON_PERSISTENT --as alice',
    ],
    flags: (cmd) =>
      cmd
        .addOption(textFile())
        .addOption(enumOption('--type <type>', 'message type', 'messaging', 'SendChannelMessage', 'Type').default('STANDARD'))
        .addOption(enumOption('--persistence <p>', 'NON_PERSISTENT messages are delivered, not stored', 'messaging', 'SendChannelMessage', 'Persistence').default('PERSISTENT'))
        .option('--metadata <text>', 'metadata (up to 1 KB)')
        .option('--attribute <key=value>', 'message attribute (repeatable; a key again adds a value)', attribute)
        .option('--target <member>', 'only this member (and the sender) sees the message', collect)
        .option(...SUB_CHANNEL)
        .option('--content-type <type>', 'content type of the text (e.g. text/markdown)')
        .option('--push-title <title>', 'push notification title')
        .option('--push-body <body>', 'push notification body')
        .addOption(enumOption('--push-type <type>', 'push notification type', 'messaging', 'SendChannelMessage', 'PushNotification.Type'))
        .option('--client-token <token>', 'idempotency token; reuse it when retrying the same send'),
    service: 'messaging',
    operation: 'SendChannelMessage',
    async input(deps, [channel, text], f) {
      const content = await messageText(deps, text, f.file);
      checkSizes(f.type, content, f.metadata);
      const targets = withinCount(f.target as string[] | undefined, '--target', 'messaging', 'SendChannelMessage', 'Target');
      const push = f.pushTitle !== undefined || f.pushBody !== undefined || f.pushType !== undefined;
      return {
        ChannelArn: channelArn(deps, channel),
        Content: content,
        Type: f.type,
        Persistence: f.persistence,
        Metadata: f.metadata,
        MessageAttributes: f.attribute,
        Target: targets?.map((t) => ({ MemberArn: memberArn(t, deps.app) })),
        SubChannelId: f.subChannel,
        ContentType: f.contentType,
        PushNotification: push ? { Title: f.pushTitle, Body: f.pushBody, Type: f.pushType } : undefined,
        ClientRequestToken: f.clientToken,
      };
    },
    view: byMessageId,
    done: ([channel], _f, out) => `Sent message ${out.MessageId} to channel ${channel}${statusNote(out.Status)}`,
  });

  listVerb(group, {
    usage: 'list <channel>',
    alias: 'ls',
    summary: 'List the messages of a channel, newest first; the newest 100 unless --max-items',
    examples: ['chatctl message list general --as alice', 'chatctl message list general --since 2h --sort ASCENDING --max-items 500 --as alice'],
    flags: (cmd) =>
      cmd
        .option('--since <time>', 'only messages sent at or after this time (ISO-8601, or ago: 15m, 2h, 7d)', (v) => pointInTime(v))
        .option('--until <time>', 'only messages sent at or before this time', (v) => pointInTime(v))
        .addOption(enumOption('--sort <order>', 'DESCENDING (newest first, the default) or ASCENDING (oldest first: then the cap of 100 keeps the oldest)', 'messaging', 'ListChannelMessages', 'SortOrder'))
        .option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'ListChannelMessages',
    input: (deps, [channel], f) => ({
      ChannelArn: channelArn(deps, channel),
      NotBefore: f.since,
      NotAfter: f.until,
      SortOrder: f.sort,
      SubChannelId: f.subChannel,
    }),
    defaultMaxItems: 100,
    view: {
      noun: 'messages',
      columns: [
        ['ID', (m) => m.MessageId],
        ['SENT', (m) => m.CreatedTimestamp],
        ['SENDER', (m) => m.Sender?.Name || shortId(m.Sender?.Arn)],
        ['TYPE', (m) => m.Type],
        ['CONTENT', (m) => (m.Redacted ? '(redacted)' : m.Content)],
      ],
      id: (m) => m.MessageId,
    },
  });

  getVerb(group, {
    usage: 'get <channel> <id>',
    summary: 'Show one message',
    examples: ['chatctl message get general 3f1c... --as alice'],
    flags: (cmd) => cmd.option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'GetChannelMessage',
    input: (deps, [channel, id], f) => ({ ChannelArn: channelArn(deps, channel), MessageId: id, SubChannelId: f.subChannel }),
    view: { show: (d) => d.ChannelMessage, id: (d) => d.ChannelMessage?.MessageId },
  });

  getVerb(group, {
    usage: 'status <channel> <id>',
    summary: 'Show the status of a message you sent (PENDING while a channel flow holds it, then SENT); -o id prints the status',
    examples: ['chatctl message status general 3f1c... -o id --as alice'],
    flags: (cmd) => cmd.option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'GetChannelMessageStatus',
    input: (deps, [channel, id], f) => ({ ChannelArn: channelArn(deps, channel), MessageId: id, SubChannelId: f.subChannel }),
    view: { show: (d) => d.Status, id: (d) => d.Status?.Value },
  });

  writeVerb(group, {
    usage: 'update <channel> <id> [text]',
    summary: 'Replace the text of a message you sent (TEXT, --file FILE, or - for stdin); the id stays',
    examples: ['chatctl message update general 3f1c... "hello, world" --as alice'],
    flags: (cmd) =>
      cmd
        .addOption(textFile())
        .option('--metadata <text>', 'new metadata (up to 1 KB)')
        .option('--content-type <type>', 'content type of the new text')
        .option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'UpdateChannelMessage',
    async input(deps, [channel, id, text], f) {
      const content = await messageText(deps, text, f.file);
      // Only STANDARD messages are worth editing; the service holds a CONTROL one to its own limit.
      checkSizes('STANDARD', content, f.metadata);
      return { ChannelArn: channelArn(deps, channel), MessageId: id, Content: content, Metadata: f.metadata, ContentType: f.contentType, SubChannelId: f.subChannel };
    },
    view: byMessageId,
    done: ([channel, id], _f, out) => `Updated message ${id} in channel ${channel}${statusNote(out.Status)}`,
  });

  removeVerb(group, {
    usage: 'redact <channel> <ids...>',
    summary: 'Redact messages: the content is blanked for everyone, the metadata and the id stay (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl message redact general 3f1c... --yes --as admin'],
    flags: (cmd) => cmd.option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'RedactChannelMessage',
    noun: 'message',
    verb: ['redact', 'Redacted'],
    input: (deps, id, [channel], f) => ({ ChannelArn: channelArn(deps, channel), MessageId: id, SubChannelId: f.subChannel }),
  });

  removeVerb(group, {
    usage: 'delete <channel> <ids...>',
    alias: 'rm',
    summary: 'Delete messages (app instance admins; asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl message delete general 3f1c... --yes --as admin'],
    flags: (cmd) => cmd.option(...SUB_CHANNEL),
    service: 'messaging',
    operation: 'DeleteChannelMessage',
    noun: 'message',
    input: (deps, id, [channel], f) => ({ ChannelArn: channelArn(deps, channel), MessageId: id, SubChannelId: f.subChannel }),
  });
}
