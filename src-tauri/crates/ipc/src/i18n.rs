//! Packer-facing words in English, Polish and Romanian, chosen per packer (the language the
//! backend gives at sign-in; English until someone signs in). Placeholders in braces are filled
//! with `fill`. Refusals get a headline in the packer's language from their stable code, above
//! the station's own detailed sentence.

/// The languages the kiosk speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Pl,
    Ro,
}

impl Lang {
    /// Every language the kiosk speaks.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Pl, Lang::Ro];

    /// From a BCP 47 tag (`pl`, `pl-PL`, `ro`); anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        match tag.get(..2).map(|s| s.to_ascii_lowercase()).as_deref() {
            Some("pl") => Lang::Pl,
            Some("ro") => Lang::Ro,
            _ => Lang::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
            Lang::Ro => "ro",
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Pl => &PL,
            Lang::Ro => &RO,
        }
    }
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

pub struct Words {
    pub scan_badge: &'static str,
    pub scan_trolley: &'static str,
    pub trolley_held_elsewhere: &'static str,
    pub claiming: &'static str,
    pub scan_slot: &'static str,
    pub scan_slot_next: &'static str,
    pub scan_items: &'static str,
    pub scan_capture: &'static str,
    pub lot: &'static str,
    pub expiry: &'static str,
    pub serial: &'static str,
    pub and: &'static str,
    pub box_it: &'static str,
    pub scan_box: &'static str,
    pub put_on_scale: &'static str,
    pub weight_mismatch: &'static str,
    pub printing_label: &'static str,
    pub trolley_done: &'static str,
    pub slots_progress: &'static str,
    pub in_exception: &'static str,
    pub labels_pending: &'static str,
    pub suggested: &'static str,
    pub expected_g: &'static str,
    pub take_slot: &'static str,
    pub take_next_slot: &'static str,
    pub sign_out: &'static str,
    pub close_parcel: &'static str,
    pub cancel_unit: &'static str,
    pub leave_slot: &'static str,
    pub order_to_exception: &'static str,
    pub use_box: &'static str,
    pub back_to_items: &'static str,
    pub weigh_again: &'static str,
    pub short: &'static str,
    pub damaged: &'static str,
    pub supervisor_override: &'static str,
    pub override_reasons: [&'static str; 3],
    pub reprint: &'static str,
    pub close_app: &'static str,
    /// At a refused weight: ask a supervisor at the desk to accept the parcel remotely.
    pub ask_supervisor: &'static str,
    /// The station has asked; the desk has not answered yet.
    pub asked_supervisor: &'static str,
    pub action_sheet_title: &'static str,
    pub box_reason_prompt: &'static str,
    pub box_reasons: [&'static str; 3],
    /// Refusal headlines by stable code (IPC code, or the flow's reason for `refused`).
    pub refusals: &'static [(&'static str, &'static str)],
    pub refused_generic: &'static str,
    /// Device fault lines by the device's code (see [`crate::device_words`]).
    pub devices: &'static [(&'static str, &'static str)],
}

impl Words {
    /// The headline for a refusal: a device fault's line by its code, the flow's reason,
    /// then the error code.
    pub fn refusal(&self, code: &str, reason: Option<&str>) -> &'static str {
        if let Some(line) = reason.and_then(|r| self.device_problem(r)) {
            return line;
        }
        reason
            .and_then(|r| self.refusals.iter().find(|(k, _)| *k == r))
            .or_else(|| self.refusals.iter().find(|(k, _)| *k == code))
            .map_or(self.refused_generic, |(_, v)| v)
    }

    /// What the packer reads for a device fault code (`paper_out`, `scale_disconnected`...).
    pub fn device_problem(&self, code: &str) -> Option<&'static str> {
        crate::device_words::lookup(self.devices, code)
    }
}

pub static EN: Words = Words {
    scan_badge: "Scan your badge",
    scan_trolley: "Scan a trolley",
    trolley_held_elsewhere: "{trolley} is being packed at {holder}: scan another trolley",
    claiming: "Claiming the trolley…",
    scan_slot: "Scan a slot",
    scan_slot_next: "Scan a slot (next: {slot})",
    scan_items: "Scan the items of {order}",
    scan_capture: "Scan the {fields} of this unit",
    lot: "lot",
    expiry: "expiry date",
    serial: "serial number",
    and: "and",
    box_it: "Box it: scan {box}",
    scan_box: "Scan the box you use",
    put_on_scale: "Put the parcel on the scale",
    weight_mismatch: "Weight does not match: check the parcel and weigh again",
    printing_label: "Printing the label…",
    trolley_done: "Trolley done: releasing it",
    slots_progress: "{done} / {total} slots",
    in_exception: "{n} in exception",
    labels_pending: "{n} label(s) pending: they print when the backend is back",
    suggested: "Suggested:",
    expected_g: "Expected {g} g",
    take_slot: "Take slot {slot}",
    take_next_slot: "Take next slot",
    sign_out: "Sign out",
    close_parcel: "Close parcel",
    cancel_unit: "Cancel unit",
    leave_slot: "Leave slot",
    order_to_exception: "Order to exception",
    use_box: "Use {box}",
    back_to_items: "Back to items",
    weigh_again: "Weigh again",
    short: "Short",
    damaged: "Damaged",
    supervisor_override: "Supervisor: choose a reason, then scan your badge",
    override_reasons: [
        "Extra packing material",
        "Item weight in the catalogue is wrong",
        "Checked by supervisor: contents correct",
    ],
    reprint: "Reprint label",
    close_app: "Close the app (supervisor)",
    ask_supervisor: "Ask a supervisor at the desk",
    asked_supervisor: "Asked the supervisor's desk: wait, or weigh again",
    action_sheet_title: "Packbench actions: scan a code instead of touching the screen",
    box_reason_prompt: "Why {box} and not the suggested box?",
    box_reasons: [
        "Suggested box out of stock",
        "Items need more protection",
        "Items do not fit the suggested box",
    ],
    refusals: &[
        ("invalid_scan", "Not accepted"),
        ("trolley_unknown", "Unknown trolley"),
        (
            "trolley_claimed_elsewhere",
            "Trolley taken by another station",
        ),
        (
            "backend_unreachable",
            "No connection to the warehouse system",
        ),
        ("backend_rejected", "The warehouse system refused"),
        ("storage_failed", "Not saved: call IT"),
        ("device_failed", "Device problem"),
        ("wrong_item", "Wrong item"),
        ("over_scan", "Too many of this item"),
        ("gs1_invalid", "GS1 code not valid"),
        ("item_of_other_order", "Item of another order"),
        ("expected_trolley", "Scan a trolley"),
        ("expected_slot", "Scan a slot"),
        ("trolley_in_progress", "Finish this trolley first"),
        ("serial_duplicate", "Serial already scanned"),
        ("packaging_reason_required", "Give a reason for another box"),
    ],
    refused_generic: "Not accepted",
    devices: crate::device_words::EN,
};

pub static PL: Words = Words {
    scan_badge: "Zeskanuj swój identyfikator",
    scan_trolley: "Zeskanuj wózek",
    trolley_held_elsewhere: "{trolley} jest pakowany na stanowisku {holder}: zeskanuj inny wózek",
    claiming: "Pobieranie wózka…",
    scan_slot: "Zeskanuj półkę",
    scan_slot_next: "Zeskanuj półkę (następna: {slot})",
    scan_items: "Skanuj produkty zamówienia {order}",
    scan_capture: "Zeskanuj {fields} tej sztuki",
    lot: "partię",
    expiry: "datę ważności",
    serial: "numer seryjny",
    and: "i",
    box_it: "Zapakuj: zeskanuj {box}",
    scan_box: "Zeskanuj użyte opakowanie",
    put_on_scale: "Połóż paczkę na wadze",
    weight_mismatch: "Waga się nie zgadza: sprawdź paczkę i zważ ponownie",
    printing_label: "Drukowanie etykiety…",
    trolley_done: "Wózek gotowy: zwalnianie",
    slots_progress: "{done} / {total} półek",
    in_exception: "{n} w wyjątkach",
    labels_pending: "Etykiety w kolejce: {n}. Wydrukują się po powrocie połączenia",
    suggested: "Sugerowane:",
    expected_g: "Oczekiwane {g} g",
    take_slot: "Weź półkę {slot}",
    take_next_slot: "Weź następną półkę",
    sign_out: "Wyloguj",
    close_parcel: "Zamknij paczkę",
    cancel_unit: "Anuluj sztukę",
    leave_slot: "Zostaw półkę",
    order_to_exception: "Zamówienie do wyjątków",
    use_box: "Użyj {box}",
    back_to_items: "Wróć do produktów",
    weigh_again: "Zważ ponownie",
    short: "Brak",
    damaged: "Uszkodzony",
    supervisor_override: "Kierownik: wybierz powód i zeskanuj swój identyfikator",
    override_reasons: [
        "Dodatkowy materiał wypełniający",
        "Błędna waga produktu w katalogu",
        "Sprawdzone przez kierownika: zawartość poprawna",
    ],
    reprint: "Drukuj etykietę ponownie",
    close_app: "Zamknij aplikację (kierownik)",
    ask_supervisor: "Poproś kierownika przy biurku",
    asked_supervisor: "Wysłano prośbę do kierownika: czekaj albo zważ ponownie",
    action_sheet_title: "Packbench: zeskanuj kod zamiast dotykać ekranu",
    box_reason_prompt: "Dlaczego {box}, a nie sugerowane opakowanie?",
    box_reasons: [
        "Brak sugerowanego opakowania",
        "Produkty wymagają lepszej ochrony",
        "Produkty nie mieszczą się w sugerowanym opakowaniu",
    ],
    refusals: &[
        ("invalid_scan", "Nie przyjęto"),
        ("trolley_unknown", "Nieznany wózek"),
        (
            "trolley_claimed_elsewhere",
            "Wózek zajęty przez inne stanowisko",
        ),
        (
            "backend_unreachable",
            "Brak połączenia z systemem magazynowym",
        ),
        ("backend_rejected", "System magazynowy odmówił"),
        ("storage_failed", "Nie zapisano: wezwij IT"),
        ("device_failed", "Problem z urządzeniem"),
        ("wrong_item", "Zły produkt"),
        ("over_scan", "Za dużo sztuk tego produktu"),
        ("gs1_invalid", "Nieprawidłowy kod GS1"),
        ("item_of_other_order", "Produkt z innego zamówienia"),
        ("expected_trolley", "Zeskanuj wózek"),
        ("expected_slot", "Zeskanuj półkę"),
        ("trolley_in_progress", "Najpierw skończ ten wózek"),
        ("serial_duplicate", "Ten numer seryjny już zeskanowano"),
        ("packaging_reason_required", "Podaj powód innego opakowania"),
    ],
    refused_generic: "Nie przyjęto",
    devices: crate::device_words::PL,
};

pub static RO: Words = Words {
    scan_badge: "Scanați ecusonul",
    scan_trolley: "Scanați un cărucior",
    trolley_held_elsewhere: "{trolley} este ambalat la stația {holder}: scanați alt cărucior",
    claiming: "Se preia căruciorul…",
    scan_slot: "Scanați un compartiment",
    scan_slot_next: "Scanați un compartiment (următorul: {slot})",
    scan_items: "Scanați produsele comenzii {order}",
    scan_capture: "Scanați {fields} acestei bucăți",
    lot: "lotul",
    expiry: "data de expirare",
    serial: "numărul de serie",
    and: "și",
    box_it: "Ambalați: scanați {box}",
    scan_box: "Scanați ambalajul folosit",
    put_on_scale: "Puneți coletul pe cântar",
    weight_mismatch: "Greutatea nu corespunde: verificați coletul și cântăriți din nou",
    printing_label: "Se tipărește eticheta…",
    trolley_done: "Cărucior terminat: se eliberează",
    slots_progress: "{done} / {total} compartimente",
    in_exception: "{n} în excepție",
    labels_pending: "Etichete în așteptare: {n}. Se tipăresc când revine conexiunea",
    suggested: "Sugerat:",
    expected_g: "Așteptat {g} g",
    take_slot: "Luați compartimentul {slot}",
    take_next_slot: "Luați următorul compartiment",
    sign_out: "Deconectare",
    close_parcel: "Închideți coletul",
    cancel_unit: "Anulați bucata",
    leave_slot: "Lăsați compartimentul",
    order_to_exception: "Comanda la excepții",
    use_box: "Folosiți {box}",
    back_to_items: "Înapoi la produse",
    weigh_again: "Cântăriți din nou",
    short: "Lipsă",
    damaged: "Deteriorat",
    supervisor_override: "Supervizor: alegeți motivul, apoi scanați ecusonul",
    override_reasons: [
        "Material de umplutură suplimentar",
        "Greutatea produsului din catalog este greșită",
        "Verificat de supervizor: conținut corect",
    ],
    reprint: "Retipăriți eticheta",
    close_app: "Închideți aplicația (supervizor)",
    ask_supervisor: "Cereți aprobarea supervizorului de la birou",
    asked_supervisor: "Cerere trimisă supervizorului: așteptați sau cântăriți din nou",
    action_sheet_title: "Packbench: scanați un cod în loc să atingeți ecranul",
    box_reason_prompt: "De ce {box} și nu ambalajul sugerat?",
    box_reasons: [
        "Ambalajul sugerat lipsește din stoc",
        "Produsele au nevoie de mai multă protecție",
        "Produsele nu încap în ambalajul sugerat",
    ],
    refusals: &[
        ("invalid_scan", "Neacceptat"),
        ("trolley_unknown", "Cărucior necunoscut"),
        (
            "trolley_claimed_elsewhere",
            "Cărucior preluat de altă stație",
        ),
        (
            "backend_unreachable",
            "Fără conexiune la sistemul depozitului",
        ),
        ("backend_rejected", "Sistemul depozitului a refuzat"),
        ("storage_failed", "Nesalvat: chemați IT"),
        ("device_failed", "Problemă la dispozitiv"),
        ("wrong_item", "Produs greșit"),
        ("over_scan", "Prea multe bucăți din acest produs"),
        ("gs1_invalid", "Cod GS1 nevalid"),
        ("item_of_other_order", "Produs din altă comandă"),
        ("expected_trolley", "Scanați un cărucior"),
        ("expected_slot", "Scanați un compartiment"),
        ("trolley_in_progress", "Terminați întâi acest cărucior"),
        ("serial_duplicate", "Număr de serie deja scanat"),
        (
            "packaging_reason_required",
            "Indicați motivul altui ambalaj",
        ),
    ],
    refused_generic: "Neacceptat",
    devices: crate::device_words::RO,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_refusal_headline() {
        let keys = |w: &Words| w.refusals.iter().map(|(k, _)| *k).collect::<Vec<_>>();
        for lang in [Lang::Pl, Lang::Ro] {
            assert_eq!(keys(lang.words()), keys(&EN), "{}", lang.tag());
        }
    }

    #[test]
    fn placeholders_survive_translation() {
        let probe = |w: &Words| {
            [
                w.trolley_held_elsewhere,
                w.scan_slot_next,
                w.scan_items,
                w.scan_capture,
                w.box_it,
                w.slots_progress,
                w.in_exception,
                w.labels_pending,
                w.expected_g,
                w.take_slot,
                w.use_box,
                w.box_reason_prompt,
            ]
            .map(|t| {
                let mut names: Vec<&str> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .collect();
                names.sort_unstable();
                names
            })
        };
        for lang in [Lang::Pl, Lang::Ro] {
            assert_eq!(probe(lang.words()), probe(&EN), "{}", lang.tag());
        }
    }

    #[test]
    fn languages_come_from_tags_and_refusals_from_codes() {
        assert_eq!(Lang::from_tag("pl-PL"), Lang::Pl);
        assert_eq!(Lang::from_tag("RO"), Lang::Ro);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(fill(PL.take_slot, &[("slot", "07")]), "Weź półkę 07");
        assert_eq!(
            RO.refusal("refused", Some("over_scan")),
            "Prea multe bucăți din acest produs"
        );
        assert_eq!(EN.refusal("trolley_unknown", None), "Unknown trolley");
        assert_eq!(
            EN.refusal("refused", Some("not_a_known_reason")),
            "Not accepted"
        );
        // A device fault: its own line, in the packer's language, with what to do.
        assert_eq!(
            EN.refusal("device_failed", Some("paper_out")),
            "Label printer: out of labels — load a new roll, then scan PB-REPRINT"
        );
        assert_eq!(
            PL.refusal("device_failed", Some("scale_disconnected")),
            "Waga: odłączona — sprawdź kabel; połączy się sama"
        );
        assert!(RO
            .refusal("device_failed", Some("head_open"))
            .starts_with("Imprimanta de etichete: capul este deschis"));
        assert_eq!(
            EN.refusal("device_failed", Some("printer_spool_failed")),
            "Device problem"
        );
    }
}
