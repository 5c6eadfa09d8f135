/// <reference types="office-js" />
// The ribbon's function file (manifest FunctionFile, commands.html). The only
// ribbon button opens the task pane (ShowTaskpane), which needs no code here;
// Office still requires the page to load Office.js and call onReady.
Office.onReady(() => undefined);
