/** The requests the codex-lb checks share: GET /v1/models with no key, a wrong, the valid and the restricted key. */
import type { RequestSpec } from '../../src/core/types.js';
import { MODELS } from '../openai/requests.js';

export { noKey, withKey, invalidKey } from '../openai/requests.js';
export const restricted: RequestSpec = { path: MODELS, auth: { header: 'bearer', key: 'restricted' } };

export const SEED = 'codex-lb-list-models-api.txt';
