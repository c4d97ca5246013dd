/** Ledger: docs/sources/nanogpt-image-models-api.txt. The sample response is the only place `meta` is documented, so its lines are statements. */
import { type DocumentLedger, descriptive, duplicate, gap, internal } from '../../src/ledger/ledger.js';

const KEYED = 'no check requests /api/v1/image-models with a key (issue 12, item 2)';

export const nanogptImageModelsApi: DocumentLedger = {
  source: 'nanogpt-image-models-api.txt',
  profile: 'nanogpt',
  statements: [
    { id: 'ngi.01', section: 'Documentation Index', text: 'Fetch the complete documentation index at: https://docs.nano-gpt.com/llms.txt Use this file to discover all available pages before exploring further.', none: descriptive('site navigation') },
    { id: 'ngi.02', section: 'Overview', text: 'Use GET /api/v1/image-models to discover the currently available image models and their capabilities.', checks: ['NG-IMG-01', 'NG-IMG-03'] },
    { id: 'ngi.03', section: 'Overview', text: 'Do not hardcode image model capability tables in your client; model availability and supported parameters can change.', none: descriptive('advice to clients') },
    { id: 'ngi.04', section: 'Overview', text: 'This endpoint is cacheable.', partly: 'only its contradiction, Cache-Control no-store, is decided (NG-IMG-09)' },
    { id: 'ngi.05', section: 'Overview', text: 'Refresh it periodically and handle new fields as additive.', none: descriptive('advice to clients; unknown fields are always allowed') },
    { id: 'ngi.06', section: 'Endpoint', text: 'GET https://nano-gpt.com/api/v1/image-models' },
    { id: 'ngi.07', section: 'Authentication', text: 'Authentication is optional.', checks: ['NG-IMG-01'] },
    { id: 'ngi.08', section: 'Authentication', text: 'Authorization: Bearer YOUR_API_KEY', checks: ['NG-IMG-01', 'NG-IMG-02'] },
    { id: 'ngi.09', section: 'Authentication', text: 'x-api-key: YOUR_API_KEY', checks: ['NG-IMG-01', 'NG-IMG-02'] },
    { id: 'ngi.10', section: 'Query Parameters', text: 'detailedbooleantrueInclude names, descriptions, pricing, capabilities, and supported parameters.', partly: 'the default is checked; an explicit detailed=true is never requested (issue 12, item 3)' },
    { id: 'ngi.11', section: 'Response', text: '{ "object": "list", "data": [ { "id": "model-id", "object": "model", "name": "Display name", "description": "Model description",', checks: ['NG-IMG-01', 'NG-IMG-03'] },
    { id: 'ngi.12', section: 'Response', text: '"architecture": { "modality": "image", "input_modalities": ["text"], "output_modalities": ["image"] },', checks: ['NG-IMG-03'] },
    { id: 'ngi.13', section: 'Response', text: '"pricing": { "currency": "USD" },', checks: ['NG-IMG-03'] },
    { id: 'ngi.14', section: 'Response', text: '"capabilities": { "image_generation": true, "image_to_image": false, "inpainting": false },', checks: ['NG-IMG-03'] },
    { id: 'ngi.15', section: 'Response', text: '"supported_parameters": {}', checks: ['NG-IMG-03'] },
    { id: 'ngi.16', section: 'Response', text: '"meta": { "count": 1, "generated_at": "2026-05-07T12:00:00.000Z" }' },
    { id: 'ngi.17', section: 'Fields', text: 'idstringModel ID to pass to image generation or image editing endpoints.', checks: ['NG-IMG-03', 'NG-IMG-06'] },
    { id: 'ngi.18', section: 'Fields', text: 'objectstringAlways model.', checks: ['NG-IMG-03'] },
    { id: 'ngi.19', section: 'Fields', text: 'namestringHuman-readable model name.', checks: ['NG-IMG-03'] },
    { id: 'ngi.20', section: 'Fields', text: 'descriptionstringShort model description.', checks: ['NG-IMG-03'] },
    { id: 'ngi.21', section: 'Fields', text: 'architectureobjectModality metadata, including input and output modalities.', checks: ['NG-IMG-03'] },
    { id: 'ngi.22', section: 'Fields', text: 'pricingobjectUSD pricing metadata. Shape can vary by model.', checks: ['NG-IMG-03'] },
    { id: 'ngi.23', section: 'Fields', text: 'capabilitiesobjectFeature flags such as image_generation, image_to_image, and inpainting.' },
    { id: 'ngi.24', section: 'Fields', text: 'supported_parametersobjectModel-specific parameters such as sizes, counts, quality settings, seeds, or image input controls.', checks: ['NG-IMG-03'] },
    { id: 'ngi.25', section: 'Fields', text: 'With detailed=false, each item may include only basic model identifiers.' },
    { id: 'ngi.26', section: 'Fields', text: 'Use detailed=true when building model pickers or validating user controls.', none: descriptive('advice to clients') },
    { id: 'ngi.27', section: 'Example', text: String.raw`curl "https://nano-gpt.com/api/v1/image-models?detailed=true" \ -H "Authorization: Bearer $NANOGPT_API_KEY"`, checks: ['NG-IMG-01', 'NG-IMG-02'] },
    { id: 'ngi.28', section: 'Notes', text: 'Supported parameters vary by model.', none: descriptive('a warning to readers') },
    { id: 'ngi.29', section: 'Notes', text: 'Use this endpoint instead of hardcoding media model capabilities.', none: descriptive('advice to clients') },
    { id: 'ngi.30', section: 'Notes', text: 'The response is cacheable, but model availability can change.', none: duplicate('ngi.04') },
    { id: 'ngi.31', section: 'Notes', text: 'Pricing values are in USD unless otherwise documented in the response.', none: internal('the unit of a price cannot be verified from outside; pricing.currency is typed by NG-IMG-03') },
  ],
};
