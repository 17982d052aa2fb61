# Packbench lietuviškai. Tie patys identifikatoriai ir kintamieji kaip en.ftl.
# Daugiskaita (CLDR): one = 1, 21, 31…; few = 2–9, 22–29…; other = 10–20, 30…; many = trupmenos.

## Pakuotojo žingsnis

scan-badge = Nuskaitykite savo kortelę
scan-trolley = Nuskaitykite vežimėlį
trolley-held-elsewhere = { $trolley } pakuojamas stotyje { $holder }: nuskaitykite kitą vežimėlį
claiming-trolley = Vežimėlis užimamas…
scan-slot = Nuskaitykite vietą
scan-slot-next = Nuskaitykite vietą (kita: { $slot })
scan-items = Nuskaitykite užsakymo { $order } prekes
scan-capture = Nuskaitykite šio vieneto { $fields }
capture-lot = partiją
capture-expiry = galiojimo datą
capture-serial = serijos numerį
capture-and = ir
box-it = Pakuokite: nuskaitykite { $box }
scan-box = Nuskaitykite naudojamą pakuotę
put-on-scale = Padėkite siuntą ant svarstyklių
weight-mismatch = Svoris nesutampa: patikrinkite siuntą ir pasverkite dar kartą
printing-label = Spausdinama etiketė…
trolley-done = Vežimėlis baigtas: atlaisvinamas
slots-progress = { $done } / { $total ->
    [one] { $total } vieta
    [few] { $total } vietos
    [many] { $total } vietos
   *[other] { $total } vietų
}
units-in-exception = { $count ->
    [one] { $count } vienetas išimtyse
    [few] { $count } vienetai išimtyse
    [many] { $count } vieneto išimtyse
   *[other] { $count } vienetų išimtyse
}
labels-pending = { $count ->
    [one] { $count } etiketė dar neišspausdinta: bus išspausdinta, kai grįš sandėlio sistema; jei etikečių spausdintuvas rodo gedimą, pašalinkite jį, tada nuskaitykite PB-REPRINT
    [few] { $count } etiketės dar neišspausdintos: bus išspausdintos, kai grįš sandėlio sistema; jei etikečių spausdintuvas rodo gedimą, pašalinkite jį, tada nuskaitykite PB-REPRINT
    [many] { $count } etiketės dar neišspausdinta: bus išspausdinta, kai grįš sandėlio sistema; jei etikečių spausdintuvas rodo gedimą, pašalinkite jį, tada nuskaitykite PB-REPRINT
   *[other] { $count } etikečių dar neišspausdinta: bus išspausdintos, kai grįš sandėlio sistema; jei etikečių spausdintuvas rodo gedimą, pašalinkite jį, tada nuskaitykite PB-REPRINT
}
suggested = Siūloma:
expected-weight = Tikimasi { $grams } g
trolley-summary = { $slots ->
    [one] { $slots } vieta
    [few] { $slots } vietos
    [many] { $slots } vietos
   *[other] { $slots } vietų
} · { $units ->
    [one] { $units } vienetas
    [few] { $units } vienetai
    [many] { $units } vieneto
   *[other] { $units } vienetų
}

## Mygtukai ir veiksmų lapas

take-slot = Imti vietą { $slot }
take-next-slot = Imti kitą vietą
sign-out = Atsijungti
close-parcel = Uždaryti siuntą
cancel-unit = Atšaukti vienetą
leave-slot = Palikti vietą
order-to-exception = Užsakymą į išimtis
use-box = Naudoti { $box }
back-to-items = Atgal prie prekių
weigh-again = Pasverti dar kartą
report-short = Trūksta
report-damaged = Pažeista
report-short-one = Trūksta: 1 vienetas
report-damaged-one = Pažeistas: 1 vienetas
reprint-label = Spausdinti etiketę iš naujo
close-app = Uždaryti programą (vadovas)
ask-supervisor = Paprašyti vadovo prie stalo
asked-supervisor = Prašymas išsiųstas vadovui: palaukite arba pasverkite dar kartą
action-sheet-title = Packbench: nuskaitykite kodą, užuot lietę ekraną
supervisor-override = Vadove: pasirinkite priežastį, tada nuskaitykite savo kortelę
override-reason-extra-packing = Papildoma pakavimo medžiaga
override-reason-catalogue-weight = Kataloge neteisingas prekės svoris
override-reason-checked = Patikrino vadovas: turinys teisingas
box-reason-prompt = Kodėl { $box }, o ne siūloma pakuotė?
box-reason-out-of-stock = Siūlomos pakuotės nėra sandėlyje
box-reason-protection = Prekėms reikia geresnės apsaugos
box-reason-does-not-fit = Prekės netelpa į siūlomą pakuotę

## Atsisakymų antraštės

refused-generic = Nepriimta
refused-invalid-scan = Nepriimta
refused-trolley-unknown = Nežinomas vežimėlis
refused-trolley-claimed-elsewhere = Vežimėlį užėmė kita stotis
refused-backend-unreachable = Nėra ryšio su sandėlio sistema
refused-backend-rejected = Sandėlio sistema atsisakė
refused-storage-failed = Neišsaugota: kvieskite IT
refused-device-failed = Įrenginio problema
refused-wrong-item = Ne ta prekė
refused-over-scan = Per daug šios prekės vienetų
refused-gs1-invalid = Netinkamas GS1 kodas
refused-item-of-other-order = Kito užsakymo prekė
refused-expected-trolley = Nuskaitykite vežimėlį
refused-expected-slot = Nuskaitykite vietą
refused-trolley-in-progress = Pirma baikite šį vežimėlį
refused-serial-duplicate = Šis serijos numeris jau nuskaitytas
refused-packaging-reason-required = Nurodykite kitos pakuotės priežastį

## Stoties juosta

status-queued = Eilėje: { $count }
status-queued-oldest = Eilėje: { $count } (seniausias { $age })
status-needs-supervisor = reikia vadovo: { $count }
age-seconds = { $n } s
age-minutes = { $n } min
age-hours = { $n } val.
status-online = Prisijungta
status-offline = NĖRA RYŠIO: darbas laukia eilėje
status-connecting = Jungiamasi…
status-training-backend = Mokymo sistema
device-kind-label-printer = Etikečių spausdintuvas
device-kind-document-printer = Dokumentų spausdintuvas
device-kind-scale = Svarstyklės
device-kind-scanner = Skaitytuvas
device-ready = { $device }: parengta
device-not-ready = { $device }: neparengta

## Įrenginių gedimai

fault-paper-out = Etikečių spausdintuvas: baigėsi etiketės — įdėkite naują ritinį, tada nuskaitykite PB-REPRINT
fault-ribbon-out = Etikečių spausdintuvas: baigėsi juostelė — įdėkite naują juostelę, uždarykite galvutę, tada nuskaitykite PB-REPRINT
fault-head-open = Etikečių spausdintuvas: galvutė atidaryta — uždarykite ją, kol spragtels, tada nuskaitykite PB-REPRINT
fault-paused = Etikečių spausdintuvas: pristabdytas — paspauskite PAUSE ant spausdintuvo, tada nuskaitykite PB-REPRINT
fault-cutter-fault = Etikečių spausdintuvas: pjoviklio gedimas — išimkite etiketes iš pjoviklio, tada nuskaitykite PB-REPRINT
fault-head-too-hot = Etikečių spausdintuvas: galvutė perkaito — palaukite kelias minutes, tada nuskaitykite PB-REPRINT
fault-motor-too-hot = Etikečių spausdintuvas: variklis perkaito — palaukite kelias minutes, tada nuskaitykite PB-REPRINT
fault-media-jam = Etikečių spausdintuvas: etiketės užstrigo — atidarykite galvutę, pašalinkite strigtį, tada nuskaitykite PB-REPRINT
fault-bad-printhead-element = Etikečių spausdintuvas: spausdinimo galvutės gedimas — kvieskite IT
fault-printhead-not-detected = Etikečių spausdintuvas: spausdinimo galvutė neaptikta — kvieskite IT
fault-hardware-fault = Etikečių spausdintuvas: aparatinės įrangos gedimas — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-corrupt-memory = Etikečių spausdintuvas: atminties klaida — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-offline = Etikečių spausdintuvas: neprisijungęs — patikrinkite maitinimą ir kabelį
fault-not-answering = Etikečių spausdintuvas: neatsako — patikrinkite spausdintuvo ekraną
fault-unreachable = Etikečių spausdintuvas: nepasiekiamas — patikrinkite maitinimą ir kabelį
fault-scale-disconnected = Svarstyklės: atjungtos — patikrinkite kabelį; prisijungs pačios
fault-scale-port-unavailable = Svarstyklės: neprijungtos — patikrinkite kabelį ir maitinimą
fault-scale-no-answer = Svarstyklės: neatsako — patikrinkite, ar įjungtos ir prijungtos
fault-scale-overload = Svarstyklės: perkrautos — nuimkite siuntą
fault-scale-underload = Svarstyklės: žemiau nulio — atlaisvinkite lėkštę ir nunulinkite svarstykles
fault-scale-not-settled = Svarstyklės: svoris nestabilus — nelieskite siuntos ir pasverkite dar kartą
fault-scale-needs-zero = Svarstyklės: reikia nunulinti — atlaisvinkite lėkštę ir paspauskite ZERO
fault-scale-busy = Svarstyklės: užimtos — palaukite akimirką ir pasverkite dar kartą
fault-scale-ram-error = Svarstyklės: atminties klaida — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-scale-eeprom-error = Svarstyklės: atminties klaida — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-scale-rom-error = Svarstyklės: atminties klaida — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-scale-calibration-error = Svarstyklės: sugedęs kalibravimas — ant jų nesverkite; kvieskite IT
fault-scale-initial-zero-error = Svarstyklės: nėra nulio paleidžiant — atlaisvinkite lėkštę, išjunkite ir įjunkite
fault-scale-fault = Svarstyklės: praneša apie gedimą — išjunkite ir įjunkite; jei neišnyksta, kvieskite IT
fault-scale-transmission-error = Svarstyklės: ryšio klaida — kvieskite IT
fault-scale-unreadable = Svarstyklės: ryšio klaida — kvieskite IT
fault-scale-not-understood = Svarstyklės: ryšio klaida — kvieskite IT
fault-scale-cannot-execute = Svarstyklės: komandos neįvykdė — atlaisvinkite lėkštę ir bandykite dar kartą

## Kodėl ši pakuotė; svarstyklių verdiktas

explain-one-parcel = { $box }: užpildyta { $fill } %, { $kg } kg
explain-parcels = { $count ->
    [one] { $count } siunta: { $list }
    [few] { $count } siuntos: { $list }
    [many] { $count } siuntos: { $list }
   *[other] { $count } siuntų: { $list }
}
explain-parcel-units = { $box } ({ $units } vnt.)
explain-not-box = Ne { $box }: { $why }
explain-more-ruled-out = { $count ->
    [one] atmesta dar { $count } pakuotė
    [few] atmestos dar { $count } pakuotės
    [many] atmesta dar { $count } pakuotės
   *[other] atmesta dar { $count } pakuočių
}
explain-unpacked = Jokia pakuotė netalpina { $list }: siųskite atskirai
rejection-not-stocked = nėra sandėlyje
rejection-reserved = rezervuota { $clients }
rejection-forbidden = neleidžiama { $client }
rejection-fragile-soft = { $sku } dūžtantis, reikia dėžės
rejection-liquid-soft = { $sku } yra skystis, reikia dėžės
rejection-too-small = { $sku } reikia { $item } mm, o { $side } yra { $inner } mm
box-side-length = ilgis
box-side-width = plotis
box-side-height = aukštis
rejection-too-heavy = { $kg } kg viršija { $max } kg ribą
rejection-volume = prekės užima { $litres } l, telpa { $capacity } l
rejection-no-fit = prekės kartu į ją netelpa
packaging-box = Dėžė
packaging-mailer = Vokas
packaging-polybag = Polietileno maišelis
weight-ok = išmatuota { $measured } g, tikėtasi { $expected } g: leistinos { $allowance } g ribose
weight-light = išmatuota { $measured } g, tikėtasi { $expected } g: { $deviation } g per lengva (leidžiama { $allowance } g)
weight-heavy = išmatuota { $measured } g, tikėtasi { $expected } g: { $deviation } g per sunki (leidžiama { $allowance } g)

## Mokymo režimas ir mokymo rinkinys

training-title = Mokymo režimas
training-intro = Nuskaitykite kodą žemiau skaitytuvu arba palieskite jį.
training-hide = Slėpti patarimus (tik skaitytuvas)
training-show = Rodyti patarimus
role-packer = pakuotojas
role-supervisor = vadovas
training-units-left = liko { $count }
training-suggested-box = Siūloma pakuotė
training-sheet-title = Packbench: mokymo rinkinys
training-sheet-sign-in = 1. Prisijunkite: nuskaitykite vieną kortelę
training-sheet-trolley = 2. Užimkite vežimėlį
training-sheet-slot = Vieta { $slot }
training-sheet-boxes = Pakuotės
training-sheet-actions = Veiksmai

## Pakavimo lapas (užsakymo kalba, kai sistema ją nurodo)

slip-title = PAKAVIMO LAPAS
slip-order = Užsakymas { $order }
slip-date = Data { $date }
slip-parcel-of = Siunta { $index } iš { $count }
slip-ship-to = Gavėjas
slip-gift-message = Dovanos žinutė
slip-continued = Pakavimo lapas, užsakymas { $order } (tęsinys)
slip-column-sku = Kodas
slip-column-item = Prekė
slip-column-ordered = Užsakyta
slip-column-shipped = Išsiųsta
slip-column-note = Pastaba
slip-column-unit-price = Vnt. kaina
slip-short = TRŪKSTA { $count }
slip-totals = { $lines ->
    [one] { $lines } eilutė
    [few] { $lines } eilutės
    [many] { $lines } eilutės
   *[other] { $lines } eilučių
}, užsakyta { $ordered } vnt., išsiųsta { $shipped }
slip-short-lines = { $count ->
    [one] { $count } nepilna eilutė
    [few] { $count } nepilnos eilutės
    [many] { $count } nepilnos eilutės
   *[other] { $count } nepilnų eilučių
}: likusios prekės bus išsiųstos atskirai
slip-returns = Grąžinimas
slip-returns-note = Grąžinimas: per 30 dienų, su šiuo lapu siuntoje.
slip-footer = { $client } · užsakymas { $order }
slip-page-of = Puslapis { $page } iš { $count }

# Pamainos vadovo pultas, prisijungusio vadovo kalba.
desk-title = Packbench · Vadovo pultas
desk-sign-out = Atsijungti
desk-tab-stations = Stotys
desk-tab-productivity = Našumas
desk-tab-records = Išimtys ir nukrypimai
desk-tab-actions = Veiksmai
desk-age-seconds = { $n } s
desk-age-minutes = { $n } min.
desk-age-hours = { $n } val.
desk-all-clear = Perspėjimų nėra: visos stotys prisijungusios ir parengtos.
desk-alert-note = Perspėjimai: stotis nepasiekiama (signalo nėra 60 s), eilė senesnė nei { $age }, etikečių spausdintuve baigėsi etiketės, įrenginys neparengtas.
desk-alert-note-webhook = Nauji perspėjimai siunčiami į webhook.
desk-alert-station-offline = { $station } nepasiekiama: signalo nėra jau { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minutes
    [many] { $minutes } minutės
   *[other] { $minutes } minučių
}. Patikrinkite kompiuterį ir jo tinklą.
desk-alert-outbox-backlog = { $station }: įrašai į sistemą laukia jau { $minutes ->
    [one] { $minutes } minutę
    [few] { $minutes } minutes
    [many] { $minutes } minutės
   *[other] { $minutes } minučių
}. Patikrinkite stoties ryšį su sistema.
desk-alert-outbox-refused = { $station }: sistema galutinai atmetė { $count ->
    [one] { $count } įrašą
    [few] { $count } įrašus
    [many] { $count } įrašo
   *[other] { $count } įrašų
}. Peržiūrėkite stoties žurnalą ir susijusius užsakymus.
desk-alert-printer-out-of-labels = { $station }: etikečių spausdintuve { $printer } baigėsi etiketės. Įdėkite naują ritinį.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Patikrinkite įrenginį.
desk-device-ready = parengtas
desk-device-not-ready = neparengtas
desk-col-station = Stotis
desk-col-packer = Pakuotojas
desk-col-trolley = Vežimėlis
desk-col-step = Etapas
desk-col-orders-per-hour = Užsak./val.
desk-col-units-per-hour = Vnt./val.
desk-col-shift = Pamaina: užsak. / vnt.
desk-col-devices = Įrenginiai
desk-col-queued = Eilėje
desk-col-version = Versija
desk-col-last-seen = Paskutinis signalas
desk-col-orders = Užsakymai
desk-col-units = Vienetai
desk-col-std-min = Norm. min.
desk-col-active = Aktyvūs
desk-col-performance = Našumas
desk-col-recorded = Įrašyta (vietos laikas)
desk-col-kind = Rūšis
desk-col-order = Užsakymas
desk-col-reason = Priežastis
desk-col-detail = Išsami informacija
desk-trolley-slot = { $trolley } · lizdas { $slot }
desk-queued-oldest = { $count } (seniausias { $age })
desk-queued-refused = atmesta { $count }
desk-seen-ago = prieš { $age }
desk-seen-stale = NĖRA SIGNALO · prieš { $age }
desk-step-sign-in = prisijungimas
desk-step-scan-trolley = laukia vežimėlio
desk-step-claiming-trolley = ima vežimėlį
desk-step-scan-slot = ima lizdą
desk-step-verify-units = pakuoja vienetus
desk-step-choose-packaging = renkasi dėžę
desk-step-weigh = svėrimas
desk-step-awaiting-label = laukia etiketės
desk-step-releasing-trolley = atlaisvina vežimėlį
desk-period-shift = Ši pamaina (kas valandą)
desk-period-previous-shift = Ankstesnė pamaina
desk-period-week = Savaitė (7 dienos, kas dieną)
desk-formula = Darbo apimtis užsakymui, normatyvinėmis minutėmis: { $base } + { $unit }·vienetai + { $line }·eilutės + { $parcel }·(siuntos − 1) + { $exception }·išimtys. Našumas = normatyvinės minutės per aktyvią minutę (100 % = normatyvinis tempas); aktyvios = valandos (ar dienos) su bent vienu užsakymu.
desk-covers-shift = Pamaina { $name } ({ $hours })
desk-covers-week = Paskutinės 7 dienos
desk-site-time = { $covers } · laikas zonoje { $zone }
desk-chart-packers-performance = Pakuotojai: našumas (% normos)
desk-chart-stations-performance = Stotys: našumas (% normos)
desk-chart-packers-work-hour = Pakuotojai: normatyvinės minutės per valandą
desk-chart-packers-work-day = Pakuotojai: normatyvinės minutės per dieną
desk-chart-stations-work-hour = Stotys: normatyvinės minutės per valandą
desk-chart-stations-work-day = Stotys: normatyvinės minutės per dieną
desk-chart-empty = Per šį laikotarpį nieko nesupakuota.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } užsakymas
    [few] { $orders } užsakymai
    [many] { $orders } užsakymo
   *[other] { $orders } užsakymų
} · { $units ->
    [one] { $units } vienetas
    [few] { $units } vienetai
    [many] { $units } vieneto
   *[other] { $units } vienetų
}
desk-records-count = { $shown } iš { $total ->
    [one] { $total } eilutės
    [few] { $total } eilučių
    [many] { $total } eilutės
   *[other] { $total } eilučių
}
desk-kind-line-exception = eilutės išimtis
desk-kind-order-exception = užsakymo išimtis
desk-kind-packaging-override = pakuotės pakeitimas
desk-kind-weight-override = svorio patvirtinimas
desk-filter-all = Visi
desk-filter-line-exceptions = Eilučių išimtys
desk-filter-order-exceptions = Užsakymų išimtys
desk-filter-packaging-overrides = Pakuotės pakeitimai
desk-filter-weight-overrides = Svorio patvirtinimai
desk-filter-reason = Priežastyje yra
desk-filter-since = Nuo
desk-since-any = Bet kada
desk-since-hour = Paskutinė valanda
desk-since-12h = Paskutinės 12 val.
desk-since-24h = Paskutinės 24 val.
desk-since-week = Paskutinės 7 dienos
desk-filter-apply = Filtruoti
desk-export-path = CSV failas (nebūtina, visas kelias)
desk-export-path-default = numatytasis: duomenų aplanko exports/
desk-export = Eksportuoti CSV
desk-export-done = Įrašyta { $rows ->
    [one] { $rows } eilutė
    [few] { $rows } eilutės
    [many] { $rows } eilutės
   *[other] { $rows } eilučių
} į { $path }
desk-weight-requests-title = Stočių prašymai patvirtinti svorį
desk-decision-reason = Priežastis (saugoma su sprendimu)
desk-decision-reason-default = turinį patikrino vadovas
desk-weight-request = { $station } · { $packer } · { $order } siunta { $parcel }: tikėtasi { $expected } g, pasverta { $measured } g ({ $diff } g) · paprašyta prieš { $age }
desk-approve = Patvirtinti
desk-decline = Atmesti
desk-no-weight-requests = Jokia stotis nelaukia svorio patvirtinimo.
desk-release-title = Atlaisvinti užstrigusį vežimėlį
desk-release-reason-example = stotis ST-03 sugedo
desk-release = Atlaisvinti vežimėlį
desk-reprint-title = Čia iš naujo atspausdinti užsakymo etiketes
desk-reprint = Spausdinti iš naujo
desk-void-title = Anuliuoti užsakymo etiketę
desk-void = Anuliuoti etiketę
desk-done-released = { $trolley } atlaisvintas: dabar jį gali paimti kita stotis.
desk-done-voided = Užsakymo { $order } siunta { $shipment } anuliuota ({ $tracking }): jos etikečių naudoti negalima; užsakymą galima išsiųsti iš naujo.
desk-done-reprinted = Į { $printer } išsiųsta { $labels ->
    [one] { $labels } užsakymo { $order } etiketė
    [few] { $labels } užsakymo { $order } etiketės
    [many] { $labels } užsakymo { $order } etiketės
   *[other] { $labels } užsakymo { $order } etikečių
}.
desk-done-approved = { $request } patvirtintas: { $order } siunta { $parcel } stotyje { $station }.
desk-done-declined = { $request } atmestas: { $order } siunta { $parcel } stotyje { $station }.
desk-fault-paper-out = baigėsi etiketės
desk-fault-ribbon-out = baigėsi juostelė
desk-fault-head-open = atidaryta galvutė
desk-fault-paused = pristabdytas
desk-fault-cutter-fault = peiliuko gedimas
desk-fault-head-too-hot = perkaito galvutė
desk-fault-motor-too-hot = perkaito variklis
desk-fault-media-jam = įstrigo etiketės
desk-fault-bad-printhead-element = sugedęs galvutės elementas
desk-fault-printhead-not-detected = galvutė neaptikta
desk-fault-hardware-fault = aparatinės įrangos gedimas
desk-fault-corrupt-memory = atminties klaida
desk-fault-offline = neprisijungęs
desk-fault-not-answering = prijungtas, bet neatsako (žr. jo ekraną)
desk-fault-unreachable = nepasiekiamas (maitinimas ar kabelis)
desk-fault-scale-disconnected = atjungtos
desk-fault-scale-port-unavailable = neprijungtos
desk-fault-scale-no-answer = neatsako
desk-fault-scale-overload = perkrautos
desk-fault-scale-underload = žemiau nulio
desk-fault-scale-not-settled = svoris nestabilus
desk-fault-scale-needs-zero = reikia nunulinti
desk-fault-scale-busy = užimtos
desk-fault-scale-ram-error = RAM klaida
desk-fault-scale-eeprom-error = EEPROM klaida
desk-fault-scale-rom-error = ROM klaida
desk-fault-scale-calibration-error = kalibravimas netinkamas
desk-fault-scale-initial-zero-error = nėra nulio paleidžiant
desk-fault-scale-fault = praneša apie gedimą
desk-fault-scale-transmission-error = ryšio klaida (nustatymai)
desk-fault-scale-unreadable = ryšio klaida (nustatymai)
desk-fault-scale-not-understood = ryšio klaida (nustatymai)
desk-fault-scale-cannot-execute = negali įvykdyti komandos

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Diegimas
desk-alert-release-held = Leidimas { $version } sustabdytas žiede { $ring }: jo stotys veikė prasčiau nei su ankstesniu leidimu. Atnaujinkite arba grąžinkite žiedą skirtuke Diegimas.
desk-done-rollout-held = Žiedas { $ring } sustabdytas (leidimas { $version }).
desk-done-rollout-resumed = Žiedas { $ring } atnaujintas: leidimas { $version } vėl bandomas.
desk-done-rollout-rolled-back = Žiedas { $ring } grąžintas į leidimą { $version }.
desk-rollout-note = Leidimas pirmiausia patenka į canary, tada į pavadintas grupes, early ir general, kaskart po bandymo, jei joks rodiklis nėra daugiau nei { $margin } % prastesnis nei ankstesnio leidimo (rodiklis skaičiuojamas nuo { $events } įvykių).
desk-rollout-none = Dar nepaskelbtas joks leidimas.
desk-rollout-latest = Naujausias leidimas: { $version }
desk-rollout-col-ring = Žiedas
desk-rollout-col-state = Būsena
desk-rollout-col-release = Leidimas
desk-rollout-col-previous = Ankstesnis
desk-rollout-col-stations = Stotys pagal versiją
desk-rollout-col-decision = Paskutinis sprendimas
desk-rollout-col-metric = Būklė
desk-rollout-col-new = Naujas leidimas
desk-rollout-col-old = Ankstesnis leidimas
desk-rollout-state-waiting = laukia
desk-rollout-state-soaking = bandomas
desk-rollout-state-done = perduotas toliau
desk-rollout-state-held = sustabdytas
desk-rollout-state-rolled-back = grąžintas
desk-rollout-decision-published = { $version } paskelbė { $by }
desk-rollout-decision-promoted = { $version } perduotas toliau: ne prastesnis už ankstesnį leidimą
desk-rollout-decision-passed-through = { $version } perduotas toliau: šiame žiede nėra stočių
desk-rollout-decision-held = { $version } sustabdytas automatiškai: prastesnis už ankstesnį leidimą
desk-rollout-decision-held-by-hand = { $version } sustabdė { $by }
desk-rollout-decision-resumed = { $version } atnaujino { $by }
desk-rollout-decision-rolled-back = Grąžinta į { $version } ({ $by })
desk-rollout-soak = { $hours } iš { $needed } stoties valandų su { $version }
desk-rollout-metric-crash-restarts-per-station-hour = paleidimai po gedimo per stoties valandą
desk-rollout-metric-refused-writes-per-order = atmesti įrašai užsakymui
desk-rollout-metric-exceptions-per-order = išimtys užsakymui
desk-rollout-metric-reprints-per-order = pakartotiniai etikečių spaudiniai užsakymui
desk-rollout-metric-scan-refusals-per-unit = atmesti skenavimai vienetui
desk-rollout-worse = prasčiau
desk-rollout-hold = Sustabdyti
desk-rollout-resume = Atnaujinti
desk-rollout-roll-back = Grąžinti
desk-rollout-reason = Priežastis
desk-rollout-reason-default = Patikrinta prie stalo
