// The fake Excel's request context: the queue of commands that proxies add, and
// sync(), which runs it with Office.js's rules:
// - nothing happens until context.sync(), which runs the queue in order; what a
//   load returns is a snapshot taken at its place in the queue, handed to the
//   proxies only when the whole sync succeeds;
// - every sync's request (JSON of the queued commands) and response (JSON of the
//   loaded data) are measured in UTF-8 bytes; over the limit the sync fails with
//   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded and nothing
//   of the request is applied (request) or returned (response);
// - a command that fails stops the batch: commands before it stay applied;
// - requirement sets: APIs newer than the host's `apiVersion` fail with ApiNotFound.
// Each sync is recorded on the host (SyncRecord).

import type { FakeExcel } from './fake-excel.js';
import { WorkbookProxy } from './fake-excel-workbook.js';
import { FakeRichApiError } from './fake-rich-api-error.js';
import { utf8Length } from '../../src/workbook/utf8-buffer.js';

export interface SyncRecord {
  /** UTF-8 bytes of the JSON of the commands sent. */
  requestBytes: number;
  /** UTF-8 bytes of the JSON of the data loaded. */
  responseBytes: number;
  /** Commands in the request. */
  commands: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Error code when the sync failed. */
  error?: string;
}

/** True when requirement set version `have` ("1.12") is at least `need`. */
export const versionAtLeast = (have: string, need: string): boolean => {
  const [a = 0, b = 0] = have.split('.').map(Number);
  const [c = 0, d = 0] = need.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

interface Command {
  json: unknown;
  run: () => void;
}

interface PendingLoad {
  apply: () => void;
}

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  private queue: Command[] = [];
  /** Loaded data of the running sync, applied to proxies when the sync succeeds. */
  private loads: PendingLoad[] = [];
  private responseBytes = 0;
  /** Set by application calls inside the running sync. */
  suspended = { calculation: false, screen: false };

  constructor(readonly host: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  /** @internal Queues a command; `json` is what is measured. */
  enqueue(json: unknown, run: () => void): void {
    this.queue.push({ json, run });
  }

  /** @internal Records loaded data (measured), applied after a successful sync. */
  loaded(data: unknown, apply: () => void): void {
    this.responseBytes += utf8Length(JSON.stringify(data) ?? '');
    this.loads.push({ apply });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.loads = [];
    this.responseBytes = 0;
    this.suspended = { calculation: false, screen: false };
    const requestBytes = utf8Length(JSON.stringify(queue.map((c) => c.json)));
    const record: SyncRecord = {
      requestBytes,
      responseBytes: 0,
      commands: queue.length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
    };
    this.host.syncs.push(record);
    await Promise.resolve();
    if (requestBytes > this.host.requestLimitBytes) {
      record.error = 'RequestPayloadSizeLimitExceeded';
      throw new FakeRichApiError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size has exceeded the limit (${requestBytes} > ${this.host.requestLimitBytes} bytes).`,
      );
    }
    try {
      for (const c of queue) c.run();
    } catch (e) {
      record.error = e instanceof FakeRichApiError ? e.code : 'GeneralException';
      throw e;
    } finally {
      record.suspendedCalculation = this.suspended.calculation;
      record.suspendedScreenUpdating = this.suspended.screen;
    }
    record.responseBytes = this.responseBytes;
    if (this.responseBytes > this.host.responseLimitBytes) {
      record.error = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeRichApiError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size has exceeded the limit (${this.responseBytes} bytes).`,
      );
    }
    for (const l of this.loads) l.apply();
  }

  /** @internal Throws ApiNotFound when the host's ExcelApi version is below `version`. */
  requireApi(version: string, what: string): void {
    if (!versionAtLeast(this.host.apiVersion, version)) {
      throw new FakeRichApiError(
        'ApiNotFound',
        `The requested API ${what} (ExcelApi ${version}) is not supported by this host (ExcelApi ${this.host.apiVersion}).`,
      );
    }
  }
}
