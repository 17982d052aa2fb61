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

# The supervisor's desk, in the signed-in supervisor's language.
desk-title = Packbench · Supervisor desk
desk-sign-out = Sign out
desk-tab-stations = Stations
desk-tab-productivity = Productivity
desk-tab-records = Exceptions & overrides
desk-tab-actions = Actions
desk-age-seconds = { $n } s
desk-age-minutes = { $n } min
desk-age-hours = { $n } h
desk-all-clear = No alerts: every station is online and ready.
desk-alert-note = Alerts: station offline (no heartbeat for 60 s), outbox older than { $age }, label printer out of labels, a device not ready.
desk-alert-note-webhook = New alerts are posted to the webhook.
desk-alert-station-offline = { $station } is offline: no heartbeat for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}. Check the PC and its network.
desk-alert-outbox-backlog = { $station }: backend writes waiting for { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}. Check its connection to the backend.
desk-alert-outbox-refused = { $station }: { $count ->
    [one] { $count } backend write refused for good
   *[other] { $count } backend writes refused for good
}. Look at its log and the orders concerned.
desk-alert-printer-out-of-labels = { $station }: label printer { $printer } is out of labels. Load a new roll.
# $device: device-kind-*; $problems: desk-fault-* joined, or desk-device-not-ready.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Check the device.
desk-device-ready = ready
desk-device-not-ready = not ready
desk-col-station = Station
desk-col-packer = Packer
desk-col-trolley = Trolley
desk-col-step = Step
desk-col-orders-per-hour = Orders/h
desk-col-units-per-hour = Units/h
desk-col-shift = Shift orders / units
desk-col-devices = Devices
desk-col-queued = Queued
desk-col-version = Version
desk-col-last-seen = Last seen
desk-col-orders = Orders
desk-col-units = Units
desk-col-std-min = Std min
desk-col-active = Active
desk-col-performance = Performance
desk-col-recorded = Recorded (site time)
desk-col-kind = Kind
desk-col-order = Order
desk-col-reason = Reason
desk-col-detail = Detail
desk-trolley-slot = { $trolley } · slot { $slot }
desk-queued-oldest = { $count } (oldest { $age })
desk-queued-refused = refused { $count }
desk-seen-ago = { $age } ago
desk-seen-stale = STALE · { $age } ago
desk-step-sign-in = signing in
desk-step-scan-trolley = waiting for a trolley
desk-step-claiming-trolley = claiming a trolley
desk-step-scan-slot = taking a slot
desk-step-verify-units = packing units
desk-step-choose-packaging = choosing a box
desk-step-weigh = weighing
desk-step-awaiting-label = waiting for the label
desk-step-releasing-trolley = releasing the trolley
desk-period-shift = This shift (hourly)
desk-period-previous-shift = Previous shift
desk-period-week = Week (7 days, daily)
desk-formula = Work content per order, in standard minutes: { $base } + { $unit }·units + { $line }·lines + { $parcel }·(parcels − 1) + { $exception }·exceptions. Performance = standard minutes earned per active minute (100 % = standard pace); active = hours (or days) with at least one order.
desk-covers-shift = Shift { $name } ({ $hours })
desk-covers-week = Last 7 days
desk-site-time = { $covers } · times in { $zone }
desk-chart-packers-performance = Packers: performance (% of standard)
desk-chart-stations-performance = Stations: performance (% of standard)
desk-chart-packers-work-hour = Packers: standard minutes per hour
desk-chart-packers-work-day = Packers: standard minutes per day
desk-chart-stations-work-hour = Stations: standard minutes per hour
desk-chart-stations-work-day = Stations: standard minutes per day
desk-chart-empty = Nothing packed in this period.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } order
   *[other] { $orders } orders
} · { $units ->
    [one] { $units } unit
   *[other] { $units } units
}
desk-records-count = { $shown } of { $total ->
    [one] { $total } row
   *[other] { $total } rows
}
desk-kind-line-exception = line exception
desk-kind-order-exception = order exception
desk-kind-packaging-override = packaging override
desk-kind-weight-override = weight override
desk-filter-all = All
desk-filter-line-exceptions = Line exceptions
desk-filter-order-exceptions = Order exceptions
desk-filter-packaging-overrides = Packaging overrides
desk-filter-weight-overrides = Weight overrides
desk-filter-reason = Reason contains
desk-filter-since = Since
desk-since-any = Any time
desk-since-hour = Last hour
desk-since-12h = Last 12 h
desk-since-24h = Last 24 h
desk-since-week = Last 7 days
desk-filter-apply = Filter
desk-export-path = CSV file (optional, full path)
desk-export-path-default = default: the data folder's exports/
desk-export = Export CSV
desk-export-done = { $rows ->
    [one] { $rows } row written to { $path }
   *[other] { $rows } rows written to { $path }
}
desk-weight-requests-title = Weight overrides asked by stations
desk-decision-reason = Reason (kept with the decision)
desk-decision-reason-default = contents checked by the supervisor
desk-weight-request = { $station } · { $packer } · { $order } parcel { $parcel }: expected { $expected } g, weighed { $measured } g ({ $diff } g) · asked { $age } ago
desk-approve = Approve
desk-decline = Decline
desk-no-weight-requests = No station is waiting for a weight override.
desk-release-title = Release a stale trolley claim
desk-release-reason-example = station ST-03 crashed
desk-release = Release claim
desk-reprint-title = Reprint an order's labels here
desk-reprint = Reprint
desk-void-title = Void an order's label
desk-void = Void label
desk-done-released = { $trolley } released: another station may claim it now.
desk-done-voided = Shipment { $shipment } of { $order } voided ({ $tracking }): its labels must not be used; the order may ship again.
desk-done-reprinted = { $labels ->
    [one] { $labels } label of { $order } sent to { $printer }.
   *[other] { $labels } labels of { $order } sent to { $printer }.
}
desk-done-approved = { $request } approved for { $order } parcel { $parcel } at { $station }.
desk-done-declined = { $request } declined for { $order } parcel { $parcel } at { $station }.
# Short names of device faults for the desk (the fault-* lines are the packer's instructions).
desk-fault-paper-out = out of labels
desk-fault-ribbon-out = out of ribbon
desk-fault-head-open = printhead open
desk-fault-paused = paused
desk-fault-cutter-fault = cutter fault
desk-fault-head-too-hot = printhead too hot
desk-fault-motor-too-hot = motor too hot
desk-fault-media-jam = labels jammed
desk-fault-bad-printhead-element = bad printhead element
desk-fault-printhead-not-detected = printhead not detected
desk-fault-hardware-fault = hardware fault
desk-fault-corrupt-memory = memory fault
desk-fault-offline = offline
desk-fault-not-answering = connected but not answering (see its display)
desk-fault-unreachable = cannot be reached (power or cable)
desk-fault-scale-disconnected = disconnected
desk-fault-scale-port-unavailable = not connected
desk-fault-scale-no-answer = not answering
desk-fault-scale-overload = overloaded
desk-fault-scale-underload = below zero
desk-fault-scale-not-settled = weight not steady
desk-fault-scale-needs-zero = needs zeroing
desk-fault-scale-busy = busy
desk-fault-scale-ram-error = RAM error
desk-fault-scale-eeprom-error = EEPROM error
desk-fault-scale-rom-error = ROM error
desk-fault-scale-calibration-error = calibration faulty
desk-fault-scale-initial-zero-error = no zero at start-up
desk-fault-scale-fault = reports a fault
desk-fault-scale-transmission-error = communication error (settings)
desk-fault-scale-unreadable = communication error (settings)
desk-fault-scale-not-understood = communication error (settings)
desk-fault-scale-cannot-execute = cannot carry out the command

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Roll-out
desk-alert-release-held = Release { $version } is held at the { $ring } ring: its stations ran worse than on the release before. Resume or roll back the ring on the Roll-out tab.
desk-done-rollout-held = Ring { $ring } held (release { $version }).
desk-done-rollout-resumed = Ring { $ring } resumed: release { $version } soaks again.
desk-done-rollout-rolled-back = Ring { $ring } rolled back to release { $version }.
desk-rollout-note = A release goes to canary first, then to named groups, early and general, each after its soak, when no health rate is more than { $margin } % worse than on the release before (a rate needs at least { $events } events to count).
desk-rollout-none = No release published yet.
desk-rollout-latest = Newest release: { $version }
desk-rollout-col-ring = Ring
desk-rollout-col-state = State
desk-rollout-col-release = Release
desk-rollout-col-previous = Before
desk-rollout-col-stations = Stations per version
desk-rollout-col-decision = Last decision
desk-rollout-col-metric = Health
desk-rollout-col-new = New release
desk-rollout-col-old = Release before
desk-rollout-state-waiting = waiting
desk-rollout-state-soaking = soaking
desk-rollout-state-done = passed on
desk-rollout-state-held = held
desk-rollout-state-rolled-back = rolled back
desk-rollout-decision-published = { $version } published by { $by }
desk-rollout-decision-promoted = { $version } promoted: no worse than the release before
desk-rollout-decision-passed-through = { $version } passed on: no stations in this ring
desk-rollout-decision-held = { $version } held automatically: worse than the release before
desk-rollout-decision-held-by-hand = { $version } held by { $by }
desk-rollout-decision-resumed = { $version } resumed by { $by }
desk-rollout-decision-rolled-back = Rolled back to { $version } by { $by }
desk-rollout-soak = { $hours } of { $needed } station-hours on { $version }
desk-rollout-metric-crash-restarts-per-station-hour = crash restarts per station-hour
desk-rollout-metric-refused-writes-per-order = refused writes per order
desk-rollout-metric-exceptions-per-order = exceptions per order
desk-rollout-metric-reprints-per-order = label reprints per order
desk-rollout-metric-scan-refusals-per-unit = refused scans per unit
desk-rollout-worse = worse
desk-rollout-hold = Hold
desk-rollout-resume = Resume
desk-rollout-roll-back = Roll back
desk-rollout-reason = Reason
desk-rollout-reason-default = Checked at the desk
