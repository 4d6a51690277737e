/**
 * Dropdowns must not trap the global shortcuts (issue 9 bug): after a choice made from a
 * <select>'s list (pointer, or a test's selectOption), focus leaves it, so ←/→, Space and L act on
 * the timeline again instead of changing the choice. A keyboard user browsing a closed select
 * with the arrow keys (each arrow fires `change`) keeps focus there: the change that follows a
 * key pressed on the select itself is left alone.
 */
export function installSelectRelease(): void {
  let keyedSelect: EventTarget | null = null;
  document.addEventListener(
    'keydown',
    (e) => {
      keyedSelect = e.target instanceof HTMLSelectElement ? e.target : null;
    },
    true,
  );
  document.addEventListener(
    'pointerdown',
    () => {
      keyedSelect = null;
    },
    true,
  );
  document.addEventListener(
    'change',
    (e) => {
      const t = e.target;
      if (!(t instanceof HTMLSelectElement) || t === keyedSelect) return;
      // After React has handled the change (it may re-render or remove the select).
      setTimeout(() => {
        if (document.activeElement === t) t.blur();
      }, 0);
    },
    true,
  );
}
