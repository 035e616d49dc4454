// AppInstanceBots (Amazon Lex V2 bots that take part in channels). ARN `<AppInstanceArn>/bot/<uuid>`.
import { randomUUID } from 'node:crypto';
import { childArn } from '../../arns.js';
import { page } from '../../paginate.js';
import type { HandlerTable } from '../../types.js';
import { forgetParticipant } from '../messaging/roster.js';
import { addTags } from './tags.js';
import { appInstanceMembers, identityState, requireAppInstance, requireBot } from './state.js';

export const botHandlers: HandlerTable<'identity'> = {
  CreateAppInstanceBot({ state, input, now }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const arn = childArn(app.AppInstanceArn, 'bot', randomUUID());
    addTags(state, arn, input.Tags);
    identityState(state).bots[arn] = {
      AppInstanceBotArn: arn,
      AppInstanceArn: app.AppInstanceArn,
      Name: input.Name,
      Metadata: input.Metadata,
      Configuration: input.Configuration,
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
    };
    appInstanceMembers(state, app.AppInstanceArn).bots[arn] = true;
    return { AppInstanceBotArn: arn };
  },

  DescribeAppInstanceBot({ state, input }) {
    const { AppInstanceArn: _parent, ...bot } = requireBot(state, input.AppInstanceBotArn);
    return { AppInstanceBot: bot };
  },

  ListAppInstanceBots(ctx) {
    const app = requireAppInstance(ctx.state, ctx.input.AppInstanceArn);
    const bots = identityState(ctx.state).bots;
    const all = Object.keys(appInstanceMembers(ctx.state, app.AppInstanceArn).bots)
      .map((arn) => bots[arn]!)
      .map((b) => ({ AppInstanceBotArn: b.AppInstanceBotArn, Name: b.Name, Metadata: b.Metadata }));
    const { items, nextToken } = page(all, ctx);
    return { AppInstanceArn: app.AppInstanceArn, AppInstanceBots: items, NextToken: nextToken };
  },

  UpdateAppInstanceBot({ state, input, now }) {
    const bot = requireBot(state, input.AppInstanceBotArn);
    bot.Name = input.Name;
    bot.Metadata = input.Metadata;
    if (input.Configuration) bot.Configuration = input.Configuration;
    bot.LastUpdatedTimestamp = now;
    return { AppInstanceBotArn: bot.AppInstanceBotArn };
  },

  DeleteAppInstanceBot({ state, input }) {
    const bot = requireBot(state, input.AppInstanceBotArn);
    const s = identityState(state);
    delete s.bots[bot.AppInstanceBotArn];
    delete appInstanceMembers(state, bot.AppInstanceArn).bots[bot.AppInstanceBotArn];
    delete s.admins[bot.AppInstanceArn]?.[bot.AppInstanceBotArn];
    delete state.tags[bot.AppInstanceBotArn];
    forgetParticipant(state, bot.AppInstanceBotArn);
  },
};
