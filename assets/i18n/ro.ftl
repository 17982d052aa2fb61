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

# Pupitrul supervizorului, în limba supervizorului conectat.
desk-title = Packbench · Pupitrul supervizorului
desk-sign-out = Deconectare
desk-tab-stations = Posturi
desk-tab-productivity = Productivitate
desk-tab-records = Excepții și derogări
desk-tab-actions = Acțiuni
desk-age-seconds = { $n } s
desk-age-minutes = { $n } min
desk-age-hours = { $n } h
desk-all-clear = Nicio alertă: toate posturile sunt online și pregătite.
desk-alert-note = Alerte: post offline (niciun semnal de 60 s), coadă mai veche de { $age }, imprimantă de etichete fără etichete, un dispozitiv nepregătit.
desk-alert-note-webhook = Alertele noi sunt trimise la webhook.
desk-alert-station-offline = { $station } este offline: niciun semnal de { $minutes ->
    [one] { $minutes } minut
    [few] { $minutes } minute
   *[other] { $minutes } de minute
}. Verifică calculatorul și rețeaua lui.
desk-alert-outbox-backlog = { $station }: înregistrările către sistem așteaptă de { $minutes ->
    [one] { $minutes } minut
    [few] { $minutes } minute
   *[other] { $minutes } de minute
}. Verifică legătura postului cu sistemul.
desk-alert-outbox-refused = { $station }: { $count ->
    [one] { $count } înregistrare refuzată
    [few] { $count } înregistrări refuzate
   *[other] { $count } de înregistrări refuzate
} definitiv de sistem. Verifică jurnalul postului și comenzile în cauză.
desk-alert-printer-out-of-labels = { $station }: imprimanta de etichete { $printer } nu mai are etichete. Pune o rolă nouă.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Verifică dispozitivul.
desk-device-ready = pregătit
desk-device-not-ready = nepregătit
desk-col-station = Post
desk-col-packer = Ambalator
desk-col-trolley = Cărucior
desk-col-step = Etapă
desk-col-orders-per-hour = Comenzi/h
desk-col-units-per-hour = Bucăți/h
desk-col-shift = Tură: comenzi / bucăți
desk-col-devices = Dispozitive
desk-col-queued = În coadă
desk-col-version = Versiune
desk-col-last-seen = Ultimul semnal
desk-col-orders = Comenzi
desk-col-units = Bucăți
desk-col-std-min = Min. std.
desk-col-active = Active
desk-col-performance = Performanță
desk-col-recorded = Înregistrat (ora locației)
desk-col-kind = Tip
desk-col-order = Comandă
desk-col-reason = Motiv
desk-col-detail = Detalii
desk-trolley-slot = { $trolley } · locașul { $slot }
desk-queued-oldest = { $count } (cea mai veche: { $age })
desk-queued-refused = refuzate { $count }
desk-seen-ago = acum { $age }
desk-seen-stale = FĂRĂ SEMNAL · acum { $age }
desk-step-sign-in = conectare
desk-step-scan-trolley = așteaptă un cărucior
desk-step-claiming-trolley = preia un cărucior
desk-step-scan-slot = ia un locaș
desk-step-verify-units = ambalează bucăți
desk-step-choose-packaging = alege cutia
desk-step-weigh = cântărire
desk-step-awaiting-label = așteaptă eticheta
desk-step-releasing-trolley = eliberează căruciorul
desk-period-shift = Tura aceasta (pe ore)
desk-period-previous-shift = Tura anterioară
desk-period-week = Săptămâna (7 zile, pe zile)
desk-formula = Volumul de muncă pe comandă, în minute standard: { $base } + { $unit }·bucăți + { $line }·linii + { $parcel }·(colete − 1) + { $exception }·excepții. Performanța = minute standard realizate pe minut activ (100 % = ritmul standard); activ = ore (sau zile) cu cel puțin o comandă.
desk-covers-shift = Tura { $name } ({ $hours })
desk-covers-week = Ultimele 7 zile
desk-site-time = { $covers } · ore în fusul { $zone }
desk-chart-packers-performance = Ambalatori: performanță (% din standard)
desk-chart-stations-performance = Posturi: performanță (% din standard)
desk-chart-packers-work-hour = Ambalatori: minute standard pe oră
desk-chart-packers-work-day = Ambalatori: minute standard pe zi
desk-chart-stations-work-hour = Posturi: minute standard pe oră
desk-chart-stations-work-day = Posturi: minute standard pe zi
desk-chart-empty = Nimic ambalat în această perioadă.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } comandă
    [few] { $orders } comenzi
   *[other] { $orders } de comenzi
} · { $units ->
    [one] { $units } bucată
    [few] { $units } bucăți
   *[other] { $units } de bucăți
}
desk-records-count = { $shown } din { $total ->
    [one] { $total } rând
    [few] { $total } rânduri
   *[other] { $total } de rânduri
}
desk-kind-line-exception = excepție de linie
desk-kind-order-exception = excepție de comandă
desk-kind-packaging-override = derogare de ambalaj
desk-kind-weight-override = derogare de greutate
desk-filter-all = Toate
desk-filter-line-exceptions = Excepții de linie
desk-filter-order-exceptions = Excepții de comandă
desk-filter-packaging-overrides = Derogări de ambalaj
desk-filter-weight-overrides = Derogări de greutate
desk-filter-reason = Motivul conține
desk-filter-since = De la
desk-since-any = Oricând
desk-since-hour = Ultima oră
desk-since-12h = Ultimele 12 h
desk-since-24h = Ultimele 24 h
desk-since-week = Ultimele 7 zile
desk-filter-apply = Filtrează
desk-export-path = Fișier CSV (opțional, calea completă)
desk-export-path-default = implicit: exports/ din dosarul de date
desk-export = Exportă CSV
desk-export-done = { $rows ->
    [one] { $rows } rând scris în { $path }
    [few] { $rows } rânduri scrise în { $path }
   *[other] { $rows } de rânduri scrise în { $path }
}
desk-weight-requests-title = Derogări de greutate cerute de posturi
desk-decision-reason = Motiv (păstrat cu decizia)
desk-decision-reason-default = conținut verificat de supervizor
desk-weight-request = { $station } · { $packer } · { $order } coletul { $parcel }: așteptat { $expected } g, cântărit { $measured } g ({ $diff } g) · cerut acum { $age }
desk-approve = Aprobă
desk-decline = Respinge
desk-no-weight-requests = Niciun post nu așteaptă o derogare de greutate.
desk-release-title = Eliberează un cărucior blocat
desk-release-reason-example = postul ST-03 s-a blocat
desk-release = Eliberează căruciorul
desk-reprint-title = Retipărește aici etichetele unei comenzi
desk-reprint = Retipărește
desk-void-title = Anulează eticheta unei comenzi
desk-void = Anulează eticheta
desk-done-released = { $trolley } a fost eliberat: alt post îl poate prelua acum.
desk-done-voided = Expedierea { $shipment } a comenzii { $order } a fost anulată ({ $tracking }): etichetele ei nu trebuie folosite; comanda poate fi expediată din nou.
desk-done-reprinted = { $labels ->
    [one] { $labels } etichetă
    [few] { $labels } etichete
   *[other] { $labels } de etichete
} ale comenzii { $order } trimise la { $printer }.
desk-done-approved = { $request } aprobată pentru { $order } coletul { $parcel } la { $station }.
desk-done-declined = { $request } respinsă pentru { $order } coletul { $parcel } la { $station }.
desk-fault-paper-out = fără etichete
desk-fault-ribbon-out = fără ribon
desk-fault-head-open = capul deschis
desk-fault-paused = în pauză
desk-fault-cutter-fault = defect la cuțit
desk-fault-head-too-hot = capul prea fierbinte
desk-fault-motor-too-hot = motorul prea fierbinte
desk-fault-media-jam = etichete blocate
desk-fault-bad-printhead-element = element defect al capului
desk-fault-printhead-not-detected = capul nu este detectat
desk-fault-hardware-fault = defect hardware
desk-fault-corrupt-memory = eroare de memorie
desk-fault-offline = offline
desk-fault-not-answering = conectată, dar nu răspunde (vezi afișajul ei)
desk-fault-unreachable = inaccesibilă (alimentare sau cablu)
desk-fault-scale-disconnected = deconectat
desk-fault-scale-port-unavailable = neconectat
desk-fault-scale-no-answer = nu răspunde
desk-fault-scale-overload = suprasolicitat
desk-fault-scale-underload = sub zero
desk-fault-scale-not-settled = greutate instabilă
desk-fault-scale-needs-zero = trebuie adus la zero
desk-fault-scale-busy = ocupat
desk-fault-scale-ram-error = eroare RAM
desk-fault-scale-eeprom-error = eroare EEPROM
desk-fault-scale-rom-error = eroare ROM
desk-fault-scale-calibration-error = calibrare defectă
desk-fault-scale-initial-zero-error = fără zero la pornire
desk-fault-scale-fault = raportează un defect
desk-fault-scale-transmission-error = eroare de comunicare (setări)
desk-fault-scale-unreadable = eroare de comunicare (setări)
desk-fault-scale-not-understood = eroare de comunicare (setări)
desk-fault-scale-cannot-execute = nu poate executa comanda

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Lansare
desk-alert-release-held = Versiunea { $version } este oprită în inelul { $ring }: stațiile ei au mers mai rău decât pe versiunea anterioară. Reia sau revino în inel din fila Lansare.
desk-done-rollout-held = Inelul { $ring } oprit (versiunea { $version }).
desk-done-rollout-resumed = Inelul { $ring } reluat: versiunea { $version } este din nou în probă.
desk-done-rollout-rolled-back = Inelul { $ring } readus la versiunea { $version }.
desk-rollout-note = O versiune merge întâi la canary, apoi la grupurile numite, early și general, fiecare după proba ei, dacă niciun indicator nu este cu peste { $margin } % mai rău decât pe versiunea anterioară (un indicator contează de la { $events } evenimente).
desk-rollout-none = Nicio versiune publicată încă.
desk-rollout-latest = Cea mai nouă versiune: { $version }
desk-rollout-col-ring = Inel
desk-rollout-col-state = Stare
desk-rollout-col-release = Versiune
desk-rollout-col-previous = Anterioară
desk-rollout-col-stations = Stații pe versiune
desk-rollout-col-decision = Ultima decizie
desk-rollout-col-metric = Sănătate
desk-rollout-col-new = Versiunea nouă
desk-rollout-col-old = Versiunea anterioară
desk-rollout-state-waiting = în așteptare
desk-rollout-state-soaking = în probă
desk-rollout-state-done = trecută mai departe
desk-rollout-state-held = oprită
desk-rollout-state-rolled-back = readusă înapoi
desk-rollout-decision-published = { $version } publicată de { $by }
desk-rollout-decision-promoted = { $version } promovată: nu mai rea decât versiunea anterioară
desk-rollout-decision-passed-through = { $version } trecută mai departe: nicio stație în acest inel
desk-rollout-decision-held = { $version } oprită automat: mai rea decât versiunea anterioară
desk-rollout-decision-held-by-hand = { $version } oprită de { $by }
desk-rollout-decision-resumed = { $version } reluată de { $by }
desk-rollout-decision-rolled-back = Readus la { $version } de { $by }
desk-rollout-soak = { $hours } din { $needed } ore-stație pe { $version }
desk-rollout-metric-crash-restarts-per-station-hour = reporniri după cădere pe oră-stație
desk-rollout-metric-refused-writes-per-order = scrieri refuzate pe comandă
desk-rollout-metric-exceptions-per-order = excepții pe comandă
desk-rollout-metric-reprints-per-order = reimprimări de etichete pe comandă
desk-rollout-metric-scan-refusals-per-unit = scanări refuzate pe bucată
desk-rollout-worse = mai rău
desk-rollout-hold = Oprește
desk-rollout-resume = Reia
desk-rollout-roll-back = Revino
desk-rollout-reason = Motiv
desk-rollout-reason-default = Verificat la birou
