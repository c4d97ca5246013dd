// The documented NanoGPT model-listing endpoints, one function each, written as the pages state
// them (docs/sources/nanogpt-*.txt). Breaks change them only through the hooks in serve.ts.
import type { Active, Route } from './serve.js';
import {
  IMAGE_MODELS,
  byAccountUsage,
  byGlobalUsage,
  canonicalModels,
  isDistillationAllowed,
  paidModels,
  personalizedModels,
  rankBy,
  subscriptionModels,
  type ImageModel,
  type TextModel,
} from './data.js';
import {
  IMAGE_CACHE,
  LIST_CACHE,
  PATHS,
  PERSONAL_CACHE,
  jsonReply,
  unauthorized,
  type Caller,
  type NanoAsked,
  type TextList,
} from './nanogpt-http.js';

type Hooks = Active<TextModel, TextList>;
type Item = Record<string, unknown>;

/** "Each model minimally includes: id, object, created, owned_by". */
function basicItem(m: TextModel): Item {
  return { id: m.id, object: 'model', created: m.created, owned_by: m.owned_by };
}

/** Detailed mode: the basic fields, then name, description, limits, capabilities, pricing and the rest. */
function detailedItem(m: TextModel): Item {
  // The basic fields written out, not spread: a spread object is built slowly and stringifies
  // slowly, and 50,000-model catalogues are rendered on every request (bench/).
  const item: Item = {
    id: m.id,
    object: 'model',
    created: m.created,
    owned_by: m.owned_by,
    name: m.name,
    description: m.description,
    context_length: m.context_length,
    max_output_tokens: m.max_output_tokens,
    capabilities: { ...m.capabilities },
    pricing: { ...m.pricing },
    icon_url: m.icon_url,
    cost_estimate: typeof m.cost_estimate === 'string' ? m.cost_estimate : { ...m.cost_estimate },
  };
  if (m.category !== undefined) item.category = m.category;
  if (m.distillationPolicy) item.distillationPolicy = { ...m.distillationPolicy };
  return item;
}

function textItems(models: readonly TextModel[], list: TextList, hooks: Hooks): Item[] {
  return models.map((m, i) => hooks.item(list.detailed ? detailedItem(m) : basicItem(m), m, i, models.length, list));
}

function sortOf(asked: NanoAsked): TextList['sort'] {
  const value = asked.query.get('sort');
  return value === 'favorites' || value === 'mostused' ? value : null;
}

function listOf(asked: NanoAsked, all: readonly TextModel[], visible: readonly TextModel[]): TextList {
  return { asked, detailed: asked.query.get('detailed') === 'true', sort: sortOf(asked), all, visible };
}

/**
 * "Reorders the returned model list. Sorting only affects models that would already be visible to
 * the caller." favorites needs a valid key; without one it "falls back to normal ordering".
 */
function ordered(models: TextModel[], sort: TextList['sort'], caller: Caller): TextModel[] {
  if (sort === 'mostused') return rankBy(models, byGlobalUsage);
  if (sort === 'favorites' && caller.state === 'valid') return rankBy(models, byAccountUsage);
  return models;
}

/** Which models each public text list shows the caller (before sorting). */
function shownBy(path: string, list: TextList): TextModel[] {
  const valid = list.asked.caller.state === 'valid';
  if (path === PATHS.subscription) return subscriptionModels(list.visible);
  if (path === PATHS.paid) return paidModels(list.visible);
  return canonicalModels(list.visible, valid);
}

/** GET /api/v1/models, /api/subscription/v1/models, /api/paid/v1/models: a key is optional everywhere. */
function textList(all: readonly TextModel[], visible: readonly TextModel[]): Route<Caller, TextModel, TextList> {
  return (asked, hooks) => {
    const list = listOf(asked, all, visible);
    const models = ordered(hooks.models(shownBy(asked.path, list), list), list.sort, asked.caller);
    return jsonReply(200, { object: 'list', data: textItems(models, list, hooks) }, LIST_CACHE);
  };
}

/** GET /api/personalized/v1/models: "An API key is required"; the account's visible text models. */
function personalized(all: readonly TextModel[], visible: readonly TextModel[]): Route<Caller, TextModel, TextList> {
  return (asked, hooks) => {
    if (asked.caller.state !== 'valid') return unauthorized(PERSONAL_CACHE);
    const list = listOf(asked, all, visible);
    const models = hooks.models(personalizedModels(visible), list);
    return jsonReply(200, { object: 'list', data: textItems(models, list, hooks) }, PERSONAL_CACHE);
  };
}

function imageDetailedItem(m: ImageModel): Item {
  return {
    ...m,
    architecture: { ...m.architecture },
    pricing: { per_image: { ...m.pricing.per_image }, currency: m.pricing.currency },
    capabilities: { ...m.capabilities },
    supported_parameters: { ...m.supported_parameters },
    tags: [...m.tags],
  };
}

/** GET /api/v1/image-models: detailed defaults to true; "This endpoint is cacheable". */
const imageModels: Route<Caller, TextModel, TextList> = (asked) => {
  const detailed = asked.query.get('detailed') !== 'false';
  const data = IMAGE_MODELS.map((m) => (detailed ? imageDetailedItem(m) : { id: m.id, object: 'model' }));
  return jsonReply(200, { object: 'list', data, meta: { count: data.length, generated_at: new Date().toISOString() } }, IMAGE_CACHE);
};

/** GET /api/explore/text-models[?distillation=allowed], and /api/explore/search?type=text&q=... (search). */
function explore(all: readonly TextModel[], visible: readonly TextModel[], search: boolean): Route<Caller, TextModel, TextList> {
  return (asked, hooks) => {
    const q = (asked.query.get('q') ?? '').toLowerCase();
    const matches = (m: TextModel) => !search || m.id.toLowerCase().includes(q) || m.name.toLowerCase().includes(q);
    const list = { ...listOf(asked, all.filter(matches), visible.filter(matches)), detailed: false, sort: null };
    const filtered = asked.query.get('distillation') === 'allowed';
    const models = hooks.models(filtered ? list.visible.filter(isDistillationAllowed) : [...list.visible], list);
    const data = models.map((m) => ({
      id: m.id,
      name: m.name,
      owned_by: m.owned_by,
      ...(m.distillationPolicy ? { distillationPolicy: { ...m.distillationPolicy } } : {}),
    }));
    return jsonReply(200, { object: 'list', data, meta: { distillation: filtered ? 'allowed' : 'all' } });
  };
}

/** The path table of the NanoGPT reference over one registry. */
export function nanogptRoutes(all: readonly TextModel[], visible: readonly TextModel[]): Record<string, Route<Caller, TextModel, TextList>> {
  return {
    [PATHS.models]: textList(all, visible),
    [PATHS.subscription]: textList(all, visible),
    [PATHS.paid]: textList(all, visible),
    [PATHS.personalized]: personalized(all, visible),
    [PATHS.images]: imageModels,
    [PATHS.explore]: explore(all, visible, false),
    [PATHS.search]: explore(all, visible, true),
  };
}
