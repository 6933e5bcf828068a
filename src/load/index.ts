export type { ModuleInfo, SourcePackage, LoadOptions, Loader, LoadError } from './package.js';
export { createLoader } from './loader.js';
