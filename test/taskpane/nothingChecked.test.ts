/**
 * The reasons a candidate range was not read as a split (CheckResult.rejected, stable codes) are
 * worded in both languages; a code the pane does not know yet is said generally, never shown raw.
 */
import { rejectedText } from "../../src/taskpane/NothingChecked";
import { stringsFor } from "../../src/taskpane/i18n";
import { REJECT_REASONS } from "../../src/core/detect/detectTables";
import { REJECT_TEXT } from "../../src/core/messages";

test.each(["zh-CN", "en-US"] as const)("%s: known codes in words, unknown codes never raw", (locale) => {
  const t = stringsFor(locale);
  for (const code of REJECT_REASONS) {
    const text = rejectedText(t, code);
    expect(text).not.toContain(code);
    expect(text).not.toBe(t["rejected.other"]);
  }
  expect(rejectedText(t, "SOME_NEW_CODE")).toBe(t["rejected.other"]);
  expect(rejectedText(t, "no-such-reason")).toBe(t["rejected.other"]);
});

test("the command line words every reason too, in both languages", () => {
  for (const code of REJECT_REASONS) {
    expect(REJECT_TEXT[code]?.zh).toBeTruthy();
    expect(REJECT_TEXT[code]?.en).toBeTruthy();
  }
});
