/**
 * The few Buffer calls of the .xlsx reader (src/cli/xlsx/package.ts), for the playground's browser
 * bundle: `Buffer.isBuffer`, `Buffer.from(arrayBuffer, offset, length)` with `indexOf` and
 * `toString("utf8")`, and `Buffer.from(text, "utf8")`. Provided as a global by webpack's
 * ProvidePlugin in the playground build only.
 */
const utf8Decoder = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

export class Buffer extends Uint8Array {
  static isBuffer(value: unknown): value is Buffer {
    return value instanceof Buffer;
  }

  static override from(...args: unknown[]): Buffer {
    const [source, second, third] = args;
    if (typeof source === "string") {
      const bytes = utf8Encoder.encode(source);
      return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (
      source instanceof ArrayBuffer ||
      (typeof SharedArrayBuffer !== "undefined" && source instanceof SharedArrayBuffer)
    ) {
      const offset = typeof second === "number" ? second : 0;
      const length = typeof third === "number" ? third : source.byteLength - offset;
      return new Buffer(source as ArrayBuffer, offset, length);
    }
    if (source instanceof Uint8Array)
      return new Buffer(source.buffer as ArrayBuffer, source.byteOffset, source.byteLength);
    throw new TypeError("Buffer.from: unsupported argument in the playground's Buffer");
  }

  override toString(encoding = "utf8"): string {
    if (encoding !== "utf8" && encoding !== "utf-8") throw new TypeError(`Buffer#toString: ${encoding}`);
    return utf8Decoder.decode(this);
  }

  /** Byte-pattern search, as Node's Buffer#indexOf(Uint8Array) does. */
  override indexOf(pattern: unknown, from = 0): number {
    if (typeof pattern === "number") return super.indexOf(pattern, from);
    if (!(pattern instanceof Uint8Array)) throw new TypeError("Buffer#indexOf: a Uint8Array is expected");
    if (pattern.length === 0) return from;
    const first = pattern[0];
    for (
      let i = super.indexOf(first, from);
      i >= 0 && i + pattern.length <= this.length;
      i = super.indexOf(first, i + 1)
    ) {
      let j = 1;
      while (j < pattern.length && this[i + j] === pattern[j]) j++;
      if (j === pattern.length) return i;
    }
    return -1;
  }
}
