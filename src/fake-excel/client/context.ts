/**
 * The RequestContext: the queue of operations and `sync()`, which runs them against the in-memory
 * workbook, counts the request and response bytes and fails as a real host would.
 */
import type { FakeWorkbook } from "../book";
import { FakeOfficeError } from "../errors";
import { UnsupportedFormula } from "../formula";
import { type CellChange, fail, type Op, type Stage } from "./members";
import { FakeObject, wrap } from "./object";
import { WORKBOOK, Workbook } from "./workbook";

/** Per-operation framing a real request carries besides its payload (object path, ids, JSON keys). */
export const OP_OVERHEAD_BYTES = 100;

export interface SyncStat {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  /** The longest address string passed in this request. */
  maxAddressLength: number;
  /** The error code when the sync failed. */
  failed?: string;
}

/** What the object model needs from the host (host.ts). */
export interface HostCore {
  book: FakeWorkbook;
  /** ExcelApi minor version supported: 14 for 1.14, 18 for 1.18. */
  apiMinor: number;
  requestLimit: number;
  responseLimit: number;
  addressLimit: number;
  stats: SyncStat[];
  addHandler(target: string, handler: (args: unknown) => unknown): { remove(): void };
  changed(changes: CellChange[], trigger: "ThisLocalAddin" | "Unknown"): void;
}

export class FakeContext {
  _ops: Op[] = [];
  readonly workbook: FakeObject;
  private _maxAddress = 0;

  constructor(readonly _host: HostCore) {
    // The context is strict too: ctx.workbok must fail, not read undefined.
    const proxy = new Proxy(this, CONTEXT_HANDLER);
    this.workbook = wrap(new Workbook(proxy, WORKBOOK, () => _host.book));
    return proxy;
  }

  _enqueue(label: string, bytes: number, run: (stage: Stage) => void): void {
    this._ops.push({ label, bytes, run });
  }

  /** A member newer than the host's ExcelApi version fails the next sync, as a real host does. */
  _requireVersion(since: number, what: string): void {
    if (since > this._host.apiMinor)
      this._enqueue(what, 0, () =>
        fail("ApiNotFound", `${what} needs ExcelApi 1.${since}; this host supports 1.${this._host.apiMinor}`),
      );
  }

  /** Address strings are checked when queued and fail the sync (Excel's 8,192-character limit). */
  _address(text: string, what: string): void {
    if (text.length > this._maxAddress) this._maxAddress = text.length;
    if (text.length > this._host.addressLimit)
      this._enqueue(what, 0, () =>
        fail(
          "InvalidArgument",
          `${what}: the address is ${text.length} characters; Excel accepts at most 8,192`,
        ),
      );
  }

  async sync(): Promise<void> {
    const ops = this._ops;
    this._ops = [];
    const stat: SyncStat = {
      requestBytes: ops.reduce((n, op) => n + op.bytes + OP_OVERHEAD_BYTES, 0),
      responseBytes: 0,
      ops: ops.length,
      maxAddressLength: this._maxAddress,
    };
    this._maxAddress = 0;
    this._host.stats.push(stat);
    // A round trip: nothing queued after this point belongs to this request.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (stat.requestBytes > this._host.requestLimit) {
      stat.failed = "RequestPayloadSizeLimitExceeded";
      fail(
        "RequestPayloadSizeLimitExceeded",
        `the request is ${stat.requestBytes} bytes; Excel on the web accepts at most 5 MB`,
      );
    }
    const stage: Stage = { responseBytes: 0, commits: [], changes: [] };
    let error: unknown;
    for (const op of ops) {
      try {
        op.run(stage);
        stage.responseBytes += OP_OVERHEAD_BYTES / 4;
      } catch (e) {
        error = e instanceof UnsupportedFormula ? new FakeOfficeError("InvalidArgument", e.message) : e;
        break;
      }
    }
    stat.responseBytes = Math.round(stage.responseBytes);
    if (!error && stat.responseBytes > this._host.responseLimit)
      error = new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `the response is ${stat.responseBytes} bytes; Excel on the web returns at most 5 MB`,
      );
    if (!error) for (const c of stage.commits) c();
    if (stage.changes.length) {
      this._host.book.recalc();
      this._host.changed(stage.changes, "ThisLocalAddin");
    }
    if (error) {
      stat.failed = error instanceof FakeOfficeError ? error.code : "Error";
      throw error;
    }
  }
}

const CONTEXT_MEMBERS = new Set(["workbook", "sync"]);
const CONTEXT_HANDLER: ProxyHandler<FakeContext> = {
  get(target, key, receiver) {
    if (typeof key === "symbol" || key === "then" || key.startsWith("_") || CONTEXT_MEMBERS.has(key))
      return Reflect.get(target, key, receiver);
    throw new FakeOfficeError(
      "UnknownMember",
      `Excel.RequestContext has no member "${key}" in the fake host`,
    );
  },
};
