# Packbench: what the packer, the trainee and the printed sheets read, in English.
# This file is the reference: every other locale has the same message ids and variables
# (the ipc crate's tests check it). Numbers are passed as numbers: plural variants select
# on them with the language's CLDR rules.

## The packer's step

scan-badge = Scan your badge
scan-trolley = Scan a trolley
trolley-held-elsewhere = { $trolley } is being packed at { $holder }: scan another trolley
claiming-trolley = Claiming the trolley…
scan-slot = Scan a slot
scan-slot-next = Scan a slot (next: { $slot })
scan-items = Scan the items of { $order }
# $fields: capture-lot, capture-expiry and capture-serial joined by capture-and.
scan-capture = Scan the { $fields } of this unit
capture-lot = lot
capture-expiry = expiry date
capture-serial = serial number
capture-and = and
box-it = Box it: scan { $box }
scan-box = Scan the box you use
put-on-scale = Put the parcel on the scale
weight-mismatch = Weight does not match: check the parcel and weigh again
printing-label = Printing the label…
trolley-done = Trolley done: releasing it
slots-progress = { $done } / { $total ->
    [one] { $total } slot
   *[other] { $total } slots
}
units-in-exception = { $count ->
    [one] { $count } unit in exception
   *[other] { $count } units in exception
}
labels-pending = { $count ->
    [one] { $count } label not printed yet: it prints when the warehouse system is back; if the label printer shows a fault, fix it, then scan PB-REPRINT
   *[other] { $count } labels not printed yet: they print when the warehouse system is back; if the label printer shows a fault, fix it, then scan PB-REPRINT
}
suggested = Suggested:
expected-weight = Expected { $grams } g
trolley-summary = { $slots ->
    [one] { $slots } slot
   *[other] { $slots } slots
} · { $units ->
    [one] { $units } unit
   *[other] { $units } units
}

## Buttons and the action sheet

take-slot = Take slot { $slot }
take-next-slot = Take next slot
sign-out = Sign out
close-parcel = Close parcel
cancel-unit = Cancel unit
leave-slot = Leave slot
order-to-exception = Order to exception
use-box = Use { $box }
back-to-items = Back to items
weigh-again = Weigh again
report-short = Short
report-damaged = Damaged
report-short-one = Short: 1 unit
report-damaged-one = Damaged: 1 unit
reprint-label = Reprint label
close-app = Close the app (supervisor)
ask-supervisor = Ask a supervisor at the desk
asked-supervisor = Asked the supervisor's desk: wait, or weigh again
action-sheet-title = Packbench actions: scan a code instead of touching the screen
supervisor-override = Supervisor: choose a reason, then scan your badge
# Recorded with the override in English (the en text), shown in the packer's language.
override-reason-extra-packing = Extra packing material
override-reason-catalogue-weight = Item weight in the catalogue is wrong
override-reason-checked = Checked by supervisor: contents correct
box-reason-prompt = Why { $box } and not the suggested box?
box-reason-out-of-stock = Suggested box out of stock
box-reason-protection = Items need more protection
box-reason-does-not-fit = Items do not fit the suggested box

## Refusal headlines, by the error's stable code

refused-generic = Not accepted
refused-invalid-scan = Not accepted
refused-trolley-unknown = Unknown trolley
refused-trolley-claimed-elsewhere = Trolley taken by another station
refused-backend-unreachable = No connection to the warehouse system
refused-backend-rejected = The warehouse system refused
refused-storage-failed = Not saved: call IT
refused-device-failed = Device problem
refused-wrong-item = Wrong item
refused-over-scan = Too many of this item
refused-gs1-invalid = GS1 code not valid
refused-item-of-other-order = Item of another order
refused-expected-trolley = Scan a trolley
refused-expected-slot = Scan a slot
refused-trolley-in-progress = Finish this trolley first
refused-serial-duplicate = Serial already scanned
refused-packaging-reason-required = Give a reason for another box

## The station bar

status-queued = Queued: { $count }
status-queued-oldest = Queued: { $count } (oldest { $age })
status-needs-supervisor = needs supervisor: { $count }
age-seconds = { $n } s
age-minutes = { $n } min
age-hours = { $n } h
status-online = Online
status-offline = OFFLINE: work is queued
status-connecting = Connecting…
status-training-backend = Training backend
device-kind-label-printer = Label printer
device-kind-document-printer = Document printer
device-kind-scale = Scale
device-kind-scanner = Scanner
device-ready = { $device }: ready
device-not-ready = { $device }: not ready

## Device faults: what the device has — what to do (printer lines end in the reprint code)

fault-paper-out = Label printer: out of labels — load a new roll, then scan PB-REPRINT
fault-ribbon-out = Label printer: out of ribbon — load a new ribbon, close the head, then scan PB-REPRINT
fault-head-open = Label printer: head open — close it until it clicks, then scan PB-REPRINT
fault-paused = Label printer: paused — press PAUSE on the printer, then scan PB-REPRINT
fault-cutter-fault = Label printer: cutter fault — clear the labels from the cutter, then scan PB-REPRINT
fault-head-too-hot = Label printer: printhead too hot — wait a few minutes, then scan PB-REPRINT
fault-motor-too-hot = Label printer: motor too hot — wait a few minutes, then scan PB-REPRINT
fault-media-jam = Label printer: labels jammed — open the head, clear the jam, then scan PB-REPRINT
fault-bad-printhead-element = Label printer: printhead fault — call IT
fault-printhead-not-detected = Label printer: printhead not detected — call IT
fault-hardware-fault = Label printer: hardware fault — switch it off and on; if it stays, call IT
fault-corrupt-memory = Label printer: memory fault — switch it off and on; if it stays, call IT
fault-offline = Label printer: offline — check its power and cable
fault-not-answering = Label printer: not answering — check the printer's display
fault-unreachable = Label printer: cannot be reached — check its power and cable
fault-scale-disconnected = Scale: disconnected — check its cable; it reconnects by itself
fault-scale-port-unavailable = Scale: not connected — check its cable and power
fault-scale-no-answer = Scale: not answering — check that it is on and plugged in
fault-scale-overload = Scale: overloaded — take the parcel off
fault-scale-underload = Scale: below zero — clear the platter and zero the scale
fault-scale-not-settled = Scale: weight not steady — keep the parcel still and weigh again
fault-scale-needs-zero = Scale: needs zeroing — clear the platter and press ZERO
fault-scale-busy = Scale: busy — wait a moment and weigh again
fault-scale-ram-error = Scale: memory error — switch it off and on; if it stays, call IT
fault-scale-eeprom-error = Scale: memory error — switch it off and on; if it stays, call IT
fault-scale-rom-error = Scale: memory error — switch it off and on; if it stays, call IT
fault-scale-calibration-error = Scale: calibration faulty — do not weigh on it; call IT
fault-scale-initial-zero-error = Scale: no zero at start-up — clear the platter, switch it off and on
fault-scale-fault = Scale: reports a fault — switch it off and on; if it stays, call IT
fault-scale-transmission-error = Scale: communication error — call IT
fault-scale-unreadable = Scale: communication error — call IT
fault-scale-not-understood = Scale: communication error — call IT
fault-scale-cannot-execute = Scale: could not do it — clear the platter and try again

## Why this packaging, and the scale's verdict

explain-one-parcel = { $box }: { $fill }% full, { $kg } kg
explain-parcels = { $count ->
    [one] { $count } parcel: { $list }
   *[other] { $count } parcels: { $list }
}
explain-parcel-units = { $box } ({ $units ->
    [one] { $units } unit
   *[other] { $units } units
})
explain-not-box = Not { $box }: { $why }
explain-more-ruled-out = { $count } more ruled out
explain-unpacked = No packaging takes { $list }: ship separately
rejection-not-stocked = not in stock
rejection-reserved = reserved for { $clients }
rejection-forbidden = not allowed for { $client }
rejection-fragile-soft = { $sku } is fragile and needs a box
rejection-liquid-soft = { $sku } is a liquid and needs a box
# $side: box-side-length, box-side-width or box-side-height.
rejection-too-small = { $sku } needs { $item } mm, its { $side } is { $inner } mm
box-side-length = length
box-side-width = width
box-side-height = height
rejection-too-heavy = { $kg } kg is over its { $max } kg limit
rejection-volume = the units take { $litres } l, it holds { $capacity } l
rejection-no-fit = the units do not fit in it together
packaging-box = Box
packaging-mailer = Mailer
packaging-polybag = Polybag
weight-ok = { $measured } g measured, { $expected } g expected: within { $allowance } g
weight-light = { $measured } g measured, { $expected } g expected: { $deviation } g too light (allowed { $allowance } g)
weight-heavy = { $measured } g measured, { $expected } g expected: { $deviation } g too heavy (allowed { $allowance } g)

## Training mode and the training pack

training-title = Training mode
training-intro = Scan a code below with the scanner, or touch it.
training-hide = Hide hints (scan only)
training-show = Show hints
role-packer = packer
role-supervisor = supervisor
training-units-left = { $count } left
training-suggested-box = Suggested box
training-sheet-title = Packbench training pack
training-sheet-sign-in = 1. Sign in: scan one badge
training-sheet-trolley = 2. Claim the trolley
training-sheet-slot = Slot { $slot }
training-sheet-boxes = Boxes
training-sheet-actions = Actions

## The packing slip (in the order's language where the backend gives one of these)

slip-title = PACKING SLIP
slip-order = Order { $order }
slip-date = Date { $date }
slip-parcel-of = Parcel { $index } of { $count }
slip-ship-to = Ship to
slip-gift-message = Gift message
slip-continued = Packing slip, order { $order } (continued)
slip-column-sku = SKU
slip-column-item = Item
slip-column-ordered = Ordered
slip-column-shipped = Shipped
slip-column-note = Note
slip-column-unit-price = Unit price
slip-short = SHORT { $count }
slip-totals = { $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
}, { $ordered ->
    [one] { $ordered } unit
   *[other] { $ordered } units
} ordered, { $shipped } shipped
slip-short-lines = { $count ->
    [one] { $count } short line
   *[other] { $count } short lines
}: the rest follows separately
slip-returns = Returns
slip-returns-note = Returns: within 30 days, with this slip in the parcel.
slip-footer = { $client } · order { $order }
slip-page-of = Page { $page } of { $count }
