import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { importLspci, importQemuTrace, MAX_IMPORT_CHARS, type ImportWarning } from '../core/index.ts';
import { InputError } from './input.ts';

/**
 * `msix-lab import lspci|qemu-trace <file|->`: real device data → scenario JSON on stdout, so it can
 * be piped into `run -` or `link -`. Warnings and unused trace lines go to stderr (status stays 0);
 * bad input is one line on stderr and status 2 (ImportError, caught in main.ts).
 */
function readSource(arg: string, what: string, readStdin: () => string): string {
  if (arg === '-') {
    const t = readStdin();
    if (t.trim() === '') throw new InputError(`standard input is empty; pipe ${what} into "-"`);
    return t;
  }
  let size: number;
  try {
    size = statSync(arg).size;
  } catch (e) {
    throw new InputError(`cannot read ${what} "${arg}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Refused before reading (MAX_IMPORT_CHARS characters are at least that many bytes).
  if (size > MAX_IMPORT_CHARS * 4)
    throw new InputError(
      `${what} file "${arg}" is ${size.toLocaleString('en-US')} bytes; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en-US')} characters`,
    );
  return readFileSync(arg, 'utf8');
}

export function registerImport(
  program: Command,
  io: { out: (s: string) => void; err: (s: string) => void; readStdin?: () => string },
): void {
  const readStdin = io.readStdin ?? (() => readFileSync(0, 'utf8'));
  const warn = (ws: ImportWarning[]): void => {
    for (const w of ws) io.err(`msix-lab: warning: ${w.message}\n`);
  };
  const cmd = program
    .command('import')
    .description('turn real device data into a scenario JSON (prints it; pipe it into "run -" or "link -")');
  cmd
    .command('lspci')
    .description("a device's MSI-X capability from `lspci -vv` output → a scenario seeding that device")
    .argument('<file>', 'lspci -vv output, or - for standard input')
    .option('--device <bdf>', 'the device to import when the output lists several (e.g. 18:00.0)')
    .action((arg: string, o: { device?: string }) => {
      const r = importLspci(readSource(arg, 'lspci output', readStdin), o.device ? { device: o.device } : {});
      warn(r.warnings);
      io.out(JSON.stringify(r.scenario, null, 2) + '\n');
    });
  cmd
    .command('qemu-trace')
    .description(
      "a QEMU trace of vfio's MSI-X events → a scenario replaying the guest's unmask/mask order and the interrupts",
    )
    .argument('<file>', "QEMU's -trace 'vfio_msix*' -trace vfio_msi_interrupt output, or - for standard input")
    .option('--device <name>', 'the vfio device to replay when the trace has several (e.g. 0000:03:00.0)')
    .action((arg: string, o: { device?: string }) => {
      const r = importQemuTrace(readSource(arg, 'trace', readStdin), o.device ? { device: o.device } : {});
      warn(r.warnings);
      for (const u of r.unknown) io.err(`msix-lab: unused line ${u.line}: ${u.text}\n`);
      if (r.unknownCount > r.unknown.length)
        io.err(`msix-lab: … and ${r.unknownCount - r.unknown.length} more unused lines\n`);
      io.out(JSON.stringify(r.scenario, null, 2) + '\n');
    });
}
