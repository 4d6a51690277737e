import { usePractice } from '../../state/practice.ts';
import { QuestionCard } from '../teach/QuestionCard.tsx';

/**
 * Practice mode's panel, above the timeline: the running score, the question on a variant of a
 * preset (the run on screen), "next question" and a way out. Built for a phone first: one column,
 * answers as large tap targets (styles.css, quiz block).
 */
export default function PracticePanel() {
  const st = usePractice();
  const round = st.round;
  return (
    <section className="practice" aria-label="practice">
      <div className="practiceBar">
        <h2>Practice</h2>
        <output className="score" data-testid="score" aria-live="polite">
          {st.right} / {st.asked} right
        </output>
        <button className="btn" onClick={() => st.exit()} data-testid="exit-practice">
          Exit practice
        </button>
      </div>
      {st.variant && (
        <p className="practiceVariant">
          Question {round} · a variant of <b>{st.variant.title}</b>
          {st.variant.changes.length ? `: ${st.variant.changes.join('; ')}` : ' (as published)'}.
        </p>
      )}
      {st.status === 'loading' && (
        <p role="status" className="qcard">
          Simulating a new variant in the Worker…
        </p>
      )}
      {st.status === 'error' && (
        <p role="alert" className="qcard">
          {st.message}
        </p>
      )}
      {st.status === 'ready' && st.question && (
        <QuestionCard
          key={round}
          question={st.question}
          onAnswered={(correct) => usePractice.getState().recordAnswer(correct)}
        />
      )}
      <button
        className="btn primary practiceNext"
        onClick={() => void usePractice.getState().next()}
        disabled={st.status === 'loading'}
        data-testid="next-question"
      >
        Next question
      </button>
    </section>
  );
}
