/**
 * Loads an input file as the engine's workbook, or says in one line why it cannot.
 * Only the .xlsx door lives here; the engine never sees a path or a byte.
 */
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { CliIo } from "./io";
import { problemMessage, readXlsx } from "./xlsx";

export type Loaded = { ok: true; workbook: WorkbookGrid; bytes: Uint8Array } | { ok: false; message: string };

export function loadWorkbook(path: string, io: CliIo, lang: Lang): Loaded {
  const zh = lang === "zh";
  if (!io.exists(path)) return { ok: false, message: zh ? `找不到文件：${path}` : `No such file: ${path}` };
  if (io.isDirectory(path))
    return {
      ok: false,
      message: zh
        ? `这是一个文件夹，不是 .xlsx 文件：${path}`
        : `This is a folder, not an .xlsx file: ${path}`,
    };
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return { ok: false, message: zh ? `无法读取文件 ${path}（${code}）` : `Cannot read ${path} (${code})` };
  }
  const read = readXlsx(bytes, { fileName: path.split(/[/\\]/).pop() ?? path });
  if (!read.ok) return { ok: false, message: problemMessage(read.problem, path)[lang] };
  return { ok: true, workbook: read.workbook, bytes };
}
