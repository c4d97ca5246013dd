#!/usr/bin/env node
/**
 * The `conformance` executable: loads the bundled CLI, dist/src/cli/conformance.cjs (one file made
 * by scripts/bundle.mjs). First, where Node has it (22.1 and later), it turns on Node's own
 * compile cache, module.enableCompileCache(), so later runs reuse V8's compiled code of the
 * bundle; Node keeps that cache in its own directory and checks it (docs/performance.md). Node 20
 * has no such API and simply compiles the bundle on each run.
 */
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';
import path from 'node:path';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const BUNDLE = path.join(__dirname, 'conformance.cjs');
if (!existsSync(BUNDLE)) {
  // A build stopped after tsc, or a damaged install: say what to do rather than print a stack.
  process.stderr.write(`conformance: the bundled CLI ${BUNDLE} is missing; run npm run build\n`);
  process.exit(2);
}
require(BUNDLE);
