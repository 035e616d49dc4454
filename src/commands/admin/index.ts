// App instance administrators (users or bots): declarative verbs over the identity admin operations.
import type { Command } from 'commander';
import { getVerb, listVerb, removeVerb, writeVerb } from '../verb.js';
import { adminTarget, describeMember } from './target.js';
import { adminList } from './views.js';

export function register(group: Command): void {

  writeVerb(group, {
    usage: 'add <member>',
    summary: 'Make a user (id or ARN) or a bot (bot/<id> or ARN) an app instance admin',
    examples: ['chatctl admin add alice', 'chatctl admin add bot/helper'],
    service: 'identity',
    operation: 'CreateAppInstanceAdmin',
    input: (deps, [member]) => {
      const { adminArn, appArn } = adminTarget(member, deps);
      return { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn };
    },
    view: { id: (d) => d.AppInstanceAdmin?.Arn },
    done: ([member]) => `Made ${describeMember(member)} an admin`,
    alreadyThere: ([member]) => `${describeMember(member)} is already an admin`,
  });

  listVerb(group, {
    usage: 'list',
    alias: 'ls',
    summary: 'List the admins of the app instance',
    examples: ['chatctl admin list'],
    service: 'identity',
    operation: 'ListAppInstanceAdmins',
    input: (deps) => ({ AppInstanceArn: deps.app() }),
    view: adminList,
  });

  getVerb(group, {
    usage: 'get <member>',
    summary: 'Describe an admin (user id, bot/<id>, or ARN)',
    examples: ['chatctl admin get alice'],
    service: 'identity',
    operation: 'DescribeAppInstanceAdmin',
    input: (deps, [member]) => {
      const { adminArn, appArn } = adminTarget(member, deps);
      return { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn };
    },
    view: { show: (d) => d.AppInstanceAdmin, id: (d) => d.AppInstanceAdmin?.Admin?.Arn },
  });

  removeVerb(group, {
    usage: 'remove <member...>',
    alias: 'rm',
    summary: 'Take admin rights away from users or bots (asks first on a terminal; pass --yes in scripts)',
    examples: ['chatctl admin remove alice --yes'],
    service: 'identity',
    operation: 'DeleteAppInstanceAdmin',
    noun: 'admin',
    verb: ['remove', 'Removed'],
    label: describeMember,
    input: (deps, member) => {
      const { adminArn, appArn } = adminTarget(member, deps);
      return { AppInstanceArn: appArn, AppInstanceAdminArn: adminArn };
    },
  });
}
