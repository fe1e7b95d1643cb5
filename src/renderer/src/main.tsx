import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { rememberedPreferences } from './app/remembered-preferences';
import { refocusDialField, takeStartupDial } from './app/startup-dial';
import { adoptStartupDial } from './features/phone/queued-dial';
import { reportRendererErrors } from './features/checks/report-renderer-errors';
import { createI18n } from './i18n';
import './styles/theme.css';
import './styles/app.css';

// First, so an error while the app starts reaches the host's log too.
reportRendererErrors();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first render comes before the host's first answer: in the language last shown (the first
// script, early-start.ts, has already put the page in it and in the theme).
const remembered = rememberedPreferences();
const root = createRoot(container);

// What the agent typed or called in the frame's dial field carries on in the Phone screen. Taken
// and rendered in one task (flushSync), so no key press lands in a field about to be replaced.
const startupDial = takeStartupDial(document);
if (startupDial) adoptStartupDial(startupDial);
flushSync(() =>
  root.render(
    <StrictMode>
      <App i18n={createI18n(remembered.language)} />
    </StrictMode>,
  ),
);
if (startupDial) refocusDialField(document, startupDial);
