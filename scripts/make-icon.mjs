// Draws media/icon.png (128×128 RGBA): a dark green rounded square with a white download arrow over a tray.
// Plain Node (zlib + a hand-written PNG encoder) so it needs no image tools; the PNG is committed, so this
// only runs when the design changes: `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // 4×4 samples per pixel for smooth edges

/** Distance from point p to the segment a–b. */
function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function insideRoundedSquare(x, y, inset, radius) {
  const lo = inset + radius,
    hi = SIZE - inset - radius;
  const cx = Math.max(lo, Math.min(hi, x)),
    cy = Math.max(lo, Math.min(hi, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** Polylines with round joins and caps: [points, stroke width]. */
const strokes = [
  [
    [
      [64, 24],
      [64, 76],
    ],
    12,
  ], // arrow shaft
  [
    [
      [40, 54],
      [64, 78],
      [88, 54],
    ],
    12,
  ], // arrow head
  [
    [
      [28, 82],
      [28, 100],
      [100, 100],
      [100, 82],
    ],
    10,
  ], // tray
];

function onStroke(x, y) {
  return strokes.some(([points, width]) =>
    points.slice(1).some((b, i) => segmentDistance(x, y, points[i], b) <= width / 2),
  );
}

const GREEN = [0x0b, 0x5d, 0x2c],
  RIM = [0x13, 0xaa, 0x52],
  WHITE = [0xff, 0xff, 0xff];
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES,
          py = y + (sy + 0.5) / SAMPLES;
        let colour;
        if (onStroke(px, py)) colour = WHITE;
        else if (insideRoundedSquare(px, py, 8, 18)) colour = GREEN;
        else if (insideRoundedSquare(px, py, 4, 22)) colour = RIM;
        if (colour) {
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 1;
        }
      }
    }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const n = sum[3];
    raw[o] = n ? Math.round(sum[0] / n) : 0;
    raw[o + 1] = n ? Math.round(sum[1] / n) : 0;
    raw[o + 2] = n ? Math.round(sum[2] / n) : 0;
    raw[o + 3] = Math.round((255 * n) / (SAMPLES * SAMPLES));
  }
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

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);
