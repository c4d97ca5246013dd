/** The OpenAI /v1/models catalogue, in report order. */
import type { CheckDefinition } from '../../src/core/types.js';
import { modelsListChecks, plausibilityChecks } from './models-list.js';
import { authChecks, errorChecks } from './auth.js';
import { retrieveChecks } from './retrieve.js';
import { noKey } from './requests.js';

export const openaiChecks: CheckDefinition[] = [...modelsListChecks, ...authChecks, ...errorChecks, ...plausibilityChecks, ...retrieveChecks];

/** Sent on every run (keyless, so it needs nothing); a connection failure means the target is unreachable. */
export const openaiProbe = noKey;
