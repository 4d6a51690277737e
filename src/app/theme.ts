import { useApp, type Theme } from './state/store.ts';
import { invalidatePalette } from './render/palette.ts';
import { redrawAll } from './render/raf.ts';

/** Applies the theme to <html data-theme>, following the system when set to 'system', live. */
export function applyTheme(t: Theme): void {
  const dark = t === 'dark' || (t === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  invalidatePalette();
  redrawAll();
}

export function installTheme(): void {
  applyTheme(useApp.getState().theme);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(useApp.getState().theme));
  useApp.subscribe((s, prev) => {
    if (s.theme !== prev.theme) {
      applyTheme(s.theme);
      try {
        localStorage.setItem('msix-lab.theme', s.theme);
      } catch {
        /* private mode */
      }
    }
  });
}
