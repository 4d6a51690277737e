import { parentPort, workerData } from 'node:worker_threads';
import { accToJson, runUnit, type SweepSpec, type Unit } from '../core/index.ts';

/**
 * A worker_thread of the sweep pool: receives units (slices of trials), runs them with runUnit and
 * posts back the accumulators in JSON form. Holds no state that could change a result: the spec is
 * fixed at start and every trial is a function of (spec, trial number).
 */
const spec = workerData as SweepSpec;
const cache = new Map<string, unknown>();
parentPort!.on('message', (u: Unit) => {
  try {
    parentPort!.postMessage({ unit: u, accs: runUnit(spec, u, cache).map(accToJson) });
  } catch (e) {
    parentPort!.postMessage({
      unit: u,
      error: e instanceof Error ? `${e.name === 'ScenarioError' ? '' : `${e.name}: `}${e.message}` : String(e),
    });
  }
});
