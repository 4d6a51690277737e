import { useLayout } from '../../state/layoutPrefs.ts';

/** WCAG 2.1.4: turn the single-key shortcuts off (persisted). Space, arrows, Home/End and Esc stay. */
export function ShortcutSetting() {
  const on = useLayout((s) => s.shortcuts);
  return (
    <p>
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => useLayout.getState().setShortcuts(e.target.checked)}
          data-testid="shortcuts-toggle"
        />{' '}
        Single-key shortcuts (letters, digits, punctuation) are on. Turn them off if they get in the way of speech input
        or a screen reader; Space, the arrows, Home/End and Esc keep working.
      </label>
    </p>
  );
}
