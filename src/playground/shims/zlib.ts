/**
 * The two calls of `node:zlib` the .xlsx reader makes (src/cli/xlsx/zip.ts), for the playground's
 * browser bundle, on fflate (MIT). Only webpack's alias for the playground points here; the command
 * line keeps Node's zlib.
 */
import { deflateSync, inflateSync } from "fflate";

export interface InflateOptions {
  /** Like Node: stop with a RangeError rather than produce more than this many bytes. */
  maxOutputLength?: number;
  chunkSize?: number;
}

export function inflateRawSync(data: Uint8Array, options: InflateOptions = {}): Uint8Array {
  const max = options.maxOutputLength;
  if (max === undefined) return inflateSync(data);
  // A buffer one byte too large: fflate never grows a buffer it was given, so filling the extra
  // byte proves the data inflates beyond the cap, and memory stays bounded by the declared size.
  const out = inflateSync(data, { out: new Uint8Array(max + 1) });
  if (out.length > max) throw new RangeError("Cannot create a Buffer larger than maxOutputLength");
  return out;
}

export function deflateRawSync(data: Uint8Array, options: { level?: number } = {}): Uint8Array {
  const level = (options.level ?? 6) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  return deflateSync(data, { level });
}
