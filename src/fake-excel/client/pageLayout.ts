/** Worksheet.freezePanes (ExcelApi 1.7) and Worksheet.pageLayout (1.9). */
import { MAX_ROWS } from "../address";
import type { FakeSheet } from "../book";
import { type ClassSpec, fail, method, nav, prop, unknownMember } from "./members";
import { FakeObject, jsonBytes, wrap } from "./object";

export class FreezePanes extends FakeObject {
  freezeRows(count?: number): void {
    this._ctx._enqueue("WorksheetFreezePanes.freezeRows", jsonBytes(count), () => {
      const s = this._require<FakeSheet>();
      const n = count ?? 1;
      if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) fail("InvalidArgument", `freezeRows(${n})`);
      s.frozenRows = n;
    });
  }
  unfreeze(): void {
    this._ctx._enqueue("WorksheetFreezePanes.unfreeze", 0, () => {
      this._require<FakeSheet>().frozenRows = 0;
    });
  }
}

export const FREEZE_PANES: ClassSpec = {
  name: "WorksheetFreezePanes",
  members: { freezeRows: method(7), unfreeze: method(7) },
};

export class PageLayout extends FakeObject {
  setPrintTitleRows(range: unknown): void {
    if (typeof range !== "string")
      fail("InvalidArgument", "setPrintTitleRows takes an address (the fake models strings)");
    this._ctx._address(range, "PageLayout.setPrintTitleRows");
    this._ctx._enqueue("PageLayout.setPrintTitleRows", jsonBytes(range), () => {
      if (!/^\$?\d+:\$?\d+$/.test(range)) fail("InvalidArgument", `print title rows ${range}`);
      this._require<FakeSheet>().pageLayout.printTitleRows = range;
    });
  }
}

export const PAGE_LAYOUT: ClassSpec = {
  name: "PageLayout",
  members: {
    orientation: prop(
      9,
      (s: FakeSheet) => s.pageLayout.orientation ?? "Portrait",
      (s: FakeSheet, v) => {
        if (v !== "Portrait" && v !== "Landscape") fail("InvalidArgument", `orientation ${String(v)}`);
        s.pageLayout.orientation = v;
      },
    ),
    paperSize: prop(
      9,
      (s: FakeSheet) => s.pageLayout.paperSize ?? "Letter",
      (s: FakeSheet, v) => {
        if (typeof v !== "string") fail("InvalidArgument", `paperSize ${String(v)}`);
        s.pageLayout.paperSize = v;
      },
    ),
    zoom: prop(
      9,
      (s: FakeSheet) => s.pageLayout.zoom ?? { scale: 100 },
      (s: FakeSheet, v) => {
        const z = v as Record<string, unknown> | null;
        if (!z || typeof z !== "object") fail("InvalidArgument", "zoom is an object");
        for (const k of Object.keys(z))
          if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))
            unknownMember({ name: "PageLayoutZoomOptions", members: {} }, k);
        s.pageLayout.zoom = { ...(z as object) };
      },
    ),
    headersFooters: nav(9, (o) => wrap(new FakeObject(o._ctx, HEADER_FOOTER_GROUP, () => o._get()))),
    setPrintTitleRows: method(9),
  },
};

const HEADER_FOOTER_GROUP: ClassSpec = {
  name: "HeaderFooterGroup",
  members: {
    defaultForAllPages: nav(9, (o) => wrap(new FakeObject(o._ctx, HEADER_FOOTER, () => o._get()))),
  },
};

const HEADER_FOOTER: ClassSpec = {
  name: "HeaderFooter",
  members: {
    centerFooter: prop(
      9,
      (s: FakeSheet) => s.pageLayout.centerFooter ?? "",
      (s: FakeSheet, v) => {
        if (typeof v !== "string") fail("InvalidArgument", "a footer is a string");
        s.pageLayout.centerFooter = v;
      },
    ),
  },
};
