// Draws the extension's 128x128 icon (media/icon.png) with plain JavaScript: shapes as signed distances,
// 4x4 supersampling, written as an RGBA PNG through node:zlib. Deterministic: the same bytes every run.
// Usage: node scripts/make-icon.mjs [OUT.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SAMPLES = 4;

// Shapes: a function (x, y) -> true when the point is inside.
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** The flask's body: a trapezoid from the neck (top) to the base, with a rounded base. */
const flaskBody = (inset) => (x, y) => {
  const top = 50 + inset;
  const bottom = 106 - inset;
  if (y < top || y > bottom) return false;
  const t = (y - top) / (106 - 50);
  const half = 11 - inset + t * (34 - 11);
  const inside = Math.abs(x - 64) <= half;
  const corner = 8;
  if (!inside) return false;
  if (y > bottom - corner && Math.abs(x - 64) > half - corner) return circle(64 + Math.sign(x - 64) * (half - corner), bottom - corner, corner)(x, y);
  return true;
};
const neck = (inset) => roundedRect(53 + inset, 22, 75 - inset, 52, 0);
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

const glass = union(flaskBody(0), neck(0), roundedRect(47, 16, 81, 25, 4));
const hollow = union(flaskBody(5), neck(5));
const liquid = (x, y) => flaskBody(5)(x, y) && y >= 74 + 2.5 * Math.sin((x - 30) / 7);
const bubbles = union(circle(56, 88, 4), circle(70, 96, 3), circle(64, 80, 2.2));

/** Layers, bottom to top: [shape, colour (x, y) -> [r, g, b]]. */
const layers = [
  [roundedRect(0, 0, 128, 128, 26), (x, y) => mix([0x1e, 0x88, 0xe5], [0x0d, 0x3c, 0x8c], (x + y) / 256)],
  [minus(glass, hollow), () => [0xff, 0xff, 0xff]],
  [liquid, (x, y) => mix([0xff, 0xe0, 0x52], [0xff, 0xc3, 0x31], (y - 74) / 32)],
  [(x, y) => liquid(x, y) && bubbles(x, y), () => [0xff, 0xf4, 0xc2]],
];

function mix(a, b, t) {
  const k = Math.min(1, Math.max(0, t));
  return a.map((v, i) => Math.round(v + (b[i] - v) * k));
}

function render() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None)
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          let colour;
          for (const [shape, paint] of layers) if (shape(x, y)) colour = paint(x, y);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const o = 1 + px * 4;
      if (a) {
        row[o] = Math.round(r / a);
        row[o + 1] = Math.round(g / a);
        row[o + 2] = Math.round(b / a);
      }
      row[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2] ?? fileURLToPath(new URL('../media/icon.png', import.meta.url));
writeFileSync(out, iconPng());
console.log(`${out}: ${SIZE}x${SIZE} PNG`);
