#!/usr/bin/env python3
"""Deterministic generator of Packbench's own cartonization benchmark sets
(`cartonization-instance/v1`, see shared/bench-data/cartonization/tools/FORMAT.md):

  packbench_single_v1.json  2,000 orders, each passing the relaxed single-box check for some box of
                            the catalogue and not trivial (definition below); ~35 % single-unit
                            orders, the rest 2-12 units, some SKUs with qty 2-6, ~15 % of the
                            order lines `"upright": true`.
  packbench_multi_v1.json   1,500 heavier / bulkier baskets (up to 40 units, some SKUs that only
                            the biggest boxes take); 30 % of them (450) need >= 2 parcels by the
                            scorer's own bound (no box passes the relaxed single-box check, or
                            cartonlib.parcel_count_lb >= 2), the others pass the relaxed check for
                            some box (CP-SAT may still prove that none holds them).

Usage: python3 generate.py [--out DIR] [--bench /work/shared/bench-data/cartonization]
Standard library only; `random.Random(SEED)` with a fixed seed, so the same files every run.

Catalogue
---------
The demo warehouse's packaging (src-tauri/crates/training/src/demo_data/packaging.rs): ids, inner
mm, tare g and max gross g as there. Skipped: BX-XXL (not stocked), BX-LUM (one client only),
PB-L (forbidden for a client). Every container is treated as rigid (FORMAT.md), so a mailer is a
250x175x10 / 350x250x20 slab and a polybag a 300x250x50 / 400x350x80 one.

Cost model (EUR, an indicative all-in cost per parcel)
------------------------------------------------------
cost = packaging cost (packaging.rs) + carrier size tier of the parcel's outer size.
Outer size = inner + 6 mm on each edge for boxes, + 20 / 20 / 6 mm (length / width / height) for
mailers and polybags (seams, padding). Tiers, by outer size, first that applies (a size-banded
tariff as most European parcel carriers use for B2C shipping, flat in weight up to the box's gross
limit):
  letter   height <= 30, length <= 380, width <= 270          3.30
  small    longest <= 350 and length + 2 x (width + height) <= 1000      3.90
  medium   longest <= 450 and length + 2 x (width + height) <= 1500      5.50
  large    anything larger (all boxes here: longest <= 606, L + girth <= 1930)  8.90
So small parcels cost 3.48-4.35, medium 5.58-6.35 and large 9.80-10.10: two parcels always cost
more than one slightly larger box (2 x BX-S 8.70 > BX-M 6.10; 2 x BX-L 12.70 > BX-XL 10.10).

Items
-----
A fixed pool of SKUs, drawn once from the seed:
  * shapes of the real units of BoxPacker's EfficiencyTest data (boxpacker/items.csv, MIT,
    (C) Doug Wright; 164 distinct items, sampled by how often they were ordered), each edge jittered
    by x0.92-1.08 and the weight by x0.85-1.15 so the set is not a copy; categories by shape:
    STA (flat, <= 16 mm: prints, sleeves), ACC (< 0.4 l), GEN (the rest);
  * the demo warehouse's product families (training/src/demo_data/clients.rs: dims and weight
    ranges and upright flags): BEA cosmetics, APP apparel, BOK books, SUP supplements, HOM homeware;
  * a few families added here: ELE electronics, SPO sport, and BLK bulky goods that only the
    biggest boxes take (floor-lamp kits and tripods only BX-LONG, monitors, duvets, tents only BX-XL),
    used in the multi set only.
SKU names are CATEGORY-<family number><variant letter> (e.g. APP-3b). Dims are integer mm, weights
integer g. Upright: the demo families flagged upright (serums, creams, drops, whey, candles, vases,
kettles) plus ~3 % of the other SKUs at random;
upright SKUs are drawn about half as often as others (popularity x0.45), for ~15 % upright units.

Non-trivial (single set)
------------------------
An order is trivial, and redrawn, when the cheapest box passing the relaxed check holds it by a
straight stack or a straight row of its units in their natural orientation (so that a cost-first
relaxed filter alone answers it). A single unit is trivial when it fits the cheapest catalogue box
(ML-S), or when it fits its cheapest box in its natural orientation and no cheaper box passes the
weight and volume checks (nothing to turn, no box that only its dimensions rule out). Draws go on
until 700 single-unit and 1,300 multi-unit orders are kept.
"""
import argparse
import csv
import json
import os
import random
import sys

SEED = 20251203
DEFAULT_BENCH = "/work/shared/bench-data/cartonization"

# id, kind, inner mm, tare g, max gross g, packaging EUR  (packaging.rs, stocked and unrestricted)
PACKAGING = [
    ("BX-XS", "box", (150, 100, 80), 60, 2000, 0.35),
    ("BX-S", "box", (220, 160, 90), 100, 5000, 0.45),
    ("BX-M", "box", (300, 220, 150), 180, 10000, 0.60),
    ("BX-L", "box", (400, 300, 200), 300, 15000, 0.85),
    ("BX-XL", "box", (500, 400, 300), 520, 20000, 1.20),
    ("BX-CUBE", "box", (250, 250, 250), 220, 12000, 0.70),
    ("BX-LONG", "box", (600, 150, 150), 280, 10000, 0.90),
    ("BX-BOOK", "box", (320, 240, 60), 120, 5000, 0.40),
    ("ML-S", "mailer", (250, 175, 10), 20, 1000, 0.18),
    ("ML-M", "mailer", (350, 250, 20), 35, 2000, 0.25),
    ("PB-S", "polybag", (300, 250, 50), 8, 2000, 0.06),
    ("PB-M", "polybag", (400, 350, 80), 12, 4000, 0.08),
]

TIERS = [  # name, price, predicate on outer (l, w, h) sorted l >= w, h as given
    ("letter", 3.30),
    ("small", 3.90),
    ("medium", 5.50),
    ("large", 8.90),
]


def outer_dims(kind, inner):
    add = (6, 6, 6) if kind == "box" else (20, 20, 6)
    return [inner[k] + add[k] for k in range(3)]


def tier(outer):
    l, w, h = outer
    s = sorted(outer, reverse=True)
    lg = s[0] + 2 * (s[1] + s[2])
    if h <= 30 and max(l, w) <= 380 and min(l, w) <= 270:
        return TIERS[0]
    if s[0] <= 350 and lg <= 1000:
        return TIERS[1]
    if s[0] <= 450 and lg <= 1500:
        return TIERS[2]
    return TIERS[3]


def catalogue():
    boxes = []
    for bid, kind, inner, tare, gross, pack in PACKAGING:
        out = outer_dims(kind, inner)
        tname, tprice = tier(out)
        boxes.append({"id": bid, "kind": kind, "inner": list(inner), "outer": out, "tare_g": tare,
                      "max_weight_g": gross, "cost": round(pack + tprice, 2), "tier": tname})
    return boxes


# Demo families (clients.rs): category, noun, dims ranges, weight range, upright
DEMO_FAMILIES = [
    ("BEA", "Hydrating Serum 30 ml", [(30, 40), (30, 40), (95, 120)], (80, 120), True),
    ("BEA", "Lipstick", [(20, 24), (20, 24), (75, 85)], (25, 35), False),
    ("BEA", "Face Cream 50 ml", [(60, 70), (60, 70), (45, 55)], (140, 190), True),
    ("BEA", "Eyeshadow Palette", [(120, 160), (80, 100), (10, 15)], (90, 140), False),
    ("APP", "Organic T-Shirt", [(280, 320), (220, 260), (20, 30)], (160, 220), False),
    ("APP", "Hoodie", [(330, 380), (280, 320), (60, 80)], (550, 700), False),
    ("APP", "Merino Socks 3-Pack", [(200, 220), (100, 120), (30, 40)], (120, 160), False),
    ("APP", "Denim Jacket", [(380, 420), (300, 340), (60, 90)], (850, 1100), False),
    ("BOK", "Paperback", [(178, 198), (108, 129), (18, 35)], (180, 320), False),
    ("BOK", "Hardcover", [(234, 280), (153, 215), (25, 45)], (550, 1200), False),
    ("BOK", "Notebook A5", [(210, 212), (148, 150), (12, 16)], (200, 260), False),
    ("SUP", "Capsules 90", [(60, 70), (60, 70), (100, 120)], (120, 180), False),
    ("SUP", "Whey Protein 1 kg", [(150, 170), (150, 170), (220, 250)], (1080, 1150), True),
    ("SUP", "Liquid Drops 50 ml", [(40, 45), (40, 45), (110, 120)], (110, 140), True),
    ("HOM", "Stoneware Mug", [(120, 130), (90, 100), (95, 105)], (330, 420), False),
    ("HOM", "Scented Candle", [(85, 95), (85, 95), (95, 110)], (380, 480), True),
    ("HOM", "Glass Vase", [(120, 160), (120, 160), (200, 300)], (700, 1400), True),
    ("HOM", "Electric Kettle 1.7 l", [(230, 250), (170, 190), (250, 270)], (1200, 1500), True),
    ("HOM", "Linen Tea Towel 2-Pack", [(200, 220), (150, 170), (15, 25)], (110, 150), False),
]

# Families added here (typical retail packaging sizes).
EXTRA_FAMILIES = [
    ("ELE", "Bluetooth Speaker", [(180, 210), (85, 100), (85, 100)], (650, 900), False),
    ("ELE", "Headphones", [(210, 230), (180, 200), (85, 100)], (450, 700), False),
    ("ELE", "Tablet", [(250, 270), (170, 190), (25, 35)], (600, 800), False),
    ("ELE", "Laptop", [(370, 390), (250, 270), (35, 45)], (1900, 2500), False),
    ("ELE", "Phone Case", [(170, 190), (90, 100), (15, 20)], (40, 70), False),
    ("SPO", "Yoga Block", [(225, 235), (145, 155), (72, 78)], (250, 350), False),
    ("SPO", "Kettlebell 8 kg", [(190, 210), (130, 150), (200, 230)], (8000, 8400), True),
    ("SPO", "Dumbbell Pair 2x5 kg", [(310, 330), (135, 150), (135, 150)], (10100, 10400), False),
    ("SPO", "Cast Iron Pan", [(300, 320), (275, 295), (60, 80)], (2500, 3200), False),
    ("SPO", "Running Shoes", [(310, 340), (190, 210), (110, 125)], (700, 950), False),
]
BULKY_FAMILIES = [
    ("BLK", "Floor Lamp Kit", [(540, 590), (115, 140), (105, 140)], (2500, 4000), False),
    ("BLK", "Camera Tripod", [(510, 580), (95, 130), (90, 120)], (1200, 2000), False),
    ("BLK", "Monitor 27in", [(465, 490), (320, 345), (110, 135)], (5200, 7000), True),
    ("BLK", "Duvet", [(430, 480), (340, 390), (140, 190)], (1500, 2600), False),
    ("BLK", "Dome Tent", [(440, 490), (165, 190), (165, 190)], (2400, 3500), False),
]


def item_fits(dims, upright, weight, b):
    L, W, H = b["inner"]
    l, w, h = dims
    if upright:
        ors = [(l, w, h), (w, l, h)]
    else:
        ors = [(l, w, h), (l, h, w), (w, l, h), (w, h, l), (h, l, w), (h, w, l)]
    return any(o[0] <= L and o[1] <= W and o[2] <= H for o in ors) and b["tare_g"] + weight <= b["max_weight_g"]


def build_skus(rng, bench, boxes):
    """Returns dict category -> list of sku dicts (sku, dims, weight, upright, pop)."""
    pool = {}

    def add(cat, fam_no, variant, dims, weight, upright):
        if not any(item_fits(dims, upright, weight, b) for b in boxes):
            return False
        name = "%s-%d%s" % (cat, fam_no, "abcdefghijklmnopqrstuvwxyz"[variant])
        pool.setdefault(cat, []).append({"sku": name, "dims": dims, "weight": weight, "upright": upright,
                                         "pop": rng.paretovariate(1.2) * (0.45 if upright else 1.0)})
        return True

    # BoxPacker shapes: distinct items weighted by units ordered
    counts = {}
    shape = {}
    with open(os.path.join(bench, "boxpacker", "items.csv"), newline="") as f:
        for r in csv.reader(f):
            if not r:
                continue
            counts[r[2]] = counts.get(r[2], 0) + int(r[1])
            shape[r[2]] = ([int(r[3]), int(r[4]), int(r[5])], int(r[6]))
    ids = sorted(shape)
    weights = [counts[i] for i in ids]
    fam_no = {}
    for _ in range(150):
        src = rng.choices(ids, weights)[0]
        dims0, w0 = shape[src]
        dims = [max(1, int(round(d * rng.uniform(0.92, 1.08)))) for d in dims0]
        w = max(1, int(round(w0 * rng.uniform(0.85, 1.15))))
        v = dims[0] * dims[1] * dims[2]
        cat = "STA" if min(dims) <= 16 else ("ACC" if v < 400_000 else "GEN")
        fam_no[cat] = fam_no.get(cat, 0) + 1
        n = fam_no[cat]
        add(cat, n // 4 + 1, n % 4, dims, w, rng.random() < 0.03)
    # Families (demo + extra + bulky): 3-5 variants each
    per_cat = {}
    for fams in (DEMO_FAMILIES, EXTRA_FAMILIES, BULKY_FAMILIES):
        for cat, _noun, rngs, wr, upright in fams:
            per_cat[cat] = per_cat.get(cat, 0) + 1
            for v in range(rng.randint(3, 5)):
                dims = [rng.randint(lo, hi) for lo, hi in rngs]
                w = rng.randint(*wr)
                add(cat, per_cat[cat], v, dims, w, upright or rng.random() < 0.03)
    return pool


CAT_WEIGHTS_SINGLE = {"STA": 14, "ACC": 8, "GEN": 8, "BEA": 12, "APP": 14, "BOK": 12, "SUP": 8, "HOM": 10,
                      "ELE": 8, "SPO": 6}
CAT_WEIGHTS_MULTI = {"STA": 10, "ACC": 5, "GEN": 8, "BEA": 6, "APP": 12, "BOK": 12, "SUP": 10, "HOM": 12,
                     "ELE": 9, "SPO": 10, "BLK": 6}


def pick_sku(rng, pool, cat):
    lst = pool[cat]
    return rng.choices(lst, [s["pop"] for s in lst])[0]


def draw_order(rng, pool, multi):
    cw = CAT_WEIGHTS_MULTI if multi else CAT_WEIGHTS_SINGLE
    cats = sorted(c for c in cw if c in pool)
    main = rng.choices(cats, [cw[c] for c in cats])[0]
    if multi:
        target = min(40, max(2, int(rng.lognormvariate(2.1, 0.65))))
        p_one = 0.45
    else:
        target = 1 if rng.random() < 0.35 else rng.randint(2, 12)
        p_one = 0.7
    lines = {}
    units = 0
    tries = 0
    while units < target and tries < 200:
        tries += 1
        cat = main if rng.random() < 0.7 else rng.choices(cats, [cw[c] for c in cats])[0]
        s = pick_sku(rng, pool, cat)
        if s["sku"] in lines:
            continue
        q = 1 if rng.random() < p_one else rng.randint(2, 6)
        q = min(q, target - units)
        lines[s["sku"]] = (s, q)
        units += q
    items = []
    for s, q in lines.values():
        it = {"sku": s["sku"], "dims": s["dims"], "weight": s["weight"], "qty": q}
        if s["upright"]:
            it["upright"] = True
        items.append(it)
    return items


def _units(items):
    out = []
    for it in items:
        out += [{"sku": it["sku"], "dims": it["dims"], "weight": it["weight"],
                 "upright": bool(it.get("upright"))}] * it["qty"]
    return out


def relaxed_ok(units, b):
    if sum(u["weight"] for u in units) + b["tare_g"] > b["max_weight_g"]:
        return False
    if sum(u["dims"][0] * u["dims"][1] * u["dims"][2] for u in units) > b["inner"][0] * b["inner"][1] * b["inner"][2]:
        return False
    return all(item_fits(u["dims"], u["upright"], 0, b) for u in units)


def trivial(units, boxes_sorted):
    first = next((b for b in boxes_sorted if relaxed_ok(units, b)), None)
    if first is None:
        return False
    L, W, H = first["inner"]
    nat = [u["dims"] for u in units]
    if len(units) == 1:
        u = units[0]
        if first is boxes_sorted[0]:
            return True
        # a cheaper box that passes weight and volume but not dims makes the choice non-obvious
        vu = nat[0][0] * nat[0][1] * nat[0][2]
        decoy = any(b["tare_g"] + u["weight"] <= b["max_weight_g"] and vu <= b["inner"][0] * b["inner"][1] * b["inner"][2]
                    for b in boxes_sorted[:boxes_sorted.index(first)])
        natural = nat[0][0] <= L and nat[0][1] <= W and nat[0][2] <= H
        return natural and not decoy
    stack = all(d[0] <= L and d[1] <= W for d in nat) and sum(d[2] for d in nat) <= H
    row = all(d[1] <= W and d[2] <= H for d in nat) and sum(d[0] for d in nat) <= L
    return stack or row


def write_instance(path, name, description, boxes, orders, extra_units):
    units = {"length": "mm", "weight": "g", "cost": "EUR per parcel (synthetic all-in: packaging + carrier size tier)"}
    head = {"format": "cartonization-instance/v1", "name": name, "description": description, "units": units,
            "seed": SEED}
    head.update(extra_units)
    with open(path, "w") as f:
        f.write(json.dumps(head, separators=(",", ":"))[:-1] + ",\n\"boxes\":[\n")
        f.write(",\n".join(json.dumps(b, separators=(",", ":")) for b in boxes))
        f.write("\n],\n\"orders\":[\n")
        f.write(",\n".join(json.dumps(o, separators=(",", ":")) for o in orders))
        f.write("\n]}\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "crates", "core", "benches",
                                                                   "carton")))
    ap.add_argument("--bench", default=DEFAULT_BENCH)
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.bench, "tools"))
    from cartonlib import parcel_count_lb  # noqa: E402

    rng = random.Random(SEED)
    boxes = catalogue()
    boxes_sorted = sorted(boxes, key=lambda b: (b["cost"], b["inner"][0] * b["inner"][1] * b["inner"][2], b["id"]))
    pool = build_skus(rng, a.bench, boxes)
    os.makedirs(a.out, exist_ok=True)
    cost_note = {"cost_model": "packaging (packaging.rs) + carrier size tier on outer size: letter 3.30, small "
                               "3.90, medium 5.50, large 8.90 EUR (see scripts/carton/generate.py)"}
    public_boxes = [{k: v for k, v in b.items() if k != "tier"} for b in boxes]

    # single set
    orders = []
    n = 0
    room = {True: 700, False: 1300}  # single-unit orders / 2-12 units
    while len(orders) < 2000:
        items = draw_order(rng, pool, multi=False)
        units = _units(items)
        n += 1
        if room[len(units) == 1] == 0:
            continue
        if not any(relaxed_ok(units, b) for b in boxes) or trivial(units, boxes_sorted):
            continue
        room[len(units) == 1] -= 1
        orders.append({"id": "S%05d" % (len(orders) + 1), "items": items})
    write_instance(os.path.join(a.out, "packbench_single_v1.json"), "packbench_single_v1",
                   "Packbench single-box set: 2,000 synthetic orders (BoxPacker real item shapes jittered + demo "
                   "warehouse families), each passing the relaxed single-box check, non-trivial; demo warehouse "
                   "catalogue with all-in parcel costs", public_boxes, orders, cost_note)
    print("single: %d orders (%d drawn)" % (len(orders), n))

    # multi set: 450 needing >= 2 parcels by the scorer's bound, 1050 passing the relaxed check
    want = {True: 450, False: 1050}
    got = {True: 0, False: 0}
    orders = []
    n = 0
    while len(orders) < 1500:
        items = draw_order(rng, pool, multi=True)
        units = _units(items)
        n += 1
        if len(units) < 2:
            continue
        need2 = not any(relaxed_ok(units, b) for b in boxes) or parcel_count_lb(public_boxes, units)[0] >= 2
        if got[need2] >= want[need2]:
            continue
        if not need2 and trivial(units, boxes_sorted):
            continue
        got[need2] += 1
        orders.append({"id": "M%05d" % (len(orders) + 1), "items": items})
    write_instance(os.path.join(a.out, "packbench_multi_v1.json"), "packbench_multi_v1",
                   "Packbench multi-parcel set: 1,500 synthetic heavier/bulkier baskets (2-40 units), 450 of them "
                   "need >= 2 parcels by the scorer's bound; demo warehouse catalogue with all-in parcel costs",
                   public_boxes, orders, cost_note)
    print("multi: %d orders (%d drawn)" % (len(orders), n))


if __name__ == "__main__":
    main()
