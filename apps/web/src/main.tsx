/** Entry: mounts the providers and the router; everything else is loaded per route. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { currentLocale, loadLocale } from './lib/i18n/current.ts';
import './app/styles.css';

// An English user's dictionary is fetched before the first paint (see lib/i18n/current.ts).
loadLocale(currentLocale())
  .catch(() => undefined)
  .finally(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
