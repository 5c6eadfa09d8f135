// The WPS add-in's main page (index.html), which WPS opens hidden when it starts:
// the ribbon's callbacks (ribbon.xml names them: OnAddinLoad, OnAction, GetImage)
// and the cell functions CUNJI.* registered with Application.AddCustomFunction
// (WPS 12.1.0.20540 and later; synchronous functions only, which ours are).
// The functions are the Excel add-in's (src/pane/cell-functions.ts): same names,
// same results.
import { activity, daxie, explain, office, partyBuilding, service, total } from '../../pane/cell-functions.js';
import type { EtGlobal, WpsAddinRoot } from '../et.js';

const NAMESPACE = 'CUNJI';

/** Cell function name -> function; functions.json (built by webpack.wps.cjs) describes the same names. */
const FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  OFFICE: office,
  PARTYBUILDING: partyBuilding,
  ACTIVITY: activity,
  SERVICE: service,
  TOTAL: total,
  EXPLAIN: explain,
  DAXIE: daxie,
};

/** Ribbon button id -> the pane section it opens. */
const BUTTONS: Record<string, string> = { vfCalc: 'calc', vfAudit: 'audit', vfPolicy: 'policy' };

const PANE_KEY = 'village-funds-taskpane';

/** Opens the task pane at a section, or shows it and moves to the section when it is open already. */
function openPane(app: WpsAddinRoot, base: string, section: string): void {
  const url = new URL(`taskpane.html#${section}`, base).href;
  const id = Number(app.PluginStorage.getItem(PANE_KEY));
  const open = id ? app.GetTaskPane(id) : null;
  if (open) {
    // Only the fragment changes: the pane keeps its state (no reload).
    open.Navigate(url);
    open.Visible = true;
    return;
  }
  const pane = app.CreateTaskPane(url, '村级经费核算');
  app.PluginStorage.setItem(PANE_KEY, pane.ID);
  pane.Width = 420;
  pane.Visible = true;
}

function registerFunctions(app: WpsAddinRoot): boolean {
  if (typeof app.AddCustomFunction !== 'function') return false;
  for (const [name, fn] of Object.entries(FUNCTIONS)) app.AddCustomFunction(NAMESPACE, name, fn as (...args: unknown[]) => unknown);
  return true;
}

const app = (window as unknown as EtGlobal).Application;
const callbacks = {
  OnAddinLoad: () => true,
  OnAction: (control: { Id: string }) => {
    const section = BUTTONS[control.Id];
    if (app && section) openPane(app, document.location.href, section);
    return true;
  },
  GetImage: () => 'images/icon-32.png',
};
Object.assign(window, callbacks);
if (app) registerFunctions(app);
