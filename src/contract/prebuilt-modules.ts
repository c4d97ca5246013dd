/**
 * How a prebuilt validator module is loaded: required from its file under
 * dist/src/contract/validators/. The bundled CLI has them all inline instead: scripts/bundle.mjs
 * puts a module with one static require per file in place of this one, so they share the bundle's
 * code cache rather than being compiled on every run.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The module of schema file `rel` (e.g. 'nanogpt/models-list.schema.json'), found at `file`. */
export function loadValidatorModule(rel: string, file: string): unknown {
  return require(file);
}
