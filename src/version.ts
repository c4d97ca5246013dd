import { readFileSync } from 'node:fs';
import { packageRoot } from './contract/schemas.js';

let cached: { name: string; version: string } | undefined;

/** The tool is named by its executable, `conformance`; the npm package (models-conformance) only carries it. */
export function toolInfo(): { name: string; version: string } {
  cached ??= (() => {
    // Our own package.json, not server data: no depth guard (core/json.ts) needed.
    const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { version: string };
    return { name: 'conformance', version: pkg.version };
  })();
  return cached;
}
