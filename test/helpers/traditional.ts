/**
 * Simplified → traditional for the characters the engine reads as traditional (the inverse of
 * core/text's normalisation), to write the sample's tables the way a Big5 table would hold them.
 */
import { TRADITIONAL_PLACE_CHARACTERS } from "../../src/core/divisions/names";
import { normalizeText } from "../../src/core/text";
import { encodable } from "./legacyEncoders";

const inverse = new Map<string, string>();
for (let c = 0x4e00; c <= 0x9fff; c++) {
  const ch = String.fromCharCode(c);
  const simplified = normalizeText(ch);
  if (simplified === ch || simplified.length !== 1) continue;
  // Of two traditional forms (値, 值 for 值) the one Big5 has.
  const had = inverse.get(simplified);
  if (had === undefined || (!encodable(had, "big5") && encodable(ch, "big5"))) inverse.set(simplified, ch);
}

// Place-name characters the division dictionary folds (錢塘區 → 钱塘区) are written traditional too.
const placeTraditional = [...TRADITIONAL_PLACE_CHARACTERS.traditional];
[...TRADITIONAL_PLACE_CHARACTERS.simplified].forEach((s, i) => {
  if (!inverse.has(s) && encodable(placeTraditional[i], "big5")) inverse.set(s, placeTraditional[i]);
});

export function toTraditional(text: string): string {
  let out = "";
  for (const ch of text) {
    const t = inverse.get(ch);
    out += t !== undefined && encodable(t, "big5") ? t : ch;
  }
  return out;
}
