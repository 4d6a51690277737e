import type { Question } from '../../../core/teach/question.ts';
import { fmtNs } from '../../../core/format/time.ts';

/**
 * TEMPORARY stand-in (lessons branch): the quiz work owns the real QuestionCard at this path,
 * with the same props, which grades the answer from the log and hides spoilers until answered.
 * This one only asks the question, so lesson steps that carry one show it.
 */
export function QuestionCard({
  question,
}: {
  question: Question;
  runs?: unknown;
  onAnswered?: (correct: boolean) => void;
}) {
  const text =
    question.kind === 'raise-lost'
      ? `Will ${question.policy} lose the raise at ${fmtNs(question.raise.t)}?`
      : question.kind === 'host-irqs-after'
        ? `How many host IRQs does ${question.policy} hold right after guest step ${question.step}?`
        : `Which policy delivers the raise at ${fmtNs(question.raise.t)} latest?`;
  return (
    <div className="question-card" data-testid="question-card">
      <strong>Predict:</strong> {text}
    </div>
  );
}
