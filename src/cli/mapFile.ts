/** Reads a table-map file (`--map MAP.json`) and says in one line what is wrong with it. */
import type { WorkbookGrid } from "../core/grid";
import { fromMapDocument } from "../core/mapJson";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import { FileFault } from "./files";
import { INPUT_TEXT } from "./inputText";
import type { CliIo } from "./io";
import { readFaultWords } from "./messages";

/** A table map is a few kilobytes; anything near this is not one. */
const MAX_MAP_BYTES = 64 * 1024 * 1024;

export type LoadedMap = { ok: true; maps: TableMap[] } | { ok: false; message: string };

export function loadMap(path: string, workbook: WorkbookGrid, lang: Lang, io: CliIo): LoadedMap {
  const words = INPUT_TEXT[lang];
  if (!io.exists(path)) return { ok: false, message: words.mapNotFound(path) };
  let text: string;
  try {
    text = new TextDecoder().decode(io.readFile(path, MAX_MAP_BYTES));
  } catch (e) {
    if (e instanceof FileFault) return { ok: false, message: readFaultWords(e)[lang] };
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return { ok: false, message: words.mapNotJson(path, (e as Error).message) };
  }
  const read = fromMapDocument(doc, workbook);
  if (!read.ok) return { ok: false, message: words.mapWrong(path, read.path, read.problem) };
  return { ok: true, maps: read.maps };
}
