// Logging configurations: Create/Get/Update/Delete/ListLoggingConfiguration(s).
import { page } from '../../paginate.js';
import { cloneState } from '../../tracker.js';
import { ServiceError, type Handler, type HandlerContext } from '../../types.js';
import { byUpdateTimeDesc } from './rooms.js';
import {
  LOGGING_CONFIGURATION_QUOTA,
  RESOURCE_TYPE,
  getLoggingConfiguration,
  ivs,
  loggingConfigurationArn,
  newId,
  tagsOf,
  type DestinationConfiguration,
  type LoggingConfiguration,
} from './state.js';

function output(ctx: HandlerContext, config: LoggingConfiguration) {
  return {
    arn: config.arn,
    id: config.id,
    createTime: config.createTime,
    updateTime: config.updateTime,
    name: config.name,
    destinationConfiguration: cloneState(config.destinationConfiguration),
    // The emulator creates destinations' policies at once, so a configuration is ACTIVE as
    // soon as it exists (Create/Update responses may only say ACTIVE, per the model).
    state: config.state,
    tags: tagsOf(ctx.state, config.arn),
  };
}

/** The union member that is set (the core has checked there is exactly one). */
function destination(value: Record<string, any>): DestinationConfiguration {
  const [key] = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
  return { [key!]: { ...value[key!] } } as DestinationConfiguration;
}

const create: Handler = (ctx) => {
  const { input } = ctx;
  const s = ivs(ctx.state);
  const id = newId();
  if (Object.keys(s.loggingConfigurations).length >= LOGGING_CONFIGURATION_QUOTA) {
    throw new ServiceError(
      'ServiceQuotaExceededException',
      `Quota of ${LOGGING_CONFIGURATION_QUOTA} logging configurations per account and Region reached`,
      { resourceId: id, resourceType: RESOURCE_TYPE, limit: LOGGING_CONFIGURATION_QUOTA },
    );
  }
  const config: LoggingConfiguration = {
    arn: loggingConfigurationArn(ctx, id),
    id,
    name: input.name ?? '',
    createTime: ctx.now,
    updateTime: ctx.now,
    destinationConfiguration: destination(input.destinationConfiguration),
    state: 'ACTIVE',
  };
  s.loggingConfigurations[config.arn] = config;
  if (input.tags && Object.keys(input.tags).length) ctx.state.tags[config.arn] = { ...input.tags };
  return output(ctx, config);
};

const get: Handler = (ctx) => output(ctx, getLoggingConfiguration(ctx, ctx.input.identifier));

const update: Handler = (ctx) => {
  const { input } = ctx;
  const config = getLoggingConfiguration(ctx, input.identifier);
  if (input.name !== undefined) config.name = input.name;
  if (input.destinationConfiguration !== undefined) config.destinationConfiguration = destination(input.destinationConfiguration);
  config.updateTime = ctx.now;
  return output(ctx, config);
};

const del: Handler = (ctx) => {
  const config = getLoggingConfiguration(ctx, ctx.input.identifier);
  const s = ivs(ctx.state);
  // A configuration can be deleted only when no room uses it (user guide); the model's
  // ConflictException is the answer otherwise.
  const users = Object.values(s.rooms).filter((r) => r.loggingConfigurationIdentifiers.includes(config.arn));
  if (users.length) {
    throw new ServiceError(
      'ConflictException',
      `Logging configuration ${config.arn} is used by ${users.length} room${users.length === 1 ? '' : 's'} (${users
        .slice(0, 3)
        .map((r) => r.arn)
        .join(', ')}${users.length > 3 ? ', ...' : ''}); remove it from them first`,
      { resourceId: config.arn, resourceType: RESOURCE_TYPE },
    );
  }
  delete s.loggingConfigurations[config.arn];
  delete ctx.state.tags[config.arn];
  return undefined;
};

const list: Handler = (ctx) => {
  const configs = Object.values(ivs(ctx.state).loggingConfigurations).sort(byUpdateTimeDesc);
  const { items, nextToken } = page(configs, ctx);
  return { loggingConfigurations: items.map((c) => output(ctx, c)), ...(nextToken ? { nextToken } : {}) };
};

export const loggingHandlers = {
  CreateLoggingConfiguration: create,
  GetLoggingConfiguration: get,
  UpdateLoggingConfiguration: update,
  DeleteLoggingConfiguration: del,
  ListLoggingConfigurations: list,
};
