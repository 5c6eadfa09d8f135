/// <reference types="office-js" />
// What reading and writing through Office.js share: requirement sets, Office's
// payload errors, and the two report marks (see excel-write.ts).
import { REPORT_MARK } from '../pane/report-layout.js';

/** Requirement-set check, as Office.context.requirements. */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

export function defaultRequirements(): Requirements {
  const office = (globalThis as { Office?: { context?: { requirements?: Requirements } } }).Office;
  const req = office?.context?.requirements;
  // Without Office (tests against the in-memory host), assume a current Excel.
  return req && typeof req.isSetSupported === 'function' ? req : { isSetSupported: () => true };
}

export const errorCode = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; debugInfo?: { code?: unknown } } | null;
  const code = x?.code ?? x?.debugInfo?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True for Office's request/response payload limit errors (RichApi.Error). */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = errorCode(e);
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') return true;
  return e instanceof Error && /payload size/i.test(e.message);
}

export interface MarkProbe {
  property?: Excel.WorksheetCustomProperty;
  name: Excel.NamedItem;
}

export function probeMarks(ws: Excel.Worksheet, useProperties: boolean): MarkProbe {
  const probe: MarkProbe = { name: ws.names.getItemOrNullObject(REPORT_MARK.name) };
  if (useProperties) probe.property = ws.customProperties.getItemOrNullObject(REPORT_MARK.property).load('value');
  return probe;
}

// isNullObject is compared with true/false, not tested for truthiness: a mock
// host (office-addin-mock) answers an unloaded property with an error string.
export function marks(probe: MarkProbe): { property: boolean; name: boolean } {
  return {
    property: !!probe.property && probe.property.isNullObject === false && probe.property.value === REPORT_MARK.value,
    name: probe.name.isNullObject === false,
  };
}
