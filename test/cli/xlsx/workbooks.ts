/**
 * Test workbooks for the .xlsx door: built with exceljs where it can express the case, and as
 * hand-written parts zipped with fflate where it cannot (shared formulas, charts, odd prefixes).
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export async function excelWorkbook(
  build: (wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export async function loadWithExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface HandSheet {
  name: string;
  /** Everything inside <worksheet>…</worksheet>. */
  body: string;
  state?: "hidden" | "veryHidden";
  /** Extra relationships of the sheet (Id, Type suffix, Target). */
  rels?: { id: string; type: string; target: string }[];
  /** Root element override, e.g. a prefixed one. */
  root?: (body: string) => string;
}

export interface HandWorkbook {
  sheets: HandSheet[];
  sharedStrings?: string[];
  /** Inner XML of <styleSheet>; a minimal one when omitted. */
  styles?: string;
  /** Extra parts (name → text or bytes) and content-type overrides. */
  extra?: Record<string, string | Uint8Array>;
  overrides?: { part: string; type: string }[];
  /** Absolute targets in workbook.xml.rels ("/xl/worksheets/sheet1.xml"). */
  absoluteTargets?: boolean;
  date1904?: boolean;
}

export const MINIMAL_STYLES =
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>`;

export function handWorkbook(spec: HandWorkbook): Uint8Array {
  const files: Zippable = {};
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`,
  ];
  const wbRels: string[] = [];
  const sheetTags: string[] = [];
  spec.sheets.forEach((s, i) => {
    const n = i + 1;
    const part = `xl/worksheets/sheet${n}.xml`;
    const root =
      s.root ?? ((body: string) => `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${body}</worksheet>`);
    files[part] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${root(s.body)}`);
    overrides.push(
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    const target = spec.absoluteTargets ? `/${part}` : `worksheets/sheet${n}.xml`;
    wbRels.push(`<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="${target}"/>`);
    sheetTags.push(
      `<sheet name="${escapeAttr(s.name)}" sheetId="${n}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${n}"/>`,
    );
    if (s.rels?.length) {
      files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          s.rels
            .map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`)
            .join("") +
          `</Relationships>`,
      );
    }
  });
  const k = spec.sheets.length;
  wbRels.push(
    `<Relationship Id="rId${k + 1}" Type="${REL}/styles" Target="${spec.absoluteTargets ? "/xl/styles.xml" : "styles.xml"}"/>`,
  );
  if (spec.sharedStrings) {
    wbRels.push(
      `<Relationship Id="rId${k + 2}" Type="${REL}/sharedStrings" Target="${spec.absoluteTargets ? "/xl/sharedStrings.xml" : "sharedStrings.xml"}"/>`,
    );
    overrides.push(
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`,
    );
    files["xl/sharedStrings.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS_MAIN}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">` +
        spec.sharedStrings
          .map((s) => (s.startsWith("<") ? `<si>${s}</si>` : `<si><t xml:space="preserve">${s}</t></si>`))
          .join("") +
        `</sst>`,
    );
  }
  for (const o of spec.overrides ?? [])
    overrides.push(`<Override PartName="/${o.part}" ContentType="${o.type}"/>`);
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${overrides.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>${sheetTags.join("")}</sheets></workbook>`,
  );
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join("")}</Relationships>`,
  );
  files["xl/styles.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS_MAIN}">${spec.styles ?? MINIMAL_STYLES}</styleSheet>`,
  );
  for (const [name, data] of Object.entries(spec.extra ?? {}))
    files[name] = typeof data === "string" ? strToU8(data) : data;
  return zipSync(files, { level: 6 });
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Every part as text (binary parts decoded as latin1, good enough for comparisons). */
export function partsOf(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([k, v]) => [k, strFromU8(v, !/\.(xml|rels|vml)$/i.test(k))]));
}

export interface RawEntry {
  name: string;
  /** Local header through the end of the compressed data: what must stay byte-identical. */
  local: Uint8Array;
  method: number;
  crc: number;
}

/**
 * An independent little central-directory walk (not the code under test), returning each entry's
 * raw local record so a test can prove an untouched entry was copied byte for byte.
 */
export function rawEntries(bytes: Uint8Array): RawEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("no end record");
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    const compressed = dv.getUint32(p + 20, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const offset = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const localLen = 30 + dv.getUint16(offset + 26, true) + dv.getUint16(offset + 28, true);
    out.push({ name, local: bytes.slice(offset, offset + localLen + compressed), method, crc });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A zip of the given parts with fflate (for malformed or non-workbook packages). */
export function zipOf(parts: Record<string, string>): Uint8Array {
  const files: Zippable = {};
  for (const [k, v] of Object.entries(parts)) files[k] = strToU8(v);
  return zipSync(files);
}
