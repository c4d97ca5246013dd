#!/usr/bin/env node
/**
 * The `conformance` executable. It loads the bundled CLI (dist/src/cli/conformance.cjs, one file
 * made by scripts/bundle.mjs) through V8's code cache, which the build wrote for exactly those
 * bytes after a run against the embedded reference: a run then starts without compiling most of
 * its code again (docs/performance.md). A cache made by another Node, or with other V8 flags, is
 * rejected by V8 and the bundle is simply compiled; a cache for other bytes is never offered.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// Two V8 settings for a short process that reads large bodies, set before anything is compiled
// (the code cache records the flags it was made under). Only on V8 versions known to have them:
// an unknown flag makes V8 print an error line on stdout.
// - undici's HTTP parser is WebAssembly; optimising it with TurboFan costs ~35 MB of peak memory
//   and buys nothing measurable here, so it stays on the baseline compiler (Liftoff).
// - The young generation keeps its initial size instead of growing to 3 x 16 MB: on a
//   5,000-model catalogue that cuts peak memory by ~30 MB, at no measurable cost in time.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13) setFlagsFromString('--liftoff-only --semi-space-growth-factor=1');

const BUNDLE = path.join(__dirname, 'conformance.cjs');
/**
 * [the bundle's bytes][V8 cached data]: the copy proves which bytes the cache was made from, more
 * cheaply than hashing them (node:crypto alone takes ~5 ms to load).
 */
const CACHE = `${BUNDLE}.v8cache`;
/** Set by the build's training run (scripts/bundle.mjs): write the cache at exit. */
const WRITE_CACHE = 'CONFORMANCE_WRITE_CODE_CACHE';

/** Set to print what became of the cache (tests, docs/performance.md). */
const DEBUG_CACHE = 'CONFORMANCE_DEBUG_CODE_CACHE';

const source = readFileSync(BUNDLE);
let cachedData: Buffer | undefined;
let status = 'absent';
try {
  const cache = readFileSync(CACHE);
  if (cache.length > source.length && cache.subarray(0, source.length).equals(source)) cachedData = cache.subarray(source.length);
  else status = 'stale: made for other bytes, not used';
} catch {
  // No cache (a build without its training run): compile as usual.
}

const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`;
const script = new Script(wrapped, { filename: BUNDLE, cachedData });
if (cachedData) status = script.cachedDataRejected ? 'rejected by V8 (another Node version or V8 flags)' : 'accepted';
if (process.env[DEBUG_CACHE]) process.stderr.write(`conformance: code cache ${status}\n`);
const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, require, bundleModule, BUNDLE, __dirname);

if (process.env[WRITE_CACHE] === '1') {
  // At exit, so the functions the run compiled are in the cache too.
  process.once('exit', () => writeFileSync(CACHE, Buffer.concat([source, script.createCachedData()])));
}
