// What the reading and writing workers and their openers share: a queue of
// arrived messages to wait on, and flow control by credits (a batch may be
// sent only while fewer than `ahead` are unanswered), so neither side can run
// far ahead of the other and pile batches up in memory.

/** Messages as they arrive, taken one at a time; `next` waits when none is there. */
export class Inbox<T> {
  private readonly queue: T[] = [];
  private wake: (() => void) | undefined;

  readonly push = (m: T): void => {
    this.queue.push(m);
    this.wake?.();
  };

  get empty(): boolean {
    return this.queue.length === 0;
  }

  async next(): Promise<T> {
    while (!this.queue.length) await new Promise<void>((r) => (this.wake = r));
    return this.queue.shift()!;
  }
}

/** At most `ahead` batches sent and not yet answered; an aborted `signal` stops the waiting. */
export class Credits {
  private unanswered = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ahead: number,
    private readonly signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => this.wake?.());
  }

  /** Waits until one more batch may be sent, and counts it. */
  async take(): Promise<void> {
    while (this.unanswered >= this.ahead && !this.signal?.aborted) await new Promise<void>((r) => (this.wake = r));
    this.unanswered++;
  }

  /** The other side answered a batch. */
  give(): void {
    this.unanswered--;
    this.wake?.();
  }
}
