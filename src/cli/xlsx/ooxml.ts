/** Names every writer of .xlsx parts needs: namespaces, content types, and the refusal it throws inside. */

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
