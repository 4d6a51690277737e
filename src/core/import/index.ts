/** Importers of real device data (issue 7): lspci dumps and QEMU vfio traces → scenarios. */
export { ImportError, MAX_IMPORT_CHARS, MAX_IMPORT_LINES, type ImportWarning } from './common.ts';
export {
  importLspci,
  parseLspciDevices,
  assignmentWarnings,
  defaultGuestSteps,
  GUEST_MAX_VECTORS,
  type LspciImport,
  type LspciDevice,
  type LspciMsix,
  type MsixLocation,
} from './lspci.ts';
export { importQemuTrace, type TraceImport, type TraceVectorSummary } from './qemu-trace.ts';
export { detectImportKind, importText, type AnyImport, type ImportKind, type ScenarioImport } from './detect.ts';
