/**
 * Results of pure functions of a cell's text, kept per distinct text (issue 13): a small workbook
 * can point thousands of cells at one long shared string (15,000 cells at one 1 MB string is a
 * 109 KB file), and normalising, classifying or parsing that text again for every cell made the time
 * grow with cells × length instead of with the file. Two distinct texts are never confused: the key
 * is the whole text.
 *
 * Only long texts are kept (short ones cost less to recompute than to look up, and a million-cell
 * sheet has a million short ones); the store is emptied when it holds too much, so memory stays
 * bounded by what one workbook's distinct long texts take.
 */
const MIN_LENGTH = 64;
const MAX_ENTRIES = 4096;
const MAX_CHARACTERS = 64 * 1024 * 1024;

export function perDistinctText<T>(fn: (text: string) => T): (text: string) => T {
  const store = new Map<string, T>();
  let characters = 0;
  return (text: string): T => {
    if (text.length < MIN_LENGTH) return fn(text);
    const known = store.get(text);
    if (known !== undefined || store.has(text)) return known as T;
    const result = fn(text);
    if (store.size >= MAX_ENTRIES || characters + text.length > MAX_CHARACTERS) {
      store.clear();
      characters = 0;
    }
    // One result serves every cell of that text: frozen, so no reader can change it for the others.
    if (typeof result === "object" && result !== null) Object.freeze(result);
    store.set(text, result);
    characters += text.length;
    return result;
  };
}

/** perDistinctText for a function of a text and a small second argument (a measure, a flag). */
export function perDistinctTextAnd<A, T>(fn: (text: string, a: A) => T): (text: string, a: A) => T {
  const byArgument = new Map<A, (text: string) => T>();
  return (text: string, a: A): T => {
    if (text.length < MIN_LENGTH) return fn(text, a);
    let memo = byArgument.get(a);
    if (memo === undefined) {
      if (byArgument.size >= 1024) byArgument.clear();
      memo = perDistinctText((t: string) => fn(t, a));
      byArgument.set(a, memo);
    }
    return memo(text);
  };
}
