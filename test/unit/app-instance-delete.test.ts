// app-instance delete asks for the instance's name on a terminal; run(opts, deps) with fake IO
// and a fake AWS caller, so no prompt ever reaches a real terminal.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/app-instance/delete.js';
import { depsFor } from '../../src/commands/deps.js';
import { resolveSettings } from '../../src/context/settings.js';
import { testIO } from '../../src/io/streams.js';
import type { Aws } from '../../src/aws/clients.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';

function setup(answers: string[], flags: { yes?: boolean } = {}) {
  const calls: string[] = [];
  const aws: Aws = {
    planned: [],
    async call(_service, operation) {
      calls.push(operation);
      return (operation === 'DescribeAppInstance' ? { AppInstance: { AppInstanceArn: APP, Name: 'prod-chat' } } : {}) as any;
    },
  };
  const io = testIO({ tty: true, answers });
  const settings = resolveSettings({ output: 'json', ...flags }, { CHATCTL_CONFIG: '/nonexistent/config.json' }, true);
  return { io, calls, deps: depsFor(io, settings, aws) };
}

describe('app-instance delete on a terminal', () => {
  it('deletes when the name is typed', async () => {
    const { io, calls, deps } = setup(['prod-chat']);
    await run({ app: APP }, deps);
    expect(io.stderr()).toContain('Type prod-chat to delete app instance prod-chat');
    expect(calls).toEqual(['DescribeAppInstance', 'DeleteAppInstance']);
  });

  it('deletes nothing when another answer is typed', async () => {
    const { calls, deps } = setup(['y']);
    await expect(run({ app: APP }, deps)).rejects.toMatchObject({ exitCode: 252 });
    expect(calls).toEqual(['DescribeAppInstance']);
  });

  it('--yes skips the question', async () => {
    const { io, calls, deps } = setup([], { yes: true });
    await run({ app: APP }, deps);
    expect(io.stderr()).not.toContain('Type ');
    expect(calls).toEqual(['DeleteAppInstance']);
  });
});
