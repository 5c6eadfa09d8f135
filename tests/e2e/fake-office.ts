// Stands in for Office.js in the task pane's browser test: the test serves this
// bundle at Microsoft's office.js URL (page.route, so nothing leaves the
// machine). It builds the in-memory Excel host from window.__VF_FAKE_SETUP__,
// puts Excel and Office on window, and leaves the host at window.__VF_FAKE__ so
// the test can look at the sheets written and the syncs made.
import { FakeExcel, type FakeExcelOptions } from '../support/fake-excel.js';
import type { FakeInput } from '../support/fake-grid.js';

export interface FakeSetup {
  options?: FakeExcelOptions;
  sheets: { name: string; rows: FakeInput[][] }[];
}

const w = window as unknown as Record<string, unknown> & { __VF_FAKE_SETUP__?: FakeSetup; __VF_FAKE__?: FakeExcel };
const setup = w.__VF_FAKE_SETUP__ ?? { sheets: [] };
const fake = new FakeExcel(setup.options);
for (const s of setup.sheets) fake.addSheet(s.name, s.rows);
fake.install(w);
w.__VF_FAKE__ = fake;
