/** The requests the openai checks share (GET /v1/models with and without keys); each is sent once per run. */
import type { AuthSpec, RequestSpec } from '../../src/core/types.js';

export const MODELS = '/v1/models';

const BEARER_VALID: AuthSpec = { header: 'bearer', key: 'valid' };
const BEARER_INVALID: AuthSpec = { header: 'bearer', key: 'invalid' };

export const noKey: RequestSpec = { path: MODELS };
export const withKey: RequestSpec = { path: MODELS, auth: BEARER_VALID };
export const invalidKey: RequestSpec = { path: MODELS, auth: BEARER_INVALID };
