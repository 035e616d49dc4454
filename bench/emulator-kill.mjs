// kill -9 under load: 20 times, an emulator with --state takes CreateAppInstanceUser from 20
// concurrent writers and is killed with SIGKILL at a random moment. After each kill the state
// file must load, and must hold every user whose create was answered 201 before the kill.
// The file carries over from round to round, so later rounds also load bigger journals.
// Usage: node bench/emulator-kill.mjs [--rounds N]
import { join } from 'node:path';
import { APP, client, loadState, startChild, work } from './emulator-harness.mjs';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
const WRITERS = 20;
const statePath = join(work, 'killed.json');
const acknowledged = new Set();
let lost = 0;
let loadFailures = 0;
let next = 0;

for (let round = 1; round <= rounds; round++) {
  let emu;
  try {
    emu = await startChild({ statePath, keep: round > 1 });
  } catch (err) {
    loadFailures++;
    console.log(`round ${round}: the emulator did not start on the state file: ${err.message}`);
    break;
  }
  const api = client(emu.port, WRITERS);
  let killed = false;
  const writers = Array.from({ length: WRITERS }, async () => {
    while (!killed) {
      const id = `k${++next}`;
      try {
        const r = await api.call({ method: 'POST', path: '/app-instance-users', body: JSON.stringify({ AppInstanceArn: APP, AppInstanceUserId: id, Name: id }) });
        if (r.status === 201 && !killed) acknowledged.add(`${APP}/user/${id}`);
      } catch {
        // the connection died with the process: not acknowledged
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
  killed = true;
  emu.child.kill('SIGKILL');
  await emu.exited;
  await Promise.all(writers);
  api.close();
  try {
    const users = loadState(statePath).identity.users ?? {};
    const missing = [...acknowledged].filter((arn) => !users[arn]);
    lost += missing.length;
    console.log(`round ${String(round).padStart(2)}: ${acknowledged.size} acknowledged so far, ${Object.keys(users).length} in the file, ${missing.length} lost`);
  } catch (err) {
    loadFailures++;
    console.log(`round ${round}: the state file does not load: ${err.message}`);
  }
}
console.log(`\nkill -9 x ${rounds} under ${WRITERS} writers: ${lost} acknowledged writes lost, ${loadFailures} failed loads (target: 0 and 0)`);
process.exitCode = lost === 0 && loadFailures === 0 ? 0 : 1;
