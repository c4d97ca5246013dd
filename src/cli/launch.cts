#!/usr/bin/env node
/**
 * The `conformance` executable. It loads the bundled CLI (dist/src/cli/conformance.cjs, one file
 * made by scripts/bundle.mjs) through V8's code cache, written for exactly those bytes by a whole
 * run: most of a run's code then starts without being compiled again (docs/performance.md).
 * The build's training run writes the first cache. A cache made for other bytes is never offered;
 * one made by another Node version, or under other V8 flags, is refused by V8. Either way the
 * bundle is compiled as usual, and the next `run` that finishes writes a cache that fits.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
/** Set to print what became of the cache (tests, docs/performance.md). */
const DEBUG_CACHE = 'CONFORMANCE_DEBUG_CODE_CACHE';

let source: Buffer;
try {
  source = readFileSync(BUNDLE);
} catch (err) {
  // A build stopped after tsc, or a damaged install: say what to do rather than print a stack.
  process.stderr.write(`conformance: cannot read the bundled CLI ${BUNDLE} (${(err as Error).message}); run npm run build\n`);
  process.exit(2);
}
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

// A missing, stale or refused cache is replaced when a `run` has checked a server (exit 0 or 1): at
// exit, so the functions the run compiled are in it (`--version`, a usage error or an unreachable
// target leave little but the top level). Written aside and renamed, so a concurrent run never
// reads half a file; where the package is read-only, runs simply keep compiling.
if (status !== 'accepted' && process.argv[2] === 'run') {
  process.once('exit', (code) => {
    if (code !== 0 && code !== 1) return;
    const partial = `${CACHE}.${process.pid}.tmp`;
    try {
      writeFileSync(partial, Buffer.concat([source, script.createCachedData()]));
      renameSync(partial, CACHE);
    } catch {
      // Read-only install, full disk: only the next start is slower.
      try {
        rmSync(partial, { force: true });
      } catch {
        // Nothing more to do from an exit handler.
      }
    }
  });
}
