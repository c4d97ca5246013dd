#!/usr/bin/env node
/** The `conformance` executable: hands argv to runCli and sets the exit code. */
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli.js';

// Two V8 settings for a short process that reads large bodies (docs/performance.md). Only on V8
// versions known to have them: an unknown flag makes V8 print an error line on stdout.
// - undici's HTTP parser is WebAssembly; optimising it with TurboFan costs ~35 MB of peak memory
//   and buys nothing measurable here, so it stays on the baseline compiler (Liftoff).
// - The young generation keeps its initial size instead of growing to 3 x 16 MB: on a
//   5,000-model catalogue that cuts peak memory by ~30 MB, at no measurable cost in time.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13) setFlagsFromString('--liftoff-only --semi-space-growth-factor=1');

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
