// Preloaded (--require) into every measured process: at exit it appends its peak resident set
// size in KiB to $BENCH_RSS_FILE. Portable where /usr/bin/time is not installed.
'use strict';
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    require('node:fs').appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
