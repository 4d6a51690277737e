import type { LessonStep } from '../../../core/teach/lesson.ts';
import { matchPreset } from '../../../core/share/index.ts';
import { currentShare } from '../../sim/runner.ts';
import { getRun } from '../../state/runData.ts';
import { useApp } from '../../state/store.ts';

/**
 * "Add this moment as a step": what is on screen now (scenario, policies, window, cursor and the
 * selected event by its stable key) as a lesson step with empty narration for the author to write.
 * An unedited preset is kept as its id (short links, and the step follows the preset's fixes);
 * anything else is carried inline. Returns a one-line reason if nothing can be captured.
 */
export function captureStep(): LessonStep | string {
  const run = getRun();
  if (!run) return 'nothing is on screen yet: wait for the run';
  const share = currentShare(true);
  const view = share.view!;
  const preset = matchPreset(run.scenario, useApp.getState().presetId ?? undefined);
  const a = Math.max(0, Math.round(view.domain[0]));
  let b = Math.round(view.domain[1]);
  if (b <= a) b = a + 1;
  const sel = view.selected && 'key' in view.selected ? view.selected : undefined;
  return {
    scenario: preset ? { preset } : { inline: JSON.parse(JSON.stringify(run.scenario)) as Record<string, unknown> },
    policies: [...run.policies],
    moment: {
      cursor: Math.max(0, Math.round(view.cursor)),
      window: [a, b],
      ...(sel ? { select: { pane: sel.pane, key: sel.key } } : {}),
    },
    narration: '',
  };
}
