/** The sentence ledger's data: one file per source document in docs/sources/ (src/ledger/ledger.ts). */
import type { DocumentLedger } from '../../src/ledger/ledger.js';
import { nanogptModelsApi } from './nanogpt-models-api.js';
import { nanogptModelsApiEarlierRevision } from './nanogpt-models-api-earlier-revision.js';
import { nanogptPersonalizedModelsApi } from './nanogpt-personalized-models-api.js';
import { nanogptImageModelsApi } from './nanogpt-image-models-api.js';
import { codexLbListModelsApi } from './codex-lb-list-models-api.js';
import { openaiModelsExcerpt } from './openai-openapi-models-excerpt.js';

export const LEDGER: readonly DocumentLedger[] = [
  nanogptModelsApi,
  nanogptModelsApiEarlierRevision,
  nanogptPersonalizedModelsApi,
  nanogptImageModelsApi,
  codexLbListModelsApi,
  openaiModelsExcerpt,
];

export function ledgerFor(profile: string): DocumentLedger[] {
  return LEDGER.filter((d) => d.profile === profile);
}
