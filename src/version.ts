import { readFileSync } from 'node:fs';
import { packageRoot } from './contract/schemas.js';

let cached: { name: string; version: string } | undefined;

export function toolInfo(): { name: string; version: string } {
  cached ??= (() => {
    const pkg = JSON.parse(readFileSync(`${packageRoot()}/package.json`, 'utf8')) as { name: string; version: string };
    return { name: pkg.name, version: pkg.version };
  })();
  return cached;
}
