#!/usr/bin/env node
/**
 * Draws the add-in's icon (a blue Σ with a green check mark) at every size the manifest and the
 * store need, and writes them to assets/icon-<size>.png.
 *
 * Pure Node: shapes are capsules (thick line segments) sampled 8×8 per pixel for smooth edges,
 * encoded as RGBA PNG with zlib and a hand-rolled CRC-32, so the icons can be rebuilt anywhere
 * without an image library. Run: node scripts/make-icons.js [output folder, default assets/]
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "assets"));

const BLUE = [15, 108, 189]; // Fluent brand blue #0F6CBD
const GREEN = [16, 124, 16]; // Office green #107C10
const WHITE = [255, 255, 255];

/** Σ as a polyline in unit coordinates (0..1, y down). */
const SIGMA = [
  [0.72, 0.15],
  [0.16, 0.15],
  [0.46, 0.47],
  [0.16, 0.8],
  [0.72, 0.8],
];
/** The check mark, drawn over the Σ's lower right with a white halo so the two stay apart. */
const CHECK = [
  [0.5, 0.68],
  [0.65, 0.84],
  [0.92, 0.52],
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return Math.sqrt(cx * cx + cy * cy);
}

function onPolyline(px, py, points, halfWidth) {
  for (let i = 0; i + 1 < points.length; i++) {
    if (distanceToSegment(px, py, points[i], points[i + 1]) <= halfWidth) return true;
  }
  return false;
}

/** Colour of one sample point, or null for transparent. Later layers paint over earlier ones. */
function sample(x, y, size) {
  // Strokes keep at least ~1.7 px at 16 px so the glyph survives the smallest ribbon size.
  const stroke = Math.max(0.11, 1.7 / size);
  if (onPolyline(x, y, CHECK, stroke / 2 + stroke * 0.55)) {
    return onPolyline(x, y, CHECK, stroke / 2) ? GREEN : WHITE;
  }
  if (onPolyline(x, y, SIGMA, stroke / 2)) return BLUE;
  return null;
}

/** RGBA pixels, premultiplied averaging of an 8×8 grid of samples per pixel. */
function draw(size) {
  const n = 8;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(OUT_DIR, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, draw(size)));
    console.log(`${path.relative(process.cwd(), file)}  ${size}×${size}`);
  }
}

main();
