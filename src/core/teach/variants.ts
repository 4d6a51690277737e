import type { Rng } from '../engine/rng.ts';
import { PRESETS } from '../presets/index.ts';
import type { Preset } from '../presets/preset.ts';
import { validateScenario } from '../scenario/parse.ts';
import type { Scenario, Step } from '../scenario/schema.ts';

/*
 * Practice variants (issue 9, "randomised variants of the presets: table size, order, timing").
 * A variant is a preset's scenario with a few seeded changes, validated like any scenario before it
 * is offered. Deterministic: the same preset and Rng state give the same variant.
 */

export interface Variant {
  presetId: string;
  title: string;
  scenario: Scenario;
  /** What was changed, in words ("table of 16 entries", "request_irq(1) and request_irq(2) swapped", ...). */
  changes: string[];
}

/**
 * The presets practice draws from: the Linux-guest seeds whose runs stay small enough to simulate
 * in a moment on a phone (a few thousand rows per pane).
 */
export const PRACTICE_PRESETS: readonly string[] = [
  'default',
  'lazy-subfunction',
  'no-autoen-late-enable',
  'driver-reload',
  'affinity-change',
  'sparse-high-vector',
  'irq-churn',
];

type GuestStep = Exclude<Step, { op: 'raise' | 'poisson' | 'burst' }>;
const isTraffic = (s: Step): boolean => s.op === 'raise' || s.op === 'poisson' || s.op === 'burst';
/** Steps that can trade places without making the driver sequence meaningless (each names its own vector). */
const SWAPPABLE = new Set(['linux-request-irq', 'linux-enable-irq', 'linux-disable-irq', 'linux-set-affinity']);
const TABLE_SIZES = [8, 16, 32];

const LABEL: Record<string, string> = {
  'linux-request-irq': 'request_irq',
  'linux-enable-irq': 'enable_irq',
  'linux-disable-irq': 'disable_irq',
  'linux-set-affinity': 'irq_set_affinity',
};
const stepName = (s: GuestStep): string => `${LABEL[s.op] ?? s.op}${'vector' in s ? `(${s.vector})` : ''}`;

/** The highest vector any step names (the table must have that entry), and a Linux driver's nvec. */
function neededEntries(s: Scenario): number {
  let n = 1;
  for (const st of s.steps) {
    if ('vector' in st && typeof st.vector === 'number') n = Math.max(n, st.vector + 1);
    if (st.op === 'linux-alloc-vectors') n = Math.max(n, st.nvec);
    if (st.op === 'freebsd-alloc-msix') n = Math.max(n, st.count);
  }
  return n;
}

/** One random variant of preset `p` (not yet validated). */
function mutate(p: Preset, rng: Rng): Variant {
  const s = JSON.parse(JSON.stringify(p.scenario)) as Scenario;
  const changes: string[] = [];
  // Table size: another size that still holds every entry the steps use.
  const sizes = TABLE_SIZES.filter((n) => n >= neededEntries(s) && n !== s.device.tableSize);
  if (sizes.length && rng.next() < 0.5) {
    s.device = { ...s.device, tableSize: sizes[Math.floor(rng.next() * sizes.length)]! };
    changes.push(`a table of ${s.device.tableSize} entries`);
  }
  const steps = s.steps.map((st) => ({ ...st })) as Step[];
  const guest = steps.map((st, i) => ({ st, i })).filter(({ st }) => !isTraffic(st));
  // Order: two neighbouring steps on different vectors trade places (each keeps the other's time).
  const pairs = guest
    .slice(1)
    .map((g, k) => [guest[k]!, g] as const)
    .filter(
      ([a, b]) =>
        SWAPPABLE.has(a.st.op) &&
        SWAPPABLE.has(b.st.op) &&
        (a.st as { vector?: number }).vector !== (b.st as { vector?: number }).vector,
    );
  if (pairs.length && rng.next() < 0.6) {
    const [a, b] = pairs[Math.floor(rng.next() * pairs.length)]!;
    const ta = a.st.at,
      tb = b.st.at;
    steps[a.i] = { ...b.st, at: ta } as Step;
    steps[b.i] = { ...a.st, at: tb } as Step;
    changes.push(`${stepName(b.st as GuestStep)} now runs before ${stepName(a.st as GuestStep)}`);
  }
  // Timing: each guest step moves by up to ±25% of the gap to its neighbours (order kept), and
  // the traffic shifts by up to 2 µs.
  if (rng.next() < 0.7) {
    const gs = steps.map((st, i) => ({ st, i })).filter(({ st }) => !isTraffic(st));
    for (let k = 0; k < gs.length; k++) {
      const prev = k > 0 ? gs[k - 1]!.st.at : 0,
        next = k + 1 < gs.length ? gs[k + 1]!.st.at : gs[k]!.st.at + 20_000;
      const cur = gs[k]!.st.at;
      const room = Math.floor(Math.min(cur - prev, next - cur) / 4);
      if (room <= 0) continue;
      const moved = Math.max(prev + 1, cur + Math.round((2 * rng.next() - 1) * room));
      steps[gs[k]!.i] = { ...gs[k]!.st, at: k > 0 ? moved : Math.max(0, moved) } as Step;
    }
    const shift = Math.floor(rng.next() * 2_000);
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      if (!isTraffic(st)) continue;
      steps[i] = {
        ...st,
        at: st.at + shift,
        ...('until' in st && st.until !== undefined ? { until: st.until + shift } : {}),
      } as Step;
    }
    changes.push('the steps retimed a little');
  }
  s.steps = steps
    .map((st, i) => ({ st, i }))
    .sort((x, y) => x.st.at - y.st.at || x.i - y.i)
    .map(({ st }) => st);
  s.name = `${p.id} (practice variant)`;
  return { presetId: p.id, title: p.title, scenario: s, changes };
}

/**
 * A validated variant of a practice preset (a random one unless `presetId` is given). Draws up to
 * eight candidates and returns the first that validates; if none does, the preset itself, which
 * always validates (its golden test runs it).
 */
export function makeVariant(rng: Rng, presetId?: string): Variant {
  const id = presetId ?? PRACTICE_PRESETS[Math.floor(rng.next() * PRACTICE_PRESETS.length)]!;
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new RangeError(`presetId: no preset "${id}"`);
  for (let k = 0; k < 8; k++) {
    const v = mutate(p, rng);
    try {
      return { ...v, scenario: validateScenario(v.scenario) };
    } catch {
      // An invalid draw (e.g. a step moved past the end of the traffic's allowance): draw again.
    }
  }
  return { presetId: p.id, title: p.title, scenario: validateScenario(p.scenario), changes: [] };
}
