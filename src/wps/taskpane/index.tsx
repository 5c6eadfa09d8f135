// The WPS task pane: the shared pane over WPS 表格's open workbook. WPS puts its
// Application object on the page's window; opened anywhere else the page says so.
// The ribbon's 核算 / 审计 / 政策 buttons open it at #calc, #audit or #policy.
import { createRoot } from 'react-dom/client';
import { App } from '../../ui/App.js';
import type { EtGlobal } from '../et.js';
import { WpsHost } from '../wps-host.js';

const root = createRoot(document.getElementById('root')!);
const app = (window as unknown as EtGlobal).Application;

/** The part of the pane each ribbon button is for. */
const SECTIONS: Record<string, string> = {
  '#calc': '[data-testid="compute"]',
  '#audit': '[data-testid="audit"]',
  '#policy': '#vf-policy',
};

function showSection(): void {
  const selector = SECTIONS[window.location.hash];
  const el = selector ? document.querySelector<HTMLElement>(selector) : null;
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  if (el.tabIndex < 0) el.tabIndex = -1;
  el.focus({ preventScroll: true });
}

if (!app || typeof app.ActiveWorkbook === 'undefined') {
  root.render(
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '1em' }}>
      <h1 style={{ fontSize: '1.2em' }}>村级经费核算</h1>
      <p>这个页面是 WPS 加载项的任务窗格，需要在 WPS 表格中从「村级经费」选项卡打开。不用 WPS 加载项时，请使用网页版。</p>
      <p lang="en">
        This page is the WPS add-in&apos;s task pane: open it in WPS 表格 (Spreadsheets) from the 村级经费 tab. Without the add-in, use the
        web page.
      </p>
    </main>,
  );
} else {
  const lang = /^en/i.test(navigator.language) ? 'en' : 'zh';
  root.render(<App host={new WpsHost(app, lang)} />);
  window.addEventListener('hashchange', showSection);
  // The sections appear once the workbook is read: show the asked-for one when it does.
  const wanted = SECTIONS[window.location.hash];
  if (wanted) {
    const seen = new MutationObserver(() => {
      if (!document.querySelector(wanted)) return;
      seen.disconnect();
      showSection();
    });
    seen.observe(document.body, { childList: true, subtree: true });
  }
}
