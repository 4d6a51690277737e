import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  decodeLink,
  findPreset,
  MAX_SCENARIO_CHARS,
  parseScenarioText,
  PRESETS,
  ScenarioError,
  validateScenario,
  type DecodedLink,
  type Scenario,
} from '../core/index.ts';

/** A user error in the CLI's input: one line on stderr, exit status 2. */
export class InputError extends Error {}

/** What `run` and `link` work on: a validated scenario, and where it came from. */
export interface RunInput {
  scenario: Scenario;
  /** The preset id, when the input is a preset (or a link to an unedited one). */
  preset?: string;
  /** The link's policies, when the input is a link (the page's panes, in order). */
  policies?: string[];
  link?: DecodedLink;
}

const looksLikeUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
const looksLikeLink = (s: string): boolean => s.startsWith('#') || looksLikeUrl(s) || /^v\d+\./.test(s);

function fromLink(text: string): RunInput {
  const link = decodeLink(text);
  let scenario: Scenario;
  try {
    scenario = validateScenario(link.scenario);
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new InputError(`the link decoded, but its scenario is not valid: ${e.message}`);
    throw e;
  }
  return { scenario, policies: link.policies, link, ...(link.preset ? { preset: link.preset } : {}) };
}

/**
 * Resolves the `<scenario>` argument of `run` and `link`: "-" (standard input: scenario JSON or
 * a link), a preset id, a share link (URL, "#fragment" or bare "v2.…" fragment), or a JSON file.
 * A file that exists wins over a bare fragment that happens to be its name.
 */
export function loadInput(arg: string, readStdin: () => string = () => readFileSync(0, 'utf8')): RunInput {
  if (arg === '-') {
    const text = readStdin();
    const t = text.trim();
    if (t === '') throw new InputError('standard input is empty; pipe a scenario JSON or a link into "-"');
    return t.startsWith('{') || !looksLikeLink(t) ? { scenario: parseScenarioText(text) } : fromLink(t);
  }
  const preset = findPreset(arg);
  if (preset) return { scenario: validateScenario(preset.scenario), preset: preset.id };
  if (looksLikeLink(arg) && (looksLikeUrl(arg) || arg.startsWith('#') || !existsSync(arg))) return fromLink(arg);
  let text: string;
  try {
    // Refused before reading: a multi-GB file would not even fit in one string.
    const size = statSync(arg).size;
    if (size > MAX_SCENARIO_CHARS)
      throw new InputError(
        `scenario file "${arg}" is ${size.toLocaleString('en-US')} bytes; the limit is ${MAX_SCENARIO_CHARS.toLocaleString('en-US')}`,
      );
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read scenario "${arg}" (${code ?? 'error'}); give a JSON file, a preset id (${PRESETS.map((p) => p.id).join(', ')}), a share link, or - for standard input`,
    );
  }
  return { scenario: parseScenarioText(text) };
}
