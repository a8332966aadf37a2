/**
 * annotateXlsx: writes a copy of a workbook with the flag plan applied as conditional formats and
 * notes, by editing only the XML parts that must change (the flagged sheets, styles.xml, their
 * relationships, the content types, and the notes' own parts). Every other zip entry is copied
 * byte for byte. When an edit cannot be made without risking the user's content, nothing is
 * written and the parts concerned are listed. removeAnnotations takes exactly our additions out.
 *
 * Which flags are ours: our differential formats (dxf) are written in a form Excel's own
 * presets never use (a solid pattern with both fgColor and bgColor set to the flag colour, see
 * dxfXml), and a conditional format is ours when every rule in it is an expression rule using
 * one of those dxfs. Our notes are authored "指标分解校核" and start with NOTE_MARK.
 *
 * Priorities: ours come after every rule the sheet already has (max existing priority + 1, …),
 * so no user rule is renumbered or otherwise touched, and where a user rule colours the same
 * cell the user's wins. Putting ours first would mean rewriting the priority of every user rule
 * on the sheet, including the Excel 2010 rules kept in <extLst>.
 */
import { a1, parseA1, parseRange } from "../../core/address";
import { FLAG_STYLE, NOTE_MARK, type FlagKind, type FlagPlan, type NotePlan } from "../../core/flags";
import { openPackage, type Limits, type Package } from "./package";
import {
  NOTE_AUTHOR,
  addToCommentsPart,
  addToVmlPart,
  blocksNeeded,
  freshBlocks,
  newCommentsPart,
  newVmlPart,
  notedCells,
  removeFromCommentsPart,
  removeFromVmlPart,
  sortNotes,
  usedShapeBlocks,
  type NoteCell,
} from "./notes";
import { PackageEditor, insertBeforeClose } from "./packageEditor";
import { readWorkbookInfo, toProblem, type WorkbookInfo, type XlsxProblemCode } from "./read";
import { worksheetLayout, insertionPoint } from "./worksheetLayout";
import { applyTextEdits, escapeXml, findTag, findTags, rootPrefix } from "./xml";
import { XlsxFault } from "./zip";
import { MAIN_NS, CT_COMMENTS, CT_VML, Refusal, argb, relationshipPrefix, relTypeBase } from "./ooxml";

export interface AnnotateProblem {
  /** CANNOT_PRESERVE: a part could not be edited safely; BAD_PLAN: the plan names a sheet or cell that does not exist. */
  code: "CANNOT_PRESERVE" | "BAD_PLAN" | XlsxProblemCode;
  /** The zip parts concerned (for CANNOT_PRESERVE: what would have been at risk). */
  parts: string[];
  detail: string;
}

export interface AnnotateReport {
  /** Existing parts whose content changed. */
  changed: string[];
  /** Parts we created. */
  added: string[];
  /** Notes not written because the cell already has a note of the user's. */
  skippedNotes: NotePlan[];
}

export type AnnotateResult =
  ({ ok: true; bytes: Uint8Array } & AnnotateReport) | { ok: false; problem: AnnotateProblem };

export interface AnnotateOptions {
  fileName?: string;
  limits?: Partial<Limits>;
}

/** Our dxf for a flag kind. Its exact text is also how removeAnnotations recognises it. */
export function dxfXml(kind: FlagKind, p = ""): string {
  const s = FLAG_STYLE[kind];
  const fill = argb(s.fill);
  let xml = `<${p}dxf><${p}font><${p}color rgb="${argb(s.font)}"/></${p}font><${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${fill}"/><${p}bgColor rgb="${fill}"/></${p}patternFill></${p}fill>`;
  if (s.border) {
    const c = argb(s.border);
    const side = (n: string): string => `<${p}${n} style="thin"><${p}color rgb="${c}"/></${p}${n}>`;
    xml += `<${p}border>${side("left")}${side("right")}${side("top")}${side("bottom")}</${p}border>`;
  }
  return xml + `</${p}dxf>`;
}

const KINDS: FlagKind[] = ["error", "warning", "hint"];

// ---------------------------------------------------------------------------------------------
// styles.xml

interface DxfTable {
  /** The dxf elements, in order, as text. */
  items: { start: number; end: number; text: string }[];
  /** The <dxfs> element's span, if present. */
  open?: { start: number; end: number; selfClosing: boolean; closeStart: number; closeEnd: number };
}

function dxfTable(xml: string): DxfTable {
  const p = rootPrefix(xml);
  const dxfs = findTag(xml, "dxfs");
  if (!dxfs) return { items: [] };
  if (dxfs.selfClosing)
    return {
      items: [],
      open: { start: dxfs.start, end: dxfs.end, selfClosing: true, closeStart: dxfs.end, closeEnd: dxfs.end },
    };
  const close = `</${p}dxfs>`;
  const closeStart = xml.indexOf(close, dxfs.end);
  if (closeStart < 0) throw new Refusal(["xl/styles.xml"], "styles.xml has an unclosed <dxfs>");
  const items = findTags(xml, "dxf", dxfs.end, closeStart).map((t) => {
    const end = t.selfClosing ? t.end : xml.indexOf(`</${p}dxf>`, t.end) + `</${p}dxf>`.length;
    return { start: t.start, end, text: xml.slice(t.start, end) };
  });
  return {
    items,
    open: {
      start: dxfs.start,
      end: dxfs.end,
      selfClosing: false,
      closeStart,
      closeEnd: closeStart + close.length,
    },
  };
}

const STYLESHEET_AFTER_DXFS = ["tableStyles", "colors", "extLst"];

/** Appends our dxfs; returns the new styles text and the dxfId of each kind. */
function addDxfs(xml: string, kinds: FlagKind[], part: string): { xml: string; ids: Map<FlagKind, number> } {
  const p = rootPrefix(xml);
  const table = dxfTable(xml);
  const ids = new Map<FlagKind, number>();
  let added = "";
  kinds.forEach((k, i) => {
    ids.set(k, table.items.length + i);
    added += dxfXml(k, p);
  });
  const count = table.items.length + kinds.length;
  if (table.open) {
    const o = table.open;
    const startTag = xml.slice(o.start, o.end).replace(/\/>$/, ">");
    const withCount = /\bcount\s*=\s*["']\d*["']/.test(startTag)
      ? startTag.replace(/\bcount\s*=\s*["']\d*["']/, `count="${count}"`)
      : startTag.replace(/>$/, ` count="${count}">`);
    if (o.selfClosing)
      return { xml: xml.slice(0, o.start) + withCount + added + `</${p}dxfs>` + xml.slice(o.end), ids };
    return {
      xml:
        xml.slice(0, o.start) + withCount + xml.slice(o.end, o.closeStart) + added + xml.slice(o.closeStart),
      ids,
    };
  }
  // No <dxfs> yet: it goes after cellStyles, before tableStyles/colors/extLst.
  let at = -1;
  for (const name of STYLESHEET_AFTER_DXFS) {
    const t = findTag(xml, name);
    if (t && (at < 0 || t.start < at)) at = t.start;
  }
  if (at < 0) at = xml.lastIndexOf(`</${p}styleSheet>`);
  if (at < 0) throw new Refusal([part], "styles.xml has no </styleSheet>");
  return { xml: xml.slice(0, at) + `<${p}dxfs count="${count}">${added}</${p}dxfs>` + xml.slice(at), ids };
}

/** Indices of the dxfs that are ours. */
function ourDxfIds(xml: string): Set<number> {
  const p = rootPrefix(xml);
  const mine = new Set(KINDS.map((k) => dxfXml(k, p)));
  const ids = new Set<number>();
  dxfTable(xml).items.forEach((d, i) => {
    if (mine.has(d.text)) ids.add(i);
  });
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

interface SheetTarget {
  name: string;
  part: string;
}

function maxPriority(xml: string, from: number): number {
  let max = 0;
  const re = /\bpriority\s*=\s*["'](\d+)["']/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) max = Math.max(max, Number(m[1]));
  return max;
}

interface Insertion {
  at: number;
  order: number;
  text: string;
}

function applyInsertions(xml: string, insertions: Insertion[]): string {
  const sorted = [...insertions].sort((a, b) => b.at - a.at || b.order - a.order);
  let out = xml;
  for (const ins of sorted) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return out;
}

/**
 * Declares the content types of parts we add. A new VML drawing gets an Override of its own
 * rather than a Default for the extension, unless the package already has that Default, so that
 * removing our part removes exactly the line we added.
 */
function ensureContentTypes(editor: PackageEditor, part: string, type: string): void {
  const name = "[Content_Types].xml";
  const xml = editor.read(name);
  if (xml === undefined) throw new Refusal([name], "the package has no [Content_Types].xml");
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  const byDefault = findTags(xml, "Default").some(
    (t) => (t.attrs.get("Extension") ?? "").toLowerCase() === ext && t.attrs.get("ContentType") === type,
  );
  if (byDefault) return;
  editor.write(
    name,
    insertBeforeClose(xml, "Types", `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`),
  );
}

function noteCells(notes: NotePlan[], sheet: string): NoteCell[] {
  const byRef = new Map<string, NoteCell>();
  for (const n of notes) {
    const pos = parseA1(n.cell);
    if (!pos) throw new XlsxFault("BAD_PLAN", `note on ${sheet}!${n.cell}: not a cell address`);
    const ref = a1(pos.row, pos.col);
    const prev = byRef.get(ref);
    // Two notes for one cell become one note: a cell has room for one.
    byRef.set(
      ref,
      prev
        ? {
            ...prev,
            text: `${prev.text}\n${n.text.startsWith(NOTE_MARK) ? n.text.slice(NOTE_MARK.length).replace(/^\n/, "") : n.text}`,
          }
        : {
            row: pos.row,
            col: pos.col,
            ref,
            text: n.text.startsWith(NOTE_MARK) ? n.text : `${NOTE_MARK}\n${n.text}`,
          },
    );
  }
  return sortNotes([...byRef.values()]);
}

function annotateSheet(
  editor: PackageEditor,
  target: SheetTarget,
  rules: FlagPlan["rules"],
  notes: NotePlan[],
  dxfIds: Map<FlagKind, number>,
  vmlBlocks: Set<number>,
  relBase: string,
  skipped: NotePlan[],
): void {
  const xml = editor.read(target.part);
  if (xml === undefined) throw new Refusal([target.part], `sheet ${target.name} has no part`);
  const layout = worksheetLayout(xml);
  const p = layout.prefix;
  const insertions: Insertion[] = [];

  if (rules.length) {
    const sheetDataEnd = layout.children.find((c) => c.name === "sheetData")?.end ?? layout.rootTagEnd;
    let priority = maxPriority(xml, sheetDataEnd);
    let text = "";
    for (const rule of rules) {
      for (const r of rule.ranges)
        if (!parseRange(r)) throw new XlsxFault("BAD_PLAN", `flag on ${target.name}: "${r}" is not a range`);
      if (rule.ranges.length === 0) continue;
      if (!rule.formula.replace(/^=/, "").trim())
        throw new XlsxFault("BAD_PLAN", `flag on ${target.name}: a rule without a formula`);
      const sqref = rule.ranges.map((r) => r.replace(/\$/g, "")).join(" ");
      text += `<${p}conditionalFormatting sqref="${escapeXml(sqref)}"><${p}cfRule type="expression" dxfId="${dxfIds.get(rule.kind)}" priority="${++priority}"><${p}formula>${escapeXml(rule.formula.replace(/^=/, ""))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
    }
    insertions.push({ at: insertionPoint(layout, "conditionalFormatting"), order: 0, text });
  }

  let cells = noteCells(notes, target.name);
  if (cells.length) {
    const rels = editor.relationshipsOf(target.part);
    const legacy = layout.children.find((c) => c.name === "legacyDrawing");
    const legacyId = legacy ? /\b(?:[\w.-]+:)?id\s*=\s*["']([^"']+)["']/.exec(legacy.tag)?.[1] : undefined;
    const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
    const commentsRel = rels.find((r) => r.type.endsWith("/comments"));
    const commentsPart = commentsRel ? editor.storedName(commentsRel.target) : undefined;
    if (legacy && (!vmlRel || vmlRel.external || !editor.has(vmlRel.target)))
      throw new Refusal([target.part], `sheet ${target.name} points to a VML drawing that is missing`);
    if (commentsRel && !vmlRel)
      throw new Refusal(
        [target.part, commentsPart ?? ""],
        `sheet ${target.name} has notes but no VML drawing for them`,
      );

    const existing = commentsPart ? editor.read(commentsPart) : undefined;
    if (commentsRel && existing === undefined)
      throw new Refusal([target.part], `sheet ${target.name} points to a comments part that is missing`);
    if (existing !== undefined) {
      const taken = notedCells(existing);
      const keep: NoteCell[] = [];
      for (const c of cells) {
        if (!taken.has(c.ref)) keep.push(c);
        else
          skipped.push(
            ...notes.filter((n) => {
              const at = parseA1(n.cell);
              return at !== null && a1(at.row, at.col) === c.ref;
            }),
          );
      }
      cells = keep;
    }
    if (cells.length) {
      const blocks = freshBlocks(vmlBlocks, blocksNeeded(cells.length));
      // Comments text.
      if (existing !== undefined && commentsPart) {
        const next = addToCommentsPart(existing, cells);
        if (next === undefined)
          throw new Refusal([commentsPart], `the notes part of sheet ${target.name} has an unexpected shape`);
        editor.write(commentsPart, next);
      } else {
        const name = editor.freshName("xl/comments{n}.xml");
        const ns =
          /xmlns\s*=\s*["']([^"']+)["']/.exec(xml.slice(layout.rootStart, layout.rootTagEnd))?.[1] ?? MAIN_NS;
        editor.write(name, newCommentsPart(cells, ns));
        editor.addRelationship(target.part, `${relBase}/comments`, name);
        ensureContentTypes(editor, name, CT_COMMENTS);
      }
      // Boxes.
      if (vmlRel) {
        const vml = editor.read(vmlRel.target)!;
        const next = addToVmlPart(vml, cells, blocks);
        if (typeof next !== "string")
          throw new Refusal([editor.storedName(vmlRel.target)], `sheet ${target.name}: ${next.reason}`);
        editor.write(editor.storedName(vmlRel.target), next);
      } else {
        const name = editor.freshName("xl/drawings/vmlDrawing{n}.vml");
        editor.write(name, newVmlPart(cells, blocks));
        const id = editor.addRelationship(target.part, `${relBase}/vmlDrawing`, name);
        const r = relationshipPrefix(xml.slice(layout.rootStart, layout.rootTagEnd));
        insertions.push({
          at: insertionPoint(layout, "legacyDrawing"),
          order: 1,
          text: `<${p}legacyDrawing${r.declaration} ${r.prefix}:id="${id}"/>`,
        });
        ensureContentTypes(editor, name, CT_VML);
      }
    }
  }
  if (insertions.length) editor.write(target.part, applyInsertions(xml, insertions));
}

function allVml(editor: PackageEditor, pkg: Package): string[] {
  return pkg.dir.entries.filter((e) => /\.vml$/i.test(e.name)).map((e) => editor.read(e.name) ?? "");
}

function sheetTargets(info: WorkbookInfo): Map<string, SheetTarget> {
  const out = new Map<string, SheetTarget>();
  for (const s of info.sheets) if (s.part) out.set(s.name, { name: s.name, part: s.part });
  return out;
}

function hasOurAnnotations(editor: PackageEditor, info: WorkbookInfo): boolean {
  if (info.stylesPart) {
    const styles = editor.read(info.stylesPart);
    if (styles && ourDxfIds(styles).size) return true;
  }
  // Our notes are found through each sheet's own comments relationship, whatever the part is called.
  for (const sheet of sheetTargets(info).values()) {
    const rel = editor.relationshipsOf(sheet.part).find((r) => r.type.endsWith("/comments"));
    if (rel && (editor.read(rel.target) ?? "").includes(`>${NOTE_AUTHOR}<`)) return true;
  }
  return false;
}

function refusal(err: unknown): AnnotateProblem {
  if (err instanceof Refusal)
    return { code: "CANNOT_PRESERVE", parts: err.parts.filter(Boolean), detail: err.detail };
  if (err instanceof XlsxFault && (err.code === "CANNOT_PRESERVE" || err.code === "BAD_PLAN"))
    return { code: err.code, parts: [], detail: err.detail };
  const p = toProblem(err);
  return { code: p.code, parts: [], detail: p.detail };
}

export function annotateXlsx(
  bytes: Uint8Array,
  plan: FlagPlan,
  options: AnnotateOptions = {},
): AnnotateResult {
  try {
    let pkg = openPackage(bytes, options.fileName);
    let editor = new PackageEditor(pkg, options.limits);
    let info = readWorkbookInfo(pkg, editor.limits);
    if (hasOurAnnotations(editor, info)) {
      // Annotating an annotated copy replaces the old flags instead of stacking a second set.
      const clean = removeAnnotations(bytes, options);
      if (!clean.ok) return clean;
      pkg = openPackage(clean.bytes, options.fileName);
      editor = new PackageEditor(pkg, options.limits);
      info = readWorkbookInfo(pkg, editor.limits);
    }
    const targets = sheetTargets(info);
    const sheets = new Set<string>([...plan.rules.map((r) => r.sheet), ...plan.notes.map((n) => n.sheet)]);
    for (const s of sheets)
      if (!targets.has(s))
        throw new XlsxFault("BAD_PLAN", `the plan names sheet "${s}", which the workbook does not have`);

    const kinds = KINDS.filter((k) => plan.rules.some((r) => r.kind === k && r.ranges.length > 0));
    let dxfIds = new Map<FlagKind, number>();
    if (kinds.length) {
      if (!info.stylesPart) throw new Refusal([], "the workbook has no styles part to hold the flag colours");
      const styles = editor.read(info.stylesPart)!;
      const added = addDxfs(styles, kinds, info.stylesPart);
      editor.write(editor.storedName(info.stylesPart), added.xml);
      dxfIds = added.ids;
    }
    const relBase = relTypeBase(pkg, editor);
    const vmlBlocks = usedShapeBlocks(allVml(editor, pkg));
    const skipped: NotePlan[] = [];
    for (const s of sheets) {
      annotateSheet(
        editor,
        targets.get(s)!,
        plan.rules.filter((r) => r.sheet === s),
        plan.notes.filter((n) => n.sheet === s),
        dxfIds,
        vmlBlocks,
        relBase,
        skipped,
      );
    }
    return {
      ok: true,
      bytes: editor.build(),
      changed: editor.changedParts(),
      added: editor.addedParts(),
      skippedNotes: skipped,
    };
  } catch (err) {
    return { ok: false, problem: refusal(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// Removal

function removeOurFormats(xml: string, ours: Set<number>): string {
  const layout = worksheetLayout(xml);
  const cuts = layout.children.filter((c) => {
    if (c.name !== "conditionalFormatting") return false;
    const body = xml.slice(c.start, c.end);
    const rules = findTags(body, "cfRule");
    return (
      rules.length > 0 &&
      rules.every((r) => r.attrs.get("type") === "expression" && ours.has(Number(r.attrs.get("dxfId"))))
    );
  });
  return applyTextEdits(
    xml,
    cuts.map((c) => ({ start: c.start, end: c.end, text: "" })),
  );
}

function removeOurDxfs(xml: string, ours: Set<number>): string {
  // Only a run of ours at the end can go without renumbering every dxfId in the workbook; ours
  // elsewhere (the user added rules after ours) stay as unused formats, which is harmless.
  const table = dxfTable(xml);
  if (!table.open || table.open.selfClosing) return xml;
  let keep = table.items.length;
  while (keep > 0 && ours.has(keep - 1)) keep--;
  if (keep === table.items.length) return xml;
  const o = table.open;
  if (keep === 0) {
    const startTag = xml.slice(o.start, o.end);
    const emptied = startTag.replace(/\bcount\s*=\s*["']\d*["']/, 'count="0"').replace(/\s*>$/, "/>");
    return xml.slice(0, o.start) + emptied + xml.slice(o.closeEnd);
  }
  const startTag = xml.slice(o.start, o.end).replace(/\bcount\s*=\s*["']\d*["']/, `count="${keep}"`);
  return (
    xml.slice(0, o.start) + startTag + xml.slice(o.end, table.items[keep].start) + xml.slice(o.closeStart)
  );
}

/** Takes out exactly what annotateXlsx added: our conditional formats, dxfs, notes and note parts. */
export function removeAnnotations(bytes: Uint8Array, options: AnnotateOptions = {}): AnnotateResult {
  try {
    const pkg = openPackage(bytes, options.fileName);
    const editor = new PackageEditor(pkg, options.limits);
    const info = readWorkbookInfo(pkg, editor.limits);
    let ours = new Set<number>();
    const stylesName = info.stylesPart ? editor.storedName(info.stylesPart) : undefined;
    const styles = stylesName ? editor.read(stylesName) : undefined;
    if (styles !== undefined) ours = ourDxfIds(styles);

    for (const sheet of sheetTargets(info).values()) {
      const xml = editor.read(sheet.part);
      if (xml === undefined) continue;
      let next = ours.size ? removeOurFormats(xml, ours) : xml;

      const rels = editor.relationshipsOf(sheet.part);
      const commentsRel = rels.find((r) => r.type.endsWith("/comments"));
      const commentsPart = commentsRel ? editor.storedName(commentsRel.target) : undefined;
      const comments = commentsPart ? editor.read(commentsPart) : undefined;
      if (commentsRel && commentsPart && comments !== undefined) {
        const result = removeFromCommentsPart(comments, NOTE_MARK);
        if (result.removed.size) {
          const layout = worksheetLayout(next);
          const legacy = layout.children.find((c) => c.name === "legacyDrawing");
          const legacyId = legacy
            ? /\b(?:[\w.-]+:)?id\s*=\s*["']([^"']+)["']/.exec(legacy.tag)?.[1]
            : undefined;
          const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
          const vmlName = vmlRel ? editor.storedName(vmlRel.target) : undefined;
          const vml = vmlName ? editor.read(vmlName) : undefined;
          const shapes =
            vml !== undefined ? removeFromVmlPart(vml, result.removed, (r, c) => a1(r, c)) : undefined;
          // A part with nothing of the user's left in it was created by annotateXlsx: it goes.
          if (result.left === 0) {
            editor.remove(commentsPart);
            editor.removeRelationship(sheet.part, commentsRel.id);
            removeOverride(editor, commentsPart);
          } else editor.write(commentsPart, result.xml);
          if (vmlName && vmlRel && legacy && shapes) {
            if (shapes.left === 0) {
              editor.remove(vmlName);
              editor.removeRelationship(sheet.part, vmlRel.id);
              next = next.slice(0, legacy.start) + next.slice(legacy.end);
              removeOverride(editor, vmlName);
            } else editor.write(vmlName, trimIdmap(shapes.vml));
          }
        }
      }
      if (next !== xml) editor.write(sheet.part, next);
    }
    if (stylesName && styles !== undefined && ours.size) {
      const next = removeOurDxfs(styles, ours);
      if (next !== styles) editor.write(stylesName, next);
    }
    return { ok: true, bytes: editor.build(), changed: editor.changedParts(), added: [], skippedNotes: [] };
  } catch (err) {
    return { ok: false, problem: refusal(err) };
  }
}

function removeOverride(editor: PackageEditor, part: string): void {
  const name = "[Content_Types].xml";
  const xml = editor.read(name);
  if (xml === undefined) return;
  const tag = findTags(xml, "Override").find(
    (t) => (t.attrs.get("PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase(),
  );
  if (tag) editor.write(name, xml.slice(0, tag.start) + xml.slice(tag.end));
}

/** Drops the idmap blocks we appended once no shape uses them. */
function trimIdmap(vml: string): string {
  const idmap = /(<o:idmap\b[^>]*\bdata\s*=\s*["'])([^"']*)(["'])/.exec(vml);
  if (!idmap) return vml;
  const used = new Set<number>();
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) used.add(Math.floor(Number(m[1]) / 1024));
  const blocks = idmap[2].split(",");
  while (blocks.length > 1 && !used.has(Number(blocks[blocks.length - 1]))) blocks.pop();
  return (
    vml.slice(0, idmap.index) +
    idmap[1] +
    blocks.join(",") +
    idmap[3] +
    vml.slice(idmap.index + idmap[0].length)
  );
}
