import { create } from 'zustand';

/**
 * UI state only, in slices. Simulation data lives in runData.ts; the 60 fps cursor and viewport
 * live in viewport.ts. Components subscribe with selectors.
 */

export type Theme = 'system' | 'light' | 'dark';

export interface Selection {
  pane: number;
  /** Log row in that pane. */
  row: number;
}

/** A device raise identified across panes: same time, same traffic stream. */
export interface RaiseKey {
  t: number;
  stream: number;
}

interface ScenarioSlice {
  /** The scenario as JSON text (the editor's content once applied). */
  scenarioText: string;
  presetId: string | null;
  policies: string[];
  status: 'idle' | 'running' | 'ready' | 'error';
  /** Last error (bad scenario, bad link); the previous run stays on screen. */
  /** `fallback` says what is shown instead (e.g. the default scenario after a broken link). */
  error: { message: string; path: string; fallback?: string } | null;
  runVersion: number;
  /** Shown under the title: where the scenario came from. */
  notice: string | null;
  /** Text the editor opens with once instead of scenarioText (a shared link's invalid scenario). */
  editorDraft: string | null;
}

interface ViewSlice {
  theme: Theme;
  tableView: boolean;
  helpOpen: boolean;
  editorOpen: boolean;
  expandedGroups: Record<string, boolean>;
}

interface SelectionSlice {
  selected: Selection | null;
  hover: RaiseKey | null;
}

interface PlaybackSlice {
  playing: boolean;
  /** Simulated nanoseconds per real second. */
  speed: number;
}

export type AppState = ScenarioSlice & ViewSlice & SelectionSlice & PlaybackSlice & {
  set: (p: Partial<AppState>) => void;
  select: (s: Selection | null) => void;
  toggleGroup: (key: string) => void;
};

function initialTheme(): Theme {
  try {
    const t = localStorage.getItem('msix-lab.theme');
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export const useApp = create<AppState>()((set) => ({
  scenarioText: '',
  presetId: null,
  policies: [],
  status: 'idle',
  error: null,
  runVersion: 0,
  notice: null,
  editorDraft: null,

  theme: initialTheme(),
  tableView: false,
  helpOpen: false,
  editorOpen: false,
  expandedGroups: {},

  selected: null,
  hover: null,

  playing: false,
  speed: 20_000,

  set: (p) => set(p),
  select: (s) => set({ selected: s }),
  toggleGroup: (key) => set((st) => ({ expandedGroups: { ...st.expandedGroups, [key]: !st.expandedGroups[key] } })),
}));

export const SPEEDS: { ns: number; label: string }[] = [
  { ns: 1_000, label: '1 µs/s' },
  { ns: 5_000, label: '5 µs/s' },
  { ns: 20_000, label: '20 µs/s' },
  { ns: 100_000, label: '100 µs/s' },
  { ns: 500_000, label: '0.5 ms/s' },
  { ns: 2_000_000, label: '2 ms/s' },
  { ns: 10_000_000, label: '10 ms/s' },
];

/** Hover and selection are drawn by the overlays, outside React: redraw them when they change. */
export function installOverlaySync(redraw: () => void): void {
  useApp.subscribe((s, prev) => {
    if (s.hover !== prev.hover || s.selected !== prev.selected || s.playing !== prev.playing) redraw();
  });
}
