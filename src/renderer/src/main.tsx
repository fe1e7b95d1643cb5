import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { rememberedPreferences } from './app/remembered-preferences';
import { reportRendererErrors } from './features/checks/report-renderer-errors';
import { createI18n } from './i18n';
import './styles/theme.css';
import './styles/app.css';

// First, so an error while the app starts reaches the host's log too.
reportRendererErrors();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first render comes before the host's first answer: in the language and theme last shown.
const remembered = rememberedPreferences();
if (remembered.language) document.documentElement.lang = remembered.language;
if (remembered.theme) document.documentElement.dataset['theme'] = remembered.theme;

createRoot(container).render(
  <StrictMode>
    <App i18n={createI18n(remembered.language)} />
  </StrictMode>,
);
