#!/usr/bin/env node
// Thin launcher: Node 20 cannot run TypeScript, so register tsx's loader and run the CLI source.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/entry.ts');
