import { create } from 'zustand';
import type { PolicySummary } from '../../core/sweep/summary.ts';
import type { Vary, VaryParam } from '../../core/sweep/vary.ts';
import type { CapacityOk, LossyTrial } from '../../worker/protocol.ts';

/**
 * The sweep panel's state (issue 8, "The page"): the form, the run's progress and its figures.
 * Changed only by the named actions below. The pool's merged accumulators live in the runner
 * (sim/sweepRunner.ts); this store holds the summaries it publishes a few times a second.
 */

/** The scenario's `random` block as the form edits it (text fields: the user's input is never lost). */
export interface RandomForm {
  phaseNs: string;
  rateJitter: string;
  jitterNs: string;
}

export interface VaryForm {
  /** '' = no parameter sweep. */
  param: VaryParam | '';
  lo: string;
  hi: string;
  steps: string;
  scale: 'log' | 'lin';
}

export interface SweepProgress {
  done: number;
  total: number;
  /** Trials per second since the start (null before the first unit). */
  rate: number | null;
  /** Seconds left at that rate (null when unknown). */
  etaS: number | null;
  workers: number;
}

/** What the plots draw: the summaries per point (one point without --vary). */
export interface SweepResult {
  policies: string[];
  trials: number;
  seed: number;
  scenarioHash: string;
  vary: Vary | null;
  points: { value: number | null; results: PolicySummary[] }[];
  lossy: LossyTrial[];
  /** False while running, after cancel or a failure: the figures cover only the trials done. */
  complete: boolean;
  /** The equivalent CLI command (when the scenario is an unmodified preset), for reproducing it. */
  cli: string | null;
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

interface SweepState {
  open: boolean;
  trials: string;
  /** Policies ticked (canonical specs). */
  policies: string[];
  random: RandomForm;
  vary: VaryForm;
  logScale: boolean;
  cpus: string;
  status: SweepStatus;
  /** One line naming the field, or null. */
  error: string | null;
  progress: SweepProgress | null;
  result: SweepResult | null;
  capacity: CapacityOk | null;

  openSweep: (defaults: { policies: string[]; random: RandomForm }) => void;
  closeSweep: () => void;
  setTrials: (v: string) => void;
  togglePolicy: (spec: string, on: boolean) => void;
  setRandom: (field: keyof RandomForm, v: string) => void;
  setVary: (patch: Partial<VaryForm>) => void;
  setLogScale: (on: boolean) => void;
  setCpus: (v: string) => void;
  sweepRejected: (message: string) => void;
  sweepStarted: (workers: number, total: number) => void;
  /** Progress only (the figures keep their last refresh). */
  sweepTicked: (p: SweepProgress) => void;
  sweepProgressed: (p: SweepProgress, result: SweepResult) => void;
  sweepFinished: (result: SweepResult, how: 'done' | 'cancelled') => void;
  sweepFailed: (message: string, result: SweepResult | null) => void;
  capacityLoaded: (c: CapacityOk | null) => void;
}

export const useSweep = create<SweepState>()((set) => ({
  open: false,
  trials: '200',
  policies: [],
  random: { phaseNs: '', rateJitter: '', jitterNs: '' },
  vary: { param: '', lo: '2000', hi: '200000', steps: '8', scale: 'log' },
  logScale: false,
  cpus: '64',
  status: 'idle',
  error: null,
  progress: null,
  result: null,
  capacity: null,

  // The first open fills the form from the run on screen; later opens keep what the user typed.
  openSweep: (d) =>
    set((st) => (st.policies.length ? { open: true } : { open: true, policies: d.policies, random: d.random })),
  closeSweep: () => set({ open: false }),
  setTrials: (v) => set({ trials: v }),
  togglePolicy: (spec, on) =>
    set((st) => ({
      policies: on ? [...st.policies.filter((p) => p !== spec), spec] : st.policies.filter((p) => p !== spec),
    })),
  setRandom: (field, v) => set((st) => ({ random: { ...st.random, [field]: v } })),
  setVary: (patch) => set((st) => ({ vary: { ...st.vary, ...patch } })),
  setLogScale: (on) => set({ logScale: on }),
  setCpus: (v) => set({ cpus: v }),
  sweepRejected: (message) => set({ error: message }),
  sweepStarted: (workers, total) =>
    set({ status: 'running', error: null, progress: { done: 0, total, rate: null, etaS: null, workers } }),
  sweepTicked: (progress) => set({ progress }),
  sweepProgressed: (progress, result) => set({ progress, result }),
  sweepFinished: (result, how) =>
    set((st) => ({
      status: how,
      result,
      progress: st.progress ? { ...st.progress, etaS: how === 'done' ? 0 : null } : null,
    })),
  sweepFailed: (message, result) => set({ status: 'error', error: message, result }),
  capacityLoaded: (c) => set({ capacity: c }),
}));
