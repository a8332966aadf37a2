/**
 * Renders a finding's evidence as a sentence in the reader's language.
 * (Placeholder signature; full wording in progress.)
 */
import type { Finding } from "./finding";

export type Lang = "zh" | "en";

export function renderMessage(finding: Finding, lang: Lang): string {
  return lang === "zh" ? `${finding.rule} ${finding.cell}` : `${finding.rule} at ${finding.cell}`;
}
