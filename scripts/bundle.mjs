// `npm run build`, after tsc: bundles the compiled CLI (dist/src/cli/main.js and all it imports,
// undici included) into one CommonJS file, dist/src/cli/conformance.cjs, then runs it once against
// a reference server so that the launcher (src/cli/launch.cts), finding no cache, writes V8's
// code cache for it. One file instead of ~80 modules, most of them compiled from the cache
// (docs/performance.md).
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import { devNull } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI_DIR = path.join(ROOT, 'dist', 'src', 'cli');
const OUT = path.join(CLI_DIR, 'conformance.cjs');
const LAUNCHER = path.join(CLI_DIR, 'launch.cjs');

// undici's HTTP/2 client reads a few constants from node:http2 when it loads, which loads
// node:http2, node:tls and node:crypto (~13 ms), though HTTP/2 is only used when asked for
// (allowH2), which the suite never does. In the bundle undici gets the same constants as plain
// values, and node:http2 itself loads on the first HTTP/2 connection, if one is ever made.
const lazyHttp2 = {
  name: 'lazy-http2-for-undici',
  setup(b) {
    b.onResolve({ filter: /^(node:)?http2$/ }, (args) => (args.importer.includes(`${path.sep}undici${path.sep}`) ? { path: 'http2', namespace: 'lazy-http2' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-http2' }, () => ({
      loader: 'js',
      contents: [
        'let real;',
        "const load = () => (real ??= require('node:http2'));",
        `module.exports = { constants: ${JSON.stringify(http2.constants)}, connect: (...args) => load().connect(...args) };`,
      ].join('\n'),
    }));
  },
};

// The prebuilt validators (dist/src/contract/validators/, written by standalone.js just before)
// go inline, one static require per schema file in place of prebuilt-modules.js's require by
// path, so the code cache covers them too. The manifest stays on disk: prebuilt.ts still checks
// it against the schema files and falls back to Ajv when they changed after the build.
const VALIDATORS = path.join(ROOT, 'dist', 'src', 'contract', 'validators');
const inlineValidators = {
  name: 'inline-prebuilt-validators',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]src[\\/]contract[\\/]prebuilt-modules\.js$/ }, () => {
      const { files } = JSON.parse(readFileSync(path.join(VALIDATORS, 'manifest.json'), 'utf8'));
      const cases = Object.keys(files).map((rel) => `    case ${JSON.stringify(rel)}: return require(${JSON.stringify(path.join(VALIDATORS, ...`${rel}.cjs`.split('/')))});`);
      return {
        loader: 'js',
        contents: `export function loadValidatorModule(rel) {\n  switch (rel) {\n${cases.join('\n')}\n  }\n  throw new Error('no prebuilt validators for ' + rel);\n}\n`,
      };
    });
  },
};

rmSync(`${OUT}.v8cache`, { force: true });
await build({
  entryPoints: [path.join(CLI_DIR, 'main.js')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // The code keeps finding its files (schemas/, the prebuilt validators) from its own location.
  define: { 'import.meta.url': '__bundle_import_meta_url' },
  banner: { js: "const __bundle_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyHttp2, inlineValidators],
  logLevel: 'warning',
});
// The launcher compiles the bundle wrapped in a function, where main.js's #! line cannot stand.
writeFileSync(OUT, readFileSync(OUT, 'utf8').replace(/^#!.*\n/, ''));

// tsc writes without the executable bit: the launcher is the bin `npx conformance` runs, and
// main.js was the bin before it (see main.ts).
for (const bin of [LAUNCHER, path.join(CLI_DIR, 'main.js')]) chmodSync(bin, 0o755);

// The training run: a whole nanogpt run with a key, so the cache holds what a run compiles, not
// just the top level. The reference server runs here, not in the bundle (--reference), so the
// server's code stays out of the cache every run loads. A bare environment: in GitHub Actions the
// run would otherwise print annotations and append its summary to the job's step summary.
// NODE_OPTIONS stays: V8 flags in it must be those the cache is made under.
const { startReferenceServer } = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'reference', 'server.js')).href);
const reference = await startReferenceServer({ port: 0 });
const training = await new Promise((resolve) => {
  execFile(
    process.execPath,
    [LAUNCHER, 'run', reference.url, '--json', devNull],
    {
      // Variables left undefined are not passed at all.
      env: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, CONFORMANCE_API_KEY: reference.apiKey },
      timeout: 60_000,
    },
    (err, stdout, stderr) => resolve({ code: err ? err.code : 0, output: stderr || stdout }),
  );
});
await reference.close();
if (training.code !== 0 || !existsSync(`${OUT}.v8cache`)) {
  process.stderr.write(`bundle: the training run of ${path.relative(ROOT, OUT)} failed (exit ${training.code}):\n${training.output}\n`);
  process.exit(1);
}
