# Packbench українською. Ті самі ідентифікатори та змінні, що й у en.ftl.
# Множина (CLDR): one = 1, 21, 31…; few = 2–4, 22–24…; many = 0, 5–20, 25–30…; other = дроби.

## Крок пакувальника

scan-badge = Відскануйте свій бейдж
scan-trolley = Відскануйте візок
trolley-held-elsewhere = { $trolley } пакують на станції { $holder }: відскануйте інший візок
claiming-trolley = Візок бронюється…
scan-slot = Відскануйте комірку
scan-slot-next = Відскануйте комірку (наступна: { $slot })
scan-items = Скануйте товари замовлення { $order }
scan-capture = Відскануйте { $fields } цієї одиниці
capture-lot = партію
capture-expiry = термін придатності
capture-serial = серійний номер
capture-and = і
box-it = Пакуйте: відскануйте { $box }
scan-box = Відскануйте пакування, яке використовуєте
put-on-scale = Покладіть посилку на ваги
weight-mismatch = Вага не збігається: перевірте посилку та зважте ще раз
printing-label = Друкується етикетка…
trolley-done = Візок готовий: звільняється
slots-progress = { $done } / { $total ->
    [one] { $total } комірка
    [few] { $total } комірки
    [many] { $total } комірок
   *[other] { $total } комірки
}
units-in-exception = { $count ->
    [one] { $count } одиниця у винятках
    [few] { $count } одиниці у винятках
    [many] { $count } одиниць у винятках
   *[other] { $count } одиниці у винятках
}
labels-pending = { $count ->
    [one] { $count } етикетка ще не надрукована: надрукується, коли складська система повернеться; якщо принтер етикеток показує несправність, усуньте її, потім відскануйте PB-REPRINT
    [few] { $count } етикетки ще не надруковані: надрукуються, коли складська система повернеться; якщо принтер етикеток показує несправність, усуньте її, потім відскануйте PB-REPRINT
    [many] { $count } етикеток ще не надруковано: надрукуються, коли складська система повернеться; якщо принтер етикеток показує несправність, усуньте її, потім відскануйте PB-REPRINT
   *[other] { $count } етикетки ще не надруковані: надрукуються, коли складська система повернеться; якщо принтер етикеток показує несправність, усуньте її, потім відскануйте PB-REPRINT
}
suggested = Пропонується:
expected-weight = Очікується { $grams } г
trolley-summary = { $slots ->
    [one] { $slots } комірка
    [few] { $slots } комірки
    [many] { $slots } комірок
   *[other] { $slots } комірки
} · { $units ->
    [one] { $units } одиниця
    [few] { $units } одиниці
    [many] { $units } одиниць
   *[other] { $units } одиниці
}

## Кнопки та аркуш дій

take-slot = Взяти комірку { $slot }
take-next-slot = Взяти наступну комірку
sign-out = Вийти
close-parcel = Закрити посилку
cancel-unit = Скасувати одиницю
leave-slot = Залишити комірку
order-to-exception = Замовлення у винятки
use-box = Використати { $box }
back-to-items = Назад до товарів
weigh-again = Зважити ще раз
report-short = Нестача
report-damaged = Пошкоджено
report-short-one = Нестача: 1 одиниця
report-damaged-one = Пошкоджено: 1 одиниця
reprint-label = Передрукувати етикетку
close-app = Закрити застосунок (керівник)
ask-supervisor = Попросити керівника за столом
asked-supervisor = Запит надіслано керівникові: зачекайте або зважте ще раз
action-sheet-title = Packbench: скануйте код замість дотику до екрана
supervisor-override = Керівник: виберіть причину, потім відскануйте свій бейдж
override-reason-extra-packing = Додатковий пакувальний матеріал
override-reason-catalogue-weight = У каталозі неправильна вага товару
override-reason-checked = Перевірено керівником: вміст правильний
box-reason-prompt = Чому { $box }, а не запропоноване пакування?
box-reason-out-of-stock = Запропонованого пакування немає на складі
box-reason-protection = Товарам потрібен кращий захист
box-reason-does-not-fit = Товари не вміщаються в запропоноване пакування

## Заголовки відмов

refused-generic = Не прийнято
refused-invalid-scan = Не прийнято
refused-trolley-unknown = Невідомий візок
refused-trolley-claimed-elsewhere = Візок зайнятий іншою станцією
refused-backend-unreachable = Немає зв'язку зі складською системою
refused-backend-rejected = Складська система відмовила
refused-storage-failed = Не збережено: викличте IT
refused-device-failed = Проблема з пристроєм
refused-wrong-item = Не той товар
refused-over-scan = Забагато одиниць цього товару
refused-gs1-invalid = Недійсний код GS1
refused-item-of-other-order = Товар з іншого замовлення
refused-expected-trolley = Відскануйте візок
refused-expected-slot = Відскануйте комірку
refused-trolley-in-progress = Спершу завершіть цей візок
refused-serial-duplicate = Цей серійний номер уже відскановано
refused-packaging-reason-required = Вкажіть причину іншого пакування

## Рядок станції

status-queued = У черзі: { $count }
status-queued-oldest = У черзі: { $count } (найстаріше { $age })
status-needs-supervisor = потребує керівника: { $count }
age-seconds = { $n } с
age-minutes = { $n } хв
age-hours = { $n } год
status-online = На зв'язку
status-offline = НЕМАЄ ЗВ'ЯЗКУ: робота чекає в черзі
status-connecting = З'єднання…
status-training-backend = Навчальна система
device-kind-label-printer = Принтер етикеток
device-kind-document-printer = Принтер документів
device-kind-scale = Ваги
device-kind-scanner = Сканер
device-ready = { $device }: готово
device-not-ready = { $device }: не готово

## Несправності пристроїв

fault-paper-out = Принтер етикеток: закінчилися етикетки — вставте новий рулон, потім відскануйте PB-REPRINT
fault-ribbon-out = Принтер етикеток: закінчилася стрічка — вставте нову стрічку, закрийте головку, потім відскануйте PB-REPRINT
fault-head-open = Принтер етикеток: головка відкрита — закрийте її до клацання, потім відскануйте PB-REPRINT
fault-paused = Принтер етикеток: на паузі — натисніть PAUSE на принтері, потім відскануйте PB-REPRINT
fault-cutter-fault = Принтер етикеток: збій різака — вийміть етикетки з різака, потім відскануйте PB-REPRINT
fault-head-too-hot = Принтер етикеток: головка перегрілася — зачекайте кілька хвилин, потім відскануйте PB-REPRINT
fault-motor-too-hot = Принтер етикеток: двигун перегрівся — зачекайте кілька хвилин, потім відскануйте PB-REPRINT
fault-media-jam = Принтер етикеток: етикетки застрягли — відкрийте головку, усуньте застрягання, потім відскануйте PB-REPRINT
fault-bad-printhead-element = Принтер етикеток: несправна друкувальна головка — викличте IT
fault-printhead-not-detected = Принтер етикеток: друкувальну головку не виявлено — викличте IT
fault-hardware-fault = Принтер етикеток: апаратна несправність — вимкніть і ввімкніть його; якщо не минає, викличте IT
fault-corrupt-memory = Принтер етикеток: помилка пам'яті — вимкніть і ввімкніть його; якщо не минає, викличте IT
fault-offline = Принтер етикеток: не в мережі — перевірте живлення та кабель
fault-not-answering = Принтер етикеток: не відповідає — перевірте дисплей принтера
fault-unreachable = Принтер етикеток: недоступний — перевірте живлення та кабель
fault-scale-disconnected = Ваги: від'єднані — перевірте кабель; вони під'єднаються самі
fault-scale-port-unavailable = Ваги: не під'єднані — перевірте кабель і живлення
fault-scale-no-answer = Ваги: не відповідають — перевірте, що вони ввімкнені та під'єднані
fault-scale-overload = Ваги: перевантажені — зніміть посилку
fault-scale-underload = Ваги: нижче нуля — звільніть платформу та обнуліть ваги
fault-scale-not-settled = Ваги: вага нестабільна — не торкайтеся посилки та зважте ще раз
fault-scale-needs-zero = Ваги: потрібно обнулити — звільніть платформу та натисніть ZERO
fault-scale-busy = Ваги: зайняті — зачекайте мить і зважте ще раз
fault-scale-ram-error = Ваги: помилка пам'яті — вимкніть і ввімкніть їх; якщо не минає, викличте IT
fault-scale-eeprom-error = Ваги: помилка пам'яті — вимкніть і ввімкніть їх; якщо не минає, викличте IT
fault-scale-rom-error = Ваги: помилка пам'яті — вимкніть і ввімкніть їх; якщо не минає, викличте IT
fault-scale-calibration-error = Ваги: несправне калібрування — не зважуйте на них; викличте IT
fault-scale-initial-zero-error = Ваги: немає нуля під час запуску — звільніть платформу, вимкніть і ввімкніть їх
fault-scale-fault = Ваги: повідомляють про несправність — вимкніть і ввімкніть їх; якщо не минає, викличте IT
fault-scale-transmission-error = Ваги: помилка зв'язку — викличте IT
fault-scale-unreadable = Ваги: помилка зв'язку — викличте IT
fault-scale-not-understood = Ваги: помилка зв'язку — викличте IT
fault-scale-cannot-execute = Ваги: не виконали команду — звільніть платформу та спробуйте ще раз

## Чому це пакування; результат зважування

explain-one-parcel = { $box }: заповнено на { $fill }%, { $kg } кг
explain-parcels = { $count ->
    [one] { $count } посилка: { $list }
    [few] { $count } посилки: { $list }
    [many] { $count } посилок: { $list }
   *[other] { $count } посилки: { $list }
}
explain-parcel-units = { $box } ({ $units } шт.)
explain-not-box = Не { $box }: { $why }
explain-more-ruled-out = { $count ->
    [one] відхилено ще { $count } пакування
    [few] відхилено ще { $count } пакування
    [many] відхилено ще { $count } пакувань
   *[other] відхилено ще { $count } пакування
}
explain-unpacked = Жодне пакування не вміщує { $list }: відправте окремо
rejection-not-stocked = немає на складі
rejection-reserved = зарезервовано для { $clients }
rejection-forbidden = не дозволено для { $client }
rejection-fragile-soft = { $sku } крихкий, потрібна коробка
rejection-liquid-soft = { $sku } — рідина, потрібна коробка
rejection-too-small = { $sku } потребує { $item } мм, а { $side } — { $inner } мм
box-side-length = довжина
box-side-width = ширина
box-side-height = висота
rejection-too-heavy = { $kg } кг перевищує ліміт { $max } кг
rejection-volume = товари займають { $litres } л, вміщує { $capacity } л
rejection-no-fit = товари не вміщуються в нього разом
packaging-box = Коробка
packaging-mailer = Конверт
packaging-polybag = Поліпакет
weight-ok = виміряно { $measured } г, очікувалося { $expected } г: у межах { $allowance } г
weight-light = виміряно { $measured } г, очікувалося { $expected } г: на { $deviation } г легша (допустимо { $allowance } г)
weight-heavy = виміряно { $measured } г, очікувалося { $expected } г: на { $deviation } г важча (допустимо { $allowance } г)

## Навчальний режим і навчальний пакет

training-title = Навчальний режим
training-intro = Відскануйте код нижче сканером або торкніться його.
training-hide = Сховати підказки (лише сканер)
training-show = Показати підказки
role-packer = пакувальник
role-supervisor = керівник
training-units-left = { $count ->
    [one] залишилася { $count }
    [few] залишилося { $count }
    [many] залишилося { $count }
   *[other] залишилося { $count }
}
training-suggested-box = Запропоноване пакування
training-sheet-title = Packbench: навчальний пакет
training-sheet-sign-in = 1. Увійдіть: відскануйте один бейдж
training-sheet-trolley = 2. Візьміть візок
training-sheet-slot = Комірка { $slot }
training-sheet-boxes = Пакування
training-sheet-actions = Дії

## Пакувальний лист (мовою замовлення, якщо система її вказує)

slip-title = ПАКУВАЛЬНИЙ ЛИСТ
slip-order = Замовлення { $order }
slip-date = Дата { $date }
slip-parcel-of = Посилка { $index } з { $count }
slip-ship-to = Одержувач
slip-gift-message = Подарункове повідомлення
slip-continued = Пакувальний лист, замовлення { $order } (продовження)
slip-column-sku = Артикул
slip-column-item = Товар
slip-column-ordered = Замовлено
slip-column-shipped = Відправлено
slip-column-note = Примітка
slip-column-unit-price = Ціна за од.
slip-short = НЕСТАЧА { $count }
slip-totals = { $lines ->
    [one] { $lines } позиція
    [few] { $lines } позиції
    [many] { $lines } позицій
   *[other] { $lines } позиції
}, замовлено { $ordered } од., відправлено { $shipped }
slip-short-lines = { $count ->
    [one] { $count } позиція неповна
    [few] { $count } позиції неповні
    [many] { $count } позицій неповні
   *[other] { $count } позиції неповні
}: решта надійде окремо
slip-returns = Повернення
slip-returns-note = Повернення: протягом 30 днів, з цим листом у посилці.
slip-footer = { $client } · замовлення { $order }
slip-page-of = Сторінка { $page } з { $count }

# Пульт керівника зміни, мовою керівника, що увійшов.
desk-title = Packbench · Пульт керівника
desk-sign-out = Вийти
desk-tab-stations = Станції
desk-tab-productivity = Продуктивність
desk-tab-records = Винятки та відхилення
desk-tab-actions = Дії
desk-age-seconds = { $n } с
desk-age-minutes = { $n } хв
desk-age-hours = { $n } год
desk-all-clear = Сповіщень немає: усі станції на зв'язку й готові.
desk-alert-note = Сповіщення: станція не на зв'язку (немає сигналу 60 с), черга старша за { $age }, у принтері етикеток закінчилися етикетки, пристрій не готовий.
desk-alert-note-webhook = Нові сповіщення надсилаються на вебхук.
desk-alert-station-offline = { $station } не на зв'язку: немає сигналу { $minutes ->
    [one] { $minutes } хвилину
    [few] { $minutes } хвилини
    [many] { $minutes } хвилин
   *[other] { $minutes } хвилини
}. Перевірте комп'ютер і мережу.
desk-alert-outbox-backlog = { $station }: записи до системи чекають { $minutes ->
    [one] { $minutes } хвилину
    [few] { $minutes } хвилини
    [many] { $minutes } хвилин
   *[other] { $minutes } хвилини
}. Перевірте зв'язок станції із системою.
desk-alert-outbox-refused = { $station }: система остаточно відхилила { $count ->
    [one] { $count } запис
    [few] { $count } записи
    [many] { $count } записів
   *[other] { $count } запису
}. Перегляньте журнал станції та відповідні замовлення.
desk-alert-printer-out-of-labels = { $station }: у принтері етикеток { $printer } закінчилися етикетки. Вставте новий рулон.
desk-alert-device-not-ready = { $station }: { $device } { $name }: { $problems }. Перевірте пристрій.
desk-device-ready = готовий
desk-device-not-ready = не готовий
desk-col-station = Станція
desk-col-packer = Пакувальник
desk-col-trolley = Візок
desk-col-step = Етап
desk-col-orders-per-hour = Замовл./год
desk-col-units-per-hour = Од./год
desk-col-shift = Зміна: замовл. / од.
desk-col-devices = Пристрої
desk-col-queued = У черзі
desk-col-version = Версія
desk-col-last-seen = Останній сигнал
desk-col-orders = Замовлення
desk-col-units = Одиниці
desk-col-std-min = Норм. хв
desk-col-active = Активні
desk-col-performance = Продуктивність
desk-col-recorded = Записано (час складу)
desk-col-kind = Вид
desk-col-order = Замовлення
desk-col-reason = Причина
desk-col-detail = Подробиці
desk-trolley-slot = { $trolley } · комірка { $slot }
desk-queued-oldest = { $count } (найстаріший { $age })
desk-queued-refused = відхилено { $count }
desk-seen-ago = { $age } тому
desk-seen-stale = НЕМАЄ СИГНАЛУ · { $age } тому
desk-step-sign-in = вхід
desk-step-scan-trolley = чекає на візок
desk-step-claiming-trolley = бере візок
desk-step-scan-slot = бере комірку
desk-step-verify-units = пакує одиниці
desk-step-choose-packaging = вибирає коробку
desk-step-weigh = зважування
desk-step-awaiting-label = чекає на етикетку
desk-step-releasing-trolley = звільняє візок
desk-period-shift = Ця зміна (щогодини)
desk-period-previous-shift = Попередня зміна
desk-period-week = Тиждень (7 днів, щодня)
desk-formula = Обсяг роботи на замовлення, у нормативних хвилинах: { $base } + { $unit }·одиниці + { $line }·рядки + { $parcel }·(посилки − 1) + { $exception }·винятки. Продуктивність = нормативні хвилини за активну хвилину (100 % = нормативний темп); активні = години (або дні) принаймні з одним замовленням.
desk-covers-shift = Зміна { $name } ({ $hours })
desk-covers-week = Останні 7 днів
desk-site-time = { $covers } · час у поясі { $zone }
desk-chart-packers-performance = Пакувальники: продуктивність (% від норми)
desk-chart-stations-performance = Станції: продуктивність (% від норми)
desk-chart-packers-work-hour = Пакувальники: нормативні хвилини за годину
desk-chart-packers-work-day = Пакувальники: нормативні хвилини за день
desk-chart-stations-work-hour = Станції: нормативні хвилини за годину
desk-chart-stations-work-day = Станції: нормативні хвилини за день
desk-chart-empty = За цей період нічого не запаковано.
desk-bar-value = { $pct } % · { $orders ->
    [one] { $orders } замовлення
    [few] { $orders } замовлення
    [many] { $orders } замовлень
   *[other] { $orders } замовлення
} · { $units ->
    [one] { $units } одиниця
    [few] { $units } одиниці
    [many] { $units } одиниць
   *[other] { $units } одиниці
}
desk-records-count = { $shown } з { $total ->
    [one] { $total } рядка
    [few] { $total } рядків
    [many] { $total } рядків
   *[other] { $total } рядка
}
desk-kind-line-exception = виняток рядка
desk-kind-order-exception = виняток замовлення
desk-kind-packaging-override = зміна пакування
desk-kind-weight-override = підтвердження ваги
desk-filter-all = Усі
desk-filter-line-exceptions = Винятки рядків
desk-filter-order-exceptions = Винятки замовлень
desk-filter-packaging-overrides = Зміни пакування
desk-filter-weight-overrides = Підтвердження ваги
desk-filter-reason = Причина містить
desk-filter-since = Відколи
desk-since-any = Будь-коли
desk-since-hour = Остання година
desk-since-12h = Останні 12 год
desk-since-24h = Останні 24 год
desk-since-week = Останні 7 днів
desk-filter-apply = Фільтрувати
desk-export-path = Файл CSV (необов'язково, повний шлях)
desk-export-path-default = типово: exports/ у теці даних
desk-export = Експорт CSV
desk-export-done = Записано { $rows ->
    [one] { $rows } рядок
    [few] { $rows } рядки
    [many] { $rows } рядків
   *[other] { $rows } рядка
} у { $path }
desk-weight-requests-title = Запити станцій на підтвердження ваги
desk-decision-reason = Причина (зберігається з рішенням)
desk-decision-reason-default = вміст перевірено керівником
desk-weight-request = { $station } · { $packer } · { $order } посилка { $parcel }: очікувано { $expected } г, зважено { $measured } г ({ $diff } г) · запит { $age } тому
desk-approve = Схвалити
desk-decline = Відхилити
desk-no-weight-requests = Жодна станція не чекає на підтвердження ваги.
desk-release-title = Звільнити заблокований візок
desk-release-reason-example = збій станції ST-03
desk-release = Звільнити візок
desk-reprint-title = Передрукувати тут етикетки замовлення
desk-reprint = Передрукувати
desk-void-title = Анулювати етикетку замовлення
desk-void = Анулювати етикетку
desk-done-released = { $trolley } звільнено: тепер його може взяти інша станція.
desk-done-voided = Відправлення { $shipment } замовлення { $order } анульовано ({ $tracking }): його етикетки не можна використовувати; замовлення можна відправити знову.
desk-done-reprinted = На { $printer } надіслано { $labels ->
    [one] { $labels } етикетку
    [few] { $labels } етикетки
    [many] { $labels } етикеток
   *[other] { $labels } етикетки
} замовлення { $order }.
desk-done-approved = { $request } схвалено: { $order } посилка { $parcel } на { $station }.
desk-done-declined = { $request } відхилено: { $order } посилка { $parcel } на { $station }.
desk-fault-paper-out = немає етикеток
desk-fault-ribbon-out = немає стрічки
desk-fault-head-open = головку відкрито
desk-fault-paused = на паузі
desk-fault-cutter-fault = несправний різак
desk-fault-head-too-hot = головка перегріта
desk-fault-motor-too-hot = двигун перегрітий
desk-fault-media-jam = етикетки застрягли
desk-fault-bad-printhead-element = пошкоджений елемент головки
desk-fault-printhead-not-detected = головку не виявлено
desk-fault-hardware-fault = апаратна несправність
desk-fault-corrupt-memory = помилка пам'яті
desk-fault-offline = офлайн
desk-fault-not-answering = під'єднаний, але не відповідає (див. його дисплей)
desk-fault-unreachable = недоступний (живлення або кабель)
desk-fault-scale-disconnected = від'єднані
desk-fault-scale-port-unavailable = не під'єднані
desk-fault-scale-no-answer = не відповідають
desk-fault-scale-overload = перевантажені
desk-fault-scale-underload = нижче нуля
desk-fault-scale-not-settled = вага нестабільна
desk-fault-scale-needs-zero = потрібне обнулення
desk-fault-scale-busy = зайняті
desk-fault-scale-ram-error = помилка RAM
desk-fault-scale-eeprom-error = помилка EEPROM
desk-fault-scale-rom-error = помилка ROM
desk-fault-scale-calibration-error = калібрування несправне
desk-fault-scale-initial-zero-error = немає нуля під час запуску
desk-fault-scale-fault = повідомляють про несправність
desk-fault-scale-transmission-error = помилка зв'язку (налаштування)
desk-fault-scale-unreadable = помилка зв'язку (налаштування)
desk-fault-scale-not-understood = помилка зв'язку (налаштування)
desk-fault-scale-cannot-execute = не можуть виконати команду

## The desk's roll-out tab: each ring's release, its stations, the health check, hold/resume/roll back.
desk-tab-rollout = Розгортання
desk-alert-release-held = Випуск { $version } зупинено в кільці { $ring }: його станції працювали гірше, ніж на попередньому випуску. Відновіть або відкотіть кільце на вкладці Розгортання.
desk-done-rollout-held = Кільце { $ring } зупинено (випуск { $version }).
desk-done-rollout-resumed = Кільце { $ring } відновлено: випуск { $version } знову на перевірці.
desk-done-rollout-rolled-back = Кільце { $ring } відкочено до випуску { $version }.
desk-rollout-note = Випуск спершу йде до canary, потім до іменованих груп, early і general, кожного разу після перевірки, якщо жоден показник не гірший більш ніж на { $margin } % за попередній випуск (показник рахується від { $events } подій).
desk-rollout-none = Ще жодного випуску не опубліковано.
desk-rollout-latest = Найновіший випуск: { $version }
desk-rollout-col-ring = Кільце
desk-rollout-col-state = Стан
desk-rollout-col-release = Випуск
desk-rollout-col-previous = Попередній
desk-rollout-col-stations = Станції за версією
desk-rollout-col-decision = Останнє рішення
desk-rollout-col-metric = Стан здоров'я
desk-rollout-col-new = Новий випуск
desk-rollout-col-old = Попередній випуск
desk-rollout-state-waiting = очікує
desk-rollout-state-soaking = на перевірці
desk-rollout-state-done = передано далі
desk-rollout-state-held = зупинено
desk-rollout-state-rolled-back = відкочено
desk-rollout-decision-published = { $version } опублікував(ла) { $by }
desk-rollout-decision-promoted = { $version } передано далі: не гірший за попередній випуск
desk-rollout-decision-passed-through = { $version } передано далі: у цьому кільці немає станцій
desk-rollout-decision-held = { $version } зупинено автоматично: гірший за попередній випуск
desk-rollout-decision-held-by-hand = { $version } зупинив(ла) { $by }
desk-rollout-decision-resumed = { $version } відновив(ла) { $by }
desk-rollout-decision-rolled-back = Відкочено до { $version } ({ $by })
desk-rollout-soak = { $hours } з { $needed } станціє-годин на { $version }
desk-rollout-metric-crash-restarts-per-station-hour = перезапуски після збою на станціє-годину
desk-rollout-metric-refused-writes-per-order = відхилені записи на замовлення
desk-rollout-metric-exceptions-per-order = винятки на замовлення
desk-rollout-metric-reprints-per-order = повторні друки етикеток на замовлення
desk-rollout-metric-scan-refusals-per-unit = відхилені скани на одиницю
desk-rollout-worse = гірше
desk-rollout-hold = Зупинити
desk-rollout-resume = Відновити
desk-rollout-roll-back = Відкотити
desk-rollout-reason = Причина
desk-rollout-reason-default = Перевірено за столом
