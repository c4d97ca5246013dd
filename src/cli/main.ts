#!/usr/bin/env node
/** The `conformance` executable: hands argv to runCli and sets the exit code. */
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
