// `npm run build`, after tsc: bundles the compiled CLI (dist/src/cli/main.js and all it imports)
// into one CommonJS file, dist/src/cli/conformance.cjs, which the bin
// (src/cli/launch.cts) loads: one file to read and compile instead of ~200 modules
// (docs/performance.md). The prebuilt validators stay files of their own, required at run time.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI_DIR = path.join(ROOT, 'dist', 'src', 'cli');

await build({
  entryPoints: [path.join(CLI_DIR, 'main.js')],
  outfile: path.join(CLI_DIR, 'conformance.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // The code keeps finding its files (schemas/, the prebuilt validators) from its own location.
  define: { 'import.meta.url': '__bundle_import_meta_url' },
  banner: { js: "const __bundle_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// tsc writes without the executable bit: the launcher is the bin `npx conformance` runs, and
// main.js was the bin before it (see main.ts).
for (const bin of ['launch.cjs', 'main.js']) chmodSync(path.join(CLI_DIR, bin), 0o755);
