#!/usr/bin/env node
// The installed command: runs the compiled CLI (`npm install` builds dist/ through `prepare`).
import { runCli } from '../dist/src/cli/commands/main.js';

process.exitCode = await runCli(process.argv.slice(2));
