/** Entry of the phone pages (/r/<token>, /report, the reps' /rep…): plain React and hand-written CSS, no console code. */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './public.css';

// The sales reps' pages are their own chunk: a patient scanning a code never downloads them.
const RepApp = lazy(() => import('./reps/RepApp.tsx'));
const isRep = /^\/rep(\/|$)/.test(location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {isRep ? (
      <Suspense fallback={null}>
        <RepApp />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
