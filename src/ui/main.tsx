// Entry: i18n (Chinese first), error boundary, the workspace.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import './styles.css';

initI18n('zh');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
