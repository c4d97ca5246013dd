/** The help texts: `conformance --help` and `conformance <command> --help`. */
import { KEY_ENV, RESTRICTED_KEY_ENV, RESTRICTED_MODELS_ENV } from '../core/engine.js';
import { profileNames } from '../profiles.js';
import { HEADERS_ENV } from './options.js';
import { SCHEMA_HELP } from './schema-help.js';

const USAGE = `  conformance run <base-url> [options]     check a server (paths are appended to <base-url>)
  conformance run --reference [options]    check the embedded reference server
  conformance list [--profile P] [--json]  print the check catalogue without running anything
  conformance list --coverage [--profile P] [--json]  every documented statement: its checks, or why none
  conformance serve [--port N]             run the reference server on 127.0.0.1 until Ctrl-C
${SCHEMA_HELP}`;

const RUN_OPTIONS = `Run options:
  --profile <name>        ${profileNames().join(' | ')} | auto (default nanogpt; auto probes the target and says what it chose)
  --json <file|->         write the whole run as JSON (- = stdout; the terminal report then goes to stderr)
  --junit <file>          write JUnit XML for CI test reporters (one testcase per check, a suite per area)
  --html <file>           write one self-contained HTML page (filters, evidence, documentation quotes)
  --markdown <file>       write a Markdown summary (pull-request comment, CI job summary)
  --baseline <file>       known failures: the failing checks it lists do not gate, new failures do
  --update-baseline       write this run's failures to the --baseline file (then gate against it)
  --only <ids>            run only these check ids or id prefixes (comma-separated, repeatable)
  --skip <ids>            leave out these ids or prefixes
  --header 'Name: value'  send this header with every request, to the target's origin only (repeatable)
  --strict                SHOULD failures fail the run too
  --timeout <ms>          per-request deadline (default 10000)
  --max-time <ms>         whole-run deadline (default 120000)
  --max-body-size <bytes> largest response body read (default 52428800)
  --retries <n>           retries after a 429, honouring Retry-After (default 2)
  --max-retry-wait <ms>   longest Retry-After honoured; a longer one ends the retries (default 30000)
  --concurrency <n>       parallel connections to the target (default 8)
  --rate-limit <rps>      at most this many requests per second, e.g. 0.5 (default: no limit)
  --max-requests <n>      hard cap on requests per run (default 1000)
  --insecure              accept self-signed TLS certificates (not verified at all)
  --quiet                 print failures and the summary only
  --no-color              no ANSI colours (also: NO_COLOR, TERM=dumb; FORCE_COLOR=1 forces them)
  --api-key <key>         a valid key (prefer ${KEY_ENV}: flags show in process lists)

A base URL that already ends in the profile's documented prefix (/v1, /api/v1, /api/v1/models)
is trimmed, and the run says so. Report folders are created; an unwritable report path is refused
before the first request.

Keys come from the environment: ${KEY_ENV}=<key>. The codex-lb filtering checks also take
${RESTRICTED_KEY_ENV} (a key with allowed_models) and
${RESTRICTED_MODELS_ENV} (the ids it should see). Headers that carry secrets go in
${HEADERS_ENV} (one 'Name: value' a line): their values are redacted like keys. Keys and
headers are sent only to the target's origin (redirects to another origin are never followed).

In GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations, and the
Markdown summary is appended to $GITHUB_STEP_SUMMARY when that is set.

Exit status: 0 conforms · 1 a MUST check failed or could not be decided (--strict: SHOULD too)
             2 usage or configuration error · 3 target unreachable
             4 inconclusive: nothing failed, but no MUST check of the core area (the list) was
               decided, e.g. every one needs a key that was not given; the verdict names it
`;

export const HELP = `conformance — check a model-listing API against its documentation

Usage:
${USAGE}
'conformance <command> --help' shows one command's help.

${RUN_OPTIONS}`;

/** `conformance <command> --help`: exit 0, nothing else runs. */
export const COMMAND_HELP: Record<string, string> = {
  run: `Usage:
  conformance run <base-url> [options]     check a server (paths are appended to <base-url>)
  conformance run --reference [options]    check the embedded reference server

${RUN_OPTIONS}`,
  list: `Usage: conformance list [--profile P] [--json]

Prints the check catalogue (id, level, area, title, what each needs) without sending anything.
  --profile <name>   ${profileNames().join(' | ')} (default nanogpt)
  --json             the catalogue as JSON, with each check's documentation reference
`,
  serve: `Usage: conformance serve [--port N] [--profile P]

Runs the profile's reference server on 127.0.0.1 until Ctrl-C and prints its test key.
  --port <n>         0-65535; 0 (the default) picks a free port
  --profile <name>   ${profileNames().join(' | ')} (default nanogpt)
Exit status: 0 stopped · 2 the port is invalid or already in use
`,
  schema: `Usage:
${SCHEMA_HELP}
  --out <dir>        the directory to write to (created)
  --profile <name>   only this profile (repeatable; default: all)
  --format <f>       json (default) or yaml
`,
};
