# Packbench на български. Същите идентификатори и променливи като в en.ftl.
# Множествено число (CLDR): one = 1; other = всичко останало.

## Стъпката на опаковчика

scan-badge = Сканирайте баджа си
scan-trolley = Сканирайте количка
trolley-held-elsewhere = { $trolley } се опакова на станция { $holder }: сканирайте друга количка
claiming-trolley = Количката се заявява…
scan-slot = Сканирайте гнездо
scan-slot-next = Сканирайте гнездо (следващо: { $slot })
scan-items = Сканирайте артикулите от поръчка { $order }
scan-capture = Сканирайте { $fields } на този брой
capture-lot = партидата
capture-expiry = срока на годност
capture-serial = серийния номер
capture-and = и
box-it = Опаковайте: сканирайте { $box }
scan-box = Сканирайте опаковката, която използвате
put-on-scale = Поставете пратката на кантара
weight-mismatch = Теглото не съвпада: проверете пратката и претеглете отново
printing-label = Етикетът се отпечатва…
trolley-done = Количката е готова: освобождава се
slots-progress = { $done } / { $total ->
    [one] { $total } гнездо
   *[other] { $total } гнезда
}
units-in-exception = { $count ->
    [one] { $count } брой в изключения
   *[other] { $count } броя в изключения
}
labels-pending = { $count ->
    [one] { $count } етикет още не е отпечатан: ще се отпечата, когато складовата система се върне; ако принтерът за етикети показва повреда, отстранете я, после сканирайте PB-REPRINT
   *[other] { $count } етикета още не са отпечатани: ще се отпечатат, когато складовата система се върне; ако принтерът за етикети показва повреда, отстранете я, после сканирайте PB-REPRINT
}
suggested = Предложено:
expected-weight = Очаквано { $grams } г
trolley-summary = { $slots ->
    [one] { $slots } гнездо
   *[other] { $slots } гнезда
} · { $units ->
    [one] { $units } брой
   *[other] { $units } броя
}

## Бутони и лист с действия

take-slot = Вземете гнездо { $slot }
take-next-slot = Вземете следващото гнездо
sign-out = Изход
close-parcel = Затворете пратката
cancel-unit = Отменете броя
leave-slot = Оставете гнездото
order-to-exception = Поръчката към изключения
use-box = Използвайте { $box }
back-to-items = Обратно към артикулите
weigh-again = Претеглете отново
report-short = Липса
report-damaged = Повреден
report-short-one = Липса: 1 брой
report-damaged-one = Повреден: 1 брой
reprint-label = Отпечатайте етикета отново
close-app = Затворете приложението (ръководител)
ask-supervisor = Попитайте ръководител на бюрото
asked-supervisor = Заявката е изпратена до ръководителя: изчакайте или претеглете отново
action-sheet-title = Packbench: сканирайте код вместо да докосвате екрана
supervisor-override = Ръководител: изберете причина, после сканирайте баджа си
override-reason-extra-packing = Допълнителен опаковъчен материал
override-reason-catalogue-weight = Грешно тегло на артикула в каталога
override-reason-checked = Проверено от ръководител: съдържанието е вярно
box-reason-prompt = Защо { $box }, а не предложената опаковка?
box-reason-out-of-stock = Предложената опаковка е изчерпана
box-reason-protection = Артикулите се нуждаят от повече защита
box-reason-does-not-fit = Артикулите не се побират в предложената опаковка

## Заглавия на отказите

refused-generic = Не е прието
refused-invalid-scan = Не е прието
refused-trolley-unknown = Непозната количка
refused-trolley-claimed-elsewhere = Количката е заета от друга станция
refused-backend-unreachable = Няма връзка със складовата система
refused-backend-rejected = Складовата система отказа
refused-storage-failed = Не е записано: повикайте IT
refused-device-failed = Проблем с устройство
refused-wrong-item = Грешен артикул
refused-over-scan = Твърде много бройки от този артикул
refused-gs1-invalid = Невалиден GS1 код
refused-item-of-other-order = Артикул от друга поръчка
refused-expected-trolley = Сканирайте количка
refused-expected-slot = Сканирайте гнездо
refused-trolley-in-progress = Първо завършете тази количка
refused-serial-duplicate = Серийният номер вече е сканиран
refused-packaging-reason-required = Посочете причина за друга опаковка

## Лента на станцията

status-queued = На опашка: { $count }
status-queued-oldest = На опашка: { $count } (най-старото { $age })
status-needs-supervisor = изисква ръководител: { $count }
age-seconds = { $n } с
age-minutes = { $n } мин
age-hours = { $n } ч
status-online = Свързано
status-offline = НЯМА ВРЪЗКА: работата чака на опашка
status-connecting = Свързване…
status-training-backend = Система за обучение
device-kind-label-printer = Принтер за етикети
device-kind-document-printer = Принтер за документи
device-kind-scale = Кантар
device-kind-scanner = Скенер
device-ready = { $device }: готов
device-not-ready = { $device }: не е готов

## Неизправности на устройствата

fault-paper-out = Принтер за етикети: няма етикети — сложете нова ролка, после сканирайте PB-REPRINT
fault-ribbon-out = Принтер за етикети: няма лента — сложете нова лента, затворете главата, после сканирайте PB-REPRINT
fault-head-open = Принтер за етикети: главата е отворена — затворете я до щракване, после сканирайте PB-REPRINT
fault-paused = Принтер за етикети: на пауза — натиснете PAUSE на принтера, после сканирайте PB-REPRINT
fault-cutter-fault = Принтер за етикети: грешка в ножа — извадете етикетите от ножа, после сканирайте PB-REPRINT
fault-head-too-hot = Принтер за етикети: главата е прегряла — изчакайте няколко минути, после сканирайте PB-REPRINT
fault-motor-too-hot = Принтер за етикети: моторът е прегрял — изчакайте няколко минути, после сканирайте PB-REPRINT
fault-media-jam = Принтер за етикети: заседнали етикети — отворете главата, махнете заседналото, после сканирайте PB-REPRINT
fault-bad-printhead-element = Принтер за етикети: повредена печатаща глава — повикайте IT
fault-printhead-not-detected = Принтер за етикети: печатащата глава не е открита — повикайте IT
fault-hardware-fault = Принтер за етикети: хардуерна повреда — изключете го и го включете; ако остане, повикайте IT
fault-corrupt-memory = Принтер за етикети: грешка в паметта — изключете го и го включете; ако остане, повикайте IT
fault-offline = Принтер за етикети: офлайн — проверете захранването и кабела
fault-not-answering = Принтер за етикети: не отговаря — проверете дисплея на принтера
fault-unreachable = Принтер за етикети: недостъпен — проверете захранването и кабела
fault-scale-disconnected = Кантар: изключен — проверете кабела; ще се свърже сам
fault-scale-port-unavailable = Кантар: не е свързан — проверете кабела и захранването
fault-scale-no-answer = Кантар: не отговаря — проверете дали е включен и свързан
fault-scale-overload = Кантар: претоварен — свалете пратката
fault-scale-underload = Кантар: под нулата — освободете платформата и нулирайте кантара
fault-scale-not-settled = Кантар: теглото не е стабилно — не пипайте пратката и претеглете отново
fault-scale-needs-zero = Кантар: трябва да се нулира — освободете платформата и натиснете ZERO
fault-scale-busy = Кантар: зает — изчакайте малко и претеглете отново
fault-scale-ram-error = Кантар: грешка в паметта — изключете го и го включете; ако остане, повикайте IT
fault-scale-eeprom-error = Кантар: грешка в паметта — изключете го и го включете; ако остане, повикайте IT
fault-scale-rom-error = Кантар: грешка в паметта — изключете го и го включете; ако остане, повикайте IT
fault-scale-calibration-error = Кантар: грешна калибровка — не теглете на него; повикайте IT
fault-scale-initial-zero-error = Кантар: няма нула при пускане — освободете платформата, изключете го и го включете
fault-scale-fault = Кантар: съобщава за повреда — изключете го и го включете; ако остане, повикайте IT
fault-scale-transmission-error = Кантар: грешка в комуникацията — повикайте IT
fault-scale-unreadable = Кантар: грешка в комуникацията — повикайте IT
fault-scale-not-understood = Кантар: грешка в комуникацията — повикайте IT
fault-scale-cannot-execute = Кантар: не изпълни командата — освободете платформата и опитайте отново

## Защо тази опаковка; присъдата на кантара

explain-one-parcel = { $box }: запълнена { $fill } %, { $kg } кг
explain-parcels = { $count ->
    [one] { $count } пратка: { $list }
   *[other] { $count } пратки: { $list }
}
explain-parcel-units = { $box } ({ $units } бр.)
explain-not-box = Не { $box }: { $why }
explain-more-ruled-out = { $count ->
    [one] отхвърлена е още { $count } опаковка
   *[other] отхвърлени са още { $count } опаковки
}
explain-unpacked = Никоя опаковка не побира { $list }: изпратете отделно
rejection-not-stocked = няма наличност
rejection-reserved = запазена за { $clients }
rejection-forbidden = не е разрешена за { $client }
rejection-fragile-soft = { $sku } е чуплив и изисква кашон
rejection-liquid-soft = { $sku } е течност и изисква кашон
rejection-too-small = { $sku } изисква { $item } мм, а { $side } е { $inner } мм
box-side-length = дължината
box-side-width = ширината
box-side-height = височината
rejection-too-heavy = { $kg } кг надвишава лимита от { $max } кг
rejection-volume = артикулите заемат { $litres } л, побира { $capacity } л
rejection-no-fit = артикулите не се побират заедно в нея
packaging-box = Кашон
packaging-mailer = Плик
packaging-polybag = Полиетиленов плик
weight-ok = измерено { $measured } г, очаквано { $expected } г: в рамките на { $allowance } г
weight-light = измерено { $measured } г, очаквано { $expected } г: с { $deviation } г по-лека (допустимо { $allowance } г)
weight-heavy = измерено { $measured } г, очаквано { $expected } г: с { $deviation } г по-тежка (допустимо { $allowance } г)

## Режим на обучение и пакет за обучение

training-title = Режим на обучение
training-intro = Сканирайте код отдолу със скенера или го докоснете.
training-hide = Скрийте подсказките (само скенер)
training-show = Покажете подсказките
role-packer = опаковчик
role-supervisor = ръководител
training-units-left = { $count ->
    [one] остава { $count }
   *[other] остават { $count }
}
training-suggested-box = Предложена опаковка
training-sheet-title = Packbench: пакет за обучение
training-sheet-sign-in = 1. Вход: сканирайте един бадж
training-sheet-trolley = 2. Заявете количката
training-sheet-slot = Гнездо { $slot }
training-sheet-boxes = Опаковки
training-sheet-actions = Действия

## Опаковъчен лист (на езика на поръчката, когато системата го посочва)

slip-title = ОПАКОВЪЧЕН ЛИСТ
slip-order = Поръчка { $order }
slip-date = Дата { $date }
slip-parcel-of = Пратка { $index } от { $count }
slip-ship-to = Получател
slip-gift-message = Съобщение за подарък
slip-continued = Опаковъчен лист, поръчка { $order } (продължение)
slip-column-sku = Код
slip-column-item = Артикул
slip-column-ordered = Поръчани
slip-column-shipped = Изпратени
slip-column-note = Бележка
slip-column-unit-price = Ед. цена
slip-short = ЛИПСВАТ { $count }
slip-totals = { $lines ->
    [one] { $lines } ред
   *[other] { $lines } реда
}, { $ordered } поръчани бр., { $shipped } изпратени
slip-short-lines = { $count ->
    [one] { $count } непълен ред
   *[other] { $count } непълни реда
}: останалото следва отделно
slip-returns = Връщане
slip-returns-note = Връщане: до 30 дни, с този лист в пратката.
slip-footer = { $client } · поръчка { $order }
slip-page-of = Страница { $page } от { $count }
