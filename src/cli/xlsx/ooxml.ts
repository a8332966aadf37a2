/**
 * Names and small pieces every writer of .xlsx parts needs: namespaces, content types, the
 * refusal it throws inside, colours as OOXML writes them, and the relationship names a package uses.
 */
import type { Package } from "./package";
import type { PackageEditor } from "./packageEditor";

export const REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** Relationship namespaces of transitional and strict OOXML. */
export const REL_NAMESPACES = [REL_BASE, "http://purl.oclc.org/ooxml/officeDocument/relationships"];

export const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
export const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
export const CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
export const CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing";

/**
 * A writer's way out of deep XML surgery when keeping the file whole is not possible: caught at
 * the writer's door and turned into a CANNOT_PRESERVE problem listing the parts.
 */
export class Refusal extends Error {
  constructor(
    readonly parts: string[],
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** `#C00000` → `FFC00000`: an opaque ARGB colour as SpreadsheetML writes it. */
export function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

/**
 * The prefix the part's root element binds to a relationships namespace (transitional or strict).
 * When there is none, the new element declares `r` itself, so the root tag is never edited and
 * removal leaves no trace.
 */
export function relationshipPrefix(rootTag: string): { prefix: string; declaration: string } {
  for (const m of rootTag.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']+)["']/g))
    if (REL_NAMESPACES.includes(m[2])) return { prefix: m[1], declaration: "" };
  return { prefix: "r", declaration: ` xmlns:r="${REL_BASE}"` };
}

/** The relationship-type base the package already uses (transitional or strict), from its worksheets. */
export function relTypeBase(pkg: Package, editor: PackageEditor): string {
  const ws = editor.relationshipsOf(pkg.workbookPart).find((r) => r.type.endsWith("/worksheet"));
  return ws ? ws.type.slice(0, ws.type.length - "/worksheet".length) : REL_BASE;
}
