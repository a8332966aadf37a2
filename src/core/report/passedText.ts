/**
 * A sentence for a check that passed, from its evidence (a failed check is a Finding and has
 * renderMessage). The report lists both, so an auditor sees what was verified, not only what
 * went wrong. The sentences are the rule modules' own (rules/); a rule with none is named as
 * passed.
 */
import type { PassedCheck } from "../rules/rule";
import { FINDING_KINDS } from "../rules";
import type { Lang } from "../messages";
import { MESSAGE_TEXT } from "../messageText";

export function passedMessage(c: PassedCheck, lang: Lang): string {
  const texts = FINDING_KINDS[c.rule][lang];
  if (texts.passed) return texts.passed(c);
  return MESSAGE_TEXT[lang].passed(texts.title);
}
