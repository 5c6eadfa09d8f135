// The error the in-memory hosts throw, shaped like Office.js's OfficeExtension.Error
// (name "RichApi.Error", code, debugInfo). The fake ET host throws it too, for an
// address it cannot read (fake-grid.ts parses addresses for both hosts).

export class FakeRichApiError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

/** Reading a proxy's property before load() and a sync, as Office.js words it. */
export const notLoaded = (prop: string) =>
  new FakeRichApiError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
