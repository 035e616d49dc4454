#!/usr/bin/env node
// Tiny shim: turn on Node's compile cache where it exists (Node >= 22.1), then load the bundle.
import module from 'node:module';

if (typeof module.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    module.enableCompileCache();
  } catch {
    // A read-only cache directory only costs speed.
  }
}
await import('../dist/main.js');
