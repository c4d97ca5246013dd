/** The codex-lb GET /v1/models catalogue, in report order. */
import type { CheckDefinition } from '../../src/core/types.js';
import { modelsListChecks } from './models-list.js';
import { metadataChecks } from './metadata.js';
import { authChecks } from './auth.js';
import { filteringChecks } from './filtering.js';
import { errorChecks } from './errors.js';
import { rateLimitChecks } from './rate-limit.js';
import { noKey } from './requests.js';

export const codexLbChecks: CheckDefinition[] = [
  ...modelsListChecks,
  ...metadataChecks,
  ...authChecks,
  ...filteringChecks,
  ...errorChecks,
  ...rateLimitChecks,
];

/** Sent on every run (keyless, so it needs nothing); a connection failure means the target is unreachable. */
export const codexLbProbe = noKey;
