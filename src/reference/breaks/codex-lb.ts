// Deliberately broken variants of the codex-lb reference (codex-lb-server.ts): each breaks one
// statement of codex-lb-list-models-api.txt (`rule`, suites/ledger/codex-lb-list-models-api.ts)
// and must be failed by `kills`. A `restricted-X` entry is X on the restricted key's answer only.
import type { Reply } from '../serve.js';
import { MODELS_PATH, envelope, restricted, type CodexLbAsked, type CodexLbBreak } from '../codex-lb-http.js';
import { body, textPlain, type Item } from './edit.js';

type Meta = Record<string, unknown>;
type ItemHook = NonNullable<CodexLbBreak['item']>;
const onList = (edit: (r: Reply) => Reply) => (r: Reply, a: CodexLbAsked): Reply | void => (a.path === MODELS_PATH && r.status === 200 ? edit(r) : undefined);
const data = (edit: (d: Item[]) => Item[]) => onList(body((b) => void (b.data = edit(b.data as Item[]))));
const meta = (edit: (m: Meta, index: number) => void): ItemHook => (item, at) => void (item.metadata && edit(item.metadata as Meta, at.index));

/** The breaks that change the model object, each also as `restricted-<name>`. */
const SHARED = {
  'content-type-text': { description: 'the list is served as text/plain (body unchanged)', rule: 'clb.02', kills: ['CLB-LIST-01'], reply: onList(textPlain) },
  'object-not-list': { description: "top-level object is 'models'", rule: 'clb.06', kills: ['CLB-LIST-02'], reply: onList(body((b) => void (b.object = 'models'))) },
  'object-not-model': { description: "items have object 'Model'", rule: 'clb.08', kills: ['CLB-LIST-03'], item: (i) => void (i.object = 'Model') },
  'owned-by-upstream': { description: "owned_by is 'openai' instead of 'codex-lb'", rule: 'clb.10', kills: ['CLB-LIST-04'], item: (i) => void (i.owned_by = 'openai') },
  'duplicate-id': { description: 'the first model is listed twice', rule: 'clb.07', kills: ['CLB-LIST-05'], reply: data((d) => (d[0] ? [...d, { ...d[0] }] : d)) },
  'created-per-model': { description: 'each model gets its own created (one second apart)', rule: 'clb.09', kills: ['CLB-LIST-06'],
    item: (i, at) => void (i.created = (i.created as number) - at.index) },
  'created-ms': { description: 'created is sent in milliseconds', rule: 'clb.09', kills: ['CLB-LIST-07'], item: (i) => void (i.created = (i.created as number) * 1000) },
  'metadata-missing': { description: 'the last model has no metadata', rule: 'clb.11', kills: ['CLB-META-01'],
    item: (i, at) => void (at.index === at.count - 1 && delete i.metadata) },
  'metadata-field-missing': { description: 'metadata lacks prefer_websockets', rule: 'clb.21', kills: ['CLB-META-02'], item: meta((m) => void delete m.prefer_websockets) },
  'modality-undocumented': { description: "the first model's input_modalities include 'pdf'", rule: 'clb.15', kills: ['CLB-META-03'],
    item: meta((m, index) => void (index === 0 && (m.input_modalities = [...(m.input_modalities as string[]), 'pdf']))) },
  // Priority-based ordering (CLB-META-04); ties are legitimate (test/codex-lb.test.ts serves one).
  'priority-ascending': { description: 'the list comes lowest priority first', rule: 'clb.26', kills: ['CLB-META-04'], reply: data((d) => [...d].reverse()) },
} as const satisfies Record<string, CodexLbBreak>;

const RESTRICTED_DESCRIPTIONS: { readonly [K in keyof typeof SHARED]?: string } = {
  'content-type-text': "the restricted key's list is served as text/plain",
  'object-not-list': "the restricted key's list has top-level object 'models'",
  'object-not-model': "the restricted key's items have object 'Model'",
  'owned-by-upstream': "the restricted key's items have owned_by 'openai'",
  'duplicate-id': "the restricted key's list repeats its first model",
  'created-per-model': "the restricted key's items get one created each",
  'created-ms': "the restricted key's list sends created in milliseconds",
  'metadata-missing': "the restricted key's last model has no metadata",
  'metadata-field-missing': "the restricted key's metadata lacks prefer_websockets",
  'modality-undocumented': "the restricted key's first model lists input modality 'pdf'",
  'priority-ascending': "the restricted key's list comes lowest priority first",
};

/** `b` applied to the restricted key's answer only. */
function onRestricted(b: CodexLbBreak, description: string): CodexLbBreak {
  const { item, reply } = b;
  const out: CodexLbBreak = { description, rule: b.rule, kills: b.kills };
  if (item) out.item = (i, at) => void (restricted(at.list.asked.caller) && item(i, at));
  if (reply) out.reply = (r, a) => (restricted(a.caller) ? reply(r, a) : undefined);
  return out;
}
const restrictedOf = <K extends keyof typeof SHARED>(name: K) => onRestricted(SHARED[name], RESTRICTED_DESCRIPTIONS[name]!);

export const CODEX_LB_BREAKS = {
  'content-type-text': SHARED['content-type-text'],
  'object-not-list': SHARED['object-not-list'],
  'object-not-model': SHARED['object-not-model'],
  'created-string': { description: 'created is a numeric string', rule: 'clb.43', kills: ['CLB-LIST-03'], item: (i) => void (i.created = String(i.created)) },
  'owned-by-upstream': SHARED['owned-by-upstream'],
  'duplicate-id': SHARED['duplicate-id'],
  'created-per-model': SHARED['created-per-model'],
  'created-ms': SHARED['created-ms'],
  'created-stale': { description: 'created is 30 days old (a list cached for a month)', rule: 'clb.09', kills: ['CLB-LIST-07'], item: (i) => void (i.created = (i.created as number) - 30 * 86_400) },
  'metadata-missing': SHARED['metadata-missing'],
  'metadata-field-missing': SHARED['metadata-field-missing'],
  'context-window-string': { description: 'metadata.context_window is a string', rule: 'clb.14', kills: ['CLB-META-02'], item: meta((m) => void (m.context_window = String(m.context_window))) },
  'reasoning-levels-strings': { description: 'supported_reasoning_levels are bare strings, not {effort, description}', rule: 'clb.16', kills: ['CLB-META-02'],
    item: meta((m) => void (m.supported_reasoning_levels = (m.supported_reasoning_levels as { effort: string }[]).map((l) => l.effort))) },
  'modality-undocumented': SHARED['modality-undocumented'],
  'no-key-200': { description: 'a request without a key gets the full list', rule: 'clb.38', kills: ['CLB-AUTH-01'],
    read: (a) => void (a.caller.state === 'none' && (a.caller = { state: 'valid', allowed: null })) },
  'invalid-key-200': { description: 'a wrong key gets the full list', rule: 'clb.38', kills: ['CLB-AUTH-02'],
    read: (a) => void (a.caller.state === 'invalid' && (a.caller = { state: 'valid', allowed: null })) },
  'error-detail-body': { description: '401 body is FastAPI\'s default {"detail": "Not authenticated"}', rule: 'clb.37', kills: ['CLB-ERR-01'],
    reply: (r) => (r.status === 401 ? { ...r, body: JSON.stringify({ detail: 'Not authenticated' }) } : undefined) },
  'error-missing-code': { description: '401 body is {"error": {message, type}} without code', rule: 'clb.37', kills: ['CLB-ERR-01'],
    reply: (r) => (r.status === 401 ? body((b) => void delete (b.error as Item).code)(r) : undefined) },
  'rate-limit-429-plain': { description: 'the first request gets 429 (Retry-After: 0) with a text/plain body', rule: 'clb.40', kills: ['CLB-ERR-02'],
    rateLimitFirst: 1,
    reply: (r) => (r.status === 429 ? { status: 429, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '0' }, body: 'Too Many Requests' } : undefined) },
  'filter-ignored': { description: 'the restricted key sees the full list (allowed_models never read, as codex-lb with API-key auth off)', rule: 'clb.28', kills: ['CLB-FILTER-01', 'CLB-FILTER-02'],
    models: (ms, l) => (restricted(l.asked.caller) ? l.registry.filter((m) => m.metadata.supported_in_api === true) : ms) },
  'filter-leaks-hidden': { description: 'the restricted key also sees a model hidden from the API (supported_in_api=false)', rule: 'clb.28', kills: ['CLB-FILTER-01'],
    models: (ms, l) => {
      const hidden = l.registry.find((m) => m.metadata.supported_in_api !== true);
      return restricted(l.asked.caller) && hidden ? [...ms, hidden] : ms;
    } },
  'filter-drops-allowed': { description: 'the restricted key sees only the first of its allowed models', rule: 'clb.29', kills: ['CLB-FILTER-02'],
    models: (ms, l) => (restricted(l.asked.caller) ? ms.slice(0, 1) : ms) },
  'priority-ascending': SHARED['priority-ascending'],
  'priority-one-swapped': { description: 'the second and third models (priorities 45 and 40) swap places', rule: 'clb.26', kills: ['CLB-META-04'],
    reply: data((d) => (d.length > 2 ? [d[0]!, d[2]!, d[1]!, ...d.slice(3)] : d)) },
  // The same documented model object for the restricted key (each break touches only its answer).
  'restricted-content-type-text': restrictedOf('content-type-text'),
  'restricted-object-not-list': restrictedOf('object-not-list'),
  'restricted-object-not-model': restrictedOf('object-not-model'),
  'restricted-owned-by-upstream': restrictedOf('owned-by-upstream'),
  'restricted-duplicate-id': restrictedOf('duplicate-id'),
  'restricted-created-per-model': restrictedOf('created-per-model'),
  'restricted-created-ms': restrictedOf('created-ms'),
  'restricted-metadata-missing': restrictedOf('metadata-missing'),
  'restricted-metadata-field-missing': restrictedOf('metadata-field-missing'),
  'restricted-modality-undocumented': restrictedOf('modality-undocumented'),
  'restricted-priority-ascending': restrictedOf('priority-ascending'),
  // "403 Forbidden: API key lacks permission": the restricted key is documented to get its filtered list, not a 403.
  'restricted-403': { description: 'the restricted key gets 403 (OpenAI envelope) instead of its filtered list', rule: 'clb.29', kills: ['CLB-FILTER-02'],
    answer: (a) => (restricted(a.caller) ? envelope(403, 'API key lacks permission', 'permission_error', 'insufficient_permissions') : undefined) },
  'restricted-403-bare': { description: 'the restricted key gets 403 with FastAPI\'s {"detail": "Forbidden"}', rule: 'clb.37', kills: ['CLB-ERR-01'],
    answer: (a) => (restricted(a.caller) ? { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ detail: 'Forbidden' }) } : undefined) },
} as const satisfies Record<string, CodexLbBreak>;

export type CodexLbBreakName = keyof typeof CODEX_LB_BREAKS;
