import type { TrialFold } from './fold.ts';

/**
 * What a sweep keeps per policy (and per --vary point): sums, maxima and a histogram, all integers
 * (the closed-form sums are fixed-point bigints), so folding trials in any order, in any number of
 * workers or shards, gives the same accumulator bit for bit. Merging is associative and commutative.
 */
export interface PolicyAcc extends TrialFold {
  trials: number;
  /** Trials in which at least one interrupt was lost (any cause). */
  lossyTrials: number;
  /** Lost interrupts per trial (all causes) -> number of trials. */
  lostHist: Record<string, number>;
}

export function emptyAcc(): PolicyAcc {
  return {
    trials: 0,
    lossyTrials: 0,
    resizes: 0,
    lossyResizes: 0,
    lostInWindows: 0,
    pbaClearedAtResize: 0,
    lost: 0,
    raised: 0,
    neverDelivered: 0,
    spuriousInjections: 0,
    deliveredWhileMasked: 0,
    hostIrqsPeak: 0,
    cpuVectorsPeak: 0,
    windowNs: 0,
    expLossyQ: 0n,
    expLostQ: 0n,
    lostHist: {},
  };
}

export function addTrial(acc: PolicyAcc, t: TrialFold): void {
  acc.trials++;
  if (t.lost > 0) acc.lossyTrials++;
  acc.resizes += t.resizes;
  acc.lossyResizes += t.lossyResizes;
  acc.lostInWindows += t.lostInWindows;
  acc.pbaClearedAtResize += t.pbaClearedAtResize;
  acc.lost += t.lost;
  acc.raised += t.raised;
  acc.neverDelivered += t.neverDelivered;
  acc.spuriousInjections += t.spuriousInjections;
  acc.deliveredWhileMasked += t.deliveredWhileMasked;
  acc.hostIrqsPeak = Math.max(acc.hostIrqsPeak, t.hostIrqsPeak);
  acc.cpuVectorsPeak = Math.max(acc.cpuVectorsPeak, t.cpuVectorsPeak);
  acc.windowNs += t.windowNs;
  acc.expLossyQ += t.expLossyQ;
  acc.expLostQ += t.expLostQ;
  acc.lostHist[t.lost] = (acc.lostHist[t.lost] ?? 0) + 1;
}

const SUMS = [
  'trials',
  'lossyTrials',
  'resizes',
  'lossyResizes',
  'lostInWindows',
  'pbaClearedAtResize',
  'lost',
  'raised',
  'neverDelivered',
  'spuriousInjections',
  'deliveredWhileMasked',
  'windowNs',
] as const;

/** a += b. */
export function mergeAcc(a: PolicyAcc, b: PolicyAcc): void {
  for (const k of SUMS) a[k] += b[k];
  a.hostIrqsPeak = Math.max(a.hostIrqsPeak, b.hostIrqsPeak);
  a.cpuVectorsPeak = Math.max(a.cpuVectorsPeak, b.cpuVectorsPeak);
  a.expLossyQ += b.expLossyQ;
  a.expLostQ += b.expLostQ;
  for (const [k, v] of Object.entries(b.lostHist)) a.lostHist[k] = (a.lostHist[k] ?? 0) + v;
}

/** JSON form: bigints as decimal strings, histogram keys in numeric order (a canonical text). */
export type PolicyAccJson = Omit<PolicyAcc, 'expLossyQ' | 'expLostQ'> & { expLossyQ: string; expLostQ: string };

export function accToJson(a: PolicyAcc): PolicyAccJson {
  const hist: Record<string, number> = {};
  for (const k of Object.keys(a.lostHist)
    .map(Number)
    .sort((x, y) => x - y))
    hist[k] = a.lostHist[k]!;
  return { ...a, lostHist: hist, expLossyQ: a.expLossyQ.toString(), expLostQ: a.expLostQ.toString() };
}

export function accFromJson(j: PolicyAccJson, where: string): PolicyAcc {
  const acc = emptyAcc();
  for (const k of [...SUMS, 'hostIrqsPeak', 'cpuVectorsPeak'] as const) {
    const v = (j as unknown as Record<string, unknown>)[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      throw new Error(`${where}.${k} must be a non-negative integer`);
    acc[k] = v;
  }
  for (const k of ['expLossyQ', 'expLostQ'] as const) {
    if (typeof j[k] !== 'string' || !/^\d+$/.test(j[k]))
      throw new Error(`${where}.${k} must be a decimal integer string`);
    acc[k] = BigInt(j[k]);
  }
  if (typeof j.lostHist !== 'object' || j.lostHist === null) throw new Error(`${where}.lostHist must be an object`);
  for (const [k, v] of Object.entries(j.lostHist)) {
    if (!/^\d+$/.test(k) || !Number.isSafeInteger(v) || v < 0)
      throw new Error(`${where}.lostHist["${k}"] must map a count to a non-negative integer`);
    acc.lostHist[k] = v;
  }
  return acc;
}
