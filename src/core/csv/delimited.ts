/**
 * Delimited text (CSV, TSV) → rows of cell strings: RFC 4180 quoting (a quoted field may hold the
 * delimiter, doubled quotes and line breaks), CRLF, LF or CR line ends, and the delimiter detected
 * (comma, tab or semicolon) from how consistently each splits the first records.
 */

export type Delimiter = "," | "\t" | ";";

export const DELIMITERS: readonly Delimiter[] = [",", "\t", ";"];

export type ParsedRows =
  | { ok: true; rows: string[][] }
  /** A quote opened on `line` (1-based) is never closed: the rest of the file would become one cell. */
  | { ok: false; code: "UNTERMINATED_QUOTE"; line: number; at: number }
  /** More cells than `maxCells`. */
  | { ok: false; code: "TOO_MANY_CELLS"; maxCells: number };

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Parses `text` into records. Blank lines stay as rows with one empty cell (row numbers keep
 * matching the file's lines); blank lines at the end are dropped. Line breaks inside a quoted
 * field become "\n", as a cell holds them in a workbook. A quote inside an unquoted field, or
 * text after a closing quote, is kept as written (what spreadsheet programs do).
 */
export function parseDelimited(
  text: string,
  delimiter: Delimiter,
  options: { maxCells?: number; maxRecords?: number } = {},
): ParsedRows {
  const maxCells = options.maxCells ?? Infinity;
  const maxRecords = options.maxRecords ?? Infinity;
  const sep = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  const n = text.length;
  let cells = 0;
  let row: string[] = [];
  let i = 0;
  let line = 1;
  while (i <= n && rows.length < maxRecords) {
    // One field.
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      const openedAt = i;
      let out = "";
      let start = ++i;
      for (;;) {
        if (i >= n) return { ok: false, code: "UNTERMINATED_QUOTE", line: openedOn, at: openedAt };
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          out += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            out += '"';
            i += 2;
            start = i;
            continue;
          }
          i++;
          break;
        }
        if (c === CR || c === LF) {
          out += text.slice(start, i) + "\n";
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          start = i;
          continue;
        }
        i++;
      }
      // Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
      const restStart = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sep || c === CR || c === LF) break;
        i++;
      }
      field = restStart < i ? out + text.slice(restStart, i) : out;
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === sep || c === CR || c === LF) break;
        i++;
      }
      field = text.slice(start, i);
    }
    row.push(field);
    if (++cells > maxCells) return { ok: false, code: "TOO_MANY_CELLS", maxCells };
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === sep) {
      i++;
      if (i === n) {
        row.push(""); // a delimiter at the very end opens one last, empty field
        rows.push(row);
        break;
      }
      continue;
    }
    // A line end closes the record.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
    if (i === n) break;
  }
  while (rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop();
  return { ok: true, rows };
}

function isBlank(row: string[]): boolean {
  return row.every((f) => f === "");
}

/** How many records the detection looks at, and in how much text. */
const SAMPLE_RECORDS = 200;
const SAMPLE_CHARS = 256 * 1024;

/**
 * The delimiter that splits the first records most consistently: the one under which the quotes
 * stand at the edges of fields (超500;"a,b" is quoted for a semicolon, not a comma), then for which
 * most non-blank records have the same number of fields (more than one), then the wider split, then
 * comma, tab, semicolon in that order. A file every candidate leaves in one column is read as comma-separated.
 * `preferred` (from a .tsv name) wins a tie.
 */
/**
 * Quotes that, with this delimiter, stand neither at the start nor at the end of a field: a
 * quoted field opens after a delimiter or a line break and closes before one.
 */
function strayQuotes(text: string, delimiter: Delimiter): number {
  const edge = (c: string | undefined) => c === undefined || c === delimiter || c === "\n" || c === "\r";
  let stray = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    let j = i;
    while (text[j + 1] === '"') j++; // a run of quotes ("" inside a field, """ at its edge) counts once
    if (!edge(text[i - 1]) && !edge(text[j + 1])) stray++;
    i = j;
  }
  return stray;
}

export function detectDelimiter(text: string, preferred?: Delimiter): Delimiter {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const cut = sample.length < text.length;
  let best: { delimiter: Delimiter; stray: number; agree: number; width: number } | undefined;
  const order = preferred ? [preferred, ...DELIMITERS.filter((d) => d !== preferred)] : DELIMITERS;
  for (const delimiter of order) {
    let parsed = parseDelimited(sample, delimiter, { maxRecords: SAMPLE_RECORDS });
    // A sample cut inside a quoted field is still a fair sample of the records before it.
    if (!parsed.ok && parsed.code === "UNTERMINATED_QUOTE")
      parsed = parseDelimited(sample.slice(0, parsed.at), delimiter, { maxRecords: SAMPLE_RECORDS });
    const rows = parsed.ok ? parsed.rows : [];
    const counted = cut && rows.length > 1 ? rows.slice(0, -1) : rows;
    const tally = new Map<number, number>();
    for (const r of counted)
      if (!isBlank(r) && r.length > 1) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
    let agree = 0;
    let width = 0;
    for (const [w, k] of tally)
      if (k > agree || (k === agree && w > width)) {
        agree = k;
        width = w;
      }
    if (agree === 0) continue;
    const stray = strayQuotes(sample, delimiter);
    if (
      !best ||
      stray < best.stray ||
      (stray === best.stray && (agree > best.agree || (agree === best.agree && width > best.width)))
    )
      best = { delimiter, stray, agree, width };
  }
  return best?.delimiter ?? preferred ?? ",";
}
