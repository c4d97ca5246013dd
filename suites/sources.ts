/**
 * The documents the checks quote, pinned in docs/sources/ (that folder's README gives each one's
 * revision and retrieval date). Every reference carries its document's public URL from here, so a
 * reader can open the page the quoted sentence is on.
 */
export const SOURCE_URLS: Readonly<Record<string, string>> = {
  'nanogpt-models-api.txt': 'https://docs.nano-gpt.com/api-reference/endpoint/models',
  'nanogpt-models-api-earlier-revision.txt': 'https://docs.nano-gpt.com/api-reference/endpoint/models',
  'nanogpt-personalized-models-api.txt': 'https://docs.nano-gpt.com/api-reference/endpoint/personalized-models',
  'nanogpt-image-models-api.txt': 'https://docs.nano-gpt.com/api-reference/endpoint/image-models',
  'codex-lb-list-models-api.txt': 'https://www.mintlify.com/Soju06/codex-lb/api/models',
  'openai-openapi__models-and-error__excerpt.json':
    'https://github.com/openai/openai-openapi/blob/f85dbe223d40e1a31cba812ab2d755c7e98a92a3/openapi.json',
};

export function sourceUrl(source: string): string {
  const url = SOURCE_URLS[source];
  if (!url) throw new Error(`no public URL recorded for source document ${source} (suites/sources.ts)`);
  return url;
}
