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

# Пултът на ръководителя на смяна, на езика на влезлия ръководител.
desk-title = Packbench · Пулт на ръководителя
desk-sign-out = Изход
desk-tab-stations = Станции
desk-tab-productivity = Производителност
desk-tab-records = Изключения и отклонения
desk-tab-actions = Действия
desk-age-seconds = { $n } сек
desk-age-minutes = { $n } мин
desk-age-hours = { $n } ч
desk-all-clear = Няма сигнали: всички станции са на линия и готови.
desk-alert-note = Сигнали: станция извън линия (без сигнал от 60 сек), опашка по-стара от { $age }, принтер за етикети без етикети, неготово устройство.
desk-alert-note-webhook = Новите сигнали се изпращат към уебхука.
desk-alert-station-offline = { $station } е извън линия: без сигнал от { $minutes ->
    [one] { $minutes } минута
   *[other] { $minutes } минути
}. Проверете компютъра и мрежата му.
desk-alert-outbox-backlog = { $station }: записите към системата чакат от { $minutes ->
    [one] { $minutes } минута
   *[other] { $minutes } минути
}. Проверете връзката на станцията със системата.
desk-alert-outbox-refused = { $station }: { $count ->
    [one] { $count } запис е отхвърлен
   *[other] { $count } записа са отхвърлени
} окончателно от системата. Вижте дневника на станцията и засегнатите поръчки.
desk-alert-printer-out-of-labels = { $station }: принтерът за етикети { $printer } няма етикети. Сложете нова ролка.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Проверете устройството.
desk-device-ready = готов
desk-device-not-ready = неготов
desk-col-station = Станция
desk-col-packer = Опаковчик
desk-col-trolley = Количка
desk-col-step = Етап
desk-col-orders-per-hour = Поръчки/ч
desk-col-units-per-hour = Бройки/ч
desk-col-shift = Смяна: поръчки / бройки
desk-col-devices = Устройства
desk-col-queued = На опашка
desk-col-version = Версия
desk-col-last-seen = Последен сигнал
desk-col-orders = Поръчки
desk-col-units = Бройки
desk-col-std-min = Норм. мин
desk-col-active = Активни
desk-col-performance = Производителност
desk-col-recorded = Записано (местно време)
desk-col-kind = Вид
desk-col-order = Поръчка
desk-col-reason = Причина
desk-col-detail = Подробности
desk-trolley-slot = { $trolley } · клетка { $slot }
desk-queued-oldest = { $count } (най-старият: { $age })
desk-queued-refused = отхвърлени { $count }
desk-seen-ago = преди { $age }
desk-seen-stale = БЕЗ СИГНАЛ · преди { $age }
desk-step-sign-in = вход
desk-step-scan-trolley = чака количка
desk-step-claiming-trolley = взема количка
desk-step-scan-slot = взема клетка
desk-step-verify-units = опакова бройки
desk-step-choose-packaging = избира кутия
desk-step-weigh = претегляне
desk-step-awaiting-label = чака етикета
desk-step-releasing-trolley = освобождава количката
desk-period-shift = Тази смяна (по часове)
desk-period-previous-shift = Предишната смяна
desk-period-week = Седмица (7 дни, по дни)
desk-formula = Обем работа на поръчка, в нормо-минути: { $base } + { $unit }·бройки + { $line }·редове + { $parcel }·(пратки − 1) + { $exception }·изключения. Производителност = нормо-минути за активна минута (100 % = нормалното темпо); активни = часове (или дни) с поне една поръчка.
desk-covers-shift = Смяна { $name } ({ $hours })
desk-covers-week = Последните 7 дни
desk-site-time = { $covers } · часове в зона { $zone }
desk-chart-packers-performance = Опаковчици: производителност (% от нормата)
desk-chart-stations-performance = Станции: производителност (% от нормата)
desk-chart-packers-work-hour = Опаковчици: нормо-минути на час
desk-chart-packers-work-day = Опаковчици: нормо-минути на ден
desk-chart-stations-work-hour = Станции: нормо-минути на час
desk-chart-stations-work-day = Станции: нормо-минути на ден
desk-chart-empty = Нищо не е опаковано през този период.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } поръчка
   *[other] { $orders } поръчки
} · { $units ->
    [one] { $units } бройка
   *[other] { $units } бройки
}
desk-records-count = { $shown } от { $total ->
    [one] { $total } ред
   *[other] { $total } реда
}
desk-kind-line-exception = изключение за ред
desk-kind-order-exception = изключение за поръчка
desk-kind-packaging-override = промяна на опаковката
desk-kind-weight-override = одобрено тегло
desk-filter-all = Всички
desk-filter-line-exceptions = Изключения за редове
desk-filter-order-exceptions = Изключения за поръчки
desk-filter-packaging-overrides = Промени на опаковката
desk-filter-weight-overrides = Одобрени тегла
desk-filter-reason = Причината съдържа
desk-filter-since = От
desk-since-any = По всяко време
desk-since-hour = Последния час
desk-since-12h = Последните 12 ч
desk-since-24h = Последните 24 ч
desk-since-week = Последните 7 дни
desk-filter-apply = Филтрирай
desk-export-path = CSV файл (по избор, пълен път)
desk-export-path-default = по подразбиране: exports/ в папката с данни
desk-export = Експорт в CSV
desk-export-done = { $rows ->
    [one] { $rows } ред е записан в { $path }
   *[other] { $rows } реда са записани в { $path }
}
desk-weight-requests-title = Искания от станции за одобряване на тегло
desk-decision-reason = Причина (пази се с решението)
desk-decision-reason-default = съдържанието е проверено от ръководителя
desk-weight-request = { $station } · { $packer } · { $order } пратка { $parcel }: очаквано { $expected } г, претеглено { $measured } г ({ $diff } г) · поискано преди { $age }
desk-approve = Одобри
desk-decline = Откажи
desk-no-weight-requests = Никоя станция не чака одобряване на тегло.
desk-release-title = Освобождаване на блокирана количка
desk-release-reason-example = станция ST-03 блокира
desk-release = Освободи количката
desk-reprint-title = Повторен печат на етикетите на поръчка тук
desk-reprint = Отпечатай отново
desk-void-title = Анулиране на етикета на поръчка
desk-void = Анулирай етикета
desk-done-released = { $trolley } е освободена: друга станция може да я вземе сега.
desk-done-voided = Пратката { $shipment } на поръчка { $order } е анулирана ({ $tracking }): етикетите ѝ не бива да се използват; поръчката може да се изпрати отново.
desk-done-reprinted = { $labels ->
    [one] { $labels } етикет на { $order } е изпратен към { $printer }.
   *[other] { $labels } етикета на { $order } са изпратени към { $printer }.
}
desk-done-approved = { $request } е одобрено: { $order } пратка { $parcel } на { $station }.
desk-done-declined = { $request } е отказано: { $order } пратка { $parcel } на { $station }.
desk-fault-paper-out = няма етикети
desk-fault-ribbon-out = няма лента
desk-fault-head-open = отворена глава
desk-fault-paused = на пауза
desk-fault-cutter-fault = повреда в ножа
desk-fault-head-too-hot = прегряла глава
desk-fault-motor-too-hot = прегрял мотор
desk-fault-media-jam = заседнали етикети
desk-fault-bad-printhead-element = повреден елемент на главата
desk-fault-printhead-not-detected = главата не е открита
desk-fault-hardware-fault = хардуерна повреда
desk-fault-corrupt-memory = грешка в паметта
desk-fault-offline = извън линия
desk-fault-not-answering = свързан, но не отговаря (вижте дисплея му)
desk-fault-unreachable = недостъпен (захранване или кабел)
desk-fault-scale-disconnected = изключен
desk-fault-scale-port-unavailable = не е свързан
desk-fault-scale-no-answer = не отговаря
desk-fault-scale-overload = претоварен
desk-fault-scale-underload = под нулата
desk-fault-scale-not-settled = нестабилно тегло
desk-fault-scale-needs-zero = трябва нулиране
desk-fault-scale-busy = зает
desk-fault-scale-ram-error = грешка в RAM
desk-fault-scale-eeprom-error = грешка в EEPROM
desk-fault-scale-rom-error = грешка в ROM
desk-fault-scale-calibration-error = грешно калибриране
desk-fault-scale-initial-zero-error = няма нула при пускане
desk-fault-scale-fault = съобщава за повреда
desk-fault-scale-transmission-error = грешка във връзката (настройки)
desk-fault-scale-unreadable = грешка във връзката (настройки)
desk-fault-scale-not-understood = грешка във връзката (настройки)
desk-fault-scale-cannot-execute = не може да изпълни командата

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Внедряване
desk-alert-release-held = Версия { $version } е спряна в пръстена { $ring }: станциите ѝ работеха по-зле, отколкото на предишната версия. Възобновете или върнете пръстена от раздела Внедряване.
desk-done-rollout-held = Пръстенът { $ring } е спрян (версия { $version }).
desk-done-rollout-resumed = Пръстенът { $ring } е възобновен: версия { $version } отново е на проба.
desk-done-rollout-rolled-back = Пръстенът { $ring } е върнат към версия { $version }.
desk-rollout-note = Версията отива първо в canary, после в именуваните групи, early и general, всеки път след пробата си, ако никой показател не е с над { $margin } % по-лош от предишната версия (показателят се брои от { $events } събития).
desk-rollout-none = Все още няма публикувана версия.
desk-rollout-latest = Най-нова версия: { $version }
desk-rollout-col-ring = Пръстен
desk-rollout-col-state = Състояние
desk-rollout-col-release = Версия
desk-rollout-col-previous = Предишна
desk-rollout-col-stations = Станции по версия
desk-rollout-col-decision = Последно решение
desk-rollout-col-metric = Здраве
desk-rollout-col-new = Нова версия
desk-rollout-col-old = Предишна версия
desk-rollout-state-waiting = чака
desk-rollout-state-soaking = на проба
desk-rollout-state-done = предадена нататък
desk-rollout-state-held = спряна
desk-rollout-state-rolled-back = върната
desk-rollout-decision-published = { $version } публикувана от { $by }
desk-rollout-decision-promoted = { $version } предадена нататък: не по-лоша от предишната версия
desk-rollout-decision-passed-through = { $version } предадена нататък: няма станции в този пръстен
desk-rollout-decision-held = { $version } спряна автоматично: по-лоша от предишната версия
desk-rollout-decision-held-by-hand = { $version } спряна от { $by }
desk-rollout-decision-resumed = { $version } възобновена от { $by }
desk-rollout-decision-rolled-back = Върната към { $version } от { $by }
desk-rollout-soak = { $hours } от { $needed } станцио-часа на { $version }
desk-rollout-metric-crash-restarts-per-station-hour = рестартирания след срив на станцио-час
desk-rollout-metric-refused-writes-per-order = отказани записи на поръчка
desk-rollout-metric-exceptions-per-order = изключения на поръчка
desk-rollout-metric-reprints-per-order = повторни печати на етикети на поръчка
desk-rollout-metric-scan-refusals-per-unit = отказани сканирания на брой
desk-rollout-worse = по-зле
desk-rollout-hold = Спри
desk-rollout-resume = Възобнови
desk-rollout-roll-back = Върни
desk-rollout-reason = Причина
desk-rollout-reason-default = Проверено на бюрото
