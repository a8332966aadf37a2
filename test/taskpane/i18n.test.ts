/** The pane's two languages: same keys, same placeholders, Chinese only for Chinese Office. */
import enUS from "../../src/taskpane/i18n/en-US.json";
import zhCN from "../../src/taskpane/i18n/zh-CN.json";
import { chooseLocale, fill, messageLang } from "../../src/taskpane/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n resources", () => {
  test("zh-CN and en-US have the same keys", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(enUS).sort());
  });

  test("every string is non-empty and uses the same placeholders in both languages", () => {
    for (const [key, en] of Object.entries(enUS)) {
      const zh = (zhCN as Record<string, string>)[key];
      expect(en.trim()).not.toBe("");
      expect(zh.trim()).not.toBe("");
      expect([key, placeholders(zh)]).toEqual([key, placeholders(en)]);
    }
  });
});

describe("chooseLocale", () => {
  test.each([
    ["zh-CN", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["ZH-hk", "zh-CN"],
    ["zh", "zh-CN"],
    ["en-US", "en-US"],
    ["de-DE", "en-US"],
    [undefined, "en-US"],
    ["", "en-US"],
  ])("display language %p → %p", (displayLanguage, locale) => {
    expect(chooseLocale(displayLanguage)).toBe(locale);
  });

  test("engine messages follow the UI language", () => {
    expect(messageLang("zh-CN")).toBe("zh");
    expect(messageLang("en-US")).toBe("en");
  });
});

describe("fill", () => {
  test("replaces known placeholders and leaves unknown ones visible", () => {
    expect(fill("“{sheet}” has {count} {what}", { sheet: "分解表", count: 3 })).toBe("“分解表” has 3 {what}");
  });
});
