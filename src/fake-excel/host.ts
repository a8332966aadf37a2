/**
 * The fake host a test (or the playground page) installs: globalThis.Excel and globalThis.Office
 * over a FakeWorkbook, with sync and byte counts, the user's own actions (edits that fire
 * onChanged with triggerSource "Unknown"), and what a person would see: does a flag light, and a
 * rendered view of a sheet.
 */
import { a1, type RangeBox } from "../core/address";
import { boxAddress, contains, parseAddress } from "./address";
import { sameScalar, type FakeConditionalFormat, type FakeSheet, type FakeWorkbook } from "./book";
import { FakeContext, FakeObject, type CellChange, type HostCore, type SyncStat } from "./client";
import { FakeOfficeError } from "./errors";
import type { CellScalar } from "./formula";
import { takeSnapshot, type SnapshotOptions, type WorkbookSnapshot } from "./snapshot";
import {
  displayText,
  kindOf,
  type CellView,
  type ChangedArgs,
  type FlagView,
  type SheetView,
  type StatsSummary,
} from "./views";

export type { CellView, ChangedArgs, FlagView, SheetView, StatsSummary };

export interface FakeHostOptions {
  /** Highest ExcelApi requirement set the host supports: "1.14" (the add-in's floor) or "1.18" (notes). */
  apiVersion?: string;
  displayLanguage?: string;
  /** Office theme background, e.g. "#262626" for dark; omitted = the host does not tell. */
  themeBackground?: string;
  /** Limits of Excel on the web; lower them in a test to exercise splitting. */
  requestLimit?: number;
  responseLimit?: number;
  addressLimit?: number;
}

export const PAYLOAD_LIMIT = 5_000_000;
export const ADDRESS_LIMIT = 8192;

function minorOf(version: string): number {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`ExcelApi version "${version}" is not 1.x`);
  return Number(m[1]);
}

/** A namespace or enum that throws on any member it does not have (Excel.ConditionalFormatType.custm). */
function strict<T extends object>(name: string, members: T): T {
  return new Proxy(members, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || key === "then" || key === "toJSON" || key === "__esModule")
        return Reflect.get(target, key, receiver);
      if (!(key in target))
        throw new FakeOfficeError("UnknownMember", `${name} has no member "${key}" in the fake host`);
      return Reflect.get(target, key, receiver);
    },
  });
}

export class FakeHost implements HostCore {
  apiMinor: number;
  requestLimit: number;
  responseLimit: number;
  addressLimit: number;
  stats: SyncStat[] = [];
  private handlers: { target: string; fn: (args: unknown) => unknown }[] = [];
  private pending = new Set<Promise<unknown>>();
  private previous: { Excel: unknown; Office: unknown } | undefined;
  private listeners = new Set<() => void>();
  /** Functions the ribbon registered with Office.actions.associate. */
  readonly actions = new Map<string, (event: unknown) => unknown>();

  constructor(
    public book: FakeWorkbook,
    private readonly options: FakeHostOptions = {},
  ) {
    this.apiMinor = minorOf(options.apiVersion ?? "1.18");
    this.requestLimit = options.requestLimit ?? PAYLOAD_LIMIT;
    this.responseLimit = options.responseLimit ?? PAYLOAD_LIMIT;
    this.addressLimit = options.addressLimit ?? ADDRESS_LIMIT;
  }

  // --- HostCore ---------------------------------------------------------------------------------

  addHandler(target: string, fn: (args: unknown) => unknown): { remove(): void } {
    const entry = { target, fn };
    this.handlers.push(entry);
    return { remove: () => (this.handlers = this.handlers.filter((h) => h !== entry)) };
  }

  changed(changes: CellChange[], trigger: "ThisLocalAddin" | "Unknown"): void {
    for (const change of changes) {
      const args: ChangedArgs = {
        type: "WorksheetChanged",
        worksheetId: change.sheet.id,
        address: boxAddress(change.box),
        changeType: change.changeType,
        source: "Local",
        triggerSource: trigger,
      };
      for (const h of this.handlers) {
        if (h.target !== "*" && h.target !== change.sheet.id) continue;
        // Events arrive after the change, asynchronously, as in Excel.
        const p = new Promise<void>((resolve) => setTimeout(resolve, 0))
          .then(() => h.fn(args))
          .catch(() => undefined)
          .finally(() => this.pending.delete(p));
        this.pending.add(p);
      }
    }
    for (const l of this.listeners) l();
  }

  // --- Installing -----------------------------------------------------------------------------

  /** Sets globalThis.Excel and globalThis.Office; `uninstall` puts back what was there. */
  install(): this {
    const g = globalThis as unknown as { Excel: unknown; Office: unknown };
    this.previous = { Excel: g.Excel, Office: g.Office };
    g.Excel = this.excelNamespace();
    g.Office = this.officeNamespace();
    return this;
  }

  uninstall(): void {
    const g = globalThis as unknown as { Excel: unknown; Office: unknown };
    if (!this.previous) return;
    g.Excel = this.previous.Excel;
    g.Office = this.previous.Office;
    if (g.Excel === undefined) delete (g as { Excel?: unknown }).Excel;
    if (g.Office === undefined) delete (g as { Office?: unknown }).Office;
    this.previous = undefined;
  }

  /** Requirement sets as Office.context.requirements reports them; change it in a test. */
  setApiVersion(version: string): void {
    this.apiMinor = minorOf(version);
  }

  private excelNamespace() {
    const run = async (first: unknown, second?: unknown): Promise<unknown> => {
      const batch = (typeof first === "function" ? first : second) as (ctx: FakeContext) => Promise<unknown>;
      if (typeof batch !== "function")
        throw new FakeOfficeError("InvalidArgument", "Excel.run needs a batch function");
      let ctx: FakeContext;
      if (typeof first === "function") ctx = new FakeContext(this);
      else if (first instanceof FakeContext) ctx = first;
      else if (first instanceof FakeObject) ctx = first._ctx;
      else
        throw new FakeOfficeError(
          "InvalidArgument",
          "Excel.run takes a batch, or a context or object and a batch",
        );
      const result = await batch(ctx);
      // Excel.run sends whatever the batch left queued.
      if (ctx._ops.length) await ctx.sync();
      return result;
    };
    return strict("Excel", {
      run,
      ConditionalFormatType: strict("Excel.ConditionalFormatType", {
        custom: "Custom",
        dataBar: "DataBar",
        colorScale: "ColorScale",
        iconSet: "IconSet",
        topBottom: "TopBottom",
        presetCriteria: "PresetCriteria",
        containsText: "ContainsText",
        cellValue: "CellValue",
      }),
      SheetVisibility: strict("Excel.SheetVisibility", {
        visible: "Visible",
        hidden: "Hidden",
        veryHidden: "VeryHidden",
      }),
      EventTriggerSource: strict("Excel.EventTriggerSource", {
        unknown: "Unknown",
        thisLocalAddin: "ThisLocalAddin",
      }),
      DataChangeType: strict("Excel.DataChangeType", {
        unknown: "Unknown",
        rangeEdited: "RangeEdited",
        rowInserted: "RowInserted",
        rowDeleted: "RowDeleted",
        columnInserted: "ColumnInserted",
        columnDeleted: "ColumnDeleted",
        cellInserted: "CellInserted",
        cellDeleted: "CellDeleted",
      }),
      ClearApplyTo: strict("Excel.ClearApplyTo", { all: "All", formats: "Formats", contents: "Contents" }),
      BorderLineStyle: strict("Excel.BorderLineStyle", {
        none: "None",
        continuous: "Continuous",
        dash: "Dash",
        dot: "Dot",
      }),
      ErrorCodes: strict("Excel.ErrorCodes", {
        accessDenied: "AccessDenied",
        apiNotFound: "ApiNotFound",
        invalidArgument: "InvalidArgument",
        invalidOperation: "InvalidOperation",
        itemAlreadyExists: "ItemAlreadyExists",
        itemNotFound: "ItemNotFound",
        responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
      }),
    });
  }

  private officeNamespace() {
    const info = { host: "Excel", platform: "OfficeOnline" };
    const theme = this.options.themeBackground
      ? strict("Office.context.officeTheme", { bodyBackgroundColor: this.options.themeBackground })
      : undefined;
    return strict("Office", {
      onReady: async (callback?: (i: typeof info) => void) => {
        callback?.(info);
        return info;
      },
      context: strict("Office.context", {
        displayLanguage: this.options.displayLanguage ?? "zh-CN",
        officeTheme: theme,
        requirements: strict("Office.context.requirements", {
          isSetSupported: (name: string, version?: string) => {
            if (name !== "ExcelApi") return false;
            return version === undefined ? true : minorOf(version) <= this.apiMinor;
          },
        }),
      }),
      HostType: strict("Office.HostType", { Excel: "Excel" }),
      actions: strict("Office.actions", {
        associate: (name: string, fn: (event: unknown) => unknown) => {
          this.actions.set(name, fn);
        },
      }),
    });
  }

  // --- Measuring -----------------------------------------------------------------------------

  /** Counts since `from` (an index into `stats`, e.g. a value of `syncs` taken earlier). */
  summary(from = 0): StatsSummary {
    const s = this.stats.slice(from);
    return {
      syncs: s.length,
      maxRequestBytes: Math.max(0, ...s.map((x) => x.requestBytes)),
      maxResponseBytes: Math.max(0, ...s.map((x) => x.responseBytes)),
      maxAddressLength: Math.max(0, ...s.map((x) => x.maxAddressLength)),
      totalRequestBytes: s.reduce((n, x) => n + x.requestBytes, 0),
      totalResponseBytes: s.reduce((n, x) => n + x.responseBytes, 0),
    };
  }

  get syncs(): number {
    return this.stats.length;
  }

  /** Resolves when every event handler the fake has called so far has finished. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** The playground repaints when the workbook changes. */
  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- The user ------------------------------------------------------------------------------

  private sheetOf(name: string): FakeSheet {
    const s = this.book.sheet(name);
    if (!s) throw new Error(`the fake workbook has no sheet "${name}"`);
    return s;
  }

  private boxOf(sheet: string, address: string): RangeBox {
    const p = parseAddress(address);
    if (!p || p.boxes.length !== 1) throw new Error(`"${address}" is not one area`);
    void sheet;
    return p.boxes[0];
  }

  /** What a person does in Excel, without any add-in: edits fire onChanged with triggerSource Unknown. */
  readonly user = {
    /** Types values (a scalar into every cell, or a matrix); strings starting with "=" are formulas. */
    setValue: (sheet: string, address: string, value: CellScalar | null | (CellScalar | null)[][]): void => {
      const s = this.sheetOf(sheet);
      const box = this.boxOf(sheet, address);
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) {
          const v = Array.isArray(value) ? value[r - box.top]?.[c - box.left] : value;
          if (typeof v === "string" && v.startsWith("=")) s.setFormula(r, c, v, undefined);
          else s.setConstant(r, c, v === null || v === "" ? undefined : (v as CellScalar));
        }
      this.book.recalc();
      this.changed([{ sheet: s, box, changeType: "RangeEdited" }], "Unknown");
    },
    setNumberFormat: (sheet: string, address: string, format: string): void => {
      const s = this.sheetOf(sheet);
      const box = this.boxOf(sheet, address);
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) s.setFormat(r, c, format);
      this.changed([], "Unknown");
    },
    /** Inserts `count` rows above 1-based row `row`. */
    insertRows: (sheet: string, row: number, count = 1): void => {
      const s = this.sheetOf(sheet);
      this.book.insertRows(s, row - 1, count);
      this.book.recalc();
      this.changed(
        [
          {
            sheet: s,
            box: { top: row - 1, bottom: row + count - 2, left: 0, right: 16383 },
            changeType: "RowInserted",
          },
        ],
        "Unknown",
      );
    },
    addNote: (sheet: string, cell: string, content: string, author = "User"): void => {
      const s = this.sheetOf(sheet);
      const b = this.boxOf(sheet, cell);
      s.notes.set(`${b.top},${b.left}`, { row: b.top, col: b.left, content, author });
      this.changed([], "Unknown");
    },
    /** The user's own conditional format (a custom formula with a fill), e.g. Excel's light-red preset. */
    addRule: (sheet: string, ranges: string[], formula: string, fill: string, font?: string): void => {
      const s = this.sheetOf(sheet);
      const areas = ranges.map((r) => this.boxOf(sheet, r));
      const cf: FakeConditionalFormat = {
        id: `{user-cf-${s.cfs.length + 1}}`,
        type: "Custom",
        areas,
        formula: formula.startsWith("=") ? formula : `=${formula}`,
        fill,
        font,
        borders: {},
        stopIfTrue: false,
      };
      s.cfs.unshift(cf);
      this.changed([], "Unknown");
    },
    protect: (sheet: string, on = true): void => {
      this.sheetOf(sheet).protected = on;
    },
    merge: (sheet: string, address: string): void => {
      this.sheetOf(sheet).merges.push(this.boxOf(sheet, address));
    },
    activate: (sheet: string): void => {
      this.book.activeSheetId = this.sheetOf(sheet).id;
    },
    /** Selects cells on a sheet (activating it), as a click or a drag would. */
    select: (sheet: string, address: string): void => {
      const s = this.sheetOf(sheet);
      const p = parseAddress(address);
      if (!p) throw new Error(`"${address}" is not an address`);
      this.book.activeSheetId = s.id;
      this.book.selection = { sheetId: s.id, boxes: p.boxes };
      for (const l of this.listeners) l();
    },
  };

  // --- What a person sees --------------------------------------------------------------------

  /** Whether a conditional format lights on the cell, evaluated from the rules' formulas now. */
  flagAt(sheet: string, cell: string): FlagView {
    const s = this.sheetOf(sheet);
    const b = this.boxOf(sheet, cell);
    const lit = this.book.litRules(s, b.top, b.left);
    if (lit.length === 0) return { lit: false, rules: 0 };
    const top = lit[0];
    const border = lit.map((cf) => cf.borders.top?.color).find(Boolean);
    return { lit: true, kind: kindOf(top), fill: top.fill, font: top.font, border, rules: lit.length };
  }

  /** Every cell of the sheet where some rule lights, as A1 addresses. */
  litCells(sheet: string): string[] {
    const s = this.sheetOf(sheet);
    const cells = new Set<string>();
    for (const cf of s.cfs)
      for (const b of cf.areas)
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++)
            if (this.book.litRules(s, r, c).length) cells.add(`${r},${c}`);
    return [...cells]
      .map((k) => k.split(",").map(Number))
      .sort((p, q) => p[0] - q[0] || p[1] - q[1])
      .map(([r, c]) => a1(r, c));
  }

  /** The selection as A1 areas on its sheet. */
  selection(): { sheet: string; ranges: string[] } | undefined {
    const sel = this.book.selection;
    const s = sel && this.book.sheetById(sel.sheetId);
    return sel && s ? { sheet: s.name, ranges: sel.boxes.map(boxAddress) } : undefined;
  }

  activeSheet(): string {
    return this.book.activeSheet().name;
  }

  /** A rendered sheet for the playground: text, effective flag colours and notes over the used range. */
  view(sheet: string): SheetView {
    const s = this.sheetOf(sheet);
    const used = s.usedBox(true) ?? { top: 0, left: 0, bottom: 0, right: 0 };
    const box = { top: 0, left: 0, bottom: used.bottom, right: used.right };
    for (const cf of s.cfs)
      for (const a of cf.areas) {
        box.bottom = Math.max(box.bottom, a.bottom);
        box.right = Math.max(box.right, a.right);
      }
    const rows: CellView[][] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row: CellView[] = [];
      for (let c = box.left; c <= box.right; c++) {
        const v = s.value(r, c);
        const cell: CellView = { address: a1(r, c), text: displayText(v) };
        if (s.cfs.some((cf) => cf.areas.some((a) => contains(a, r, c)))) {
          const lit = this.book.litRules(s, r, c);
          if (lit.length) {
            cell.fill = lit[0].fill;
            cell.font = lit[0].font;
            cell.border = lit.map((cf) => cf.borders.top?.color).find(Boolean);
          }
        }
        const note = s.noteAt(r, c);
        if (note) cell.note = note.content;
        row.push(cell);
      }
      rows.push(row);
    }
    return { name: s.name, top: box.top, left: box.left, rows };
  }

  /** Everything a user could tell apart; compare two with toEqual to prove "exactly as before". */
  snapshot(options: SnapshotOptions = {}): WorkbookSnapshot {
    return takeSnapshot(this.book, options);
  }

  /** The value of a cell as the fake holds it (undefined = empty). */
  value(sheet: string, cell: string): CellScalar | undefined {
    const b = this.boxOf(sheet, cell);
    return this.sheetOf(sheet).value(b.top, b.left);
  }

  same(a: CellScalar | undefined, b: CellScalar | undefined): boolean {
    return sameScalar(a, b);
  }
}

/** Installs a fake Excel over the workbook (globalThis.Excel and Office) and returns its handle. */
export function installFakeExcel(book: FakeWorkbook, options: FakeHostOptions = {}): FakeHost {
  return new FakeHost(book, options).install();
}
