/**
 * The Office.js object model of the fake host: proxy objects that queue loads, writes and calls,
 * and a RequestContext whose sync() runs them against the in-memory workbook.
 *
 * Strict like a real host, and stricter where a mistake would pass silently in a real one:
 * - reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - any member the fake does not model throws at once (a misspelled API name fails the test);
 * - a member newer than the configured ExcelApi version fails the sync with ApiNotFound;
 * - an address string over 8,192 characters, a request or a response over 5 MB fail the sync;
 * - every sync is counted with its request and response bytes (UTF-8 JSON of the payload).
 *
 * One file per Office.js object it imitates: context.ts (RequestContext), object.ts (the proxy
 * every object is), members.ts (class specs), cells.ts (values in and out), workbook.ts,
 * worksheet.ts, range.ts, rangeFormat.ts, pageLayout.ts, conditionalFormats.ts, notes.ts,
 * names.ts, events.ts.
 */
export { utf8Length } from "../../core/text";
export { FakeContext, OP_OVERHEAD_BYTES, type HostCore, type SyncStat } from "./context";
export { FakeObject, jsonBytes } from "./object";
export type { CellChange } from "./members";
