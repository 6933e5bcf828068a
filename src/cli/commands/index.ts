import type { Command } from '../command.js';
import { triageCommand } from './triage.js';
import { verifyCommand } from './verify.js';
import { checkCommand } from './check.js';
import { checksCommand } from './checks.js';
import { explainCommand } from './explain.js';
import { typesCommand } from './types.js';
import { parseCommand } from './parse.js';

// Each command lives in its own module; add one import and one entry per command.
export const commands: Command[] = [triageCommand, verifyCommand, checkCommand, checksCommand, explainCommand, typesCommand, parseCommand];
