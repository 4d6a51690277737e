import { beforeEach, describe, expect, it } from 'vitest';
import type { RunOk } from '../../worker/protocol.ts';
import { setRun } from './runData.ts';
import { useApp, type AppState } from './store.ts';

const initial = useApp.getState();
const st = (): AppState => useApp.getState();

// Each test starts from the initial state (actions included: a replace keeps them).
beforeEach(() => useApp.setState(initial, true));

describe('the store has named actions only', () => {
  it('has no generic setter', () => {
    // @ts-expect-error `set(Partial)` is gone: state changes through the named actions.
    expect(st().set).toBeUndefined();
    expect('runVersion' in st()).toBe(false);
  });
});

describe('run transitions', () => {
  it('a run starting shows as running and keeps everything else', () => {
    st().select({ pane: 1, row: 3 });
    st().runStarted();
    expect(st().status).toBe('running');
    expect(st().selected).toEqual({ pane: 1, row: 3 });
  });

  it('a run on screen clears the old selection, hover, error and playback, and keeps the preset unless told', () => {
    useApp.setState({ presetId: 'default', notice: 'old', error: { message: 'x', path: 'p' } });
    st().select({ pane: 0, row: 9 });
    st().hoverRaise({ t: 5, stream: 1 });
    st().play();
    st().runSucceeded({ scenarioText: '{"a":1}', policies: ['qemu-msix'] });
    expect(st()).toMatchObject({
      status: 'ready',
      error: null,
      scenarioText: '{"a":1}',
      policies: ['qemu-msix'],
      presetId: 'default',
      notice: null,
      selected: null,
      hover: null,
      playing: false,
    });
    st().runSucceeded({ scenarioText: '{}', policies: ['x'], presetId: null, notice: 'custom scenario' });
    expect(st()).toMatchObject({ presetId: null, notice: 'custom scenario' });
  });

  it('a failure before any run is an error; after one, the run stays shown (ready) with the error', () => {
    st().runStarted();
    st().runFailed({ message: 'steps[0].t: must be an integer', path: 'steps[0].t' });
    expect(st()).toMatchObject({
      status: 'error',
      error: { message: 'steps[0].t: must be an integer', path: 'steps[0].t' },
    });
    setRun({
      ok: true,
      runId: 1,
      tableSize: 0,
      scenario: {} as RunOk['scenario'],
      policies: [],
      seed: 0,
      runs: [],
      elapsedMs: 0,
    });
    st().runStarted();
    st().runCancelled();
    expect(st()).toMatchObject({ status: 'ready', error: { message: 'the run was cancelled', path: '' } });
    st().dismissError();
    expect(st().error).toBeNull();
  });
});

describe('errors and links', () => {
  it('a rejected link keeps its scenario as a one-time editor draft', () => {
    st().linkRejected({ message: 'bad', path: '', fallback: 'default shown' }, '{"broken":');
    expect(st().error?.fallback).toBe('default shown');
    expect(st().takeEditorDraft()).toBe('{"broken":');
    expect(st().takeEditorDraft()).toBeNull();
    st().linkRejected({ message: 'undecodable', path: '' });
    expect(st().editorDraft).toBeNull();
  });

  it('a share failure names its field', () => {
    st().shareFailed({ message: 'policies: too long', path: 'policies' });
    expect(st().error).toEqual({ message: 'policies: too long', path: 'policies' });
  });
});

describe('view actions', () => {
  it('open and close the dialogs', () => {
    st().openEditor();
    st().openHelp();
    expect(st()).toMatchObject({ editorOpen: true, helpOpen: true });
    st().closeEditor();
    st().closeHelp();
    expect(st()).toMatchObject({ editorOpen: false, helpOpen: false });
  });

  it('toggle the table and idle-vector groups, and collapse them all', () => {
    st().toggleTable();
    expect(st().tableView).toBe(true);
    st().toggleTable();
    expect(st().tableView).toBe(false);
    st().toggleGroup('g1');
    st().toggleGroup('g2');
    st().toggleGroup('g2');
    expect(st().expandedGroups).toEqual({ g1: true, g2: false });
    st().collapseGroups();
    expect(st().expandedGroups).toEqual({});
  });

  it('set the theme, speed, selection, hover and playback', () => {
    st().setTheme('dark');
    st().setSpeed(500_000);
    st().select({ pane: 2, row: 4 });
    st().hoverRaise({ t: 100, stream: 0 });
    st().play();
    expect(st()).toMatchObject({
      theme: 'dark',
      speed: 500_000,
      selected: { pane: 2, row: 4 },
      hover: { t: 100, stream: 0 },
      playing: true,
    });
    st().pause();
    st().select(null);
    st().hoverRaise(null);
    expect(st()).toMatchObject({ playing: false, selected: null, hover: null });
  });
});
