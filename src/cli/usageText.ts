/**
 * The command line's usage in the reader's language beyond the help's own text (helpText.ts):
 * commander's errors (an unknown option, a missing value), read from its English and said again on
 * one line, and an option's facts (its choices, its default) after its description in the help.
 */
import type { Lang } from "../core/messages";

interface UsageCatalog {
  requiredOption(flag: string): string;
  needsValue(flag: string): string;
  /** `choices` as commander lists them: "text, json, csv". */
  badChoice(flag: string, value: string, choices: string): string;
  /** `suggestion`: commander's "did you mean", when it has one. */
  unknownOption(flag: string, suggestion: string | undefined): string;
  missingArgument(name: string): string;
  tooManyArguments: string;
  unknownCommand(name: string, suggestion: string | undefined): string;
  /** An error this table does not know: said generally rather than in English. */
  notValid: string;
  /** An option's description with its facts ("choices: text, json", "default: text") after it. */
  withFacts(description: string, facts: readonly string[]): string;
}

const ZH: UsageCatalog = {
  requiredOption: (flag) => `缺少必需的选项 ${flag}`,
  needsValue: (flag) => `选项 ${flag} 需要一个值`,
  badChoice: (flag, value, choices) =>
    `选项 ${flag} 的值“${value}”无效，可选：${choices.split(", ").join("、")}`,
  unknownOption: (flag, suggestion) =>
    `没有选项 ${flag}${suggestion ? `，是否要用 ${suggestion}？` : ""}；用 --help 查看可用的选项`,
  missingArgument: (name) => `缺少参数 ${name}`,
  tooManyArguments: "参数过多；用 --help 查看用法",
  unknownCommand: (name, suggestion) =>
    `没有命令 ${name}${suggestion ? `，是否要用 ${suggestion}？` : ""}；可用的命令：check、detect、rebalance`,
  notValid: "命令行有误；用 tdcheck --help 查看用法",
  // The facts are written "choices: a, b" by the help (HELP.choices); said here with Chinese punctuation.
  withFacts: (description, facts) =>
    `${description}（${facts.join("；").replace(/: /g, "：").replace(/, /g, "、")}）`,
};

const EN: UsageCatalog = {
  requiredOption: (flag) => `the option ${flag} is required`,
  needsValue: (flag) => `the option ${flag} needs a value`,
  badChoice: (flag, value, choices) =>
    `the option ${flag} does not take "${value}"; choose one of ${choices}`,
  unknownOption: (flag, suggestion) =>
    `there is no option ${flag}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; see --help`,
  missingArgument: (name) => `the argument ${name} is missing`,
  tooManyArguments: "too many arguments; see --help",
  unknownCommand: (name, suggestion) =>
    `there is no command ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ""}; the commands are check, detect, rebalance`,
  notValid: "the command line is not valid; see tdcheck --help",
  withFacts: (description, facts) => `${description} (${facts.join(", ")})`,
};

export const USAGE_TEXT: Record<Lang, UsageCatalog> = { zh: ZH, en: EN };

/**
 * Commander's own error (an unknown option, a missing value) in the reader's language, on one
 * line. An error this table does not know is said generally rather than in English.
 */
export function commanderMessage(message: string, lang: Lang): string {
  const t = USAGE_TEXT[lang];
  const text = message.trim();
  let m: RegExpExecArray | null;
  if ((m = /^error: required option '(.+?)' not specified/.exec(text))) return t.requiredOption(m[1]);
  if ((m = /^error: option '(.+?)' argument missing/.exec(text))) return t.needsValue(m[1]);
  if ((m = /^error: option '(.+?)' argument '(.*)' is invalid\. Allowed choices are (.+?)\.?$/.exec(text)))
    return t.badChoice(m[1], m[2], m[3]);
  if ((m = /^error: unknown option '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/.exec(text)))
    return t.unknownOption(m[1], m[2]);
  if ((m = /^error: missing required argument '(.+?)'/.exec(text))) return t.missingArgument(m[1]);
  if (/^error: too many arguments/.test(text)) return t.tooManyArguments;
  if ((m = /^error: unknown command '(.+?)'(?:\s*\(Did you mean (.+?)\?\))?/.exec(text)))
    return t.unknownCommand(m[1], m[2]);
  return t.notValid;
}
