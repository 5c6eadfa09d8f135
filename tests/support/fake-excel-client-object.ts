// The base of every fake Excel proxy (ClientObject, as in Office.js): a path for
// the request's JSON, a resolver run at sync time to find its model object, and
// the data a load brought back. Methods and property writes only queue commands;
// a property cannot be read before load() and a sync (PropertyNotLoaded);
// *OrNullObject proxies tell isNullObject only after a sync. CollectionObject is
// the base of collections whose `items` load a proxy per member.

import type { FakeRequestContext } from './fake-excel-context.js';
import { FakeRichApiError, notLoaded } from './fake-rich-api-error.js';

type LoadSpec = string | string[] | { select?: string; expand?: string } | Record<string, unknown> | undefined;

function loadList(spec: LoadSpec): string[] {
  if (spec === undefined) return ['*'];
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadList(s));
  if (typeof spec.select === 'string') return loadList(spec.select);
  return Object.entries(spec)
    .filter(([, v]) => v)
    .map(([k]) => k);
}

/** Base of every proxy: a path (for request JSON), a resolver run at sync time, loaded data. */
export abstract class ClientObject<T> {
  protected readonly data = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    protected readonly path: string,
    private readonly resolver: () => T | null,
    nullable = false,
  ) {
    if (nullable) {
      // Office resolves *OrNullObject proxies at their place in the batch.
      context.enqueue({ o: 'get', p: path }, () => {
        const isNull = this.resolveOrNull() === null;
        context.loaded({ p: path, isNull }, () => (this.nullState = isNull));
      });
    }
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  /** @internal The model object, or null for a null object. */
  resolveOrNull(): T | null {
    return this.resolver();
  }

  /** @internal The model object; a null object cannot be acted on. */
  target(): T {
    const t = this.resolver();
    if (t === null)
      throw new FakeRichApiError(
        'InvalidObjectPath',
        `The object path '${this.path}' isn't working for what you're trying to do (null object).`,
      );
    return t;
  }

  protected abstract readProp(t: T, prop: string): unknown;
  protected abstract get scalarProps(): string[];

  load(spec?: LoadSpec): this {
    const props = loadList(spec);
    this.context.enqueue({ o: 'load', p: this.path, l: props }, () => {
      const t = this.resolveOrNull();
      if (t === null) {
        this.context.loaded({ p: this.path, isNull: true }, () => (this.nullState = true));
        return;
      }
      const snapshot = new Map<string, unknown>();
      for (const prop of props) this.loadProp(t, prop, snapshot);
      this.context.loaded({ p: this.path, d: Object.fromEntries(snapshot) }, () => {
        this.nullState = false;
        for (const [k, v] of snapshot) this.data.set(k, v);
      });
    });
    return this;
  }

  /** Loads one property (or a navigation "a/b") into the snapshot. */
  protected loadProp(t: T, prop: string, snapshot: Map<string, unknown>): void {
    if (prop === '*') {
      for (const p of this.scalarProps) this.loadProp(t, p, snapshot);
      return;
    }
    const slash = prop.indexOf('/');
    if (slash >= 0) {
      const head = prop.slice(0, slash);
      const child = this.child(head);
      if (!child) throw new FakeRichApiError('InvalidArgument', `Cannot load '${prop}' on ${this.path}.`);
      child.loadNow(prop.slice(slash + 1));
      return;
    }
    snapshot.set(prop, this.readProp(t, prop));
  }

  /** Navigation properties (format, font...) for loads like "format/columnWidth". */
  protected child(_name: string): ClientObject<unknown> | undefined {
    return undefined;
  }

  /** @internal Loads a property right now (inside a running load command). */
  loadNow(prop: string): void {
    const t = this.target();
    const snapshot = new Map<string, unknown>();
    this.loadProp(t, prop, snapshot);
    this.context.loaded({ p: this.path, d: Object.fromEntries(snapshot) }, () => {
      this.nullState = false;
      for (const [k, v] of snapshot) this.data.set(k, v);
    });
  }

  protected read<V>(prop: string): V {
    if (!this.data.has(prop)) throw notLoaded(prop);
    return this.data.get(prop) as V;
  }

  protected write(prop: string, value: unknown, apply: (t: T) => void): void {
    this.context.enqueue({ o: 'set', p: this.path, n: prop, v: value }, () => apply(this.target()));
  }

  protected call(method: string, args: unknown[], run: (t: T) => void): void {
    this.context.enqueue({ o: 'call', p: this.path, m: method, a: args }, () => run(this.target()));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.data);
  }
}

/** A collection: load('items') (or 'items/name') makes a proxy per member and loads it. */
export abstract class CollectionObject<T, P extends { loadNow(prop: string): void }> extends ClientObject<T> {
  private itemProxies: P[] | undefined;

  /** A proxy per member of the collection, as it is when the load runs. */
  protected abstract members(t: T): P[];

  protected override loadProp(t: T, prop: string, snapshot: Map<string, unknown>): void {
    if (prop === 'items' || prop.startsWith('items/')) {
      const sub = prop.startsWith('items/') ? prop.slice(6) : '*';
      const proxies = this.members(t);
      for (const p of proxies) p.loadNow(sub);
      snapshot.set('items', proxies.length);
      this.context.loaded({}, () => (this.itemProxies = proxies));
      return;
    }
    super.loadProp(t, prop, snapshot);
  }

  get items(): P[] {
    if (!this.itemProxies) throw notLoaded('items');
    return this.itemProxies;
  }
}
