/// <reference types="office-js" />
// The Excel task pane: the shared pane over the open workbook.
import { createRoot } from 'react-dom/client';
import { App } from '../../ui/App.js';
import { ExcelHost } from './excel-host.js';

const root = createRoot(document.getElementById('root')!);

function notInExcel(): void {
  root.render(
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '1em' }}>
      <h1 style={{ fontSize: '1.2em' }}>村级经费核算</h1>
      <p>这个页面是 Excel 加载项的任务窗格，需要在 Excel 中打开。不用 Excel（例如使用 WPS）时，请打开同一目录下的网页版：</p>
      <p lang="en">This page is the Excel add-in's task pane and runs inside Excel. Without Excel (e.g. in WPS), use the web page:</p>
      <p>
        <a href="index.html">网页版 / Web page</a>
      </p>
    </main>,
  );
}

if (typeof Office === 'undefined') notInExcel();
else
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel || typeof Excel === 'undefined') return notInExcel();
    const lang = /^en/i.test(Office.context?.displayLanguage ?? '') ? 'en' : 'zh';
    root.render(<App host={new ExcelHost((batch) => Excel.run(batch), lang)} />);
  });
