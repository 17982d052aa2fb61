//! What a packer reads for each device fault code, in English, Polish and Romanian: the
//! printer's state codes (`paper_out`, `head_open`, `not_answering`...) and the scale's
//! (`scale_disconnected`, `scale_overload`...). Each line says what the device has and what to
//! do; printer lines end in the reprint scan where reprinting is the next step. The codes are
//! the devices crate's, unchanged; `device_words_cover_every_code` keeps the three in step.

/// Every device fault code a packer can meet, for tests and the README's table.
pub const CODES: &[&str] = &[
    "paper_out",
    "ribbon_out",
    "head_open",
    "paused",
    "cutter_fault",
    "head_too_hot",
    "motor_too_hot",
    "media_jam",
    "bad_printhead_element",
    "printhead_not_detected",
    "hardware_fault",
    "corrupt_memory",
    "offline",
    "not_answering",
    "unreachable",
    "scale_disconnected",
    "scale_port_unavailable",
    "scale_no_answer",
    "scale_overload",
    "scale_underload",
    "scale_not_settled",
    "scale_needs_zero",
    "scale_busy",
    "scale_ram_error",
    "scale_eeprom_error",
    "scale_rom_error",
    "scale_calibration_error",
    "scale_initial_zero_error",
    "scale_fault",
    "scale_transmission_error",
    "scale_unreadable",
    "scale_not_understood",
    "scale_cannot_execute",
];

pub static EN: &[(&str, &str)] = &[
    (
        "paper_out",
        "Label printer: out of labels — load a new roll, then scan PB-REPRINT",
    ),
    (
        "ribbon_out",
        "Label printer: out of ribbon — load a new ribbon, close the head, then scan PB-REPRINT",
    ),
    (
        "head_open",
        "Label printer: head open — close it until it clicks, then scan PB-REPRINT",
    ),
    (
        "paused",
        "Label printer: paused — press PAUSE on the printer, then scan PB-REPRINT",
    ),
    (
        "cutter_fault",
        "Label printer: cutter fault — clear the labels from the cutter, then scan PB-REPRINT",
    ),
    (
        "head_too_hot",
        "Label printer: printhead too hot — wait a few minutes, then scan PB-REPRINT",
    ),
    (
        "motor_too_hot",
        "Label printer: motor too hot — wait a few minutes, then scan PB-REPRINT",
    ),
    (
        "media_jam",
        "Label printer: labels jammed — open the head, clear the jam, then scan PB-REPRINT",
    ),
    (
        "bad_printhead_element",
        "Label printer: printhead fault — call IT",
    ),
    (
        "printhead_not_detected",
        "Label printer: printhead not detected — call IT",
    ),
    (
        "hardware_fault",
        "Label printer: hardware fault — switch it off and on; if it stays, call IT",
    ),
    (
        "corrupt_memory",
        "Label printer: memory fault — switch it off and on; if it stays, call IT",
    ),
    (
        "offline",
        "Label printer: offline — check its power and cable",
    ),
    (
        "not_answering",
        "Label printer: not answering — check the printer's display",
    ),
    (
        "unreachable",
        "Label printer: cannot be reached — check its power and cable",
    ),
    (
        "scale_disconnected",
        "Scale: disconnected — check its cable; it reconnects by itself",
    ),
    (
        "scale_port_unavailable",
        "Scale: not connected — check its cable and power",
    ),
    (
        "scale_no_answer",
        "Scale: not answering — check that it is on and plugged in",
    ),
    ("scale_overload", "Scale: overloaded — take the parcel off"),
    (
        "scale_underload",
        "Scale: below zero — clear the platter and zero the scale",
    ),
    (
        "scale_not_settled",
        "Scale: weight not steady — keep the parcel still and weigh again",
    ),
    (
        "scale_needs_zero",
        "Scale: needs zeroing — clear the platter and press ZERO",
    ),
    ("scale_busy", "Scale: busy — wait a moment and weigh again"),
    (
        "scale_ram_error",
        "Scale: memory error — switch it off and on; if it stays, call IT",
    ),
    (
        "scale_eeprom_error",
        "Scale: memory error — switch it off and on; if it stays, call IT",
    ),
    (
        "scale_rom_error",
        "Scale: memory error — switch it off and on; if it stays, call IT",
    ),
    (
        "scale_calibration_error",
        "Scale: calibration faulty — do not weigh on it; call IT",
    ),
    (
        "scale_initial_zero_error",
        "Scale: no zero at start-up — clear the platter, switch it off and on",
    ),
    (
        "scale_fault",
        "Scale: reports a fault — switch it off and on; if it stays, call IT",
    ),
    (
        "scale_transmission_error",
        "Scale: communication error — call IT",
    ),
    ("scale_unreadable", "Scale: communication error — call IT"),
    (
        "scale_not_understood",
        "Scale: communication error — call IT",
    ),
    (
        "scale_cannot_execute",
        "Scale: could not do it — clear the platter and try again",
    ),
];

pub static PL: &[(&str, &str)] = &[
    ("paper_out", "Drukarka etykiet: brak etykiet — załóż nową rolkę, potem zeskanuj PB-REPRINT"),
    ("ribbon_out", "Drukarka etykiet: brak taśmy — załóż nową taśmę, zamknij głowicę, potem zeskanuj PB-REPRINT"),
    ("head_open", "Drukarka etykiet: otwarta głowica — zamknij ją do kliknięcia, potem zeskanuj PB-REPRINT"),
    ("paused", "Drukarka etykiet: wstrzymana — naciśnij PAUSE na drukarce, potem zeskanuj PB-REPRINT"),
    ("cutter_fault", "Drukarka etykiet: błąd obcinacza — usuń etykiety z obcinacza, potem zeskanuj PB-REPRINT"),
    ("head_too_hot", "Drukarka etykiet: przegrzana głowica — odczekaj kilka minut, potem zeskanuj PB-REPRINT"),
    ("motor_too_hot", "Drukarka etykiet: przegrzany silnik — odczekaj kilka minut, potem zeskanuj PB-REPRINT"),
    ("media_jam", "Drukarka etykiet: zacięte etykiety — otwórz głowicę, usuń zacięcie, potem zeskanuj PB-REPRINT"),
    ("bad_printhead_element", "Drukarka etykiet: usterka głowicy — wezwij IT"),
    ("printhead_not_detected", "Drukarka etykiet: nie wykryto głowicy — wezwij IT"),
    ("hardware_fault", "Drukarka etykiet: usterka sprzętu — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("corrupt_memory", "Drukarka etykiet: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("offline", "Drukarka etykiet: offline — sprawdź zasilanie i kabel"),
    ("not_answering", "Drukarka etykiet: nie odpowiada — sprawdź komunikat na jej wyświetlaczu"),
    ("unreachable", "Drukarka etykiet: brak połączenia — sprawdź zasilanie i kabel"),
    ("scale_disconnected", "Waga: odłączona — sprawdź kabel; połączy się sama"),
    ("scale_port_unavailable", "Waga: niepodłączona — sprawdź kabel i zasilanie"),
    ("scale_no_answer", "Waga: nie odpowiada — sprawdź, czy jest włączona i podłączona"),
    ("scale_overload", "Waga: przeciążona — zdejmij paczkę"),
    ("scale_underload", "Waga: poniżej zera — opróżnij szalkę i wyzeruj wagę"),
    ("scale_not_settled", "Waga: waga niestabilna — nie dotykaj paczki i zważ ponownie"),
    ("scale_needs_zero", "Waga: wymaga zerowania — opróżnij szalkę i naciśnij ZERO"),
    ("scale_busy", "Waga: zajęta — poczekaj chwilę i zważ ponownie"),
    ("scale_ram_error", "Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("scale_eeprom_error", "Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("scale_rom_error", "Waga: błąd pamięci — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("scale_calibration_error", "Waga: błędna kalibracja — nie waż na niej; wezwij IT"),
    ("scale_initial_zero_error", "Waga: brak zera przy włączeniu — opróżnij szalkę, wyłącz ją i włącz"),
    ("scale_fault", "Waga: zgłasza usterkę — wyłącz ją i włącz; jeśli nie pomoże, wezwij IT"),
    ("scale_transmission_error", "Waga: błąd komunikacji — wezwij IT"),
    ("scale_unreadable", "Waga: błąd komunikacji — wezwij IT"),
    ("scale_not_understood", "Waga: błąd komunikacji — wezwij IT"),
    ("scale_cannot_execute", "Waga: nie wykonała polecenia — opróżnij szalkę i spróbuj ponownie"),
];

pub static RO: &[(&str, &str)] = &[
    ("paper_out", "Imprimanta de etichete: nu mai are etichete — pune o rolă nouă, apoi scanează PB-REPRINT"),
    ("ribbon_out", "Imprimanta de etichete: nu mai are ribbon — pune un ribbon nou, închide capul, apoi scanează PB-REPRINT"),
    ("head_open", "Imprimanta de etichete: capul este deschis — închide-l până face clic, apoi scanează PB-REPRINT"),
    ("paused", "Imprimanta de etichete: în pauză — apasă PAUSE pe imprimantă, apoi scanează PB-REPRINT"),
    ("cutter_fault", "Imprimanta de etichete: eroare la cuțit — scoate etichetele din cuțit, apoi scanează PB-REPRINT"),
    ("head_too_hot", "Imprimanta de etichete: capul s-a supraîncălzit — așteaptă câteva minute, apoi scanează PB-REPRINT"),
    ("motor_too_hot", "Imprimanta de etichete: motorul s-a supraîncălzit — așteaptă câteva minute, apoi scanează PB-REPRINT"),
    ("media_jam", "Imprimanta de etichete: etichete blocate — deschide capul, scoate blocajul, apoi scanează PB-REPRINT"),
    ("bad_printhead_element", "Imprimanta de etichete: defect la capul de imprimare — cheamă IT"),
    ("printhead_not_detected", "Imprimanta de etichete: capul de imprimare nu este detectat — cheamă IT"),
    ("hardware_fault", "Imprimanta de etichete: defect hardware — oprește-o și pornește-o; dacă persistă, cheamă IT"),
    ("corrupt_memory", "Imprimanta de etichete: eroare de memorie — oprește-o și pornește-o; dacă persistă, cheamă IT"),
    ("offline", "Imprimanta de etichete: offline — verifică alimentarea și cablul"),
    ("not_answering", "Imprimanta de etichete: nu răspunde — verifică mesajul de pe afișajul ei"),
    ("unreachable", "Imprimanta de etichete: nu poate fi contactată — verifică alimentarea și cablul"),
    ("scale_disconnected", "Cântar: deconectat — verifică cablul; se reconectează singur"),
    ("scale_port_unavailable", "Cântar: neconectat — verifică cablul și alimentarea"),
    ("scale_no_answer", "Cântar: nu răspunde — verifică dacă este pornit și conectat"),
    ("scale_overload", "Cântar: supraîncărcat — ia coletul de pe cântar"),
    ("scale_underload", "Cântar: sub zero — golește platanul și adu cântarul la zero"),
    ("scale_not_settled", "Cântar: greutatea nu e stabilă — nu atinge coletul și cântărește din nou"),
    ("scale_needs_zero", "Cântar: trebuie adus la zero — golește platanul și apasă ZERO"),
    ("scale_busy", "Cântar: ocupat — așteaptă puțin și cântărește din nou"),
    ("scale_ram_error", "Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT"),
    ("scale_eeprom_error", "Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT"),
    ("scale_rom_error", "Cântar: eroare de memorie — oprește-l și pornește-l; dacă persistă, cheamă IT"),
    ("scale_calibration_error", "Cântar: calibrare defectă — nu cântări pe el; cheamă IT"),
    ("scale_initial_zero_error", "Cântar: fără zero la pornire — golește platanul, oprește-l și pornește-l"),
    ("scale_fault", "Cântar: raportează un defect — oprește-l și pornește-l; dacă persistă, cheamă IT"),
    ("scale_transmission_error", "Cântar: eroare de comunicare — cheamă IT"),
    ("scale_unreadable", "Cântar: eroare de comunicare — cheamă IT"),
    ("scale_not_understood", "Cântar: eroare de comunicare — cheamă IT"),
    ("scale_cannot_execute", "Cântar: nu a executat comanda — golește platanul și încearcă din nou"),
];

/// The packer's line for a device fault code in a language's table.
pub fn lookup(table: &'static [(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == code).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::REPRINT;

    #[test]
    fn device_words_cover_every_code() {
        for (lang, table) in [("en", EN), ("pl", PL), ("ro", RO)] {
            let codes: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            assert_eq!(codes, CODES, "{lang}");
            for (code, line) in table.iter() {
                // Where a reprint is the next step, the scan is named as the station reads it.
                if line.contains("PB-REPRINT") {
                    assert!(line.ends_with(REPRINT), "{lang} {code}");
                }
                assert!(line.contains(" — "), "{lang} {code}: what, then what to do");
            }
        }
    }
}
