// Stands in for WPS in the WPS pages' browser test: run before the page's own
// scripts (context.addInitScript), it builds the in-memory ET host from
// window.__VF_FAKE_SETUP__ and puts it on window as Application (and wps), with
// the add-in API the ribbon page uses (CreateTaskPane, GetTaskPane,
// PluginStorage, AddCustomFunction) recording what it is asked. The test reads
// window.__VF_FAKE_ET__ and window.__VF_FAKE_WPS__.
import { FakeEt } from '../support/fake-et.js';
import type { FakeInput } from '../support/fake-grid.js';

export interface FakeWpsSetup {
  sheets: { name: string; rows: FakeInput[][] }[];
  /** Leave AddCustomFunction out, as WPS before 12.1.0.20540. */
  noCustomFunctions?: boolean;
}

export interface FakeWpsAddin {
  panes: { ID: number; url: string; title?: string; Visible: boolean; Width: number; navigations: string[] }[];
  storage: Record<string, unknown>;
  functions: Record<string, (...args: unknown[]) => unknown>;
}

const w = window as unknown as Record<string, unknown> & { __VF_FAKE_SETUP__?: FakeWpsSetup };
const setup = w.__VF_FAKE_SETUP__ ?? { sheets: [] };
const fake = new FakeEt();
for (const s of setup.sheets) fake.addSheet(s.name, s.rows);

const addin: FakeWpsAddin = { panes: [], storage: {}, functions: {} };

/** A task pane as the page sees it: property writes land on the recorded pane. */
function paneProxy(pane: FakeWpsAddin['panes'][number]) {
  return {
    get ID() {
      return pane.ID;
    },
    get Visible() {
      return pane.Visible;
    },
    set Visible(v: boolean) {
      pane.Visible = v;
    },
    get Width() {
      return pane.Width;
    },
    set Width(v: number) {
      pane.Width = v;
    },
    Navigate: (u: string) => void pane.navigations.push(u),
  };
}

const api = {
  CreateTaskPane(url: string, title?: string) {
    const pane = { ID: addin.panes.length + 1, url, title, Visible: false, Width: 0, navigations: [] };
    addin.panes.push(pane);
    return paneProxy(pane);
  },
  GetTaskPane(id: number) {
    const pane = addin.panes.find((p) => p.ID === id);
    return pane ? paneProxy(pane) : null;
  },
  PluginStorage: {
    getItem: (k: string) => addin.storage[k] ?? null,
    setItem: (k: string, v: unknown) => void (addin.storage[k] = v),
  },
  ...(setup.noCustomFunctions
    ? {}
    : {
        AddCustomFunction(namespace: string, name: string, fn: (...args: unknown[]) => unknown) {
          addin.functions[`${namespace}.${name}`] = fn;
        },
      }),
};

const application = Object.assign(fake, api);
w.Application = application;
w.wps = application;
w.__VF_FAKE_ET__ = fake;
w.__VF_FAKE_WPS__ = addin;
