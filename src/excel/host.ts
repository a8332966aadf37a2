/**
 * What the task pane needs to know about its host: are we in Excel, in which display language,
 * with a light or dark Office theme. Read once, when Office.js says it is ready.
 *
 * The pane must also render as a plain web page (no Office.js at all, or a stub whose onReady never
 * fires), so waiting is bounded by a timeout and every Office property is optional.
 */

export interface HostInfo {
  /** True when Office.js reports Excel as the host (a real Excel or a fake one). */
  inExcel: boolean;
  /** Office's UI language (`zh-CN`, `en-US`, …) when Office.js provided one. */
  displayLanguage?: string;
  /** Whether the Office theme is dark; undefined when the host does not tell. */
  dark?: boolean;
}

const NO_HOST: HostInfo = { inExcel: false };

/** Resolves with the host's facts, or with "no host" when Office.js is absent or silent. */
export async function connectHost(timeoutMs = 2000): Promise<HostInfo> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return NO_HOST;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info === null) return NO_HOST;
    return {
      inExcel: String(info.host) === "Excel",
      displayLanguage: readDisplayLanguage(),
      dark: readDarkTheme(),
    };
  } catch {
    return NO_HOST;
  } finally {
    clearTimeout(timer);
  }
}

function readDisplayLanguage(): string | undefined {
  try {
    const lang = Office.context?.displayLanguage;
    return typeof lang === "string" && lang !== "" ? lang : undefined;
  } catch {
    return undefined;
  }
}

/** Office.context.officeTheme exists on Windows and Mac (not in every host), hence the guards. */
function readDarkTheme(): boolean | undefined {
  try {
    const background = Office.context?.officeTheme?.bodyBackgroundColor;
    return typeof background === "string" ? isDarkColor(background) : undefined;
  } catch {
    return undefined;
  }
}

/** A `#RRGGBB` colour is dark when its relative luminance (sRGB, Rec. 709 weights) is below ½. */
export function isDarkColor(hex: string): boolean | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
