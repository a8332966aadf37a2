/**
 * The reasons a candidate range was not read as a split (CheckResult.rejected, stable codes) are
 * worded in both languages; a code the pane does not know yet is said generally, never shown raw.
 */
import { rejectedText } from "../../src/taskpane/NothingChecked";
import { stringsFor } from "../../src/taskpane/i18n";

test.each(["zh-CN", "en-US"] as const)("%s: known codes in words, unknown codes never raw", (locale) => {
  const t = stringsFor(locale);
  for (const code of ["no-parent", "no-numbers", "no-children", "no-header", "periods"]) {
    const text = rejectedText(t, code);
    expect(text).not.toContain(code);
    expect(text).not.toBe(t["rejected.other"]);
  }
  expect(rejectedText(t, "SOME_NEW_CODE")).toBe(t["rejected.other"]);
  expect(rejectedText(t, "no-such-reason")).toBe(t["rejected.other"]);
});
