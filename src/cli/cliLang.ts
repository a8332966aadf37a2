/**
 * The command line's language, one rule for help and messages alike: `--lang`, else the
 * project's own `TDCHECK_LANG`, else the system locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE:
 * zh* Chinese, en* English), else Chinese — the language of the people it was made for. A locale
 * that is neither (C, POSIX, de_DE) is not a choice of English: Chinese stays.
 */
import type { Lang } from "../core/messages";

export type Env = Record<string, string | undefined>;

function fromTag(tag: string | undefined): Lang | undefined {
  const t = (tag ?? "").trim().toLowerCase();
  if (t.startsWith("zh")) return "zh";
  if (t.startsWith("en")) return "en";
  return undefined;
}

/** The value of `--lang` in argv, as typed (`--lang en`, `--lang=en`). */
function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === "--lang") return argv[i + 1];
    if (a.startsWith("--lang=")) return a.slice("--lang=".length);
  }
  return undefined;
}

/**
 * The system's language as the C library would choose it for messages: LC_ALL overrides
 * LC_MESSAGES, which overrides LANG; GNU's LANGUAGE list comes first when the locale is set at all.
 * Without any of them (Windows), the platform's locale as Intl reports it.
 */
export function systemLang(env: Env, intlLocale?: () => string | undefined): Lang | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (locale) {
    const listed = (env.LANGUAGE ?? "").split(":").find((l) => fromTag(l));
    if (listed && locale !== "C" && locale !== "POSIX") return fromTag(listed);
    return fromTag(locale);
  }
  if (env.LANGUAGE) return fromTag(env.LANGUAGE.split(":")[0]);
  return fromTag(intlLocale?.());
}

export function chooseLang(argv: readonly string[], env: Env, intlLocale?: () => string | undefined): Lang {
  return fromTag(langArgument(argv)) ?? fromTag(env.TDCHECK_LANG) ?? systemLang(env, intlLocale) ?? "zh";
}

/** The platform's locale (Windows has no LANG): what Intl resolves by default. */
export function intlLocale(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().locale;
  } catch {
    return undefined;
  }
}
