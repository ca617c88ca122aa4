// Last line of defence: a readable message instead of a blank page (the project is in IndexedDB).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18next from 'i18next';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('LifeCircle UI error', error, info.componentStack);
  }
  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const t = i18next.t.bind(i18next);
    return (
      <div className="fullscreen-message" role="alert">
        <h1>{t('error.title')}</h1>
        <p>{t('error.body')}</p>
        <details><summary>{t('error.details')}</summary><pre>{error.message}</pre></details>
        <button onClick={() => location.reload()}>{t('error.reload')}</button>
      </div>
    );
  }
}
