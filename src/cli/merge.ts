import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ScenarioError } from '../core/index.ts';
import { buildReport, mergeStates, type SweepState } from '../core/index.ts';
import { printReport } from './sweep.ts';

/** Reads one `sweep --format json` output and returns its mergeable state. */
function readPart(path: string): { name: string; state: SweepState } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(`cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, path);
  }
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`not JSON (${(e as Error).message}); give the output of sweep --format json`, path);
  }
  const state = (j as { state?: SweepState } | null)?.state;
  if (typeof state !== 'object' || state === null)
    throw new ScenarioError('has no "state": give the output of sweep --shard i/n --format json', path);
  return { name: path, state };
}

export function registerMerge(program: Command, out: (s: string) => void): void {
  program
    .command('merge')
    .description('combine the JSON outputs of sweep --shard i/n into the result one machine would have printed')
    .argument('<parts...>', 'JSON files written by sweep --shard i/n --format json')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action((paths: string[], o: { format: string }) => {
      const merged = mergeStates(paths.map(readPart));
      printReport(buildReport(merged), o.format, out);
    });
}
