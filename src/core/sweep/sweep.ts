import { parsePolicySpec, type ResolvedPolicy } from '../policies/index.ts';
import { ScenarioError } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { accFromJson, accToJson, addTrial, emptyAcc, mergeAcc, type PolicyAcc } from './acc.ts';
import { trialScenario } from './randomise.ts';
import { hashText } from './seed.ts';
import { runTrial, type TrialFold } from './trial.ts';
import { applyVary, type Vary } from './vary.ts';
import { SWEEP_FORMAT, type SweepState } from './state.ts';

export { SWEEP_FORMAT, type SweepState };

/** Everything that fixes a sweep's result (plain data: it crosses to worker_threads as is). */
export interface SweepSpec {
  scenario: Scenario;
  /** Policy specs, in output order. */
  policies: string[];
  /** Trials per point (per --vary value). */
  trials: number;
  vary: Vary | null;
}

/** A slice of work: trials [from, to) at vary point `point`. */
export interface Unit {
  point: number;
  from: number;
  to: number;
}

/** Accumulators of one unit or of many merged: per point, per policy spec. */
export type Accs = PolicyAcc[][];

export function pointCount(spec: SweepSpec): number {
  return spec.vary ? spec.vary.values.length : 1;
}

/** The scenario at a point (the --vary value applied; validated). */
export function pointScenario(spec: SweepSpec, point: number): Scenario {
  return spec.vary ? applyVary(spec.scenario, spec.vary.param, spec.vary.values[point]!) : spec.scenario;
}

/** Applies --vary at every point up front, so a bad value fails before any trial runs. */
export function pointScenarioCheck(spec: SweepSpec): void {
  for (let p = 0; p < pointCount(spec); p++) pointScenario(spec, p);
}

/** Parses `i/n` (0 <= i < n): shard i of n, as Kubernetes' JOB_COMPLETION_INDEX counts. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new ScenarioError(`expected i/n with 0 <= i < n (e.g. 0/4), got "${text}"`, '--shard');
  const index = Number(m[1]),
    count = Number(m[2]);
  if (count < 1 || count > 1_000_000) throw new ScenarioError(`n must be 1..1000000, got ${count}`, '--shard');
  if (index >= count)
    throw new ScenarioError(`i must be < n (shards are numbered 0..${count - 1}), got ${index}`, '--shard');
  return { index, count };
}

/** Trials [from, to) of shard i/n: contiguous blocks, so the shards tile 0..trials exactly. */
export function shardRange(
  trials: number,
  shard: { index: number; count: number } | null,
): { from: number; to: number } {
  if (!shard) return { from: 0, to: trials };
  return {
    from: Math.floor((trials * shard.index) / shard.count),
    to: Math.floor((trials * (shard.index + 1)) / shard.count),
  };
}

/** Splits a trial range at every point into units of about `chunk` trials (for a worker pool). */
export function makeUnits(spec: SweepSpec, range: { from: number; to: number }, chunk: number): Unit[] {
  const units: Unit[] = [];
  for (let p = 0; p < pointCount(spec); p++) {
    for (let f = range.from; f < range.to; f += chunk)
      units.push({ point: p, from: f, to: Math.min(range.to, f + chunk) });
  }
  return units;
}

export function emptyAccs(spec: SweepSpec): Accs {
  return Array.from({ length: pointCount(spec) }, () => spec.policies.map(() => emptyAcc()));
}

/**
 * Runs one unit in this thread. `cache` keeps resolved policies and point scenarios between units.
 * `onTrial` sees every trial's fold (the page keeps which trials lost, to open one in the timeline);
 * it cannot change the accumulators.
 */
export function runUnit(
  spec: SweepSpec,
  unit: Unit,
  cache: Map<string, unknown> = new Map(),
  onTrial?: (trial: number, policy: number, fold: TrialFold) => void,
): PolicyAcc[] {
  const key = `p${unit.point}`;
  let base = cache.get(key) as Scenario | undefined;
  if (!base) cache.set(key, (base = pointScenario(spec, unit.point)));
  let pols = cache.get('policies') as ResolvedPolicy[] | undefined;
  if (!pols) cache.set('policies', (pols = spec.policies.map((p) => parsePolicySpec(p))));
  const accs = spec.policies.map(() => emptyAcc());
  for (let k = unit.from; k < unit.to; k++) {
    const s = trialScenario(base, k);
    // Every policy sees the same trial (common random numbers).
    pols.forEach((p, i) => {
      const t = runTrial(s, p);
      addTrial(accs[i]!, t);
      onTrial?.(k, i, t);
    });
  }
  return accs;
}

/** Runs a whole sweep (or one shard of it) in this thread: the reference the pool must equal. */
export function runSweepInline(spec: SweepSpec, shard: { index: number; count: number } | null = null): Accs {
  const accs = emptyAccs(spec);
  const cache = new Map<string, unknown>();
  for (const u of makeUnits(spec, shardRange(spec.trials, shard), 1 << 30)) {
    runUnit(spec, u, cache).forEach((a, i) => mergeAcc(accs[u.point]![i]!, a));
  }
  return accs;
}

export function scenarioHash(s: Scenario): string {
  return hashText(JSON.stringify(s));
}

export function makeState(spec: SweepSpec, accs: Accs, shard: { index: number; count: number } | null): SweepState {
  return {
    format: SWEEP_FORMAT,
    scenario: spec.scenario.name ?? null,
    scenarioHash: scenarioHash(spec.scenario),
    seed: spec.scenario.seed ?? 1,
    trials: spec.trials,
    policies: spec.policies,
    vary: spec.vary,
    shards: shard ? { indices: [shard.index], count: shard.count } : null,
    points: accs.map((pt) => pt.map(accToJson)),
  };
}

/**
 * Combines shard states into the state one machine would have produced. Every part must be the same
 * sweep (scenario hash, seed, trials, policies, vary, shard count); a shard given twice is an error.
 * Missing shards are allowed: the result says which it covers.
 */
export function mergeStates(parts: { name: string; state: SweepState }[]): SweepState {
  if (parts.length === 0) throw new ScenarioError('no parts to merge', 'merge');
  const first = parts[0]!.state;
  const same = (s: SweepState): string =>
    JSON.stringify([s.format, s.scenarioHash, s.seed, s.trials, s.policies, s.vary, s.shards?.count ?? null]);
  const indices = new Set<number>();
  let accs: PolicyAcc[][] | null = null;
  for (const { name, state } of parts) {
    if (state.format !== SWEEP_FORMAT)
      throw new ScenarioError(`not a sweep result (format must be "${SWEEP_FORMAT}")`, name);
    if (same(state) !== same(first))
      throw new ScenarioError(
        `a different sweep from ${parts[0]!.name} (scenario hash, seed, trials, policies, --vary and shard count must all match)`,
        name,
      );
    if (!state.shards) throw new ScenarioError('is a whole run, not a shard: nothing to merge it with', name);
    for (const i of state.shards.indices) {
      if (indices.has(i)) throw new ScenarioError(`shard ${i}/${state.shards.count} is given twice`, name);
      indices.add(i);
    }
    const want = state.shards.indices.reduce((n, i) => {
      const r = shardRange(state.trials, { index: i, count: state.shards!.count });
      return n + r.to - r.from;
    }, 0);
    if (state.points.some((pt) => pt.some((a) => a.trials !== want)))
      throw new ScenarioError(`is incomplete (an interrupted run?): a point has fewer than its ${want} trials`, name);
    const these = state.points.map((pt, p) => pt.map((j, i) => accFromJson(j, `${name}: points[${p}][${i}]`)));
    if (!accs) accs = these;
    else these.forEach((pt, p) => pt.forEach((a, i) => mergeAcc(accs![p]![i]!, a)));
  }
  const count = first.shards!.count;
  const complete = indices.size === count;
  return {
    ...first,
    shards: complete ? null : { indices: [...indices].sort((a, b) => a - b), count },
    points: accs!.map((pt) => pt.map(accToJson)),
  };
}
