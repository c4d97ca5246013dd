/**
 * Ledger: docs/sources/openai-openapi__models-and-error__excerpt.json. Statements are fragments of
 * the JSON with whitespace collapsed (String.raw keeps the JSON's own escapes).
 */
import { type DocumentLedger, descriptive, duplicate, example, gap, outOfScope } from '../../src/ledger/ledger.js';

const DELETE = 'deleting a fine-tuned model is not model listing';

export const openaiModelsExcerpt: DocumentLedger = {
  source: 'openai-openapi__models-and-error__excerpt.json',
  profile: 'openai',
  statements: [
    { id: 'oai.01', section: 'info', text: '"description": "The OpenAI REST API. Please see https://platform.openai.com/docs/api-reference for more details."', none: descriptive('the API\'s title') },
    { id: 'oai.02', section: 'servers', text: '"servers": [ { "url": "https://api.openai.com/v1" } ]', none: descriptive('OpenAI\'s own host; the user names the base URL and the profile requests /v1/models under it (docs/profile-rulings.md#openai-profile)') },
    { id: 'oai.03', section: 'security', text: '"security": [ { "ApiKeyAuth": [] } ]' },
    { id: 'oai.04', section: '/models', text: '"summary": "Lists the currently available models, and provides basic information about each one such as the owner and availability."' },
    { id: 'oai.05', section: '/models', text: '"responses": { "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ListModelsResponse" } } } } }', checks: ['OAI-LIST-01', 'OAI-LIST-02', 'OAI-LIST-03'] },
    { id: 'oai.06', section: '/models', text: String.raw`"curl": "curl https://api.openai.com/v1/models \\\n -H \"Authorization: Bearer $OPENAI_API_KEY\"\n",`, checks: ['OAI-LIST-01'] },
    { id: 'oai.07', section: '/models', text: String.raw`"python": "from openai import OpenAI\nclient = OpenAI()\n\nclient.models.list()\n",`, none: example('SDK usage (python, javascript, csharp)') },
    { id: 'oai.08', section: '/models', text: String.raw`"response": "{\n \"object\": \"list\",\n \"data\": [\n {\n \"id\": \"model-id-0\",`, none: example('a sample list; the fields it shows are the Model schema\'s') },
    { id: 'oai.09', section: '/models/{model}', text: '"summary": "Retrieves a model instance, providing basic information about the model such as the owner and permissioning."' },
    { id: 'oai.10', section: '/models/{model}', text: '"in": "path", "name": "model", "required": true, "schema": { "type": "string", "example": "gpt-4o-mini" }, "description": "The ID of the model to use for this request"' },
    { id: 'oai.11', section: '/models/{model}', text: '"200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Model" } } } }', checks: ['OAI-GET-01', 'OAI-GET-02'] },
    { id: 'oai.12', section: '/models/{model}', text: String.raw`"curl": "curl https://api.openai.com/v1/models/VAR_chat_model_id \\\n -H \"Authorization: Bearer $OPENAI_API_KEY\"\n",`, none: duplicate('oai.09') },
    { id: 'oai.13', section: '/models/{model}', text: String.raw`"response": "{\n \"id\": \"VAR_chat_model_id\",\n \"object\": \"model\",\n \"created\": 1686935002,\n \"owned_by\": \"openai\",\n \"shutdown_date\": \"2026-10-23\"\n}\n"`, none: example('a sample model (also the Model schema\'s example)') },
    { id: 'oai.14', section: 'deleteModel', text: '"summary": "Delete a fine-tuned model. You must have the Owner role in your organization to delete a model."', none: outOfScope(DELETE) },
    { id: 'oai.15', section: 'deleteModel', text: '"description": "The model to delete"', none: outOfScope(DELETE) },
    { id: 'oai.16', section: 'deleteModel', text: '"$ref": "#/components/schemas/DeleteModelResponse"', none: outOfScope(DELETE) },
    { id: 'oai.17', section: 'deleteModel', text: String.raw`"response": "{\n \"id\": \"ft:gpt-4o-mini:acemeco:suffix:abc123\",\n \"object\": \"model\",\n \"deleted\": true\n}\n"`, none: outOfScope(DELETE) },
    { id: 'oai.18', section: 'DeleteModelResponse', text: '"required": [ "id", "object", "deleted" ]', none: outOfScope(DELETE) },
    { id: 'oai.19', section: 'securitySchemes', text: '"ApiKeyAuth": { "type": "http", "scheme": "bearer" }', checks: ['OAI-LIST-01', 'OAI-AUTH-02'] },
    { id: 'oai.20', section: 'securitySchemes', text: '"AdminApiKeyAuth": { "type": "http", "scheme": "bearer" }', none: outOfScope('admin keys are for the admin endpoints; /models names ApiKeyAuth') },
    { id: 'oai.21', section: 'Model', text: '"description": "Describes an OpenAI model offering that can be used with the API."' },
    { id: 'oai.22', section: 'Model', text: '"id": { "type": "string", "description": "The model identifier, which can be referenced in the API endpoints." }', checks: ['OAI-LIST-03'] },
    { id: 'oai.23', section: 'Model', text: '"created": { "type": "integer", "format": "unixtime", "description": "The Unix timestamp (in seconds) when the model was created." }', checks: ['OAI-LIST-03'] },
    { id: 'oai.24', section: 'Model', text: String.raw`"object": { "type": "string", "description": "The object type, which is always \"model\".", "enum": [ "model" ], "x-stainless-const": true }`, checks: ['OAI-LIST-03'] },
    { id: 'oai.25', section: 'Model', text: '"owned_by": { "type": "string", "description": "The organization that owns the model." }', checks: ['OAI-LIST-03'] },
    { id: 'oai.26', section: 'Model', text: '"shutdown_date": { "anyOf": [ { "type": "string", "format": "date" }, { "type": "null" } ], "description": "The date when the model will shut down, or null if not announced." }' },
    { id: 'oai.27', section: 'Model', text: '"required": [ "id", "object", "created", "owned_by" ]' },
    { id: 'oai.28', section: 'Model', text: '"name": "The model object"', none: example('the Model schema\'s example, the same as oai.13') },
    { id: 'oai.29', section: 'ListModelsResponse', text: '"object": { "type": "string", "enum": [ "list" ], "x-stainless-const": true }', checks: ['OAI-LIST-02'] },
    { id: 'oai.30', section: 'ListModelsResponse', text: '"data": { "type": "array", "items": { "$ref": "#/components/schemas/Model" } }', checks: ['OAI-LIST-02', 'OAI-LIST-03'] },
    { id: 'oai.31', section: 'ListModelsResponse', text: '"required": [ "object", "data" ]' },
    { id: 'oai.32', section: 'Error', text: '"code": { "anyOf": [ { "type": "string" }, { "type": "null" } ] }, "message": { "type": "string" }, "param": { "anyOf": [ { "type": "string" }, { "type": "null" } ] }, "type": { "type": "string" }', checks: ['OAI-ERR-02'] },
    { id: 'oai.33', section: 'Error', text: '"required": [ "type", "message", "param", "code" ]' },
    { id: 'oai.34', section: 'ErrorResponse', text: '"error": { "$ref": "#/components/schemas/Error" }', checks: ['OAI-ERR-01'] },
    { id: 'oai.35', section: 'ErrorResponse', text: '"required": [ "error" ]' },
  ],
};
