import { create } from 'zustand';
import { getRun } from './runData.ts';

/**
 * UI state only, in slices. Simulation data lives in runData.ts; the 60 fps cursor and viewport
 * live in viewport.ts. Components subscribe with selectors.
 *
 * State changes only through the named actions below, each saying what happened; there is no
 * generic `set(Partial)`, so every transition is listed here (and tested in store.test.ts).
 */

export type Theme = 'system' | 'light' | 'dark';

/** One line naming the field (`path`, '' when none); `fallback` says what is shown instead (e.g. the default scenario after a broken link). */
export interface AppError {
  message: string;
  path: string;
  fallback?: string;
}

/** What a successful run puts on screen besides its data (which goes to runData.ts). */
export interface RunShown {
  scenarioText: string;
  policies: string[];
  /** undefined: keep the current preset. */
  presetId?: string | null;
  /** undefined: no notice. */
  notice?: string | null;
}

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
  error: AppError | null;
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

interface Actions {
  // Runs (runner.ts). A failure keeps the previous run on screen: status stays 'ready' if there is one.
  runStarted: () => void;
  /** Call right after runData's setRun(run), in the same task (one render shows both). */
  runSucceeded: (shown: RunShown) => void;
  runFailed: (error: AppError) => void;
  runCancelled: () => void;
  // Errors outside a run.
  shareFailed: (error: AppError) => void;
  /** A shared link failed to open (the default is shown); `draft` is its scenario for the editor to fix. */
  linkRejected: (error: AppError, draft?: string) => void;
  dismissError: () => void;
  // Dialogs and views.
  openEditor: () => void;
  closeEditor: () => void;
  /** Returns the editor's one-time draft (a shared link's invalid scenario) and clears it. */
  takeEditorDraft: () => string | null;
  openHelp: () => void;
  closeHelp: () => void;
  setTheme: (t: Theme) => void;
  toggleTable: () => void;
  toggleGroup: (key: string) => void;
  collapseGroups: () => void;
  // Selection and hover.
  select: (s: Selection | null) => void;
  hoverRaise: (key: RaiseKey | null) => void;
  // Playback.
  play: () => void;
  pause: () => void;
  setSpeed: (ns: number) => void;
}

export type AppState = ScenarioSlice & ViewSlice & SelectionSlice & PlaybackSlice & Actions;

function initialTheme(): Theme {
  try {
    const t = localStorage.getItem('msix-lab.theme');
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export const useApp = create<AppState>()((set, get) => ({
  scenarioText: '',
  presetId: null,
  policies: [],
  status: 'idle',
  error: null,
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

  runStarted: () => set({ status: 'running' }),
  // A new run: rows and raises of the old one mean nothing in it, and playback starts paused.
  runSucceeded: ({ scenarioText, policies, presetId, notice }) =>
    set((st) => ({
      status: 'ready',
      error: null,
      scenarioText,
      policies,
      presetId: presetId === undefined ? st.presetId : presetId,
      notice: notice ?? null,
      selected: null,
      hover: null,
      playing: false,
    })),
  runFailed: (error) => set({ status: getRun() ? 'ready' : 'error', error }),
  runCancelled: () => get().runFailed({ message: 'the run was cancelled', path: '' }),
  shareFailed: (error) => set({ error }),
  linkRejected: (error, draft) => set(draft === undefined ? { error } : { error, editorDraft: draft }),
  dismissError: () => set({ error: null }),

  openEditor: () => set({ editorOpen: true }),
  closeEditor: () => set({ editorOpen: false }),
  takeEditorDraft: () => {
    const d = get().editorDraft;
    if (d !== null) set({ editorDraft: null });
    return d;
  },
  openHelp: () => set({ helpOpen: true }),
  closeHelp: () => set({ helpOpen: false }),
  setTheme: (theme) => set({ theme }),
  toggleTable: () => set((st) => ({ tableView: !st.tableView })),
  toggleGroup: (key) => set((st) => ({ expandedGroups: { ...st.expandedGroups, [key]: !st.expandedGroups[key] } })),
  collapseGroups: () => set({ expandedGroups: {} }),

  select: (s) => set({ selected: s }),
  hoverRaise: (hover) => set({ hover }),

  play: () => set({ playing: true }),
  pause: () => set({ playing: false }),
  setSpeed: (speed) => set({ speed }),
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
