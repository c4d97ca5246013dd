/**
 * The run's verdict, decided in this one place from the results: the exit code and every report
 * (terminal, JSON, JUnit, HTML, Markdown, GitHub) show the value computed here.
 *
 * - UNREACHABLE (3): the target could not be reached at all.
 * - DOES NOT CONFORM (1): a gating check (MUST; with --strict SHOULD too) failed or could not be
 *   decided, baselined known failures aside.
 * - INCONCLUSIVE (4): nothing gating failed, but no gating check of the core area was decided
 *   (all skipped, e.g. for want of a key): no green without evidence. The core area is the area of
 *   the first selected check: the profile's list, unless --only chose others.
 * - CONFORMS (0): otherwise. Areas left wholly unchecked for want of a key are named in the detail.
 */
import { KEY_ENV, RESTRICTED_KEY_ENV } from './engine.js';
import type { CheckResult, Prerequisite, RunResult, RunVerdict } from './types.js';

export const VERDICT_EXIT = { conforms: 0, doesNotConform: 1, unreachable: 3, inconclusive: 4 } as const;

const PREREQUISITE_ENV: Record<Prerequisite, string> = { apiKey: KEY_ENV, restrictedKey: RESTRICTED_KEY_ENV };

type Judged = Pick<RunResult, 'options' | 'unreachable' | 'results'>;

function isGatingLevel(result: Judged, r: CheckResult): boolean {
  return r.level === 'MUST' || (result.options.strict && r.level === 'SHOULD');
}

/** The failed or undecided checks that decide the verdict: MUST (with --strict, SHOULD too), minus baselined known failures. */
export function gatingResults(result: Judged): CheckResult[] {
  return result.results.filter((r) => (r.status === 'fail' || r.status === 'error') && isGatingLevel(result, r) && r.baseline !== 'known-failure');
}

export function judge(result: Judged): RunVerdict {
  if (result.unreachable) {
    const base = { gating: [], missing: [], unchecked: [] };
    return { ...base, headline: 'UNREACHABLE', conforms: false, detail: `nothing could be checked: ${result.unreachable}`, exitCode: VERDICT_EXIT.unreachable };
  }
  const scope = result.options.strict ? 'MUST or SHOULD' : 'MUST';
  const unchecked = uncheckedAreas(result.results);
  const base = { gating: [] as string[], missing: missingVariables(result.results), unchecked };
  const notCheckedBut = (named?: string) => {
    const rest = unchecked.filter((u) => u.area !== named);
    return rest.length ? `; not checked: ${rest.map((u) => `${u.area} (needs ${u.needs.join(' and ')})`).join(', ')}` : '';
  };
  const notChecked = notCheckedBut();

  const gating = gatingResults(result);
  if (gating.length) {
    const fails = gating.filter((r) => r.status === 'fail').length;
    const errors = gating.length - fails;
    const parts = [fails ? `${plural(fails, 'gating check')} failed` : '', errors ? `${plural(errors, 'gating check')} could not be decided` : ''];
    return { ...base, gating: gating.map((r) => r.id), headline: 'DOES NOT CONFORM', conforms: false, detail: `${parts.filter(Boolean).join(', ')}${notChecked}`, exitCode: VERDICT_EXIT.doesNotConform };
  }

  const core = result.results[0]?.area;
  const gatingLevel = result.results.filter((r) => isGatingLevel(result, r));
  const inCore = gatingLevel.filter((r) => r.area === core);
  const judgedOn = inCore.length ? inCore : gatingLevel;
  if (!judgedOn.some((r) => r.status === 'pass' || r.status === 'fail')) {
    const lacking = missingVariables(judgedOn);
    const why = lacking.length ? `they need ${lacking.map((m) => `${m === KEY_ENV ? 'a key' : 'a restricted key'} (set ${m})`).join(' and ')}` : 'every one was skipped';
    const what = inCore.length ? `no ${scope} check of ${core} was decided` : `no ${scope} check was decided`;
    return { ...base, headline: 'INCONCLUSIVE', conforms: false, detail: `${what}: ${why}${notCheckedBut(inCore.length ? core : undefined)}`, exitCode: VERDICT_EXIT.inconclusive };
  }

  const known = result.results.filter((r) => r.baseline === 'known-failure').length;
  const knownNote = known ? ` (${plural(known, 'known failure')} listed in the baseline)` : '';
  return { ...base, headline: 'CONFORMS', conforms: true, detail: `no ${scope} check failed${knownNote}${notChecked}`, exitCode: VERDICT_EXIT.conforms };
}

/** Areas whose every check was skipped, at least one for a missing prerequisite. */
function uncheckedAreas(results: readonly CheckResult[]): RunVerdict['unchecked'] {
  const areas = [...new Set(results.map((r) => r.area))];
  return areas.flatMap((area) => {
    const inArea = results.filter((r) => r.area === area);
    const needs = missingVariables(inArea);
    return inArea.every((r) => r.status === 'skip') && needs.length ? [{ area, needs }] : [];
  });
}

/** The environment variables the skipped checks among `results` wait for, in a stable order. */
function missingVariables(results: readonly CheckResult[]): string[] {
  const wanted = new Set(results.filter((r) => r.status === 'skip' && r.needs).map((r) => PREREQUISITE_ENV[r.needs!]));
  return Object.values(PREREQUISITE_ENV).filter((env) => wanted.has(env));
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
