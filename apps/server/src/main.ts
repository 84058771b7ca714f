/** Entry point for `npm start`: reads the environment and serves. */
import { loadConfig } from './platform/config.ts';
import { serve } from './server.ts';

await serve(loadConfig());
