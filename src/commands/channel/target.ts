import { childArn } from '../../context/arn.js';
import type { Deps } from '../deps.js';

/** A channel by id (under the app instance) or ARN. */
export const channelArn = (deps: Pick<Deps, 'app'>, channel: string) => childArn('channel', channel, deps.app);
