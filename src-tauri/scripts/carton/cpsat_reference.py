#!/usr/bin/env python3
"""Exact CP-SAT reference for a cartonization instance (`cartonization-instance/v1`): per order the
proven cheapest single box (or the proof that no single box holds the order) and cost lower bounds,
written as JSON Lines in the shape of shared/bench-data/cartonization/boxpacker/reference__*.jsonl,
so that `score.py --reference` reads it.

Usage (OR-Tools from PyPI in a venv, see README.md beside this file):
  nice -n 15 /var/cache/packbench/venv-ortools/bin/python cpsat_reference.py INSTANCE.json OUT.jsonl \
      [--dtime 5] [--wall-cap 120] [--bench /work/shared/bench-data/cartonization] [--packings PACKINGS.jsonl]

One line per order:
  {"order_id", "has_unfittable", "units",
   "single_box": {"status": "optimal" | "none_fits" | "unknown", "box_id", "cost",
                  "checked": [{"box_id", "status": "infeasible" | "feasible" | "unknown"}, ...]},
   "lb_any", "lb_2", "lb_cost"}

Single-box check. The packable units (those fitting some box alone) are tried in the boxes cheapest
first (cartonlib.boxes_by_cost). A box failing the relaxed check (cartonlib.relaxed_single_box_ok:
gross weight, total volume, each unit fits) is skipped and not listed. A box is listed as infeasible
without a model ("by": "bound") when a stronger necessary condition fails: the "reduced" inner volume
(each edge shortened to the longest sum of unit extents that fits along it, cartonlib._max_fill), or
two units that cannot be separated along any axis in any of their orientations. Otherwise a CP-SAT
model decides it:
  * each unit picks one allowed orientation that fits the box (6, or 2 when upright) by booleans;
    integer position (mm) inside the box;
  * every pair of units is separated along at least one of the 6 directions (one boolean each,
    implying x_i + dx_i <= x_j and so on; directions impossible by size are left out);
  * redundant: along each axis the cross-section areas of the units cut by a plane fit the box's
    face (a cumulative constraint per axis);
  * identical units (same dims, weight, upright) are ordered lexicographically by (x, y, z) (one
    linear key x*(W+1)*(H+1) + y*(H+1) + z, strictly increasing).
Solver: num_workers=1, fixed random_seed, a deterministic-time limit per box check (--dtime, in
CP-SAT's deterministic units; on this model one unit took several wall seconds, see README.md) and a
wall-clock safety cap (--wall-cap), so the results do not depend on the machine's load as long as the
cap is not reached (the run's summary counts checks that reached it: "wall_capped").
The first feasible box whose cheaper candidates are all proven infeasible is "optimal"; every box
proven infeasible gives "none_fits" (also when no box passes the relaxed check: "checked" is then
empty); an undecided cheaper box gives "unknown" (box_id / cost are then the first feasible box
found, an upper bound, or null).

Lower bounds (EUR):
  lb_2   lower bound on the cost of any packing into >= 2 parcels: a small integer program, solved
         exactly by CP-SAT (its proven objective bound is used if it stops early): n_b parcels of
         each box type b (sum >= 2), a_gb units of each group g of identical units in parcels of
         type b (only types that hold such a unit alone by dims and weight), and per type: weight
         <= n_b x net capacity, volume <= n_b x reduced inner volume, a_gb <= n_b x the most such
         units one box b can take (by weight and by reduced volume); minimise sum n_b x cost_b. Any
         real packing gives a solution, so its optimum is a valid bound.
  lb_any cost of the cheapest box passing the relaxed check; when none passes, lb_2.
  lb_cost min(single-box bound, lb_2), the per-order bound score.py sums for "cost over LB %";
         single-box bound = the proven optimum ("optimal"), none ("none_fits"), or the cost of the
         first box not proven infeasible ("unknown").
--packings writes, per order, the CP-SAT packing of the first feasible box as a result line
(FORMAT.md, geometric), so score.py can check the reference's own geometry.
"""
import argparse
import json
import os
import sys
import time

from ortools.sat.python import cp_model

DEFAULT_BENCH = "/work/shared/bench-data/cartonization"
SEED = 12345


def cents(x):
    return int(round(x * 100))


def orient_in_box(u, box, cl):
    L, W, H = box["inner"]
    return [o for o in cl.allowed_orientations(u["dims"], u["upright"]) if o[0] <= L and o[1] <= W and o[2] <= H]


def reduced_volume(units, box, cl):
    ors = [orient_in_box(u, box, cl) for u in units]
    rv = 1
    for k in range(3):
        rv *= cl._max_fill([{o[k] for o in ol} for ol in ors], box["inner"][k])
    return rv


def unit_key(u):
    return (tuple(u["dims"]), u["weight"], u["upright"])


def check_box(units, box, cl, dtime, wall_cap):
    """Returns (status, packing or None, info). status: feasible / infeasible / unknown."""
    L, W, H = box["inner"]
    dim = (L, W, H)
    n = len(units)
    ors = [orient_in_box(u, box, cl) for u in units]
    if any(not o for o in ors):
        return "infeasible", None, "bound"
    if sum(cl.vol(u["dims"]) for u in units) > reduced_volume(units, box, cl):
        return "infeasible", None, "bound"
    mins = [[min(o[k] for o in ol) for k in range(3)] for ol in ors]
    # pairs that cannot be separated along any axis
    for i in range(n):
        for j in range(i + 1, n):
            if all(mins[i][k] + mins[j][k] > dim[k] for k in range(3)):
                return "infeasible", None, "bound"
    m = cp_model.CpModel()
    pos = []
    ext = []  # per unit: 3 linear exprs
    obools = []
    for i, ol in enumerate(ors):
        if len(ol) == 1:
            bs = [None]
            e = [ol[0][k] for k in range(3)]
        else:
            bs = [m.NewBoolVar("o%d_%d" % (i, t)) for t in range(len(ol))]
            m.AddExactlyOne(bs)
            e = [sum(b * o[k] for b, o in zip(bs, ol)) for k in range(3)]
        p = [m.NewIntVar(0, dim[k] - mins[i][k], "p%d_%d" % (i, k)) for k in range(3)]
        for k in range(3):
            if len(ol) > 1:
                m.Add(p[k] + e[k] <= dim[k])
        pos.append(p)
        ext.append(e)
        obools.append(bs)
    keys = [unit_key(u) for u in units]
    for i in range(n):
        for j in range(i + 1, n):
            same = keys[i] == keys[j]
            lits = []
            for k in range(3):
                if mins[i][k] + mins[j][k] > dim[k]:
                    continue
                b = m.NewBoolVar("s%d_%d_%d" % (i, j, k))
                m.Add(pos[i][k] + ext[i][k] <= pos[j][k]).OnlyEnforceIf(b)
                lits.append(b)
                if not (same and k == 0):  # j before i along x contradicts the lexicographic order
                    b2 = m.NewBoolVar("t%d_%d_%d" % (i, j, k))
                    m.Add(pos[j][k] + ext[j][k] <= pos[i][k]).OnlyEnforceIf(b2)
                    lits.append(b2)
            m.AddBoolOr(lits)
    # symmetry: identical units in lexicographic order of (x, y, z)
    prev = {}
    for i in range(n):
        if keys[i] in prev:
            j = prev[keys[i]]
            kj = pos[j][0] * ((W + 1) * (H + 1)) + pos[j][1] * (H + 1) + pos[j][2]
            ki = pos[i][0] * ((W + 1) * (H + 1)) + pos[i][1] * (H + 1) + pos[i][2]
            m.Add(kj + 1 <= ki)
        prev[keys[i]] = i
    # redundant cumulative per axis
    if n >= 3:
        for k in range(3):
            a, c = [(1, 2), (0, 2), (0, 1)][k]
            ivs, dem = [], []
            for i, ol in enumerate(ors):
                areas = [o[a] * o[c] for o in ol]
                if len(ol) == 1:
                    ivs.append(m.NewFixedSizeIntervalVar(pos[i][k], ol[0][k], "i%d_%d" % (i, k)))
                    dem.append(areas[0])
                else:
                    size = m.NewIntVar(min(o[k] for o in ol), max(o[k] for o in ol), "sz%d_%d" % (i, k))
                    m.Add(size == ext[i][k])
                    end = m.NewIntVar(0, dim[k], "e%d_%d" % (i, k))
                    ivs.append(m.NewIntervalVar(pos[i][k], size, end, "i%d_%d" % (i, k)))
                    ar = m.NewIntVar(min(areas), max(areas), "ar%d_%d" % (i, k))
                    m.Add(ar == sum(b * x for b, x in zip(obools[i], areas)))
                    dem.append(ar)
            m.AddCumulative(ivs, dem, dim[a] * dim[c])
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = SEED
    s.parameters.max_deterministic_time = dtime
    s.parameters.max_time_in_seconds = wall_cap
    st = s.Solve(m)
    info = {"dtime": s.deterministic_time, "wall": s.wall_time,
            "capped": st == cp_model.UNKNOWN and s.deterministic_time < dtime * 0.999}
    if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        pack = []
        for i, u in enumerate(units):
            d = [int(s.Value(ext[i][k])) if not isinstance(ext[i][k], int) else ext[i][k] for k in range(3)]
            pack.append({"sku": u["sku"], "pos": [int(s.Value(pos[i][k])) for k in range(3)], "dims": d})
        return "feasible", pack, info
    if st == cp_model.INFEASIBLE:
        return "infeasible", None, info
    return "unknown", None, info


def bound_multi(units, boxes, cl, min_parcels, limit=10.0):
    """Lower bound (cents) on the cost of packing `units` into >= min_parcels parcels (see docstring)."""
    groups = {}
    for u in units:
        groups.setdefault(unit_key(u), [u, 0])[1] += 1
    fits = {b["id"]: [u for u in units if cl.item_fits_box_alone(u, b)] for b in boxes}
    rv = {b["id"]: reduced_volume(fits[b["id"]], b, cl) if fits[b["id"]] else 0 for b in boxes}
    m = cp_model.CpModel()
    nmax = max(len(units), min_parcels)
    nb = {b["id"]: m.NewIntVar(0, nmax, "n_" + b["id"]) for b in boxes}
    m.Add(sum(nb.values()) >= min_parcels)
    a = {}
    for gi, (key, (u, q)) in enumerate(sorted(groups.items())):
        vs = []
        for b in boxes:
            if not cl.item_fits_box_alone(u, b):
                continue
            ol = orient_in_box(u, b, cl)
            r = 1
            for k in range(3):
                r *= cl._max_fill([{o[k] for o in ol}] * q, b["inner"][k])
            per_box = min((b["max_weight_g"] - b["tare_g"]) // u["weight"], r // cl.vol(u["dims"]))
            v = m.NewIntVar(0, q, "a%d_%s" % (gi, b["id"]))
            m.Add(v <= per_box * nb[b["id"]])
            a[(gi, b["id"])] = (v, u)
            vs.append(v)
        if not vs:
            return None
        m.Add(sum(vs) == q)
    for b in boxes:
        terms = [(v, u) for (gi, bid), (v, u) in a.items() if bid == b["id"]]
        if not terms:
            continue
        m.Add(sum(v * u["weight"] for v, u in terms) <= (b["max_weight_g"] - b["tare_g"]) * nb[b["id"]])
        m.Add(sum(v * cl.vol(u["dims"]) for v, u in terms) <= rv[b["id"]] * nb[b["id"]])
    m.Minimize(sum(cents(b["cost"]) * nb[b["id"]] for b in boxes))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.random_seed = SEED
    s.parameters.max_deterministic_time = limit
    s.parameters.max_time_in_seconds = 6 * limit
    st = s.Solve(m)
    if st == cp_model.OPTIMAL:
        return int(round(s.ObjectiveValue()))
    if st == cp_model.FEASIBLE or st == cp_model.UNKNOWN:
        import math
        return int(math.ceil(s.BestObjectiveBound() - 1e-6))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instance")
    ap.add_argument("out")
    ap.add_argument("--dtime", type=float, default=5.0, help="deterministic-time limit per box check")
    ap.add_argument("--wall-cap", type=float, default=120.0, help="wall-clock safety cap per box check, s")
    ap.add_argument("--bench", default=DEFAULT_BENCH)
    ap.add_argument("--packings", help="also write the CP-SAT single-box packings as a result file")
    ap.add_argument("--limit", type=int, default=0, help="only the first N orders (testing)")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.bench, "tools"))
    import cartonlib as cl  # noqa: E402

    inst = cl.load_instance(a.instance)
    boxes = cl.boxes_by_cost(inst)
    orders = inst["orders"][: a.limit] if a.limit else inst["orders"]
    t0 = time.time()
    stats = {"optimal": 0, "none_fits": 0, "unknown": 0, "checks": 0, "check_unknown": 0, "bound_only": 0,
             "dtime": 0.0, "wall_checks": 0.0, "max_wall_check": 0.0, "wall_capped": 0}
    pk = open(a.packings, "w") if a.packings else None
    if pk:
        pk.write(json.dumps({"meta": {"solver": "cpsat-reference-packings", "instance": inst.get("name")}}) + "\n")
    with open(a.out, "w") as f:
        for oi, order in enumerate(orders):
            units_all = cl.expand_units(order)
            units = [u for u in units_all if any(cl.item_fits_box_alone(u, b) for b in boxes)]
            checked = []
            first_open = None   # cost of the first box not proven infeasible
            feas = None
            any_unknown = False
            relaxed_any = None
            for b in boxes:
                if not cl.relaxed_single_box_ok(units, b):
                    continue
                if relaxed_any is None:
                    relaxed_any = b
                st, pack, info = check_box(units, b, cl, a.dtime, a.wall_cap)
                rec = {"box_id": b["id"], "status": st}
                if info == "bound":
                    rec["by"] = "bound"
                    stats["bound_only"] += 1
                else:
                    stats["checks"] += 1
                    stats["dtime"] += info["dtime"]
                    stats["wall_checks"] += info["wall"]
                    stats["max_wall_check"] = max(stats["max_wall_check"], info["wall"])
                    stats["wall_capped"] += info["capped"]
                checked.append(rec)
                if st == "unknown":
                    stats["check_unknown"] += 1
                    any_unknown = True
                    if first_open is None:
                        first_open = b["cost"]
                if st == "feasible":
                    feas = (b, pack)
                    if first_open is None:
                        first_open = b["cost"]
                    break
            if feas and not any_unknown:
                sb = {"status": "optimal", "box_id": feas[0]["id"], "cost": feas[0]["cost"], "checked": checked}
            elif not any_unknown:
                sb = {"status": "none_fits", "box_id": None, "cost": None, "checked": checked}
            else:
                sb = {"status": "unknown", "box_id": feas[0]["id"] if feas else None,
                      "cost": feas[0]["cost"] if feas else None, "checked": checked}
            stats[sb["status"]] += 1
            lb2c = bound_multi(units, boxes, cl, 2) if units else 0
            lb_2 = lb2c / 100.0 if lb2c is not None else None
            lb_any = relaxed_any["cost"] if relaxed_any is not None else lb_2
            cands = [x for x in (first_open, lb_2) if x is not None]
            lb_cost = round(min(cands), 2) if cands else None
            rec = {"order_id": order["id"], "has_unfittable": len(units) < len(units_all), "units": len(units_all),
                   "single_box": sb, "lb_any": lb_any, "lb_2": lb_2, "lb_cost": lb_cost}
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")
            f.flush()
            if pk and feas:
                pk.write(json.dumps({"order_id": order["id"], "boxes": [{"box_id": feas[0]["id"], "items": feas[1]}],
                                     "unpacked": [], "time_ms": 0}, separators=(",", ":")) + "\n")
            if (oi + 1) % 100 == 0:
                print("%d orders, %.0f s, %s" % (oi + 1, time.time() - t0, json.dumps(stats)), file=sys.stderr,
                      flush=True)
    stats["wall_s"] = round(time.time() - t0, 1)
    stats["dtime"] = round(stats["dtime"], 1)
    stats["wall_checks"] = round(stats["wall_checks"], 1)
    print(json.dumps(stats), file=sys.stderr)
    if pk:
        pk.close()


if __name__ == "__main__":
    main()
