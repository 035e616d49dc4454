// app-instance delete asks for each instance's name to be typed on a terminal, and is confirmed
// once by --yes elsewhere; fake IO and the shared AWS fake, so no prompt reaches a real terminal.
import { describe, expect, it } from 'vitest';
import { deleteAppInstances } from '../../src/commands/app-instance/index.js';
import { depsFor } from '../../src/commands/deps.js';
import { resolveSettings } from '../../src/context/settings.js';
import { testIO } from '../../src/io/streams.js';
import { fakeAws } from '../support/fake-aws.js';

const APP = 'arn:aws:chime:us-east-1:123456789012:app-instance/abc';
const OTHER = 'arn:aws:chime:us-east-1:123456789012:app-instance/def';
const NAMES: Record<string, string> = { [APP]: 'prod-chat', [OTHER]: 'old-chat' };

function setup(answers: string[], flags: { yes?: boolean } = {}) {
  const aws = fakeAws(
    {
      DescribeAppInstance: ({ AppInstanceArn }) => ({ AppInstance: { AppInstanceArn, Name: NAMES[AppInstanceArn] } }),
      DeleteAppInstance: () => ({}),
    },
    'identity',
  );
  const io = testIO({ tty: true, answers });
  const settings = resolveSettings({ output: 'json', ...flags }, { CHATCTL_CONFIG: '/nonexistent/config.json' }, true);
  return { io, aws, deps: depsFor(io, settings, aws) };
}

const operations = (aws: ReturnType<typeof fakeAws>) => aws.calls.map((c) => c.operation);

describe('app-instance delete on a terminal', () => {
  it('deletes when the name is typed', async () => {
    const { io, aws, deps } = setup(['prod-chat']);
    expect(await deleteAppInstances({ apps: [APP] }, deps)).toBe(0);
    expect(io.stderr()).toContain('Type prod-chat to delete app instance prod-chat');
    expect(operations(aws)).toEqual(['DescribeAppInstance', 'DeleteAppInstance']);
    expect(aws.inputsOf('DeleteAppInstance')).toEqual([{ AppInstanceArn: APP }]);
    aws.verify();
  });

  it('deletes nothing when another answer is typed', async () => {
    const { aws, deps } = setup(['y']);
    await expect(deleteAppInstances({ apps: [APP] }, deps)).rejects.toMatchObject({ exitCode: 252 });
    expect(operations(aws)).toEqual(['DescribeAppInstance']);
  });

  it('asks for each name when several are given', async () => {
    const { io, aws, deps } = setup(['prod-chat', 'old-chat']);
    expect(await deleteAppInstances({ apps: [APP, OTHER] }, deps)).toBe(0);
    expect(io.stderr()).toContain('Type old-chat to delete app instance old-chat');
    expect(aws.inputsOf('DeleteAppInstance')).toEqual([{ AppInstanceArn: APP }, { AppInstanceArn: OTHER }]);
    aws.verify();
  });

  it('--yes confirms them all at once, without a look-up', async () => {
    const { io, aws, deps } = setup([], { yes: true });
    expect(await deleteAppInstances({ apps: [APP, OTHER] }, deps)).toBe(0);
    expect(io.stderr()).not.toContain('Type ');
    expect(io.stderr()).toContain(`delete app instances ${APP}, ${OTHER} (confirmed by --yes)`);
    expect(operations(aws)).toEqual(['DeleteAppInstance', 'DeleteAppInstance']);
  });
});
