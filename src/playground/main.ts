/**
 * The playground page: a workbook drawn from the fake Excel host, and beside it the built task pane
 * in an iframe, as Excel shows a pane beside the grid. The sample (examples/hangzhou-2024.xlsx) is
 * loaded at start; any .xlsx can be opened, read in the browser by the command line's reader.
 *
 * Address parameters: lang=zh-CN|en-US (Office's display language; default: the browser's),
 * theme=light|dark, api=18|14|13 (ExcelApi 1.18 with notes, the default; 1.14, the floor; 1.13, too old),
 * pane=built (serve the pane's page byte for byte: Office.js then comes from the CDN address, which
 * only a test that intercepts it can answer).
 */
import { problemMessage } from "../cli/xlsx/problems";
import { readXlsx } from "../cli/xlsx/read";
import { FakeHost, FakeWorkbook } from "../fake-excel";
import { SHARED_KEY, type PaneHostLink, type PlaygroundShared } from "./shared";
import { el, WorkbookView } from "./workbookView";

type Lang = "zh-CN" | "en-US";

const TEXT = {
  "zh-CN": {
    title: "指标分解校核 · 演练场",
    open: "打开 .xlsx…",
    sample: "载入示例",
    language: "Office 语言",
    theme: "主题",
    light: "浅色",
    dark: "深色",
    api: "Excel 版本",
    api18: "ExcelApi 1.18（有批注）",
    api14: "ExcelApi 1.14（最低要求）",
    api13: "ExcelApi 1.13（版本过旧）",
    pane: "任务窗格",
    loaded: "已载入",
    nameBox: "名称框",
    formulaBar: "编辑栏",
    grid: "工作表",
    sheets: "工作表标签",
    note: "批注",
    clipped: "只显示了工作表的一部分。",
    hint: "单击单元格选中，在编辑栏输入并按回车即修改单元格（与在 Excel 中编辑相同）。",
  },
  "en-US": {
    title: "Target Decomposition Check · Playground",
    open: "Open .xlsx…",
    sample: "Load the sample",
    language: "Office language",
    theme: "Theme",
    light: "Light",
    dark: "Dark",
    api: "Excel version",
    api18: "ExcelApi 1.18 (notes)",
    api14: "ExcelApi 1.14 (the floor)",
    api13: "ExcelApi 1.13 (too old)",
    pane: "Task pane",
    loaded: "Loaded",
    nameBox: "Name box",
    formulaBar: "Formula bar",
    grid: "Worksheet",
    sheets: "Sheet tabs",
    note: "Note",
    clipped: "Only part of the sheet is shown.",
    hint: "Click a cell to select it; type in the formula bar and press Enter to edit it, as in Excel.",
  },
} as const;

const STYLE = `
  :root { color-scheme: light; font-family: "Segoe UI", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; }
  body { margin: 0; background: #f3f2f1; color: #201f1e; }
  #playground { display: flex; flex-direction: column; height: 100vh; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 8px 12px; background: #217346; color: #fff; }
  .bar h1 { font-size: 16px; margin: 0 12px 0 0; font-weight: 600; }
  .bar label { font-size: 13px; display: inline-flex; align-items: center; gap: 6px; }
  .bar select, .bar button, .bar .file { font: inherit; font-size: 13px; }
  .bar .file input { position: absolute; width: 1px; height: 1px; opacity: 0; }
  .bar .file span, .bar button { background: #fff; color: #201f1e; border: 1px solid #c8c6c4; border-radius: 2px; padding: 3px 10px; cursor: pointer; }
  .bar .file:focus-within span { outline: 2px solid #fff; outline-offset: 1px; }
  .status { font-size: 12px; opacity: 0.95; }
  .status.bad { background: #fde7e9; color: #a4262c; padding: 2px 6px; border-radius: 2px; }
  .main { display: flex; flex: 1; min-height: 0; }
  .book { flex: 1; display: flex; flex-direction: column; min-width: 0; background: #fff; }
  .formula-row { display: flex; align-items: center; gap: 6px; padding: 4px 6px; border-bottom: 1px solid #d4d4d4; }
  .name-box { width: 110px; font: 13px Consolas, monospace; padding: 2px 4px; border: 1px solid #c8c6c4; }
  .fx { font-style: italic; color: #605e5c; }
  .formula { flex: 1; font: 13px inherit; padding: 2px 4px; border: 1px solid #c8c6c4; }
  .note-line { min-height: 18px; font-size: 12px; padding: 2px 8px; color: #605e5c; white-space: pre-wrap; border-bottom: 1px solid #edebe9; max-height: 90px; overflow: auto; }
  .hint { font-size: 12px; color: #605e5c; padding: 2px 8px; }
  .grid-host { flex: 1; overflow: auto; outline: none; }
  .grid-host:focus-visible { box-shadow: inset 0 0 0 2px #217346; }
  table.grid { border-collapse: collapse; font-size: 13px; table-layout: fixed; }
  .grid th { position: sticky; background: #f3f2f1; color: #605e5c; font-weight: 400; border: 1px solid #d4d4d4; padding: 1px 4px; z-index: 1; }
  .grid thead th { top: 0; z-index: 2; }
  .grid tbody th { left: 0; min-width: 32px; text-align: center; }
  .grid .corner { left: 0; z-index: 3; }
  .grid td { border: 1px solid #e1dfdd; padding: 1px 4px; height: 20px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; position: relative; cursor: cell; }
  .grid td.spill { overflow: visible; z-index: 1; }
  .grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .grid td.selected { box-shadow: inset 0 0 0 1000px rgba(33, 115, 70, 0.12); }
  .grid td.active { outline: 2px solid #217346; outline-offset: -2px; }
  .grid td.has-note::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 7px 7px 0; border-color: transparent #c00000 transparent transparent; }
  .clipped { font-size: 12px; color: #605e5c; padding: 4px 8px; }
  .tabs { display: flex; gap: 2px; padding: 0 8px; border-top: 1px solid #d4d4d4; background: #f3f2f1; }
  .tabs button { font: inherit; font-size: 13px; border: none; background: transparent; padding: 4px 14px; cursor: pointer; color: #201f1e; }
  .tabs button[aria-selected="true"] { background: #fff; color: #217346; font-weight: 600; border-bottom: 2px solid #217346; }
  .pane { width: 380px; flex: none; border: none; border-left: 1px solid #c8c6c4; background: #fff; }
`;

function select(label: string, value: string, options: [string, string][], onChange: (v: string) => void) {
  const s = el("select", {}, ...options.map(([v, text]) => el("option", { value: v }, text)));
  s.value = value;
  s.addEventListener("change", () => onChange(s.value));
  return el("label", {}, label, s);
}

function start(): void {
  const params = new URLSearchParams(location.search);
  const lang: Lang = (params.get("lang") ?? navigator.language).toLowerCase().startsWith("zh")
    ? "zh-CN"
    : "en-US";
  const text = TEXT[lang];
  document.documentElement.lang = lang;
  document.title = text.title;
  document.head.append(el("style", {}, STYLE));

  let link: PaneHostLink | undefined;
  let fileName = "hangzhou-2024.xlsx";
  const shared: PlaygroundShared & { inspect: FakeHost } = {
    book: new FakeWorkbook(fileName),
    displayLanguage: lang,
    theme: params.get("theme") === "dark" ? "dark" : "light",
    apiMinor: ["13", "14"].includes(params.get("api") ?? "") ? Number(params.get("api")) : 18,
    // A host that is never installed: the page's view of the book (flags, snapshot) for people and tests.
    inspect: new FakeHost(new FakeWorkbook(fileName)),
    attach: (l) => {
      link = l;
    },
    changed: () => scheduleDraw(),
  };
  (window as unknown as Record<string, unknown>)[SHARED_KEY] = shared;

  const status = el("span", { class: "status", role: "status", "data-testid": "status" });
  const file = el("input", {
    type: "file",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "data-testid": "open-xlsx",
  });
  const bookRoot = el("section", { class: "book", "aria-label": text.grid });
  const pane = el("iframe", { class: "pane", title: text.pane, "data-testid": "pane" });

  const reloadPane = () => {
    link?.detach();
    link = undefined;
    pane.src = `/pane/taskpane.html${params.get("pane") === "built" ? "?built" : ""}`;
  };
  const setParam = (key: string, value: string) => {
    params.set(key, value);
    history.replaceState(null, "", `?${params.toString()}`);
  };

  const view = new WorkbookView(
    bookRoot,
    shared.book,
    {
      edit: (sheet, address, value) => {
        if (link) link.setValue(sheet, address, value);
        else shared.inspect.user.setValue(sheet, address, value);
        scheduleDraw();
      },
      select: (sheetName, box) => {
        const sheet = shared.book.sheet(sheetName);
        if (!sheet) return;
        shared.book.activeSheetId = sheet.id;
        shared.book.selection = { sheetId: sheet.id, boxes: [box] };
        scheduleDraw();
      },
    },
    text,
  );

  let pending = false;
  function scheduleDraw(): void {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      view.draw();
    });
  }

  const load = (bytes: Uint8Array, name: string): boolean => {
    const read = readXlsx(bytes, { fileName: name });
    if (!read.ok) {
      status.className = "status bad";
      status.textContent = problemMessage(read.problem, name)[lang === "zh-CN" ? "zh" : "en"];
      return false;
    }
    fileName = name;
    shared.book = FakeWorkbook.fromGrid({ ...read.workbook, name });
    shared.inspect = new FakeHost(shared.book);
    status.className = "status";
    status.textContent = `${text.loaded}: ${name}`;
    view.setBook(shared.book);
    reloadPane();
    return true;
  };

  file.addEventListener("change", async () => {
    const f = file.files?.[0];
    if (!f) return;
    load(new Uint8Array(await f.arrayBuffer()), f.name);
    file.value = "";
  });
  const loadSample = async () => {
    const response = await fetch("/app/hangzhou-2024.xlsx");
    load(new Uint8Array(await response.arrayBuffer()), "hangzhou-2024.xlsx");
  };
  const sampleButton = el("button", { type: "button", "data-testid": "load-sample" }, text.sample);
  sampleButton.addEventListener("click", () => void loadSample());

  document.getElementById("playground")?.append(
    el(
      "header",
      { class: "bar" },
      el("h1", {}, text.title),
      el("label", { class: "file" }, file, el("span", {}, text.open)),
      sampleButton,
      select(
        text.language,
        lang,
        [
          ["zh-CN", "中文 (zh-CN)"],
          ["en-US", "English (en-US)"],
        ],
        (v) => {
          setParam("lang", v);
          location.reload();
        },
      ),
      select(
        text.theme,
        shared.theme,
        [
          ["light", text.light],
          ["dark", text.dark],
        ],
        (v) => {
          shared.theme = v === "dark" ? "dark" : "light";
          setParam("theme", shared.theme);
          reloadPane();
        },
      ),
      select(
        text.api,
        String(shared.apiMinor),
        [
          ["18", text.api18],
          ["14", text.api14],
          ["13", text.api13],
        ],
        (v) => {
          shared.apiMinor = Number(v);
          setParam("api", v);
          reloadPane();
        },
      ),
      status,
    ),
    el("div", { class: "main" }, bookRoot, pane),
  );
  bookRoot.insertBefore(el("p", { class: "hint" }, text.hint), bookRoot.children[2] ?? null);
  void loadSample();
}

start();
