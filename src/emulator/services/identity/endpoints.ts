// AppInstanceUserEndpoints: push-notification devices (APNS, APNS_SANDBOX, GCM) of a user.
import { randomUUID } from 'node:crypto';
import { page } from '../../paginate.js';
import type { EmulatorState, HandlerTable } from '../../types.js';
import { identityState, QUOTAS, requireUser, type EndpointRecord } from './state.js';
import { limitExceeded, notFound } from '../chime-errors.js';

export const endpointHandlers: HandlerTable<'identity'> = {
  RegisterAppInstanceUserEndpoint({ state, input, now }) {
    const user = requireUser(state, input.AppInstanceUserArn);
    const endpoints = (identityState(state).endpoints[user.AppInstanceUserArn] ??= {});
    if (Object.keys(endpoints).length >= QUOTAS.endpointsPerUser) {
      throw limitExceeded(`An AppInstanceUser can have at most ${QUOTAS.endpointsPerUser} endpoints`);
    }
    const id = randomUUID().replace(/-/g, '');
    endpoints[id] = {
      AppInstanceUserArn: user.AppInstanceUserArn,
      EndpointId: id,
      Name: input.Name,
      Type: input.Type,
      ResourceArn: input.ResourceArn,
      EndpointAttributes: input.EndpointAttributes,
      AllowMessages: input.AllowMessages ?? 'ALL',
      EndpointState: { Status: 'ACTIVE' },
      CreatedTimestamp: now,
      LastUpdatedTimestamp: now,
    };
    return { AppInstanceUserArn: user.AppInstanceUserArn, EndpointId: id };
  },

  DescribeAppInstanceUserEndpoint({ state, input }) {
    return { AppInstanceUserEndpoint: { ...requireEndpoint(state, input.AppInstanceUserArn, input.EndpointId) } };
  },

  ListAppInstanceUserEndpoints(ctx) {
    const user = requireUser(ctx.state, ctx.input.AppInstanceUserArn);
    const all = Object.values(identityState(ctx.state).endpoints[user.AppInstanceUserArn] ?? {}).map((e) => ({
      AppInstanceUserArn: e.AppInstanceUserArn,
      EndpointId: e.EndpointId,
      Name: e.Name,
      Type: e.Type,
      AllowMessages: e.AllowMessages,
      EndpointState: e.EndpointState,
    }));
    const { items, nextToken } = page(all, ctx);
    return { AppInstanceUserEndpoints: items, NextToken: nextToken };
  },

  UpdateAppInstanceUserEndpoint({ state, input, now }) {
    const endpoint = requireEndpoint(state, input.AppInstanceUserArn, input.EndpointId);
    if (input.Name !== undefined) endpoint.Name = input.Name;
    if (input.AllowMessages !== undefined) endpoint.AllowMessages = input.AllowMessages;
    endpoint.LastUpdatedTimestamp = now;
    return { AppInstanceUserArn: endpoint.AppInstanceUserArn, EndpointId: endpoint.EndpointId };
  },

  DeregisterAppInstanceUserEndpoint({ state, input }) {
    const endpoint = requireEndpoint(state, input.AppInstanceUserArn, input.EndpointId);
    delete identityState(state).endpoints[endpoint.AppInstanceUserArn]![endpoint.EndpointId];
  },
};

function requireEndpoint(state: EmulatorState, userArn: string, endpointId: string): EndpointRecord {
  const user = requireUser(state, userArn);
  const endpoint = identityState(state).endpoints[user.AppInstanceUserArn]?.[endpointId];
  if (!endpoint) throw notFound(`Endpoint ${endpointId} of ${userArn} does not exist`);
  return endpoint;
}
