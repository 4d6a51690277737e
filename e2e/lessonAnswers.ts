import { parsePolicySpec } from '../src/core/policies/index.ts';
import { runScenario } from '../src/core/machine/run.ts';
import { validateScenario } from '../src/core/scenario/parse.ts';
import { answerOf } from '../src/core/teach/grade.ts';
import { stepScenario, type LessonStep } from '../src/core/teach/lesson.ts';
import { choicesOf } from '../src/core/teach/prompt.ts';

/**
 * The label of the choice the simulator accepts for `step`'s question, computed in Node by the
 * core on the step's scenario and policies (the grader the page runs), so e2e tests never write
 * an answer by hand.
 */
export function rightLabel(step: LessonStep): string {
  const runs = runScenario(
    validateScenario(stepScenario(step)),
    step.policies.map((p) => parsePolicySpec(p)),
  );
  const q = step.question!;
  const a = answerOf(q, runs);
  return choicesOf(q, runs).find((c) => c.value === a)!.label;
}
