"""Schemathesis hooks for fuzzing the training backend (loaded by dev.sh through
SCHEMATHESIS_HOOKS; standard library and schemathesis only).

- An auth provider signs in the training backend's first supervisor (their badge from the
  training hints) and sends the session as `x-packer-session`, so the supervisor endpoints are
  fuzzed past their 401 and the stateful phase can decide, list and release.
- Half the heartbeats name the calling station (the header's), and half the sign-ins scan a real
  badge, so those operations reach their business rules and not only their refusals; the other
  half stay as generated, to keep fuzzing the refusals.

The pack flow itself (claim -> movements, exceptions, shipment -> void, release) is reached
through the OpenAPI links of the contract (`src-tauri/crates/training/src/openapi.rs`).

Environment: PACKBENCH_FUZZ_URL (the backend), PACKBENCH_FUZZ_TOKEN, PACKBENCH_FUZZ_STATION.
"""
import itertools
import json
import os
import urllib.error
import urllib.request
import uuid

import schemathesis

BASE = os.environ["PACKBENCH_FUZZ_URL"]
TOKEN = os.environ["PACKBENCH_FUZZ_TOKEN"]
STATION = os.environ["PACKBENCH_FUZZ_STATION"]


def call(path, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{BASE}{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {TOKEN}")
    req.add_header("x-station-id", STATION)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def crew():
    return call("/v1/training/hints")["crew"]


_held = []


def held():
    """A demo trolley this station claimed for the hooks' writes (claims steered by `map_case`
    take TR-0001..TR-0040; the hooks keep to TR-0041 and up)."""
    if not _held:
        _held.append(call("/v1/trolleys/TR-0041/claim", "POST"))
    return _held[0]


def a_line():
    """Some slot's order and line of the held trolley, in turn."""
    slots = held()["slots"]
    slot = slots[next(_turn) % len(slots)]
    line = slot["order"]["lines"][next(_turn) % len(slot["order"]["lines"])]
    return slot, line


def write(path, body):
    req = urllib.request.Request(f"{BASE}{path}", data=json.dumps(body).encode(), method="POST")
    for k, v in (("Authorization", f"Bearer {TOKEN}"), ("x-station-id", STATION),
                 ("idempotency-key", str(uuid.uuid4())), ("Content-Type", "application/json")):
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def shipment_body(slot, line):
    order = slot["order"]
    return {
        "order_id": order["order_id"], "trolley": held()["trolley"], "carrier": order["carrier"],
        "service": order["service"], "label_format": "zpl203",
        "parcels": [{"parcel_no": 1, "packaging_id": "BX-M", "weight_g": 800, "length_mm": 300,
                     "width_mm": 200, "height_mm": 150,
                     "contents": [{"line_no": line["line_no"], "sku": line["item"]["sku"],
                                   "qty": 1}]}],
    }


def realistic_body(where):
    """A valid write on the held trolley, for the writes that otherwise only ever meet a
    trolley nobody claimed (random codes), so their business rules are reached too."""
    slot, line = a_line()
    order = slot["order"]
    if where == "POST /v1/movements":
        return {"trolley": held()["trolley"], "order_id": order["order_id"],
                "parcel_id": f"P-{uuid.uuid4().hex[:8]}", "packer_id": "PK-0001",
                "movements": [{"line_no": line["line_no"], "sku": line["item"]["sku"], "qty": 1}]}
    if where == "POST /v1/exceptions":
        return {"trolley": held()["trolley"], "slot": slot["slot"], "order_id": order["order_id"],
                "line_no": line["line_no"], "sku": line["item"]["sku"], "units": 1,
                "reason": "damaged", "from_location": slot["location"], "packer_id": "PK-0001"}
    if where == "POST /v1/shipments":
        return shipment_body(slot, line)
    if where == "POST /v1/order-exceptions":
        return {"trolley": held()["trolley"], "slot": slot["slot"], "order_id": order["order_id"],
                "reason": "no_label", "to_location": "EXC-01", "packer_id": "PK-0001"}
    return None


# 401s are part of what is fuzzed (a missing or foreign session): never refetch on them.
@schemathesis.auth(retry_on=[])
class SupervisorSession:
    """A supervisor's session from the training backend's sign-in."""

    def get(self, case, ctx):
        sup = next(m for m in crew() if m["role"] == "supervisor")
        signed = call("/v1/sign-in", "POST", {"method": "badge", "badge": sup["badge"]})
        return signed["session_token"]

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["x-packer-session"] = data


_turn = itertools.count()
_badges = []


def positive(case):
    """Whether schemathesis meant this case to be valid (its `_meta`; no public accessor)."""
    meta = getattr(case, "_meta", None)
    return meta is not None and meta.generation.mode == schemathesis.GenerationMode.POSITIVE


@schemathesis.hook
def map_case(context, case):
    """Steers valid cases only, so a refusal of an invalid case stays the fuzzer's finding."""
    op = context.operation
    if op is None or not positive(case):
        return case
    # Generated keys repeat (the schema's example, the shortest string): most valid writes get
    # a fresh one, or nearly every write is a replay of another body and answers 409.
    keyed = any(p.name.lower() == "idempotency-key" for p in op.iter_parameters())
    if keyed and next(_turn) % 4:
        case.headers = case.headers or {}
        for name in [n for n in case.headers if n.lower() == "idempotency-key"]:
            del case.headers[name]
        case.headers["idempotency-key"] = str(uuid.uuid4())
    where = f"{op.method.upper()} {op.path}"
    # Generated trolley codes are almost never the demo warehouse's: half the claims take one
    # of its trolleys (this station may claim its own again), so the links from a claim's
    # manifest (movements, exceptions, shipment, release) have a real trolley to work on.
    writes = ("POST /v1/movements", "POST /v1/exceptions", "POST /v1/order-exceptions",
              "POST /v1/shipments")
    if where in writes and next(_turn) % 2:
        case.body = realistic_body(where)
    if where == "POST /v1/shipments/{shipment_id}/void" and next(_turn) % 2:
        try:
            made = write("/v1/shipments", shipment_body(*a_line()))
        except urllib.error.HTTPError:
            made = None  # that order has its live shipment already: void the generated id
        if made:
            case.path_parameters = dict(case.path_parameters or {}, shipment_id=made["shipment_id"])
    if where == "POST /v1/trolleys/{trolley}/claim" and next(_turn) % 2:
        case.path_parameters = dict(case.path_parameters or {}, trolley=f"TR-{next(_turn) % 40 + 1:04}")
    if isinstance(case.body, dict) and next(_turn) % 2:
        if where == "POST /v1/heartbeats":
            case.body = dict(case.body, station_id=STATION)
        elif where == "POST /v1/sign-in":
            if not _badges:
                _badges.extend(m["badge"] for m in crew())
            case.body = {"method": "badge", "badge": _badges[next(_turn) % len(_badges)]}
    return case
