// Messages between the web page and its worker. Everything is structured-cloneable.
import type {
  AuditRequest,
  AuditView,
  CalcRequest,
  CalcView,
  PolicyChoice,
  PolicyView,
  Progress,
  UnitDetail,
  UnitPage,
  UnitQuery,
  WorkbookInfo,
} from '../pane/host.js';
import type { Said } from '../engine/said.js';

type CalcReply = { view: Omit<CalcView, 'output'>; fileName: string; blob: Blob };
type AuditReply = { view: Omit<AuditView, 'output'>; fileName: string; blob: Blob };

export interface Calls {
  inspect: { args: { file: File; role: 'roster' | 'ledger' }; result: WorkbookInfo };
  policy: { args: { choice: PolicyChoice; year: number }; result: PolicyView };
  calc: { args: Omit<CalcRequest, 'roster'> & { roster: File }; result: CalcReply };
  audit: { args: Omit<AuditRequest, 'roster' | 'ledger'> & { roster: File; ledger: File }; result: AuditReply };
  units: { args: UnitQuery; result: UnitPage };
  explain: { args: { id: number }; result: UnitDetail };
}

export type Method = keyof Calls;

export type ToWorker = { [M in Method]: { id: number; method: M; args: Calls[M]['args'] } }[Method];

export type FromWorker =
  | { id: number; kind: 'progress'; progress: Progress }
  | { id: number; kind: 'ok'; result: unknown }
  | { id: number; kind: 'error'; error: { name: string; said: Said; code: string } };
