#!/usr/bin/env node
// Anchor: binpackingjs (npm, pinned 4.1.0, MIT) under the benchmark's single-bin wrapper
// (shared/bench-data/cartonization/tools/FORMAT.md, "Single-bin wrapper"; the same logic as
// anchor_py3dbp.py):
//   1. units that fit no box alone are reported unpacked;
//   2. box types are tried cheapest-first (cost, then inner volume), skipping any that fails the
//      relaxed check; the first box in which the engine places every remaining unit is used;
//   3. otherwise the box type in which the engine places the most item volume (ties: cheaper) is
//      used for the units it placed, and step 2 repeats on the rest.
// Engine call: pack3D({bins: [one bin, maxWeight = max_weight_g - tare_g], items: remaining units}).
// Axes: binpackingjs's (width, height, depth) = our (x, z, y), height being its vertical; an item
// (l, w, h) is {width: l, height: h, depth: w}; upright units get allowedRotations [WHD, DHW]
// (h kept vertical). The helpers below mirror cartonlib.py (expand_units, allowed orientations,
// relaxed_single_box_ok, boxes_by_cost).
//
// Usage: node anchor_binpackingjs.mjs INSTANCE.json OUT.jsonl
//        [--lib /var/cache/packbench/tools/binpackingjs/node_modules/binpackingjs]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const libIdx = args.indexOf("--lib");
const lib = libIdx >= 0 ? args.splice(libIdx, 2)[1]
  : "/var/cache/packbench/tools/binpackingjs/node_modules/binpackingjs";
const [instPath, outPath] = args;
const { pack3D, RotationType } = await import(pathToFileURL(path.join(lib, "dist/esm/3d/index.js")).href);
const libVersion = JSON.parse(fs.readFileSync(path.join(lib, "package.json"), "utf8")).version;

const EPS = 1e-6;
const vol = (d) => d[0] * d[1] * d[2];

function allowedOrientations(dims, upright) {
  const [l, w, h] = dims;
  const c = upright ? [[l, w, h], [w, l, h]]
    : [[l, w, h], [l, h, w], [w, l, h], [w, h, l], [h, l, w], [h, w, l]];
  return c;
}
function fitsDims(u, b) {
  const [L, W, H] = b.inner;
  return allowedOrientations(u.dims, u.upright).some((o) => o[0] <= L + EPS && o[1] <= W + EPS && o[2] <= H + EPS);
}
const fitsAlone = (u, b) => fitsDims(u, b) && b.tare_g + u.weight <= b.max_weight_g + EPS;
function relaxedOk(units, b) {
  if (!units.length) return true;
  if (units.reduce((s, u) => s + u.weight, 0) + b.tare_g > b.max_weight_g + EPS) return false;
  if (units.reduce((s, u) => s + vol(u.dims), 0) > vol(b.inner) + EPS) return false;
  return units.every((u) => fitsDims(u, b));
}
function expandUnits(order) {
  const units = [];
  for (const it of order.items) {
    for (let q = 0; q < (it.qty ?? 1); q++) {
      units.push({ sku: it.sku, dims: it.dims, weight: it.weight, upright: !!it.upright, idx: units.length });
    }
  }
  return units;
}

const UPRIGHT = [RotationType.WHD, RotationType.DHW];

function engine(box, units) {
  const [L, W, H] = box.inner;
  const items = units.map((u, k) => {
    const it = { name: String(k), width: u.dims[0], height: u.dims[2], depth: u.dims[1], weight: u.weight };
    if (u.upright) it.allowedRotations = UPRIGHT;
    return it;
  });
  const res = pack3D({
    bins: [{ name: box.id, width: L, height: H, depth: W, maxWeight: box.max_weight_g - box.tare_g }],
    items,
  });
  const out = [];
  for (const pb of res.packedBins) {
    for (const it of pb.items) {
      const p = it.position, d = it.dimension;
      out.push([units[Number(it.name)], [p[0], p[2], p[1]], [d[0], d[2], d[1]]]);
    }
  }
  return out;
}

function wrap(order, boxes) {
  const units = expandUnits(order);
  let remaining = units.filter((u) => boxes.some((b) => fitsAlone(u, b)));
  const unpacked = units.filter((u) => !remaining.includes(u));
  const parcels = [];
  while (remaining.length) {
    const tried = new Map();
    let full = null;
    for (const b of boxes) {
      if (!relaxedOk(remaining, b)) continue;
      const placed = engine(b, remaining);
      tried.set(b.id, placed);
      if (placed.length === remaining.length) { full = [b, placed]; break; }
    }
    if (full) { parcels.push(full); break; }
    let best = null;
    for (const b of boxes) {
      const placed = tried.has(b.id) ? tried.get(b.id) : engine(b, remaining);
      const pv = placed.reduce((s, [u]) => s + vol(u.dims), 0);
      if (pv > 0 && (best === null || pv > best[0])) best = [pv, b, placed];
    }
    if (best === null) { unpacked.push(...remaining); break; }
    parcels.push([best[1], best[2]]);
    const got = new Set(best[2].map(([u]) => u));
    remaining = remaining.filter((u) => !got.has(u));
  }
  return [parcels, unpacked];
}

const inst = JSON.parse(fs.readFileSync(instPath, "utf8"));
const boxes = [...inst.boxes].sort((a, b) => a.cost - b.cost || vol(a.inner) - vol(b.inner)
  || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const t0 = process.hrtime.bigint();
const lines = [];
for (const order of inst.orders) {
  const t = process.hrtime.bigint();
  const [parcels, unpacked] = wrap(order, boxes);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const agg = new Map();
  for (const u of unpacked) agg.set(u.sku, (agg.get(u.sku) ?? 0) + 1);
  lines.push({
    order_id: order.id,
    boxes: parcels.map(([b, placed]) => ({
      box_id: b.id, items: placed.map(([u, p, d]) => ({ sku: u.sku, pos: p, dims: d })),
    })),
    unpacked: [...agg].map(([sku, qty]) => ({ sku, qty })),
    time_ms: Math.round(ms * 1e4) / 1e4,
  });
}
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const meta = { meta: { solver: `binpackingjs ${libVersion} (single-bin wrapper)`, engine: "binpackingjs",
  instance: inst.name, wall_s: Math.round(wall * 10) / 10 } };
fs.writeFileSync(outPath, [meta, ...lines].map((x) => JSON.stringify(x)).join("\n") + "\n");
console.error(`${outPath}: ${lines.length} orders, ${wall.toFixed(1)} s`);
