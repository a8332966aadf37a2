/**
 * The pane's language: Chinese when Office's display language is Chinese (zh-CN, zh-TW, zh-HK, …),
 * English otherwise. All UI strings live in the JSON resource files beside this one.
 */
import type { Lang } from "../core/messages";
import enUS from "./i18n/en-US.json";
import zhCN from "./i18n/zh-CN.json";

export type UiLocale = "zh-CN" | "en-US";
export type StringKey = keyof typeof enUS;
export type Strings = Record<StringKey, string>;

const RESOURCES: Record<UiLocale, Strings> = { "en-US": enUS, "zh-CN": zhCN };

/** `displayLanguage` is Office's (or, outside Office, the browser's) language tag. */
export function chooseLocale(displayLanguage: string | undefined): UiLocale {
  return displayLanguage?.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

export function stringsFor(locale: UiLocale): Strings {
  return RESOURCES[locale];
}

/** The engine's message language for a UI locale. */
export function messageLang(locale: UiLocale): Lang {
  return locale === "zh-CN" ? "zh" : "en";
}

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * A sentence about a number of things: the `.one` form for exactly one where the language has it
 * ("1 finding" / "2 findings"; Chinese says 1 条 and 2 条 alike and repeats the text).
 */
export function fillCount(
  t: Strings,
  key: StringKey,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  const one = `${key}.one` as StringKey;
  const template = count === 1 && one in t ? t[one] : t[key];
  return fill(template, { ...vars, count });
}
