# Packbench po polsku. Identyfikatory i zmienne jak w en.ftl.

## Krok pakowacza

scan-badge = Zeskanuj swój identyfikator
scan-trolley = Zeskanuj wózek
trolley-held-elsewhere = { $trolley } jest pakowany na stanowisku { $holder }: zeskanuj inny wózek
claiming-trolley = Pobieranie wózka…
scan-slot = Zeskanuj półkę
scan-slot-next = Zeskanuj półkę (następna: { $slot })
scan-items = Skanuj produkty zamówienia { $order }
scan-capture = Zeskanuj { $fields } tej sztuki
capture-lot = partię
capture-expiry = datę ważności
capture-serial = numer seryjny
capture-and = i
box-it = Zapakuj: zeskanuj { $box }
scan-box = Zeskanuj użyte opakowanie
put-on-scale = Połóż paczkę na wadze
weight-mismatch = Waga się nie zgadza: sprawdź paczkę i zważ ponownie
printing-label = Drukowanie etykiety…
trolley-done = Wózek gotowy: zwalnianie
slots-progress = { $done } / { $total ->
    [one] { $total } półka
    [few] { $total } półki
    [many] { $total } półek
   *[other] { $total } półki
}
units-in-exception = { $count ->
    [one] { $count } sztuka w wyjątkach
    [few] { $count } sztuki w wyjątkach
    [many] { $count } sztuk w wyjątkach
   *[other] { $count } sztuki w wyjątkach
}
labels-pending = { $count ->
    [one] { $count } etykieta niewydrukowana: wydrukuje się po powrocie systemu magazynowego; jeśli drukarka etykiet zgłasza usterkę, usuń ją, potem zeskanuj PB-REPRINT
    [few] { $count } etykiety niewydrukowane: wydrukują się po powrocie systemu magazynowego; jeśli drukarka etykiet zgłasza usterkę, usuń ją, potem zeskanuj PB-REPRINT
    [many] { $count } etykiet niewydrukowanych: wydrukują się po powrocie systemu magazynowego; jeśli drukarka etykiet zgłasza usterkę, usuń ją, potem zeskanuj PB-REPRINT
   *[other] { $count } etykiety niewydrukowane: wydrukują się po powrocie systemu magazynowego; jeśli drukarka etykiet zgłasza usterkę, usuń ją, potem zeskanuj PB-REPRINT
}
suggested = Sugerowane:
expected-weight = Oczekiwane { $grams } g
trolley-summary = { $slots ->
    [one] { $slots } półka
    [few] { $slots } półki
    [many] { $slots } półek
   *[other] { $slots } półki
} · { $units ->
    [one] { $units } sztuka
    [few] { $units } sztuki
    [many] { $units } sztuk
   *[other] { $units } sztuki
}

## Przyciski i arkusz akcji

take-slot = Weź półkę { $slot }
take-next-slot = Weź następną półkę
sign-out = Wyloguj
close-parcel = Zamknij paczkę
cancel-unit = Anuluj sztukę
leave-slot = Zostaw półkę
order-to-exception = Zamówienie do wyjątków
use-box = Użyj { $box }
back-to-items = Wróć do produktów
weigh-again = Zważ ponownie
report-short = Brak
report-damaged = Uszkodzony
report-short-one = Brak: 1 sztuka
report-damaged-one = Uszkodzona: 1 sztuka
reprint-label = Drukuj etykietę ponownie
close-app = Zamknij aplikację (kierownik)
ask-supervisor = Poproś kierownika przy biurku
asked-supervisor = Wysłano prośbę do kierownika: czekaj albo zważ ponownie
action-sheet-title = Packbench: zeskanuj kod zamiast dotykać ekranu
supervisor-override = Kierownik: wybierz powód i zeskanuj swój identyfikator
override-reason-extra-packing = Dodatkowy materiał wypełniający
override-reason-catalogue-weight = Błędna waga produktu w katalogu
override-reason-checked = Sprawdzone przez kierownika: zawartość poprawna
box-reason-prompt = Dlaczego { $box }, a nie sugerowane opakowanie?
box-reason-out-of-stock = Brak sugerowanego opakowania
box-reason-protection = Produkty wymagają lepszej ochrony
box-reason-does-not-fit = Produkty nie mieszczą się w sugerowanym opakowaniu

## Nagłówki odmów

refused-generic = Nie przyjęto
refused-invalid-scan = Nie przyjęto
refused-trolley-unknown = Nieznany wózek
refused-trolley-claimed-elsewhere = Wózek zajęty przez inne stanowisko
refused-backend-unreachable = Brak połączenia z systemem magazynowym
refused-backend-rejected = System magazynowy odmówił
refused-storage-failed = Nie zapisano: wezwij IT
refused-device-failed = Problem z urządzeniem
refused-wrong-item = Zły produkt
refused-over-scan = Za dużo sztuk tego produktu
refused-gs1-invalid = Nieprawidłowy kod GS1
refused-item-of-other-order = Produkt z innego zamówienia
refused-expected-trolley = Zeskanuj wózek
refused-expected-slot = Zeskanuj półkę
refused-trolley-in-progress = Najpierw skończ ten wózek
refused-serial-duplicate = Ten numer seryjny już zeskanowano
refused-packaging-reason-required = Podaj powód innego opakowania

## Pasek stanowiska

status-queued = W kolejce: { $count }
status-queued-oldest = W kolejce: { $count } (najstarsze { $age })
status-needs-supervisor = wymaga kierownika: { $count }
age-seconds = { $n } s
age-minutes = { $n } min
age-hours = { $n } godz.
status-online = Połączono
status-offline = BRAK POŁĄCZENIA: praca czeka w kolejce
status-connecting = Łączenie…
status-training-backend = System szkoleniowy
device-kind-label-printer = Drukarka etykiet
device-kind-document-printer = Drukarka dokumentów
device-kind-scale = Waga
device-kind-scanner = Skaner
device-ready = { $device }: gotowa
device-not-ready = { $device }: niegotowa

## Usterki urządzeń

fault-paper-out = Drukarka etykiet: brak etykiet — załóż nową rolkę, potem zeskanuj PB-REPRINT
fault-ribbon-out = Drukarka etykiet: brak taśmy — załóż nową taśmę, zamknij głowicę, potem zeskanuj PB-REPRINT
fault-head-open = Drukarka etykiet: otwarta głowica — zamknij ją do kliknięcia, potem zeskanuj PB-REPRINT
fault-paused = Drukarka etykiet: wstrzymana — naciśnij PAUSE na drukarce, potem zeskanuj PB-REPRINT
fault-cutter-fault = Drukarka etykiet: błąd obcinacza — usuń etykiety z obcinacza, potem zeskanuj PB-REPRINT
fault-head-too-hot = Drukarka etykiet: przegrzana głowica — odczekaj kilka minut, potem zeskanuj PB-REPRINT
fault-motor-too-hot = Drukarka etykiet: przegrzany silnik — odczekaj kilka minut, potem zeskanuj PB-REPRINT
fault-media-jam = Drukarka etykiet: zacięte etykiety — otwórz głowicę, usuń zacięcie, potem zeskanuj PB-REPRINT
fault-bad-printhead-element = Drukarka etykiet: usterka głowicy — wezwij IT
fault-printhead-not-detected = Drukarka etykiet: nie wykryto głowicy — wezwij IT
fault-hardware-fault = Drukarka etykiet: usterka sprzętu — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-corrupt-memory = Drukarka etykiet: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-offline = Drukarka etykiet: offline — sprawdź zasilanie i kabel
fault-not-answering = Drukarka etykiet: nie odpowiada — sprawdź komunikat na jej wyświetlaczu
fault-unreachable = Drukarka etykiet: brak połączenia — sprawdź zasilanie i kabel
fault-scale-disconnected = Waga: odłączona — sprawdź kabel; połączy się sama
fault-scale-port-unavailable = Waga: niepodłączona — sprawdź kabel i zasilanie
fault-scale-no-answer = Waga: nie odpowiada — sprawdź, czy jest włączona i podłączona
fault-scale-overload = Waga: przeciążona — zdejmij paczkę
fault-scale-underload = Waga: poniżej zera — opróżnij szalkę i wyzeruj wagę
fault-scale-not-settled = Waga: waga niestabilna — nie dotykaj paczki i zważ ponownie
fault-scale-needs-zero = Waga: wymaga zerowania — opróżnij szalkę i naciśnij ZERO
fault-scale-busy = Waga: zajęta — poczekaj chwilę i zważ ponownie
fault-scale-ram-error = Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-scale-eeprom-error = Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-scale-rom-error = Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-scale-calibration-error = Waga: błędna kalibracja — nie waż na niej; wezwij IT
fault-scale-initial-zero-error = Waga: brak zera przy włączeniu — opróżnij szalkę, wyłącz ją i włącz
fault-scale-fault = Waga: zgłasza usterkę — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT
fault-scale-transmission-error = Waga: błąd komunikacji — wezwij IT
fault-scale-unreadable = Waga: błąd komunikacji — wezwij IT
fault-scale-not-understood = Waga: błąd komunikacji — wezwij IT
fault-scale-cannot-execute = Waga: nie wykonała polecenia — opróżnij szalkę i spróbuj ponownie

## Dlaczego to opakowanie; wynik ważenia

explain-one-parcel = { $box }: wypełnienie { $fill }%, { $kg } kg
explain-parcels = { $count ->
    [one] { $count } paczka: { $list }
    [few] { $count } paczki: { $list }
    [many] { $count } paczek: { $list }
   *[other] { $count } paczki: { $list }
}
explain-parcel-units = { $box } ({ $units } szt.)
explain-not-box = Nie { $box }: { $why }
explain-more-ruled-out = { $count ->
    [one] odrzucono jeszcze { $count } opakowanie
    [few] odrzucono jeszcze { $count } opakowania
    [many] odrzucono jeszcze { $count } opakowań
   *[other] odrzucono jeszcze { $count } opakowania
}
explain-unpacked = Żadne opakowanie nie mieści { $list }: wyślij osobno
rejection-not-stocked = brak na stanie
rejection-reserved = zarezerwowane dla { $clients }
rejection-forbidden = niedozwolone dla { $client }
rejection-fragile-soft = { $sku } jest kruchy i wymaga kartonu
rejection-liquid-soft = { $sku } to płyn i wymaga kartonu
rejection-too-small = { $sku } potrzebuje { $item } mm, a { $side } to { $inner } mm
box-side-length = długość
box-side-width = szerokość
box-side-height = wysokość
rejection-too-heavy = { $kg } kg przekracza limit { $max } kg
rejection-volume = produkty zajmują { $litres } l, mieści { $capacity } l
rejection-no-fit = produkty nie mieszczą się w nim razem
packaging-box = Karton
packaging-mailer = Koperta
packaging-polybag = Foliopak
weight-ok = zmierzono { $measured } g, oczekiwano { $expected } g: w granicach { $allowance } g
weight-light = zmierzono { $measured } g, oczekiwano { $expected } g: o { $deviation } g za lekka (dozwolone { $allowance } g)
weight-heavy = zmierzono { $measured } g, oczekiwano { $expected } g: o { $deviation } g za ciężka (dozwolone { $allowance } g)

## Tryb szkoleniowy i pakiet szkoleniowy

training-title = Tryb szkoleniowy
training-intro = Zeskanuj kod poniżej skanerem albo go dotknij.
training-hide = Ukryj podpowiedzi (tylko skaner)
training-show = Pokaż podpowiedzi
role-packer = pakowacz
role-supervisor = kierownik
training-units-left = { $count ->
    [one] została { $count }
    [few] zostały { $count }
    [many] zostało { $count }
   *[other] zostało { $count }
}
training-suggested-box = Proponowane opakowanie
training-sheet-title = Packbench: pakiet szkoleniowy
training-sheet-sign-in = 1. Zaloguj się: zeskanuj jeden identyfikator
training-sheet-trolley = 2. Weź wózek
training-sheet-slot = Półka { $slot }
training-sheet-boxes = Opakowania
training-sheet-actions = Akcje

## Specyfikacja przesyłki (w języku zamówienia, jeśli system go podaje)

slip-title = SPECYFIKACJA PRZESYŁKI
slip-order = Zamówienie { $order }
slip-date = Data { $date }
slip-parcel-of = Paczka { $index } z { $count }
slip-ship-to = Odbiorca
slip-gift-message = Wiadomość do prezentu
slip-continued = Specyfikacja przesyłki, zamówienie { $order } (ciąg dalszy)
slip-column-sku = SKU
slip-column-item = Produkt
slip-column-ordered = Zamówiono
slip-column-shipped = Wysłano
slip-column-note = Uwagi
slip-column-unit-price = Cena jedn.
slip-short = BRAK { $count }
slip-totals = { $lines ->
    [one] { $lines } pozycja
    [few] { $lines } pozycje
    [many] { $lines } pozycji
   *[other] { $lines } pozycji
}, zamówiono { $ordered } szt., wysłano { $shipped } szt.
slip-short-lines = { $count ->
    [one] { $count } pozycja niepełna
    [few] { $count } pozycje niepełne
    [many] { $count } pozycji niepełnych
   *[other] { $count } pozycji niepełnych
}: reszta zostanie wysłana osobno
slip-returns = Zwroty
slip-returns-note = Zwroty: w ciągu 30 dni, z tą specyfikacją w paczce.
slip-footer = { $client } · zamówienie { $order }
slip-page-of = Strona { $page } z { $count }

# Pulpit kierownika zmiany, w języku zalogowanego kierownika.
desk-title = Packbench · Pulpit kierownika
desk-sign-out = Wyloguj
desk-tab-stations = Stanowiska
desk-tab-productivity = Wydajność
desk-tab-records = Wyjątki i odstępstwa
desk-tab-actions = Działania
desk-age-seconds = { $n } s
desk-age-minutes = { $n } min
desk-age-hours = { $n } godz.
desk-all-clear = Brak alertów: wszystkie stanowiska są online i gotowe.
desk-alert-note = Alerty: stanowisko offline (brak sygnału od 60 s), kolejka starsza niż { $age }, drukarka etykiet bez etykiet, urządzenie niegotowe.
desk-alert-note-webhook = Nowe alerty są wysyłane na webhook.
desk-alert-station-offline = { $station } jest offline: brak sygnału od { $minutes ->
    [one] { $minutes } minuty
    [few] { $minutes } minut
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}. Sprawdź komputer i połączenie sieciowe.
desk-alert-outbox-backlog = { $station }: zapisy do systemu czekają od { $minutes ->
    [one] { $minutes } minuty
    [few] { $minutes } minut
    [many] { $minutes } minut
   *[other] { $minutes } minuty
}. Sprawdź połączenie stanowiska z systemem.
desk-alert-outbox-refused = { $station }: { $count ->
    [one] { $count } zapis odrzucony
    [few] { $count } zapisy odrzucone
    [many] { $count } zapisów odrzuconych
   *[other] { $count } zapisu odrzuconego
} przez system na stałe. Sprawdź jego log i dane zamówienia.
desk-alert-printer-out-of-labels = { $station }: w drukarce etykiet { $printer } skończyły się etykiety. Załóż nową rolkę.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Sprawdź urządzenie.
desk-device-ready = gotowa
desk-device-not-ready = niegotowa
desk-col-station = Stanowisko
desk-col-packer = Pakowacz
desk-col-trolley = Wózek
desk-col-step = Etap
desk-col-orders-per-hour = Zam./godz.
desk-col-units-per-hour = Szt./godz.
desk-col-shift = Zmiana: zam. / szt.
desk-col-devices = Urządzenia
desk-col-queued = W kolejce
desk-col-version = Wersja
desk-col-last-seen = Ostatni sygnał
desk-col-orders = Zamówienia
desk-col-units = Sztuki
desk-col-std-min = Min. norm.
desk-col-active = Aktywne
desk-col-performance = Wydajność
desk-col-recorded = Zapisano (czas zakładu)
desk-col-kind = Rodzaj
desk-col-order = Zamówienie
desk-col-reason = Powód
desk-col-detail = Szczegóły
desk-trolley-slot = { $trolley } · półka { $slot }
desk-queued-oldest = { $count } (najstarszy { $age })
desk-queued-refused = odrzucone { $count }
desk-seen-ago = { $age } temu
desk-seen-stale = BRAK SYGNAŁU · { $age } temu
desk-step-sign-in = logowanie
desk-step-scan-trolley = czeka na wózek
desk-step-claiming-trolley = pobiera wózek
desk-step-scan-slot = bierze półkę
desk-step-verify-units = pakuje sztuki
desk-step-choose-packaging = wybiera karton
desk-step-weigh = ważenie
desk-step-awaiting-label = czeka na etykietę
desk-step-releasing-trolley = zwalnia wózek
desk-period-shift = Ta zmiana (co godzinę)
desk-period-previous-shift = Poprzednia zmiana
desk-period-week = Tydzień (7 dni, dziennie)
desk-formula = Nakład pracy na zamówienie, w minutach normatywnych: { $base } + { $unit }·sztuki + { $line }·pozycje + { $parcel }·(paczki − 1) + { $exception }·wyjątki. Wydajność = minuty normatywne na minutę aktywną (100 % = tempo normatywne); aktywne = godziny (lub dni) z co najmniej jednym zamówieniem.
desk-covers-shift = Zmiana { $name } ({ $hours })
desk-covers-week = Ostatnie 7 dni
desk-site-time = { $covers } · czas w strefie { $zone }
desk-chart-packers-performance = Pakowacze: wydajność (% normy)
desk-chart-stations-performance = Stanowiska: wydajność (% normy)
desk-chart-packers-work-hour = Pakowacze: minuty normatywne na godzinę
desk-chart-packers-work-day = Pakowacze: minuty normatywne na dzień
desk-chart-stations-work-hour = Stanowiska: minuty normatywne na godzinę
desk-chart-stations-work-day = Stanowiska: minuty normatywne na dzień
desk-chart-empty = W tym okresie nic nie spakowano.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } zamówienie
    [few] { $orders } zamówienia
    [many] { $orders } zamówień
   *[other] { $orders } zamówienia
} · { $units ->
    [one] { $units } sztuka
    [few] { $units } sztuki
    [many] { $units } sztuk
   *[other] { $units } sztuki
}
desk-records-count = { $shown } z { $total ->
    [one] { $total } wiersza
    [few] { $total } wierszy
    [many] { $total } wierszy
   *[other] { $total } wiersza
}
desk-kind-line-exception = wyjątek pozycji
desk-kind-order-exception = wyjątek zamówienia
desk-kind-packaging-override = zmiana opakowania
desk-kind-weight-override = akceptacja wagi
desk-filter-all = Wszystkie
desk-filter-line-exceptions = Wyjątki pozycji
desk-filter-order-exceptions = Wyjątki zamówień
desk-filter-packaging-overrides = Zmiany opakowania
desk-filter-weight-overrides = Akceptacje wagi
desk-filter-reason = Powód zawiera
desk-filter-since = Od
desk-since-any = Dowolny czas
desk-since-hour = Ostatnia godzina
desk-since-12h = Ostatnie 12 godz.
desk-since-24h = Ostatnie 24 godz.
desk-since-week = Ostatnie 7 dni
desk-filter-apply = Filtruj
desk-export-path = Plik CSV (opcjonalnie, pełna ścieżka)
desk-export-path-default = domyślnie: exports/ w folderze danych
desk-export = Eksportuj CSV
desk-export-done = Zapisano { $rows ->
    [one] { $rows } wiersz
    [few] { $rows } wiersze
    [many] { $rows } wierszy
   *[other] { $rows } wiersza
} w { $path }
desk-weight-requests-title = Prośby stanowisk o akceptację wagi
desk-decision-reason = Powód (zapisany z decyzją)
desk-decision-reason-default = zawartość sprawdzona przez kierownika
desk-weight-request = { $station } · { $packer } · { $order } paczka { $parcel }: oczekiwano { $expected } g, zważono { $measured } g ({ $diff } g) · prośba { $age } temu
desk-approve = Zatwierdź
desk-decline = Odrzuć
desk-no-weight-requests = Żadne stanowisko nie czeka na akceptację wagi.
desk-release-title = Zwolnij zablokowany wózek
desk-release-reason-example = awaria stanowiska ST-03
desk-release = Zwolnij wózek
desk-reprint-title = Wydrukuj tu ponownie etykiety zamówienia
desk-reprint = Drukuj ponownie
desk-void-title = Unieważnij etykietę zamówienia
desk-void = Unieważnij etykietę
desk-done-released = Zwolniono { $trolley }: inne stanowisko może go teraz pobrać.
desk-done-voided = Unieważniono przesyłkę { $shipment } zamówienia { $order } ({ $tracking }): jej etykiet nie wolno używać; zamówienie można wysłać ponownie.
desk-done-reprinted = Wysłano do { $printer } { $labels ->
    [one] { $labels } etykietę
    [few] { $labels } etykiety
    [many] { $labels } etykiet
   *[other] { $labels } etykiety
} zamówienia { $order }.
desk-done-approved = Zatwierdzono { $request }: { $order } paczka { $parcel } na { $station }.
desk-done-declined = Odrzucono { $request }: { $order } paczka { $parcel } na { $station }.
desk-fault-paper-out = brak etykiet
desk-fault-ribbon-out = brak taśmy
desk-fault-head-open = otwarta głowica
desk-fault-paused = wstrzymana
desk-fault-cutter-fault = usterka obcinarki
desk-fault-head-too-hot = przegrzana głowica
desk-fault-motor-too-hot = przegrzany silnik
desk-fault-media-jam = zacięte etykiety
desk-fault-bad-printhead-element = uszkodzony element głowicy
desk-fault-printhead-not-detected = nie wykryto głowicy
desk-fault-hardware-fault = awaria sprzętu
desk-fault-corrupt-memory = błąd pamięci
desk-fault-offline = offline
desk-fault-not-answering = podłączona, ale nie odpowiada (zobacz jej wyświetlacz)
desk-fault-unreachable = nieosiągalna (zasilanie lub kabel)
desk-fault-scale-disconnected = odłączona
desk-fault-scale-port-unavailable = niepodłączona
desk-fault-scale-no-answer = nie odpowiada
desk-fault-scale-overload = przeciążona
desk-fault-scale-underload = poniżej zera
desk-fault-scale-not-settled = waga niestabilna
desk-fault-scale-needs-zero = wymaga zerowania
desk-fault-scale-busy = zajęta
desk-fault-scale-ram-error = błąd RAM
desk-fault-scale-eeprom-error = błąd EEPROM
desk-fault-scale-rom-error = błąd ROM
desk-fault-scale-calibration-error = błędna kalibracja
desk-fault-scale-initial-zero-error = brak zera przy uruchomieniu
desk-fault-scale-fault = zgłasza usterkę
desk-fault-scale-transmission-error = błąd komunikacji (ustawienia)
desk-fault-scale-unreadable = błąd komunikacji (ustawienia)
desk-fault-scale-not-understood = błąd komunikacji (ustawienia)
desk-fault-scale-cannot-execute = nie może wykonać polecenia

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Wdrażanie
desk-alert-release-held = Wydanie { $version } wstrzymane w pierścieniu { $ring }: jego stanowiska działały gorzej niż na poprzednim wydaniu. Wznów lub wycofaj pierścień w zakładce Wdrażanie.
desk-done-rollout-held = Pierścień { $ring } wstrzymany (wydanie { $version }).
desk-done-rollout-resumed = Pierścień { $ring } wznowiony: wydanie { $version } jest znów sprawdzane.
desk-done-rollout-rolled-back = Pierścień { $ring } wycofany do wydania { $version }.
desk-rollout-note = Wydanie trafia najpierw do canary, potem do nazwanych grup, early i general, każdorazowo po okresie próby, jeśli żaden wskaźnik nie jest gorszy o więcej niż { $margin } % od poprzedniego wydania (wskaźnik liczy się od { $events } zdarzeń).
desk-rollout-none = Nie opublikowano jeszcze żadnego wydania.
desk-rollout-latest = Najnowsze wydanie: { $version }
desk-rollout-col-ring = Pierścień
desk-rollout-col-state = Stan
desk-rollout-col-release = Wydanie
desk-rollout-col-previous = Poprzednie
desk-rollout-col-stations = Stanowiska wg wersji
desk-rollout-col-decision = Ostatnia decyzja
desk-rollout-col-metric = Kondycja
desk-rollout-col-new = Nowe wydanie
desk-rollout-col-old = Poprzednie wydanie
desk-rollout-state-waiting = czeka
desk-rollout-state-soaking = w próbie
desk-rollout-state-done = przekazane dalej
desk-rollout-state-held = wstrzymane
desk-rollout-state-rolled-back = wycofane
desk-rollout-decision-published = { $version } opublikował(a) { $by }
desk-rollout-decision-promoted = { $version } przekazane dalej: nie gorsze od poprzedniego wydania
desk-rollout-decision-passed-through = { $version } przekazane dalej: brak stanowisk w tym pierścieniu
desk-rollout-decision-held = { $version } wstrzymane automatycznie: gorsze od poprzedniego wydania
desk-rollout-decision-held-by-hand = { $version } wstrzymał(a) { $by }
desk-rollout-decision-resumed = { $version } wznowił(a) { $by }
desk-rollout-decision-rolled-back = Wycofano do { $version } ({ $by })
desk-rollout-soak = { $hours } z { $needed } stanowisko-godzin na { $version }
desk-rollout-metric-crash-restarts-per-station-hour = restarty po awarii na stanowisko-godzinę
desk-rollout-metric-refused-writes-per-order = odrzucone zapisy na zamówienie
desk-rollout-metric-exceptions-per-order = wyjątki na zamówienie
desk-rollout-metric-reprints-per-order = ponowne wydruki etykiet na zamówienie
desk-rollout-metric-scan-refusals-per-unit = odrzucone skany na sztukę
desk-rollout-worse = gorzej
desk-rollout-hold = Wstrzymaj
desk-rollout-resume = Wznów
desk-rollout-roll-back = Wycofaj
desk-rollout-reason = Powód
desk-rollout-reason-default = Sprawdzono przy biurku
