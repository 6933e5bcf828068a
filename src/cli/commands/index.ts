import type { Command } from '../command.js';
import { triageCommand } from './triage.js';

// Each command lives in its own module; add one import and one entry per command.
export const commands: Command[] = [triageCommand];
