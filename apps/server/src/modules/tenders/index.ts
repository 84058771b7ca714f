/** The tenders module: what other modules and the CLI may use. */
export { createEngine, runIndicators } from './engine/engine.ts';
export { formatResults, resultObject } from './engine/output.ts';
export { parseSettings, type Settings } from './engine/settings.ts';
export { recomputeFlags } from './tenders.flags.ts';
export { importTenders } from './tenders.import.ts';
export { tenderRoutes } from './tenders.routes.ts';
export { tenderFlags, tenderProcesses } from './tenders.tables.ts';
