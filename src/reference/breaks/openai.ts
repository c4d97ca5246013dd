// Deliberately broken variants of the OpenAI reference (openai-server.ts): each breaks one
// statement of the OpenAPI excerpt (`rule`, suites/ledger/openai-openapi-models-excerpt.ts) and
// must be failed by `kills`. Model hooks change the registry both routes read, as a server would.
import type { Reply } from '../serve.js';
import { MODELS_PATH, isRetrieve, modelIdOf, type OpenAiAsked, type OpenAiBreak, type OpenAiModel } from '../openai-http.js';
import { body, textPlain } from './edit.js';

const extra = (id: string, owned_by: string): OpenAiModel => ({ id, object: 'model', created: 1735689600, owned_by });
const each = (edit: (m: OpenAiModel) => OpenAiModel) => (ms: OpenAiModel[]) => ms.map(edit);
const onList = (edit: (r: Reply) => Reply) => (r: Reply, a: OpenAiAsked): Reply | void => (a.path === MODELS_PATH && r.status === 200 ? edit(r) : undefined);
const onRetrieve = (status: number, edit: (r: Reply, a: OpenAiAsked) => Reply) => (r: Reply, a: OpenAiAsked): Reply | void =>
  isRetrieve(a) && r.status === status ? edit(r, a) : undefined;
const on401 = (text: unknown) => (r: Reply): Reply | void => (r.status === 401 ? { ...r, body: JSON.stringify(text) } : undefined);

export const OPENAI_BREAKS = {
  'content-type-text': { description: 'the list is served as text/plain (body unchanged)', rule: 'oai.04', kills: ['OAI-LIST-01'], reply: onList(textPlain) },
  'object-not-list': { description: "top-level object is 'models'", rule: 'oai.29', kills: ['OAI-LIST-02'], reply: onList(body((b) => void (b.object = 'models'))) },
  'missing-created': { description: 'models lack created (the shape of @dwmkerr/mock-llm\'s default)', rule: 'oai.27', kills: ['OAI-LIST-03'],
    models: each(({ created: _created, ...rest }) => rest) },
  'created-ms': { description: 'created is sent in milliseconds', rule: 'oai.23', kills: ['OAI-LIST-04'], models: each((m) => ({ ...m, created: (m.created as number) * 1000 })) },
  'duplicate-id': { description: 'the first model is listed twice', rule: 'oai.22', kills: ['OAI-LIST-05'], models: (ms) => [...ms, { ...ms[0]! }] },
  'shutdown-date-unix': { description: 'shutdown_date is a Unix timestamp instead of a date', rule: 'oai.26', kills: ['OAI-LIST-06'],
    models: each((m) => (m.shutdown_date ? { ...m, shutdown_date: 1792713600 } : m)) },
  'no-key-200': { description: 'a request without a key gets the list (keys configured)', rule: 'oai.03', kills: ['OAI-AUTH-01'],
    read: (a) => void (a.caller === 'none' && (a.caller = 'valid')) },
  'invalid-key-200': { description: 'a wrong key gets the list', rule: 'oai.03', kills: ['OAI-AUTH-02'],
    read: (a) => void (a.caller === 'invalid' && (a.caller = 'valid')) },
  'error-string': { description: '401 body is {"error": "Unauthorized"} (no envelope object)', rule: 'oai.34', kills: ['OAI-ERR-01'], reply: on401({ error: 'Unauthorized' }) },
  'error-no-param': { description: '401 body is {"error": {message, type, code: 401}} (llama-server style: no param, integer code)', rule: 'oai.33', kills: ['OAI-ERR-02'],
    reply: on401({ error: { message: 'Invalid API Key', type: 'authentication_error', code: 401 } }) },
  'wildcard-id': { description: "the list includes a gateway's access pattern 'openai/*' as a model", rule: 'oai.22', kills: ['OAI-LIST-07'],
    models: (ms) => [...ms, extra('openai/*', 'openai')] },
  'sentinel-id': { description: "the list includes the sentinel 'all-team-models' as a model", rule: 'oai.22', kills: ['OAI-LIST-07'],
    models: (ms) => [...ms, extra('all-team-models', 'organization-owner')] },
  'empty-id': { description: 'the list includes a model whose id is ""', rule: 'oai.22', kills: ['OAI-LIST-07'], models: (ms) => [...ms, extra('', 'organization-owner')] },
  'created-zero': { description: 'every model has created: 0', rule: 'oai.23', kills: ['OAI-LIST-08'], models: each((m) => ({ ...m, created: 0 })) },
  'retrieve-missing': { description: 'GET /v1/models/{model} answers 404 for every id (only the list is implemented, as llama-server)', rule: 'oai.09', kills: ['OAI-GET-01'],
    models: (ms, l) => (l.route === 'retrieve' ? [] : ms) },
  'retrieve-slash-raw': { description: 'ids are matched against the raw path, so an id with "/" sent as %2F is not found', rule: 'oai.10', kills: ['OAI-GET-01'],
    // Reads every "%" as a literal one: the id is the raw path segment.
    read: (a) => void (isRetrieve(a) && (a.params.model = a.params.model!.replaceAll('%', '%25'))) },
  'retrieve-one-model': { description: 'every retrieve answers the first model, whatever id was asked for', rule: 'oai.09', kills: ['OAI-GET-01'],
    read: (a) => void (isRetrieve(a) && modelIdOf(a) !== undefined && (a.params.model = 'gpt-4o-mini')) },
  'retrieve-owner-differs': { description: "a retrieved model's owned_by is 'openai' whatever the list says", rule: 'oai.21', kills: ['OAI-GET-02'],
    reply: onRetrieve(200, body((b) => void (b.owned_by = 'openai'))) },
  'retrieve-unknown-200': { description: 'an unknown id is answered 200 with a made-up model', rule: 'oai.10', kills: ['OAI-GET-03'],
    reply: onRetrieve(404, (r, a) => {
      const id = modelIdOf(a);
      return id === undefined ? r : { ...r, status: 200, body: JSON.stringify({ id, object: 'model', created: 1735689600, owned_by: 'system' }) };
    }) },
  'retrieve-unknown-plain': { description: 'an unknown id is answered 404 with a text/plain "Not Found"', rule: 'oai.10', kills: ['OAI-GET-03'],
    reply: onRetrieve(404, () => ({ status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found' })) },
} as const satisfies Record<string, OpenAiBreak>;

export type OpenAiBreakName = keyof typeof OPENAI_BREAKS;
