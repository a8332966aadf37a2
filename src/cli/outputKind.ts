/**
 * An output copy is the same kind of package as its input (a macro-enabled workbook stays one, a
 * template stays a template), and Excel opens a package only under the extension of its kind: a
 * name that says otherwise is refused, and a batch names each copy for its kind.
 */
import * as path from "path";
import type { Lang } from "../core/messages";
import { kindMismatchWords } from "./messages";
import { openPackage, packageKind, type PackageKind } from "./xlsx";

/** The kind of the package these bytes hold; an ordinary workbook when they do not say (or cannot be read). */
export function copyKind(bytes: Uint8Array): PackageKind {
  try {
    return packageKind(openPackage(bytes, undefined));
  } catch {
    return "xlsx";
  }
}

/** The one line refusing `out` for a copy of this kind, or null when its name fits. */
export function kindProblem(out: string, kind: PackageKind, lang: Lang): string | null {
  const ext = path.extname(out).toLowerCase();
  if (ext === `.${kind}`) return null;
  const stem = path.basename(out, path.extname(out)) || "copy";
  return kindMismatchWords(out, kind, `${stem}.${kind}`)[lang];
}
