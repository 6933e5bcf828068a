// The type checker's public surface: what analyses and checks import.
export * from './types.js';
export * from './objects.js';
export { Info, Mode, SelectionKind, type Selection, type TypeAndValue, type Instance } from './info.js';
export { lookupFieldOrMethod, methodSet, ambiguous, hasPtrRecv, fieldByPath, missingMethod, type LookupResult, type MethodSetEntry } from './lookup.js';
export { Program, type CheckedPackage, type ProgramOptions } from './program.js';
export * from './query.js';
export { recordFor, objectOfExpr, type TypeRecord } from './dump.js';
