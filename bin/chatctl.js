#!/usr/bin/env node
'use strict';
// Start-up shim. CommonJS (see ./package.json): an ES-module entry costs Node ~5 ms more.
// Loads the bundle, dist/main.cjs, with compiled code cached between runs:
//   Node >= 22.1  Node's own compile cache (module.enableCompileCache), then require();
//   Node 20       ./code-cache.cjs, a small loader that keeps a V8 code cache per chunk.
// NODE_DISABLE_COMPILE_CACHE=1 turns either off. See docs/architecture.md, "Start-up".
const { enableCompileCache } = require('node:module');
const main = require('node:path').join(__dirname, '../dist/main.cjs');

if (process.env.NODE_DISABLE_COMPILE_CACHE) {
  require(main);
} else if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A read-only cache directory only costs speed.
  }
  require(main);
} else {
  require('./code-cache.cjs').load(main);
}
