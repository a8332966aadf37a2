/** Reads a table-map file (`--map MAP.json`) and says in one line what is wrong with it. */
import type { WorkbookGrid } from "../core/grid";
import { fromMapDocument } from "../core/mapJson";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import type { CliIo } from "./io";

export type LoadedMap = { ok: true; maps: TableMap[] } | { ok: false; message: string };

export function loadMap(path: string, workbook: WorkbookGrid, lang: Lang, io: CliIo): LoadedMap {
  const zh = lang === "zh";
  if (!io.exists(path))
    return { ok: false, message: zh ? `找不到表格映射文件：${path}` : `No such map file: ${path}` };
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(io.readFile(path)).replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      ok: false,
      message: zh
        ? `${path} 不是有效的 JSON：${(e as Error).message}`
        : `${path} is not valid JSON: ${(e as Error).message}`,
    };
  }
  const read = fromMapDocument(doc, workbook);
  if (!read.ok)
    return {
      ok: false,
      message: zh
        ? `${path} 中的表格映射有误：${read.path}：${read.problem}`
        : `${path}: the table map is wrong at ${read.path}: ${read.problem}`,
    };
  return { ok: true, maps: read.maps };
}
