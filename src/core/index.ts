/**
 * The emulation core's public API. Pure TypeScript: no DOM, no Node APIs, no wall-clock time.
 * The CLI, the Worker and the tests all go through here.
 */
export { simulate, type SimResult, type SimOptions } from './machine/simulate.ts';
export { computeMetrics, type Metrics } from './analysis/metrics.ts';
export { metricRows, lossCauses, formatMetric, indentedLabel, judge, type MetricRow } from './analysis/metric-rows.ts';
export {
  initialState,
  cloneState,
  heldCounts,
  visibleSize,
  type MachineState,
  type GuestState,
  type HostState,
  type QemuState,
} from './replay/machine-state.ts';
export { Replay, applyRows, replayAll } from './replay/replay.ts';
export { hashLog, type LogColumns } from './engine/log.ts';
export * from './engine/events.ts';
export {
  parseScenarioText,
  validateScenario,
  resolveSettings,
  ScenarioError,
  DEFAULT_MAX_EVENTS,
  type Settings,
} from './scenario/parse.ts';
export type { Scenario, Step } from './scenario/schema.ts';
export { estimateWork, raisesOf, raiseCapacity, formatBytes, type StepWork } from './scenario/estimate.ts';
export { MAX_SCENARIO_CHARS } from './scenario/text.ts';
export {
  POLICIES,
  SEED_POLICY_IDS,
  VALID,
  describeAxis,
  parsePolicySpec,
  parsePolicyList,
  PolicyError,
  type PolicyDef,
  type ResolvedPolicy,
} from './policies/index.ts';
export { PRESETS, findPreset } from './presets/index.ts';
export type { Preset } from './presets/preset.ts';
export { runScenario, type PolicyRun } from './machine/run.ts';
export {
  buildTimeline,
  timelineBuffers,
  lastAtOrBefore,
  firstAtOrAfter,
  forHeldOverlapping,
  forLossesIn,
  Outcome,
  OUTCOME_NAMES,
  GBit,
  HBit,
  type Timeline,
} from './analysis/timeline.ts';
export { explainRow, causeChain, type Explanation } from './analysis/explain.ts';
export { fmtNs } from './format/time.ts';
export {
  SCHEMA,
  CODE_TABLES,
  KINDS,
  decode,
  encode,
  col,
  declOf,
  describeEvent,
  type LogEvent,
  type EventOf,
  type EventDecl,
  type FieldSpec,
} from './engine/schema.ts';
export { describeRow, goldenText, condensedGolden } from './analysis/golden.ts';
export * from './share/index.ts';
export * from './sweep/index.ts';
export * from './import/index.ts';
export * from './export/index.ts';
