#!/usr/bin/env node
// Run by `npm test` before vitest: the HTML report is tested in a real headless Chromium
// (test/html-browser.test.ts). Installs Debian's chromium when it is missing and we can
// (root + apt-get), so the one test command works on a fresh machine; otherwise says how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.error(`ensure-chromium: ${CHROMIUM} is missing; installing Debian's chromium for the HTML report test`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`ensure-chromium: apt-get ${args.join(' ')} failed (exit ${run.status})`);
      process.exit(1);
    }
  }
  if (existsSync(CHROMIUM)) process.exit(0);
  console.error(`ensure-chromium: chromium was installed but ${CHROMIUM} is still missing`);
  process.exit(1);
}

console.error(`ensure-chromium: ${CHROMIUM} is missing and cannot be installed from here${isRoot ? ' (no apt-get)' : ' (not root)'}.
The HTML report is tested in a real headless Chromium. Install it, then run npm test again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
  elsewhere:      install Chromium so that ${CHROMIUM} exists (e.g. a symlink to your chromium binary)`);
process.exit(1);
