// The web page's host: every call goes to the worker; cancel ends the worker
// (and a fresh one takes its place), so nothing can keep running or hang.
import type { Lang } from '../engine/said.js';
import { UserError, abortError } from '../pane/errors.js';
import type { AuditView, CalcView, Host, OutputView, Progress } from '../pane/host.js';
import type { Calls, FromWorker, Method, ToWorker } from './protocol.js';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: Progress) => void;
}

class WorkerClient {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.ts', import.meta.url), { name: 'vf-worker' });
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') return p.onProgress?.(m.progress);
      this.pending.delete(m.id);
      if (m.kind === 'ok') p.resolve(m.result);
      else p.reject(m.error.name === 'AbortError' ? abortError() : new UserError(m.error.said, m.error.code));
    };
    const crashed = (reason: string) => {
      this.stop(
        new UserError(
          {
            zh: `处理文件时后台任务意外终止（${reason}），可能是文件太大、浏览器内存不足。请关闭其他标签页后重试，或用命令行工具 village-funds 处理。`,
            en: `The background task stopped unexpectedly (${reason}); the file may be too large for the browser's memory. Close other tabs and try again, or use the command-line tool.`,
          },
          'crashed',
        ),
      );
    };
    w.onerror = (e) => {
      e.preventDefault();
      crashed(e.message || 'error');
    };
    w.onmessageerror = () => crashed('messageerror');
    this.worker = w;
    return w;
  }

  /** Ends the worker; every pending call fails with `reason`. */
  stop(reason: unknown): void {
    this.worker?.terminate();
    this.worker = null;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(reason);
  }

  call<M extends Method>(
    method: M,
    args: Calls[M]['args'],
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<Calls[M]['result']> {
    if (signal?.aborted) return Promise.reject(abortError());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      signal?.addEventListener('abort', () => this.pending.has(id) && this.stop(abortError()), { once: true });
      this.start().postMessage({ id, method, args } as ToWorker);
    });
  }
}

export class WebHost implements Host {
  readonly face = 'web' as const;
  readonly policySources = ['builtin', 'file'] as const;
  readonly canAudit = true;
  private readonly worker = new WorkerClient();
  private url: string | null = null;

  constructor(readonly lang: Lang = 'zh') {}

  /** The result workbook as a link the 下载结果 button follows: nothing downloads until the officer asks. */
  private output(blob: Blob, fileName: string): OutputView {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = URL.createObjectURL(blob);
    return { kind: 'download', fileName, url: this.url, bytes: blob.size };
  }

  inspect(file: File | undefined, signal: AbortSignal) {
    if (!file) return Promise.reject(new UserError({ zh: '请先选择名册工作簿。', en: 'Choose the roster workbook first.' }));
    return this.worker.call('inspect', { file, role: 'roster' }, undefined, signal);
  }

  inspectLedger(file: File, signal: AbortSignal) {
    return this.worker.call('inspect', { file, role: 'ledger' }, undefined, signal);
  }

  describePolicy(choice: Calls['policy']['args']['choice'], year: number) {
    return this.worker.call('policy', { choice, year });
  }

  async calc(req: Parameters<Host['calc']>[0], onProgress: (p: Progress) => void, signal: AbortSignal): Promise<CalcView> {
    if (!req.roster) throw new UserError({ zh: '请先选择名册工作簿。', en: 'Choose the roster workbook first.' });
    const r = await this.worker.call('calc', { ...req, roster: req.roster }, onProgress, signal);
    return { ...r.view, output: this.output(r.blob, r.fileName) };
  }

  async audit(req: Parameters<Host['audit']>[0], onProgress: (p: Progress) => void, signal: AbortSignal): Promise<AuditView> {
    if (!req.roster) throw new UserError({ zh: '请先选择名册工作簿。', en: 'Choose the roster workbook first.' });
    if (!req.ledger) throw new UserError({ zh: '请先选择拨付明细。', en: 'Choose the payment ledger first.' });
    const { roster, ledger, ...rest } = req;
    const r = await this.worker.call('audit', { ...rest, roster, ledger }, onProgress, signal);
    return { ...r.view, output: this.output(r.blob, r.fileName) };
  }

  units(q: Calls['units']['args']) {
    return this.worker.call('units', q);
  }

  explain(id: number) {
    return this.worker.call('explain', { id });
  }
}
