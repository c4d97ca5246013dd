/** The help line for `schema export`, apart from the command so `--help` does not load the exporter. */
export const SCHEMA_HELP = `  conformance schema export --out <dir> [--profile P] [--format json|yaml]
                                           write the bundled OpenAPI 3.1 document and the JSON Schemas
`;
