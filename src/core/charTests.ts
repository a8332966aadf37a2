/**
 * Tests a regular expression would do, by table, for the tests run once per unit name (50,000 on a
 * large table): "holds any of these characters" and "starts with, ends with or holds one of these
 * words". A table lookup
 * per character costs a fraction of a pattern's run; test/core/charTests.test.ts proves each one
 * answers as the pattern it replaces, over every UTF-16 code unit.
 */

export interface TextTest {
  test(text: string): boolean;
}

/** A test of single characters, which can also be asked of one character code. */
export interface CharTest extends TextTest {
  has(code: number): boolean;
}

/** Whether a text holds any of `chars` (one UTF-16 code unit each), as /[chars]/ would say. */
export function anyCharOf(chars: string): CharTest {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return {
    has: (code: number) => table[code] === 1,
    test(text: string): boolean {
      for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
      return false;
    },
  };
}

/** Words by the code of one of their characters (the first or the last). */
function byCharacter(words: readonly string[], last: boolean): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const w of words) {
    const code = w.charCodeAt(last ? w.length - 1 : 0);
    const list = map.get(code);
    if (list) list.push(w);
    else map.set(code, [w]);
  }
  return map;
}

/** Whether a text ends with one of `words`, as /(w1|w2|…)$/ would say. */
export function endingWithAny(words: readonly string[]): TextTest {
  const byLast = byCharacter(words, true);
  return {
    test(text: string): boolean {
      const candidates = text.length ? byLast.get(text.charCodeAt(text.length - 1)) : undefined;
      if (candidates)
        for (let k = 0; k < candidates.length; k++) if (text.endsWith(candidates[k])) return true;
      return false;
    },
  };
}

/** Whether a text starts with one of `words`, as /^(w1|w2|…)/ would say. */
export function startingWithAny(words: readonly string[]): TextTest {
  const byFirst = byCharacter(words, false);
  return {
    test(text: string): boolean {
      const candidates = text.length ? byFirst.get(text.charCodeAt(0)) : undefined;
      if (candidates)
        for (let k = 0; k < candidates.length; k++) if (text.startsWith(candidates[k])) return true;
      return false;
    },
  };
}

/** Whether a text holds one of `words` anywhere, as /(w1|w2|…)/ would say. */
export function containingAny(words: readonly string[]): TextTest {
  const byFirst = byCharacter(words, false);
  // Most characters start no word: a table says so before the map is asked.
  const starts = new Uint8Array(0x10000);
  for (const code of byFirst.keys()) starts[code] = 1;
  return {
    test(text: string): boolean {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (starts[code] === 0) continue;
        const candidates = byFirst.get(code);
        if (candidates)
          for (let k = 0; k < candidates.length; k++) if (text.startsWith(candidates[k], i)) return true;
      }
      return false;
    },
  };
}

/** What JavaScript's \s matches (ECMAScript WhiteSpace and LineTerminator), one code unit each. */
export const JS_WHITE_SPACE =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** Latin letters, ASCII and full-width. */
export const LATIN_LETTERS = (() => {
  let s = "";
  for (const [from, to] of [
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0xff21, 0xff3a],
    [0xff41, 0xff5a],
  ])
    for (let c = from; c <= to; c++) s += String.fromCharCode(c);
  return s;
})();
