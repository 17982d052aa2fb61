# Packbench în limba română. Aceleași identificatori și variabile ca în en.ftl.
# Plural (CLDR): one = 1; few = 0, 2–19 (și 102–119…); other = 20 și peste: „20 de colete”.

## Pasul ambalatorului

scan-badge = Scanați ecusonul
scan-trolley = Scanați un cărucior
trolley-held-elsewhere = { $trolley } este ambalat la stația { $holder }: scanați alt cărucior
claiming-trolley = Se preia căruciorul…
scan-slot = Scanați un compartiment
scan-slot-next = Scanați un compartiment (următorul: { $slot })
scan-items = Scanați produsele comenzii { $order }
scan-capture = Scanați { $fields } acestei bucăți
capture-lot = lotul
capture-expiry = data de expirare
capture-serial = numărul de serie
capture-and = și
box-it = Ambalați: scanați { $box }
scan-box = Scanați ambalajul folosit
put-on-scale = Puneți coletul pe cântar
weight-mismatch = Greutatea nu corespunde: verificați coletul și cântăriți din nou
printing-label = Se tipărește eticheta…
trolley-done = Cărucior terminat: se eliberează
slots-progress = { $done } / { $total ->
    [one] { $total } compartiment
    [few] { $total } compartimente
   *[other] { $total } de compartimente
}
units-in-exception = { $count ->
    [one] { $count } bucată în excepție
    [few] { $count } bucăți în excepție
   *[other] { $count } de bucăți în excepție
}
labels-pending = { $count ->
    [one] { $count } etichetă netipărită: se tipărește când revine sistemul depozitului; dacă imprimanta de etichete arată o defecțiune, remediaz-o, apoi scanează PB-REPRINT
    [few] { $count } etichete netipărite: se tipăresc când revine sistemul depozitului; dacă imprimanta de etichete arată o defecțiune, remediaz-o, apoi scanează PB-REPRINT
   *[other] { $count } de etichete netipărite: se tipăresc când revine sistemul depozitului; dacă imprimanta de etichete arată o defecțiune, remediaz-o, apoi scanează PB-REPRINT
}
suggested = Sugerat:
expected-weight = Așteptat { $grams } g
trolley-summary = { $slots ->
    [one] { $slots } compartiment
    [few] { $slots } compartimente
   *[other] { $slots } de compartimente
} · { $units ->
    [one] { $units } bucată
    [few] { $units } bucăți
   *[other] { $units } de bucăți
}

## Butoane și foaia de acțiuni

take-slot = Luați compartimentul { $slot }
take-next-slot = Luați următorul compartiment
sign-out = Deconectare
close-parcel = Închideți coletul
cancel-unit = Anulați bucata
leave-slot = Lăsați compartimentul
order-to-exception = Comanda la excepții
use-box = Folosiți { $box }
back-to-items = Înapoi la produse
weigh-again = Cântăriți din nou
report-short = Lipsă
report-damaged = Deteriorat
report-short-one = Lipsă: 1 bucată
report-damaged-one = Deteriorată: 1 bucată
reprint-label = Retipăriți eticheta
close-app = Închideți aplicația (supervizor)
ask-supervisor = Cereți aprobarea supervizorului de la birou
asked-supervisor = Cerere trimisă supervizorului: așteptați sau cântăriți din nou
action-sheet-title = Packbench: scanați un cod în loc să atingeți ecranul
supervisor-override = Supervizor: alegeți motivul, apoi scanați ecusonul
override-reason-extra-packing = Material de umplutură suplimentar
override-reason-catalogue-weight = Greutatea produsului din catalog este greșită
override-reason-checked = Verificat de supervizor: conținut corect
box-reason-prompt = De ce { $box } și nu ambalajul sugerat?
box-reason-out-of-stock = Ambalajul sugerat lipsește din stoc
box-reason-protection = Produsele au nevoie de mai multă protecție
box-reason-does-not-fit = Produsele nu încap în ambalajul sugerat

## Titlurile refuzurilor

refused-generic = Neacceptat
refused-invalid-scan = Neacceptat
refused-trolley-unknown = Cărucior necunoscut
refused-trolley-claimed-elsewhere = Cărucior preluat de altă stație
refused-backend-unreachable = Fără conexiune la sistemul depozitului
refused-backend-rejected = Sistemul depozitului a refuzat
refused-storage-failed = Nesalvat: chemați IT
refused-device-failed = Problemă la dispozitiv
refused-wrong-item = Produs greșit
refused-over-scan = Prea multe bucăți din acest produs
refused-gs1-invalid = Cod GS1 nevalid
refused-item-of-other-order = Produs din altă comandă
refused-expected-trolley = Scanați un cărucior
refused-expected-slot = Scanați un compartiment
refused-trolley-in-progress = Terminați întâi acest cărucior
refused-serial-duplicate = Număr de serie deja scanat
refused-packaging-reason-required = Indicați motivul altui ambalaj

## Bara stației

status-queued = În coadă: { $count }
status-queued-oldest = În coadă: { $count } (cea mai veche { $age })
status-needs-supervisor = necesită supervizor: { $count }
age-seconds = { $n } s
age-minutes = { $n } min
age-hours = { $n } h
status-online = Conectat
status-offline = FĂRĂ CONEXIUNE: lucrul se pune în coadă
status-connecting = Se conectează…
status-training-backend = Sistem de instruire
device-kind-label-printer = Imprimanta de etichete
device-kind-document-printer = Imprimanta de documente
device-kind-scale = Cântar
device-kind-scanner = Scaner
device-ready = { $device }: pregătit
device-not-ready = { $device }: nepregătit

## Defecte ale dispozitivelor

fault-paper-out = Imprimanta de etichete: nu mai are etichete — pune o rolă nouă, apoi scanează PB-REPRINT
fault-ribbon-out = Imprimanta de etichete: nu mai are ribbon — pune un ribbon nou, închide capul, apoi scanează PB-REPRINT
fault-head-open = Imprimanta de etichete: capul este deschis — închide-l până face clic, apoi scanează PB-REPRINT
fault-paused = Imprimanta de etichete: în pauză — apasă PAUSE pe imprimantă, apoi scanează PB-REPRINT
fault-cutter-fault = Imprimanta de etichete: eroare la cuțit — scoate etichetele din cuțit, apoi scanează PB-REPRINT
fault-head-too-hot = Imprimanta de etichete: capul s-a supraîncălzit — așteaptă câteva minute, apoi scanează PB-REPRINT
fault-motor-too-hot = Imprimanta de etichete: motorul s-a supraîncălzit — așteaptă câteva minute, apoi scanează PB-REPRINT
fault-media-jam = Imprimanta de etichete: etichete blocate — deschide capul, scoate blocajul, apoi scanează PB-REPRINT
fault-bad-printhead-element = Imprimanta de etichete: defect la capul de imprimare — cheamă IT
fault-printhead-not-detected = Imprimanta de etichete: capul de imprimare nu este detectat — cheamă IT
fault-hardware-fault = Imprimanta de etichete: defect hardware — oprește-o și pornește-o; dacă persistă, cheamă IT
fault-corrupt-memory = Imprimanta de etichete: eroare de memorie — oprește-o și pornește-o; dacă persistă, cheamă IT
fault-offline = Imprimanta de etichete: offline — verifică alimentarea și cablul
fault-not-answering = Imprimanta de etichete: nu răspunde — verifică mesajul de pe afișajul ei
fault-unreachable = Imprimanta de etichete: nu poate fi contactată — verifică alimentarea și cablul
fault-scale-disconnected = Cântar: deconectat — verifică cablul; se reconectează singur
fault-scale-port-unavailable = Cântar: neconectat — verifică cablul și alimentarea
fault-scale-no-answer = Cântar: nu răspunde — verifică dacă este pornit și conectat
fault-scale-overload = Cântar: supraîncărcat — ia coletul de pe cântar
fault-scale-underload = Cântar: sub zero — golește platanul și adu cântarul la zero
fault-scale-not-settled = Cântar: greutatea nu e stabilă — nu atinge coletul și cântărește din nou
fault-scale-needs-zero = Cântar: trebuie adus la zero — golește platanul și apasă ZERO
fault-scale-busy = Cântar: ocupat — așteaptă puțin și cântărește din nou
fault-scale-ram-error = Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT
fault-scale-eeprom-error = Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT
fault-scale-rom-error = Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT
fault-scale-calibration-error = Cântar: calibrare defectă — nu cântări pe el; cheamă IT
fault-scale-initial-zero-error = Cântar: fără zero la pornire — golește platanul, oprește-l și pornește-l
fault-scale-fault = Cântar: raportează un defect — oprește-l și pornește-l; dacă persistă, cheamă IT
fault-scale-transmission-error = Cântar: eroare de comunicare — cheamă IT
fault-scale-unreadable = Cântar: eroare de comunicare — cheamă IT
fault-scale-not-understood = Cântar: eroare de comunicare — cheamă IT
fault-scale-cannot-execute = Cântar: nu a executat comanda — golește platanul și încearcă din nou

## De ce acest ambalaj; verdictul cântarului

explain-one-parcel = { $box }: plin { $fill }%, { $kg } kg
explain-parcels = { $count ->
    [one] { $count } colet: { $list }
    [few] { $count } colete: { $list }
   *[other] { $count } de colete: { $list }
}
explain-parcel-units = { $box } ({ $units } buc.)
explain-not-box = Nu { $box }: { $why }
explain-more-ruled-out = { $count ->
    [one] încă { $count } ambalaj exclus
    [few] încă { $count } ambalaje excluse
   *[other] încă { $count } de ambalaje excluse
}
explain-unpacked = Niciun ambalaj nu cuprinde { $list }: expediați separat
rejection-not-stocked = nu este în stoc
rejection-reserved = rezervat pentru { $clients }
rejection-forbidden = nepermis pentru { $client }
rejection-fragile-soft = { $sku } este fragil și cere o cutie
rejection-liquid-soft = { $sku } este lichid și cere o cutie
rejection-too-small = { $sku } are nevoie de { $item } mm, { $side } este { $inner } mm
box-side-length = lungimea
box-side-width = lățimea
box-side-height = înălțimea
rejection-too-heavy = { $kg } kg depășește limita de { $max } kg
rejection-volume = produsele ocupă { $litres } l, încap { $capacity } l
rejection-no-fit = produsele nu încap împreună
packaging-box = Cutie
packaging-mailer = Plic
packaging-polybag = Pungă
weight-ok = măsurat { $measured } g, așteptat { $expected } g: în limita de { $allowance } g
weight-light = măsurat { $measured } g, așteptat { $expected } g: cu { $deviation } g prea ușor (admis { $allowance } g)
weight-heavy = măsurat { $measured } g, așteptat { $expected } g: cu { $deviation } g prea greu (admis { $allowance } g)

## Modul de instruire și pachetul de instruire

training-title = Mod de instruire
training-intro = Scanați un cod de mai jos sau atingeți-l.
training-hide = Ascundeți indiciile (doar scanare)
training-show = Arătați indiciile
role-packer = ambalator
role-supervisor = supervizor
training-units-left = { $count ->
    [one] mai rămâne { $count }
    [few] mai rămân { $count }
   *[other] mai rămân { $count }
}
training-suggested-box = Cutia propusă
training-sheet-title = Packbench: pachet de instruire
training-sheet-sign-in = 1. Autentificare: scanați un ecuson
training-sheet-trolley = 2. Preluați căruciorul
training-sheet-slot = Locul { $slot }
training-sheet-boxes = Cutii
training-sheet-actions = Acțiuni

## Lista de ambalare (în limba comenzii, când sistemul o indică)

slip-title = LISTĂ DE AMBALARE
slip-order = Comanda { $order }
slip-date = Data { $date }
slip-parcel-of = Coletul { $index } din { $count }
slip-ship-to = Destinatar
slip-gift-message = Mesaj de cadou
slip-continued = Listă de ambalare, comanda { $order } (continuare)
slip-column-sku = SKU
slip-column-item = Produs
slip-column-ordered = Comandat
slip-column-shipped = Expediat
slip-column-note = Notă
slip-column-unit-price = Preț unitar
slip-short = LIPSĂ { $count }
slip-totals = { $lines ->
    [one] { $lines } linie
    [few] { $lines } linii
   *[other] { $lines } de linii
}, { $ordered } buc. comandate, { $shipped } expediate
slip-short-lines = { $count ->
    [one] { $count } linie incompletă
    [few] { $count } linii incomplete
   *[other] { $count } de linii incomplete
}: restul se expediază separat
slip-returns = Retururi
slip-returns-note = Retururi: în 30 de zile, cu această listă în colet.
slip-footer = { $client } · comanda { $order }
slip-page-of = Pagina { $page } din { $count }
