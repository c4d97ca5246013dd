/** Ledger: docs/sources/nanogpt-personalized-models-api.txt. (\u2011 is the page's non-breaking hyphen.) */
import { type DocumentLedger, descriptive, example, gap, internal, outOfScope } from '../../src/ledger/ledger.js';

const PREFERENCES = 'the account\'s visibility preferences are not visible to the tool (NG-PERS-08)';

export const nanogptPersonalizedModelsApi: DocumentLedger = {
  source: 'nanogpt-personalized-models-api.txt',
  profile: 'nanogpt',
  statements: [
    { id: 'ngp.01', section: 'Documentation Index', text: 'Fetch the complete documentation index at: https://docs.nano-gpt.com/llms.txt Use this file to discover all available pages before exploring further.', none: descriptive('site navigation') },
    { id: 'ngp.02', section: 'Personalized Models API', text: 'Curated, OpenAI\u2011compatible model listing scoped to each account’s preferences.', checks: ['NG-PERS-05'], partly: 'the list shape is checked; the scoping to preferences is account state (NG-PERS-08)' },
    { id: 'ngp.03', section: 'Personalized Models API', text: 'This endpoint returns only the text models you have marked as “visible” in Settings → Models, regardless of whether they are subscription or paid models.', checks: ['NG-PERS-08'], none: internal(PREFERENCES) },
    { id: 'ngp.04', section: 'Personalized Models API', text: 'GET /api/personalized/v1/models', checks: ['NG-PERS-05'] },
    { id: 'ngp.05', section: 'Personalized Models API', text: 'Canonical models list: GET /api/v1/models', none: descriptive('a cross-reference; the models page has its own ledger') },
    { id: 'ngp.06', section: 'Personalized Models API', text: 'Subscription\u2011only list: GET /api/subscription/v1/models', none: descriptive('a cross-reference; the models page has its own ledger') },
    { id: 'ngp.07', section: 'Personalized Models API', text: 'Paid\u2011only list: GET /api/paid/v1/models', none: descriptive('a cross-reference; the models page has its own ledger') },
    { id: 'ngp.08', section: 'Compatibility & Response Shape', text: 'The response mirrors OpenAI’s Models API: { "object": "list", "data": [ { /* model */ }, ... ] }', checks: ['NG-PERS-05'] },
    { id: 'ngp.09', section: 'Compatibility & Response Shape', text: 'Each model contains at least: { "id": "openai/gpt-5.2", "object": "model", "created": 1736966400, "owned_by": "openai" }', checks: ['NG-PERS-05', 'NG-PERS-06'] },
    { id: 'ngp.10', section: 'Compatibility & Response Shape', text: 'Use ?detailed=true to include additional fields like name, description, context_length, capabilities, pricing, icon_url, and cost_estimate.' },
    { id: 'ngp.11', section: 'Authentication', text: 'An API key is required.', checks: ['NG-PERS-01'] },
    { id: 'ngp.12', section: 'Authentication', text: 'Authorization: Bearer <api_key>', checks: ['NG-PERS-05'] },
    { id: 'ngp.13', section: 'Authentication', text: 'or x-api-key: <api_key>', checks: ['NG-PERS-05'] },
    { id: 'ngp.14', section: 'Authentication', text: 'If the key is missing or invalid, the endpoint returns 401.' },
    { id: 'ngp.15', section: 'Personalization Rules', text: 'The list is filtered by your account’s visible text models (configured in the NanoGPT web app under Settings → Models → “Visible Text Models”).', none: internal(PREFERENCES) },
    { id: 'ngp.16', section: 'Personalization Rules', text: 'This endpoint ignores the user preference “Also show paid models.”', checks: ['NG-PERS-08'], none: internal(PREFERENCES) },
    { id: 'ngp.17', section: 'Personalization Rules', text: 'If you marked paid models as visible, they appear here even if you generally hide paid models elsewhere.', checks: ['NG-PERS-08'], none: internal(PREFERENCES) },
    { id: 'ngp.18', section: 'Personalization Rules', text: 'If you have not set any preferences, the endpoint falls back to NanoGPT defaults (visible === true in our model registry).', checks: ['NG-PERS-08'], none: internal('whether the account has preferences, and the registry\'s defaults, are not visible to the tool') },
    { id: 'ngp.19', section: 'Examples', text: String.raw`curl -H "Authorization: Bearer $NANOGPT_API_KEY" \ https://nano-gpt.com/api/personalized/v1/models`, checks: ['NG-PERS-05'] },
    { id: 'ngp.20', section: 'Examples', text: String.raw`curl -H "x-api-key: $NANOGPT_API_KEY" \ "https://nano-gpt.com/api/personalized/v1/models?detailed=true"`, checks: ['NG-DET-01', 'NG-DET-02'] },
    { id: 'ngp.21', section: 'Examples', text: 'Sample detailed item:', none: example('a sample item; the fields it shows are typed by NG-PERS-06 (models-list-detailed.schema.json)') },
    { id: 'ngp.22', section: 'Managing Your Visible Models', text: 'The recommended way to customize your personalized list is via the NanoGPT web UI:', none: outOfScope('the web UI') },
    { id: 'ngp.23', section: 'Managing Your Visible Models', text: 'Open Settings → Models → “Visible Text Models”.', none: outOfScope('the web UI') },
    { id: 'ngp.24', section: 'Managing Your Visible Models', text: 'Toggle visibility and categories as needed; changes are saved to your account.', none: outOfScope('the web UI') },
    { id: 'ngp.25', section: 'Managing Your Visible Models', text: 'GET /api/user/model-visibility — returns your saved preferences as { modelPreferences: { visibleTextModels, modelCategories } }.', none: outOfScope('a web-session endpoint for preferences, not a model list') },
    { id: 'ngp.26', section: 'Managing Your Visible Models', text: 'POST /api/user/model-visibility — upserts preferences. Cookie\u2011based session auth is required (not API\u2011key auth).', none: outOfScope('a web-session endpoint for preferences, not a model list') },
    { id: 'ngp.27', section: 'Managing Your Visible Models', text: 'Keys outside NanoGPT’s known model ids are ignored.', none: outOfScope('the payload of POST /api/user/model-visibility') },
    { id: 'ngp.28', section: 'Notes', text: 'This route is explicitly dynamic (no shared caching across keys).' },
    { id: 'ngp.29', section: 'Notes', text: 'Model ids and metadata evolve as providers update their catalogs; keep consumers resilient to new fields.', none: descriptive('advice to clients; unknown fields are always allowed') },
    { id: 'ngp.30', section: 'Notes', text: 'Personalized results may include paid models even if /api/v1/models hides them for your account (by design).', none: internal('"may", and it depends on the account\'s preferences') },
  ],
};
