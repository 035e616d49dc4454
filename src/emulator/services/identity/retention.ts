// Message retention of an AppInstance. `ChannelRetentionSettings: {}` (no RetentionDays) turns
// retention off. InitiateDeletionTimestamp records when the current retention period took
// effect (the 30-day restore grace period counts from it); messaging reads the settings from
// state.identity.retention[AppInstanceArn] when it applies retention.
import type { HandlerTable } from '../../types.js';
import { identityState, requireAppInstance } from './state.js';

export const retentionHandlers: HandlerTable<'identity'> = {
  PutAppInstanceRetentionSettings({ state, input, now }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    const settings = input.AppInstanceRetentionSettings as { ChannelRetentionSettings?: { RetentionDays?: number } };
    const enabled = settings.ChannelRetentionSettings?.RetentionDays !== undefined;
    const record = {
      AppInstanceRetentionSettings: settings,
      InitiateDeletionTimestamp: enabled ? now : undefined,
    };
    identityState(state).retention[app.AppInstanceArn] = record;
    return record;
  },

  GetAppInstanceRetentionSettings({ state, input }) {
    const app = requireAppInstance(state, input.AppInstanceArn);
    return identityState(state).retention[app.AppInstanceArn] ?? { AppInstanceRetentionSettings: {} };
  },
};
