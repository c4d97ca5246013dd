/**
 * Ledger: docs/sources/nanogpt-models-api-earlier-revision.txt. The file holds the page twice over;
 * each statement is listed once. Nearly every statement repeats one of the current page
 * (nanogpt-models-api.txt), whose checks enforce it; docs/rulings.md accepts both revisions.
 */
import { type DocumentLedger, duplicate, overruled } from '../../src/ledger/ledger.js';

export const nanogptModelsApiEarlierRevision: DocumentLedger = {
  source: 'nanogpt-models-api-earlier-revision.txt',
  profile: 'nanogpt',
  statements: [
    { id: 'nge.01', section: 'GET', text: String.raw`curl --request GET \ --url https://nano-gpt.com/api/v1/models \ --header 'Authorization: Bearer <token>'`, none: duplicate('ngm.01') },
    { id: 'nge.02', section: 'Overview', text: 'The /api/v1/models endpoint provides a list of available models.', none: duplicate('ngm.02') },
    { id: 'nge.03', section: 'Overview', text: 'It supports optional detailed information including pricing data.', none: duplicate('ngm.03') },
    { id: 'nge.04', section: 'Overview', text: 'The endpoint maintains full backwards compatibility while adding powerful new features.', none: duplicate('ngm.04') },
    { id: 'nge.05', section: 'Features', text: 'Basic Mode: Standard OpenAI-compatible model listing', none: duplicate('ngm.13') },
    { id: 'nge.06', section: 'Features', text: 'Detailed Mode: Enhanced information with pricing and model descriptions', none: duplicate('ngm.14') },
    { id: 'nge.07', section: 'Query Parameters', text: 'detailedbooleanfalseReturns detailed model information including pricing', none: duplicate('ngm.16', 'the same parameter; the current page adds "and capabilities"') },
    { id: 'nge.08', section: 'Authentication', text: 'Authentication is optional but enables user-specific pricing in detailed mode:', none: duplicate('ngm.50') },
    { id: 'nge.09', section: 'Authentication', text: 'AuthorizationBearer {api_key}OptionalAPI key for user-specific pricing', none: duplicate('ngm.51') },
    { id: 'nge.10', section: 'Authentication', text: 'x-api-key{api_key}OptionalAlternative API key header', none: duplicate('ngm.52') },
    { id: 'nge.11', section: 'Basic Response (Default)', text: 'Standard OpenAI-compatible format without pricing information:', none: duplicate('ngm.56') },
    { id: 'nge.12', section: 'Detailed Response', text: 'Enhanced format with model descriptions, context lengths, and pricing:', none: duplicate('ngm.57') },
    { id: 'nge.13', section: 'Basic Fields (Always Present)', text: 'Basic Fields (Always Present)', none: duplicate('ngm.58') },
    { id: 'nge.14', section: 'Basic Fields (Always Present)', text: 'idstringUnique model identifier', none: duplicate('ngm.59') },
    { id: 'nge.15', section: 'Basic Fields (Always Present)', text: 'objectstringAlways “model” for OpenAI compatibility', none: duplicate('ngm.60') },
    { id: 'nge.16', section: 'Basic Fields (Always Present)', text: 'creatednumberUnix timestamp of response creation', none: duplicate('ngm.61') },
    { id: 'nge.17', section: 'Basic Fields (Always Present)', text: 'owned_bystringModel provider (openai, anthropic, meta, google, etc.)', none: duplicate('ngm.62') },
    { id: 'nge.18', section: 'Enhanced Fields (Detailed Mode Only)', text: 'namestringHuman-readable model name', none: duplicate('ngm.63') },
    { id: 'nge.19', section: 'Enhanced Fields (Detailed Mode Only)', text: 'descriptionstringDetailed model description', none: duplicate('ngm.64') },
    { id: 'nge.20', section: 'Enhanced Fields (Detailed Mode Only)', text: 'context_lengthnumberMaximum input tokens (null if not available)', none: duplicate('ngm.65') },
    { id: 'nge.21', section: 'Enhanced Fields (Detailed Mode Only)', text: 'pricingobjectPricing information object', none: duplicate('ngm.68') },
    { id: 'nge.22', section: 'Pricing Object Structure', text: 'promptnumberCost per million input tokens in USD', none: duplicate('ngm.73') },
    { id: 'nge.23', section: 'Pricing Object Structure', text: 'completionnumberCost per million output tokens in USD', none: duplicate('ngm.74') },
    { id: 'nge.24', section: 'Pricing Object Structure', text: 'currencystringAlways “USD”', none: duplicate('ngm.75') },
    { id: 'nge.25', section: 'Pricing Object Structure', text: 'unitstringAlways “per_million_tokens”', none: duplicate('ngm.76') },
    { id: 'nge.26', section: 'Basic Request', text: 'curl "https://nano-gpt.com/api/v1/models"', none: duplicate('ngm.88') },
    { id: 'nge.27', section: 'Detailed Request', text: 'curl "https://nano-gpt.com/api/v1/models?detailed=true"', none: duplicate('ngm.89') },
    { id: 'nge.28', section: 'Detailed with Authentication', text: String.raw`curl "https://nano-gpt.com/api/v1/models?detailed=true" \ -H "Authorization: Bearer your_api_key_here"`, none: duplicate('ngm.90') },
    { id: 'nge.29', section: 'Alternative API Key Header', text: String.raw`curl "https://nano-gpt.com/api/v1/models?detailed=true" \ -H "x-api-key: your_api_key_here"`, none: duplicate('ngm.91') },
    { id: 'nge.30', section: 'Backwards Compatibility', text: 'Default response format unchanged', none: duplicate('ngm.113') },
    { id: 'nge.31', section: 'Backwards Compatibility', text: 'All existing fields preserved', none: duplicate('ngm.114') },
    { id: 'nge.32', section: 'Backwards Compatibility', text: 'New fields are additive only', none: duplicate('ngm.115') },
    { id: 'nge.33', section: 'Backwards Compatibility', text: 'No breaking changes to existing integrations', none: duplicate('ngm.116') },
    { id: 'nge.34', section: 'Authorizations', text: 'Authorization string header required', none: overruled('ngm.53', 'the page\'s prose makes the key optional; docs/rulings.md#authentication-and-security rules for the prose') },
    { id: 'nge.35', section: 'Authorizations', text: 'Bearer authentication header of the form Bearer <token>, where <token> is your auth token.', none: duplicate('ngm.130') },
    { id: 'nge.36', section: 'Query Parameters', text: 'detailed boolean default:false', none: duplicate('ngm.131') },
    { id: 'nge.37', section: 'Query Parameters', text: 'Returns detailed model information including pricing', none: duplicate('ngm.16') },
    { id: 'nge.38', section: 'Response', text: '200 application/json', checks: ['NG-LIST-01'] },
    { id: 'nge.39', section: 'Response', text: 'List of available models', none: duplicate('ngm.139') },
    { id: 'nge.40', section: 'Response', text: 'The response is of type object.', checks: ['NG-LIST-02'] },
  ],
};
