#!/usr/bin/env node
/**
 * The CLI's entry: hands argv to runCli and sets the exit code. `npm run build` bundles it, with
 * everything it imports, into dist/src/cli/conformance.cjs (scripts/bundle.mjs), which the
 * `conformance` executable (launch.cts) loads. The compiled main.js stays executable on its own
 * (unbundled): it was the bin before the launcher, and links made then, such as npx's cached
 * install of a clone, still point at it.
 */
import { runCli } from './cli.js';

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
