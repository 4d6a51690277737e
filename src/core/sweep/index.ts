/** Sweeps: many randomised trials of one scenario, folded into loss probabilities with intervals. */
export { trialSeed, hashText } from './seed.ts';
export { trialScenario } from './randomise.ts';
export { wilson, ruleOfThree, garwood, samplesForRelativePrecision, Z95, type Interval } from './stats.ts';
export { runTrial, foldLog, windowExpectation, type TrialFold } from './trial.ts';
export { emptyAcc, addTrial, mergeAcc, accToJson, accFromJson, type PolicyAcc, type PolicyAccJson } from './acc.ts';
export { parseVary, applyVary, VARY_PARAMS, type Vary, type VaryParam } from './vary.ts';
export {
  runUnit,
  runSweepInline,
  pointScenario,
  pointScenarioCheck,
  makeUnits,
  emptyAccs,
  shardRange,
  parseShard,
  makeState,
  mergeStates,
  scenarioHash,
  pointCount,
  SWEEP_FORMAT,
  type SweepSpec,
  type Unit,
  type Accs,
  type SweepState,
} from './sweep.ts';
export { summarise, buildReport, TARGET_REL, type PolicySummary, type SweepReport } from './summary.ts';
export { sweepSummaryCsv, SUMMARY_CSV_COLS, type CsvReport } from './csv.ts';
export { capacity, IOMMU_IRTES, USABLE_VECTORS_PER_CPU, type CapacityRow } from './capacity.ts';
