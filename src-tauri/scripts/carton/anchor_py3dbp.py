#!/usr/bin/env python3
"""Anchor: py3dbp (PyPI, pinned 1.1.2, MIT) under the benchmark's single-bin wrapper
(shared/bench-data/cartonization/tools/FORMAT.md, "Single-bin wrapper"; the same logic as
anchor_binpackingjs.mjs):
  1. units that fit no box alone are reported unpacked;
  2. box types are tried cheapest-first (cost, then inner volume), skipping any that fails the relaxed
     check; the first box in which the engine places every remaining unit is used;
  3. otherwise the box type in which the engine places the most item volume (ties: cheaper) is used
     for the units it placed, and step 2 repeats on the rest.

Engine call: one py3dbp Packer with one Bin (net capacity max_weight_g - tare_g) and the remaining
units, pack(bigger_first=True, number_of_decimals=0). Axes: py3dbp's (width, height, depth) =
our (x, z, y), height being py3dbp's vertical; an item (l, w, h) is Item(width=l, height=h, depth=w).
Upright units may only take the rotations that keep h vertical (py3dbp RT_WHD, RT_DHW): py3dbp
1.1.2 has no such option, so Bin.put_item is re-implemented here line for line over the allowed
rotations only (including its behaviour of returning after the first rotation that fits the bin's
bounds); for other units it is identical to the library's.

Usage: /var/cache/packbench/venv-py3dbp/bin/python anchor_py3dbp.py INSTANCE.json OUT.jsonl
       [--bench /work/shared/bench-data/cartonization]

Best-of mode (standard library only, any python3): per order, the fewest parcels and the lowest total
cost reached by any of the given anchor result files (taken separately, like score.py's "best of
these files, per order"), counting only orders that score.py's checker accepts and in which every
unit was packed; orders that no anchor packed completely get null parcels/cost:
  python3 anchor_py3dbp.py INSTANCE.json anchors__SET.jsonl --best-of RESULT.jsonl [RESULT.jsonl ...]
"""
import argparse
import json
import os
import sys
import time

DEFAULT_BENCH = "/work/shared/bench-data/cartonization"

if "--best-of" not in sys.argv:
    from py3dbp import Bin, Item, Packer
    from py3dbp.auxiliary_methods import intersect
    from py3dbp.constants import RotationType
    UPRIGHT_ROTATIONS = [RotationType.RT_WHD, RotationType.RT_DHW]
else:
    Bin = Item = object


class UnitItem(Item):
    def __init__(self, name, width, height, depth, weight, rotations):
        super().__init__(name, width, height, depth, weight)
        self.allowed_rotations = rotations


class RotBin(Bin):
    def put_item(self, item, pivot):
        # py3dbp 1.1.2 Bin.put_item, iterating over the item's allowed rotations
        fit = False
        valid_item_position = item.position
        item.position = pivot
        for i in item.allowed_rotations:
            item.rotation_type = i
            dimension = item.get_dimension()
            if (self.width < pivot[0] + dimension[0] or self.height < pivot[1] + dimension[1]
                    or self.depth < pivot[2] + dimension[2]):
                continue
            fit = True
            for current_item_in_bin in self.items:
                if intersect(current_item_in_bin, item):
                    fit = False
                    break
            if fit:
                if self.get_total_weight() + item.weight > self.max_weight:
                    fit = False
                    return fit
                self.items.append(item)
            if not fit:
                item.position = valid_item_position
            return fit
        if not fit:
            item.position = valid_item_position
        return fit


def engine(box, units):
    """Places `units` in one `box`; returns [(unit, pos, dims)] in the benchmark's frame."""
    L, W, H = box["inner"]
    p = Packer()
    p.add_bin(RotBin(box["id"], L, H, W, box["max_weight_g"] - box["tare_g"]))
    for k, u in enumerate(units):
        l, w, h = u["dims"]
        p.add_item(UnitItem(str(k), l, h, w, u["weight"], UPRIGHT_ROTATIONS if u["upright"] else RotationType.ALL))
    p.pack(bigger_first=True, number_of_decimals=0)
    out = []
    for it in p.bins[0].items:
        d = [int(x) for x in it.get_dimension()]
        ps = [int(x) for x in it.position]
        out.append((units[int(it.name)], [ps[0], ps[2], ps[1]], [d[0], d[2], d[1]]))
    return out


def wrap(order, boxes, cl):
    units = cl.expand_units(order)
    remaining = [u for u in units if any(cl.item_fits_box_alone(u, b) for b in boxes)]
    unpacked = [u for u in units if u not in remaining]
    parcels = []
    while remaining:
        tried = {}
        full = None
        for b in boxes:
            if not cl.relaxed_single_box_ok(remaining, b):
                continue
            placed = engine(b, remaining)
            tried[b["id"]] = placed
            if len(placed) == len(remaining):
                full = (b, placed)
                break
        if full:
            parcels.append(full)
            break
        best = None
        for b in boxes:
            placed = tried[b["id"]] if b["id"] in tried else engine(b, remaining)
            pv = sum(cl.vol(u["dims"]) for u, _, _ in placed)
            if pv > 0 and (best is None or pv > best[0]):
                best = (pv, b, placed)
        if best is None:
            unpacked += remaining
            break
        parcels.append((best[1], best[2]))
        got = {id(u) for u, _, _ in best[2]}
        remaining = [u for u in remaining if id(u) not in got]
    return parcels, unpacked


def best_of(a, cl):
    from score import check_order, load_results  # noqa: E402  (shared tools)
    inst = cl.load_instance(a.instance)
    files = [load_results(p)[1] for p in a.best_of]
    n_ok = 0
    with open(a.out, "w") as f:
        for order in inst["orders"]:
            best = None
            for res in files:
                rec = res.get(order["id"])
                if rec is None or rec.get("status") not in (None, "ok") or rec.get("unpacked"):
                    continue
                errs, info = check_order(inst, order, rec)
                if errs or info["unpacked"]:
                    continue
                nb = len(info["boxes"])
                cost = round(sum(b["box"]["cost"] for b in info["boxes"]), 2)
                best = (min(nb, best[0]), min(cost, best[1])) if best else (nb, cost)
            if best:
                n_ok += 1
            f.write(json.dumps({"order_id": order["id"], "parcels": best[0] if best else None,
                                "cost": best[1] if best else None}, separators=(",", ":")) + "\n")
    print("%s: %d orders, %d packed completely by some anchor" % (a.out, len(inst["orders"]), n_ok),
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instance")
    ap.add_argument("out")
    ap.add_argument("--bench", default=DEFAULT_BENCH)
    ap.add_argument("--best-of", nargs="+", metavar="RESULT", help="write the per-order best of these anchor results")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.bench, "tools"))
    import cartonlib as cl  # noqa: E402
    if a.best_of:
        return best_of(a, cl)
    from importlib.metadata import version

    inst = cl.load_instance(a.instance)
    boxes = cl.boxes_by_cost(inst)
    t0 = time.time()
    lines = []
    for order in inst["orders"]:
        t = time.perf_counter()
        parcels, unpacked = wrap(order, boxes, cl)
        ms = (time.perf_counter() - t) * 1000.0
        out_boxes = [{"box_id": b["id"], "items": [{"sku": u["sku"], "pos": p, "dims": d} for u, p, d in placed]}
                     for b, placed in parcels]
        lines.append((order["id"], out_boxes, cl.unpacked_list(unpacked), ms))
    wall = time.time() - t0
    with open(a.out, "w") as f:
        f.write(json.dumps({"meta": {"solver": "py3dbp %s (single-bin wrapper)" % version("py3dbp"),
                                     "engine": "py3dbp", "instance": inst.get("name"),
                                     "wall_s": round(wall, 1)}}) + "\n")
        for oid, ob, up, ms in lines:
            cl.write_result_line(f, oid, ob, up, ms)
    print("%s: %d orders, %.1f s" % (a.out, len(lines), wall), file=sys.stderr)


if __name__ == "__main__":
    main()
