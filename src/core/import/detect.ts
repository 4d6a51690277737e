import { parseScenarioText } from '../scenario/parse.ts';
import { ScenarioError } from '../scenario/error.ts';
import type { Scenario } from '../scenario/schema.ts';
import { ImportError, MAX_IMPORT_CHARS } from './common.ts';
import { importLspci, type LspciImport } from './lspci.ts';
import { importQemuTrace, type TraceImport } from './qemu-trace.ts';

export type ImportKind = 'lspci' | 'qemu-trace' | 'scenario';

export interface ScenarioImport {
  kind: 'scenario';
  scenario: Scenario;
}

export type AnyImport = LspciImport | TraceImport | ScenarioImport;

/**
 * Which importer a pasted or dropped text is for, from its content only (a file name can lie):
 * JSON starts with "{"; a trace has lines naming vfio_ trace events; lspci has a device line or an
 * "MSI-X:" capability. Null: none of them.
 */
export function detectImportKind(text: string): ImportKind | null {
  const head = text.slice(0, 200_000);
  if (/^\s*\{/.test(head)) return 'scenario';
  if (/^(?:\s*\d+@\d+\.\d+:|\s*\d{4}-\d\d-\d\dT[\d:.]+Z?\s+)?\s*vfio_[a-z0-9_]+\b/im.test(head)) return 'qemu-trace';
  if (
    /^\s*(?:>\s?)*(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\s+\S/im.test(head) ||
    /MSI-X:\s*Enable[+-]/.test(head)
  )
    return 'lspci';
  return null;
}

/**
 * Detects and imports. A scenario JSON is validated like any scenario (its errors are
 * ScenarioError, naming the field); everything else throws ImportError.
 */
export function importText(text: string, opts: { device?: string; kind?: ImportKind } = {}): AnyImport {
  if (text.length > MAX_IMPORT_CHARS)
    throw new ImportError(
      `the text is ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en-US')}`,
    );
  const kind = opts.kind ?? detectImportKind(text);
  if (kind === null)
    throw new ImportError(
      'not recognised: paste `lspci -vv` output, a QEMU trace (vfio_msix_… lines), or a scenario JSON (it starts with "{")',
    );
  if (kind === 'scenario') {
    try {
      return { kind, scenario: parseScenarioText(text) };
    } catch (e) {
      if (e instanceof ScenarioError) throw new ImportError(`the scenario JSON is not valid: ${e.message}`);
      throw e;
    }
  }
  const o = opts.device ? { device: opts.device } : {};
  return kind === 'lspci' ? importLspci(text, o) : importQemuTrace(text, o);
}
