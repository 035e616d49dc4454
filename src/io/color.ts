// Colour is decided once per stream: --color on|off, then NO_COLOR, then FORCE_COLOR, then
// "is this stream a TTY and TERM is not dumb". chalk's own detection does not honour NO_COLOR
// reliably, so we build explicit instances with a fixed level.
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorMode = 'auto' | 'on' | 'off';

export function colorEnabled(mode: ColorMode, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (mode === 'on') return true;
  if (mode === 'off') return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
