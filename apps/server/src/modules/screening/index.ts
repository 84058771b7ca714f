/** The screening module's public API: routes, the CLI's import and screen, the demo data, the seed. */
export { generateDemoData, DEFAULT_DEMO_INSTITUTIONS, type DemoInstitution } from './demo.generate.ts';
export { failInterruptedImports, importFile } from './imports.service.ts';
export { screenNow } from './runs.service.ts';
export { effectiveParams } from './rules.params.ts';
export { screeningRoutes } from './screening.routes.ts';
export { screeningAlerts, screeningImports, screeningRuns } from './screening.tables.ts';
export { seedScreeningDemo } from './demo.seed.ts';
