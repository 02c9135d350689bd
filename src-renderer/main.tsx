import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './app/App.js';
import { BootErrorScreen, BootScreen } from './app/BootScreens.js';
import { boot } from './app/boot.js';
import { getBridge } from './bridge/index.js';
import { logError, reportUncaughtErrors, sendLogsTo } from './log/report.js';
import { IS_MAC } from './app/platform.js';
import { applyTheme } from './app/theme.js';
import { useUi } from './state/ui-slice.js';
import { ServicesContext } from './state/workspace-store.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/list.css';
import './styles/editor.css';
import './styles/status.css';
import './styles/dialogs.css';
import './styles/boot.css';
import './styles/sync.css';

/** Boots the app; on failure shows the error with a Retry that runs the whole boot again. */
async function start(root: Root): Promise<void> {
  root.render(<BootScreen step="bridge" />);
  try {
    const booted = await boot((step) => root.render(<BootScreen step={step} />));
    useUi.getState().setTheme(booted.theme);
    root.render(
      <StrictMode>
        <ServicesContext.Provider value={booted}>
          <App mac={IS_MAC} />
        </ServicesContext.Provider>
      </StrictMode>,
    );
  } catch (err) {
    logError('Tether failed to start', err);
    root.render(<BootErrorScreen error={err} onRetry={() => void start(root)} />);
  }
}

// From the first moment: the page's errors go to main's log file as well as the console.
sendLogsTo(getBridge);
reportUncaughtErrors(window);
// Follow the OS theme on the boot screen, before the saved preference is known.
applyTheme('system');
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
void start(createRoot(container));
