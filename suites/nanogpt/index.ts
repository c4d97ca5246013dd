/** The NanoGPT models-API catalogue, in report order. */
import type { CheckDefinition } from '../../src/core/types.js';
import { modelsListChecks } from './models-list.js';
import { detailedChecks } from './detailed.js';
import { sortChecks } from './sort.js';
import { authChecks } from './auth.js';
import { variantChecks } from './variants.js';
import { personalizedChecks } from './personalized.js';
import { imageModelChecks } from './image-models.js';
import { exploreChecks } from './explore.js';
import { rateLimitChecks } from './rate-limit.js';
import { corsChecks } from './cors.js';
import { basic } from './requests.js';

export const nanogptChecks: CheckDefinition[] = [
  ...modelsListChecks,
  ...detailedChecks,
  ...sortChecks,
  ...authChecks,
  ...variantChecks,
  ...personalizedChecks,
  ...imageModelChecks,
  ...exploreChecks,
  ...rateLimitChecks,
  ...corsChecks,
];

/** The request whose failure means the target is not reachable at all. */
export const nanogptProbe = basic;
