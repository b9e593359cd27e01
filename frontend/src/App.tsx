import { useState } from 'react';
import { getState, type AppState } from './bridge';
import { ErrorNotice } from './components/ErrorNotice';
import { Loading } from './components/Loading';
import { MainWindow } from './features/shell/MainWindow';
import { useAsync } from './features/shared/useAsync';
import { SetupWizard } from './features/wizard/SetupWizard';
import { detectLang, I18nProvider, isLang, useI18n } from './i18n';

/** Loads the app's state, then opens the wizard (first launch, or Add source) or the main window. */
export function App() {
  const { state, reload } = useAsync(getState, []);
  if (state.status !== 'ready') {
    return (
      <I18nProvider key="starting" initialLang={detectLang()}>
        <div className="flex h-full items-center justify-center p-8">
          {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={() => reload()} className="max-w-xl" /> : <StartingUp />}
        </div>
      </I18nProvider>
    );
  }
  const lang = isLang(state.data.lang) ? state.data.lang : detectLang();
  return (
    <I18nProvider key="ready" initialLang={lang}>
      <Screens appState={state.data} onStateChanged={() => reload(true)} />
    </I18nProvider>
  );
}

function StartingUp() {
  const { t } = useI18n();
  return <Loading label={t('app.starting')} />;
}

function Screens({ appState, onStateChanged }: { appState: AppState; onStateChanged(): void }) {
  const [adding, setAdding] = useState(false);
  const firstLaunch = !appState.hasSources;
  if (firstLaunch || adding) {
    return (
      <SetupWizard
        hasSavedConnections={appState.hasConnections}
        onFinish={() => {
          setAdding(false);
          onStateChanged();
        }}
        onCancel={firstLaunch ? undefined : () => setAdding(false)}
      />
    );
  }
  return <MainWindow appState={appState} onAddSource={() => setAdding(true)} />;
}
