/**
 * `--profile auto`: a few cheap GETs (through the run's Engine, so the checks reuse them) decide
 * which profile the target speaks, and say why. Order matters: codex-lb's marks are the most
 * specific, NanoGPT's detailed list the next, and a plain /v1/models list falls to openai.
 */
import { parseJson } from './core/json.js';
import type { CheckContext, Exchange, RequestSpec } from './core/types.js';
import { KEY_ENV } from './core/engine.js';

export interface Detection {
  profile: 'codex-lb' | 'nanogpt' | 'openai';
  reason: string;
}

const V1_MODELS = '/v1/models';
const NANOGPT_MODELS = '/api/v1/models';

/** The parsed `data` array of a 200 JSON list, or undefined. */
function listItems(ex: Exchange): unknown[] | undefined {
  if (ex.response?.status !== 200) return undefined;
  // parseJson: the checks' depth and density limits hold for the probe too.
  const parsed = parseJson(ex.response.body);
  const body = parsed.ok ? parsed.value : undefined;
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  return Array.isArray(data) ? data : undefined;
}

const objects = (items: unknown[]) => items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null && !Array.isArray(i));

export async function detectProfile(ctx: CheckContext): Promise<Detection> {
  const get = (path: string, extra: Partial<RequestSpec> = {}) => ctx.exchange({ path, ...extra });
  const anon = await get(V1_MODELS);
  if (anon.transportKind === 'connect' || anon.transportKind === 'tls') {
    return { profile: 'openai', reason: `the target did not answer (${anon.transportError}); defaulting to the plain OpenAI profile` };
  }
  const keyed = ctx.hasKey ? await get(V1_MODELS, { auth: { header: 'bearer', key: 'valid' } }) : undefined;

  for (const [ex, how] of [[keyed, 'with the key'], [anon, 'without a key']] as const) {
    const items = ex && listItems(ex);
    if (!items) continue;
    const models = objects(items);
    if (models.some((m) => m.owned_by === 'codex-lb')) return { profile: 'codex-lb', reason: `GET ${V1_MODELS} (${how}) lists models owned_by "codex-lb"` };
    if (models.some((m) => typeof m.metadata === 'object' && m.metadata !== null && 'supported_reasoning_levels' in m.metadata)) {
      return { profile: 'codex-lb', reason: `GET ${V1_MODELS} (${how}) lists models with codex-lb metadata (supported_reasoning_levels)` };
    }
  }

  const detailed = await get(NANOGPT_MODELS, { query: { detailed: 'true' } });
  const detailedItems = listItems(detailed);
  if (detailedItems && objects(detailedItems).some((m) => typeof m.pricing === 'object' && m.pricing !== null)) {
    return { profile: 'nanogpt', reason: `GET ${NANOGPT_MODELS}?detailed=true lists models with pricing (NanoGPT's detailed mode)` };
  }

  const anonStatus = anon.response?.status;
  const v1Answers = Boolean(listItems(anon) || (keyed && listItems(keyed))) || anonStatus === 401 || anonStatus === 403;
  if (!v1Answers && listItems(await get(NANOGPT_MODELS))) {
    return { profile: 'nanogpt', reason: `only the NanoGPT path ${NANOGPT_MODELS} answers a model list` };
  }
  if (listItems(anon) || (keyed && listItems(keyed))) {
    return { profile: 'openai', reason: `GET ${V1_MODELS} answers a list without codex-lb or NanoGPT marks` };
  }
  if (anonStatus === 401 || anonStatus === 403) {
    return {
      profile: 'openai',
      reason: `GET ${V1_MODELS} asks for a key (${anonStatus})${ctx.hasKey ? ' and the keyed list has no codex-lb marks' : `; without ${KEY_ENV} a codex-lb server cannot be told apart, set it to detect codex-lb`}`,
    };
  }
  const seen = anon.transportError ? `no answer (${anon.transportError})` : `HTTP ${anonStatus}`;
  return { profile: 'openai', reason: `no probe answered a model list (GET ${V1_MODELS}: ${seen}); defaulting to the plain OpenAI profile` };
}
