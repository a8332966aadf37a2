/**
 * Loads an input file as the engine's workbook, or says in one line why it cannot.
 * Only the .xlsx door lives here; the engine never sees a path or a byte.
 */
import type { WorkbookGrid } from "../core/grid";
import type { CliIo } from "./io";
import type { Lang } from "../core/messages";
import { readXlsx } from "./xlsx/read";

export type Loaded = { ok: true; workbook: WorkbookGrid; bytes: Uint8Array } | { ok: false; message: string };

function extension(path: string): string {
  const m = /\.([^./\\]+)$/.exec(path);
  return m ? m[1].toLowerCase() : "";
}

const SAVE_AS: Record<Lang, Record<string, string>> = {
  zh: {
    xls: "这是旧版 Excel 97-2003 (.xls) 文件。请在 Excel 中打开，选择“文件 → 另存为 → Excel 工作簿 (*.xlsx)”后再校核。",
    et: "这是 WPS 表格 (.et) 文件。请在 WPS 中打开，选择“文件 → 另存为 → Excel 文件 (*.xlsx)”后再校核。",
    csv: "这是 CSV 文本文件。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再校核。",
    ods: "这是 OpenDocument (.ods) 文件。请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx 后再校核。",
  },
  en: {
    xls: "This is a legacy Excel 97-2003 (.xls) file. Open it in Excel and use File → Save As → Excel Workbook (*.xlsx), then check the copy.",
    et: "This is a WPS Spreadsheets (.et) file. Open it in WPS and use File → Save As → Excel file (*.xlsx), then check the copy.",
    csv: "This is a CSV text file. Open it in Excel or WPS and save it as .xlsx, then check the copy.",
    ods: "This is an OpenDocument (.ods) file. Save it as .xlsx in WPS, LibreOffice or Excel, then check the copy.",
  },
};

export function loadWorkbook(path: string, io: CliIo, lang: Lang): Loaded {
  const zh = lang === "zh";
  if (!io.exists(path)) return { ok: false, message: zh ? `找不到文件：${path}` : `No such file: ${path}` };
  if (io.isDirectory(path)) return { ok: false, message: zh ? `这是一个文件夹，不是 .xlsx 文件：${path}` : `This is a folder, not an .xlsx file: ${path}` };
  const ext = extension(path);
  if (SAVE_AS[lang][ext]) return { ok: false, message: `${path}: ${SAVE_AS[lang][ext]}` };
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return { ok: false, message: zh ? `无法读取文件 ${path}（${code}）` : `Cannot read ${path} (${code})` };
  }
  const name = path.split(/[/\\]/).pop() ?? path;
  const read = readXlsx(bytes, { fileName: name });
  if (!read.ok) {
    const p = read.problem;
    const ext2 = p.code === "LEGACY_XLS" ? "xls" : p.code === "WPS_ET" ? "et" : "";
    if (ext2) return { ok: false, message: `${path}: ${SAVE_AS[lang][ext2]}` };
    const reason: Record<string, [string, string]> = {
      NOT_XLSX: ["不是有效的 .xlsx 工作簿", "is not a valid .xlsx workbook"],
      ENCRYPTED: ["工作簿已加密，请先在 Excel 中取消密码保护并另存", "is password-protected; remove the password in Excel and save a copy"],
      TRUNCATED: ["文件不完整（可能下载或复制中断），请重新获取", "is incomplete (an interrupted download or copy?); get the file again"],
      TOO_LARGE: ["文件解压后超出安全上限，已拒绝读取", "would expand beyond the safety limit and was refused"],
      CORRUPT: ["文件已损坏，无法读取", "is damaged and cannot be read"],
      NO_SHEETS: ["工作簿中没有工作表", "has no worksheets"],
    };
    const [rzh, ren] = reason[p.code] ?? ["无法读取", "cannot be read"];
    return { ok: false, message: zh ? `${path}：${rzh}。${p.detail ? `（${p.detail}）` : ""}` : `${path} ${ren}.${p.detail ? ` (${p.detail})` : ""}` };
  }
  return { ok: true, workbook: read.workbook, bytes };
}
