/**
 * Draws the fake host's workbook the way a person sees Excel: a name box and formula bar, the grid
 * with values as their number formats show them, the fill and font of every conditional format that
 * lights (evaluated by the fake, so a live flag goes out when the sum is fixed), a red corner on
 * cells with a note, the selection, and the sheet tabs. Typing in the formula bar is the user's edit.
 * Plain DOM: the page is a test bench, not a product screen.
 */
import { a1, columnName, type RangeBox } from "../core/address";
import { FLAG_STYLE, NOTE_MARK, type FlagKind } from "../core/flags";
import type { FakeSheet, FakeWorkbook } from "../fake-excel";

/** Enough to see any real table; a bigger sheet is drawn in part and says so. */
const MAX_ROWS_SHOWN = 400;
const MAX_COLS_SHOWN = 52;

type Scalar = ReturnType<FakeSheet["value"]>;

export interface WorkbookViewEvents {
  /** The user typed a value into the formula bar and pressed Enter. */
  edit(sheet: string, address: string, value: string | number | boolean | null): void;
  /** The user clicked a cell or a tab. */
  select(sheet: string, box: RangeBox): void;
}

export interface ViewText {
  nameBox: string;
  formulaBar: string;
  grid: string;
  sheets: string;
  note: string;
  clipped: string;
}

/** An element with attributes and children (the playground's whole DOM toolkit). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The text Excel shows for a value under its number format (the formats our tables use). */
export function shownText(v: Scalar, format: string | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object") return v.error;
  if (typeof v === "string") return v;
  const fixed = format ? /^(?:#,##)?0(?:\.(0+))?(%)?$/.exec(format) : null;
  if (fixed) {
    const decimals = fixed[1]?.length ?? 0;
    const n = fixed[2] ? v * 100 : v;
    const text = n.toFixed(decimals);
    return fixed[2]
      ? `${text}%`
      : format?.startsWith("#,##")
        ? Number(text).toLocaleString("en-US", { minimumFractionDigits: decimals })
        : text;
  }
  // General: up to 11 significant characters, as Excel's column would show a long float.
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

/** What the formula bar shows for a cell: its formula, else its value as typed. */
function editText(sheet: FakeSheet, row: number, col: number): string {
  const f = sheet.formula(row, col);
  if (f) return f;
  const v = sheet.value(row, col);
  if (v === undefined) return "";
  if (typeof v === "object") return v.error;
  return String(v);
}

/** Which flag a fill belongs to, so tests and people can tell error, warning and hint apart. */
function flagKindOfFill(fill: string | undefined): FlagKind | undefined {
  if (!fill) return undefined;
  const lower = fill.toLowerCase();
  return (Object.keys(FLAG_STYLE) as FlagKind[]).find((k) => FLAG_STYLE[k].fill.toLowerCase() === lower);
}

/** What the user typed, as Excel would store it. */
export function typedValue(text: string): string | number | boolean | null {
  const s = text.trim();
  if (s === "") return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (/^(true|false)$/i.test(s)) return s.toUpperCase() === "TRUE";
  return text;
}

/** Rough text width in pixels at 13px: CJK characters are about twice as wide as Latin ones. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 13.5 : 7.5;
  return w;
}

/**
 * Column widths from what the cells show (a file's own widths are not read): the widest value that
 * cannot spill into an empty neighbour, between 56 and 260 pixels.
 */
function columnWidths(sheet: FakeSheet, rows: number, cols: number): number[] {
  const widths = new Array<number>(cols).fill(56);
  // Widths the add-in set (the report sheet), in points: as Excel shows them.
  const set = (c: number) => sheet.columnWidths.get(c);
  for (let c = 0; c < cols; c++) if (set(c) !== undefined) widths[c] = Math.round(set(c)! / 0.75);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (set(c) !== undefined) continue;
      const v = sheet.value(r, c);
      if (v === undefined) continue;
      if (typeof v === "string" && sheet.value(r, c + 1) === undefined) continue;
      widths[c] = Math.max(widths[c], Math.min(260, textWidth(shownText(v, sheet.format(r, c))) + 12));
    }
  }
  return widths.map(Math.ceil);
}

/** The cell's own format (what the report sheet sets): font, fill, alignment, borders, a link. */
function applyCellStyle(td: HTMLElement, sheet: FakeSheet, r: number, c: number): void {
  const st = sheet.style(r, c);
  if (st) {
    if (st.bold) td.style.fontWeight = "600";
    if (st.italic) td.style.fontStyle = "italic";
    if (st.size) td.style.fontSize = `${Math.round((st.size * 4) / 3)}px`;
    if (st.color) td.style.color = st.color;
    if (st.underline && st.underline !== "None") td.style.textDecoration = "underline";
    if (st.fill) td.style.backgroundColor = st.fill;
    if (st.horizontal) td.style.textAlign = st.horizontal.toLowerCase();
    if (st.wrap) td.style.whiteSpace = "normal";
    for (const [side, b] of Object.entries(st.borders ?? {}))
      if (b && b.style !== "None")
        td.style.setProperty(`border-${side}`, `1px solid ${b.color ?? "#000000"}`);
  }
  const link = sheet.hyperlinks.get(`${r},${c}`);
  if (link) td.dataset.link = link.documentReference ?? link.address ?? "";
}

export class WorkbookView {
  private readonly nameBox: HTMLInputElement;
  private readonly formula: HTMLInputElement;
  private readonly noteLine: HTMLElement;
  private readonly gridHost: HTMLElement;
  private readonly tabs: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private book: FakeWorkbook,
    private readonly events: WorkbookViewEvents,
    private readonly text: ViewText,
  ) {
    this.nameBox = el("input", {
      class: "name-box",
      "aria-label": text.nameBox,
      readonly: "",
      "data-testid": "name-box",
    });
    this.formula = el("input", {
      class: "formula",
      "aria-label": text.formulaBar,
      "data-testid": "formula-bar",
    });
    this.formula.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.commit();
      } else if (e.key === "Escape") {
        this.draw();
      }
    });
    this.noteLine = el("div", { class: "note-line", "data-testid": "note-line", "aria-live": "polite" });
    this.gridHost = el("div", { class: "grid-host", tabindex: "0", "aria-label": text.grid });
    this.gridHost.addEventListener("keydown", (e) => this.onKey(e));
    this.tabs = el("div", { class: "tabs", role: "tablist", "aria-label": text.sheets });
    root.append(
      el(
        "div",
        { class: "formula-row" },
        this.nameBox,
        el("span", { class: "fx", "aria-hidden": "true" }, "fx"),
        this.formula,
      ),
      this.noteLine,
      this.gridHost,
      this.tabs,
    );
  }

  setBook(book: FakeWorkbook): void {
    this.book = book;
    this.draw();
  }

  private sheet(): FakeSheet {
    return this.book.activeSheet();
  }

  /** The selection on the active sheet (the first area's top-left is the active cell). */
  private selection(): RangeBox[] {
    const sel = this.book.selection;
    const sheet = this.sheet();
    if (sel && sel.sheetId === sheet.id && sel.boxes.length > 0) return sel.boxes;
    return [{ top: 0, left: 0, bottom: 0, right: 0 }];
  }

  private commit(): void {
    const [box] = this.selection();
    this.events.edit(this.sheet().name, a1(box.top, box.left), typedValue(this.formula.value));
    // Excel moves down after Enter.
    const next = { top: box.top + 1, left: box.left, bottom: box.top + 1, right: box.left };
    this.events.select(this.sheet().name, next);
    this.gridHost.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const [box] = this.selection();
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const row = Math.max(0, box.top + move[0]);
      const col = Math.max(0, box.left + move[1]);
      this.events.select(this.sheet().name, { top: row, left: col, bottom: row, right: col });
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.formula.focus();
      this.formula.select();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      this.formula.value = "";
      this.formula.focus();
    }
  }

  draw(): void {
    const sheet = this.sheet();
    const boxes = this.selection();
    const active = boxes[0];
    this.nameBox.value = boxes
      .map((b) =>
        b.top === b.bottom && b.left === b.right
          ? a1(b.top, b.left)
          : `${a1(b.top, b.left)}:${a1(b.bottom, b.right)}`,
      )
      .join(",");
    this.nameBox.dataset.active = a1(active.top, active.left);
    if (document.activeElement !== this.formula)
      this.formula.value = editText(sheet, active.top, active.left);
    const note = sheet.noteAt(active.top, active.left);
    this.noteLine.textContent = note
      ? `${this.text.note} ${a1(active.top, active.left)}: ${note.content}`
      : "";
    this.noteLine.dataset.own = note?.content.startsWith(NOTE_MARK) ? "addin" : note ? "user" : "";
    this.drawGrid(sheet, boxes);
    this.drawTabs(sheet);
  }

  private drawGrid(sheet: FakeSheet, boxes: RangeBox[]): void {
    const used = sheet.usedBox(false);
    const cfBottom = Math.max(-1, ...sheet.cfs.flatMap((cf) => cf.areas.map((a) => a.bottom)));
    const cfRight = Math.max(-1, ...sheet.cfs.flatMap((cf) => cf.areas.map((a) => a.right)));
    const selBottom = Math.max(...boxes.map((b) => b.bottom));
    const selRight = Math.max(...boxes.map((b) => b.right));
    const rows = Math.min(MAX_ROWS_SHOWN, Math.max((used?.bottom ?? 0) + 3, cfBottom + 1, selBottom + 2, 20));
    const cols = Math.min(MAX_COLS_SHOWN, Math.max((used?.right ?? 0) + 2, cfRight + 1, selRight + 2, 8));
    const inSelection = (r: number, c: number) =>
      boxes.some((b) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right);
    const active = boxes[0];

    const widths = columnWidths(sheet, rows, cols);
    // A fixed layout needs a fixed table width; the columns then take exactly their widths.
    const table = el("table", {
      class: "grid",
      "data-sheet": sheet.name,
      style: `width: ${40 + widths.reduce((a, b) => a + b, 0)}px`,
    });
    table.append(
      el(
        "colgroup",
        {},
        el("col", { style: "width: 40px" }),
        ...widths.map((w) => el("col", { style: `width: ${w}px` })),
      ),
    );
    const headRow = el("tr", {}, el("th", { class: "corner", scope: "col" }, ""));
    for (let c = 0; c < cols; c++) headRow.append(el("th", { scope: "col" }, columnName(c)));
    table.append(el("thead", {}, headRow));
    const body = el("tbody");
    for (let r = 0; r < rows; r++) {
      const tr = el("tr", {}, el("th", { scope: "row" }, String(r + 1)));
      for (let c = 0; c < cols; c++) {
        const address = a1(r, c);
        const v = sheet.value(r, c);
        const td = el("td", { "data-address": address }, shownText(v, sheet.format(r, c)));
        if (typeof v === "number") td.classList.add("num");
        // Text runs on over empty neighbours, as in Excel.
        else if (typeof v === "string" && sheet.value(r, c + 1) === undefined) td.classList.add("spill");
        applyCellStyle(td, sheet, r, c);
        const lit = this.book.litRules(sheet, r, c);
        const first = lit.find((cf) => cf.fill || cf.font);
        if (first) {
          if (first.fill) td.style.backgroundColor = first.fill;
          if (first.font) td.style.color = first.font;
          const kind = flagKindOfFill(first.fill);
          td.dataset.flag = kind ?? "user";
        }
        const bordered = lit.find((cf) => Object.keys(cf.borders).length > 0);
        if (bordered)
          td.style.outline = `2px solid ${Object.values(bordered.borders)[0]?.color ?? "#2F75B5"}`;
        const note = sheet.noteAt(r, c);
        if (note) {
          td.classList.add("has-note");
          td.title = note.content;
          td.dataset.note = note.content.startsWith(NOTE_MARK) ? "addin" : "user";
        }
        if (inSelection(r, c)) td.classList.add("selected");
        if (r === active.top && c === active.left) {
          td.classList.add("active");
          td.setAttribute("aria-current", "true");
        }
        td.addEventListener("mousedown", (e) => {
          e.preventDefault();
          const [from] = this.selection();
          const box: RangeBox = e.shiftKey
            ? {
                top: Math.min(from.top, r),
                left: Math.min(from.left, c),
                bottom: Math.max(from.top, r),
                right: Math.max(from.left, c),
              }
            : { top: r, left: c, bottom: r, right: c };
          this.events.select(sheet.name, box);
          this.gridHost.focus();
        });
        td.addEventListener("dblclick", () => {
          this.formula.focus();
          this.formula.select();
        });
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    const clipped = used && (used.bottom >= rows || used.right >= cols);
    this.gridHost.replaceChildren(
      table,
      ...(clipped ? [el("p", { class: "clipped" }, this.text.clipped)] : []),
    );
  }

  private drawTabs(active: FakeSheet): void {
    const buttons = this.book.sheets
      .filter((s) => s.visibility === "Visible")
      .map((s) => {
        const b = el(
          "button",
          {
            role: "tab",
            type: "button",
            "aria-selected": String(s === active),
            "data-sheet": s.name,
          },
          s.name,
        );
        b.addEventListener("click", () => {
          const sel = this.book.selection;
          this.events.select(
            s.name,
            sel && sel.sheetId === s.id ? sel.boxes[0] : { top: 0, left: 0, bottom: 0, right: 0 },
          );
        });
        return b;
      });
    this.tabs.replaceChildren(...buttons);
  }
}
