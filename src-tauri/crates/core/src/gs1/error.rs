//! Why a scan is not valid GS1 data: a stable snake_case code, the AI, its value and the
//! position in the scan, and a message naming the rule broken, worded in English, Polish or
//! Romanian (`(17) 251399: month 13 does not exist`).

use super::linters::Rule;

/// What is wrong with a GS1 Digital Link URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DlProblem {
    /// Not `http://`/`https://` in lower or upper case.
    Scheme,
    Domain,
    /// A character no URI may hold.
    Character,
    /// A percent escape that is malformed or decodes to NUL.
    Escape,
    /// No primary key (like `/01/<GTIN>`) in the path, or the path ends in `/`.
    NoKey,
    /// Path qualifiers out of the order the key allows (e.g. `/01/../10/../22/..`).
    Qualifiers,
    /// A query parameter that is a key qualifier or not a data attribute.
    Attribute,
}

/// The kind of problem; `Gs1Error::code` gives its stable name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gs1ErrorKind {
    Empty,
    /// A barcode without GS1 data (plain QR/DataMatrix text, another symbology).
    NotGs1,
    /// An AIM symbology identifier the station does not know.
    UnknownSymbology(String),
    /// Bytes that are not text (not UTF-8).
    NotText,
    UnknownAi,
    /// The bracketed form `(01)...(10)...` is broken (no AI, unclosed bracket).
    Malformed,
    EmptyValue,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    Rule(Rule),
    /// The same AI twice with different values.
    Repeated {
        other: String,
    },
    /// Two AIs that may not appear together.
    Exclusive {
        other: String,
    },
    /// An AI that needs others (`req=`): the alternatives, like "(01) or (02)".
    Requires {
        wanted: String,
    },
    DigitalLink(DlProblem),
}

/// A refusal of a scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gs1Error {
    pub kind: Gs1ErrorKind,
    /// The AI concerned, when there is one (digits as scanned).
    pub ai: Option<String>,
    /// Its value as scanned (possibly cut short where the scan ended).
    pub value: Option<String>,
    /// Character offset in the scan where the problem is (0-based).
    pub pos: usize,
}

impl Gs1Error {
    pub fn new(kind: Gs1ErrorKind, pos: usize) -> Self {
        Gs1Error {
            kind,
            ai: None,
            value: None,
            pos,
        }
    }

    pub fn at_ai(kind: Gs1ErrorKind, ai: &str, value: &str, pos: usize) -> Self {
        Gs1Error {
            kind,
            ai: Some(ai.to_owned()),
            value: Some(value.to_owned()),
            pos,
        }
    }

    /// The stable code (never renamed: the CLI's JSON and the logs carry it).
    pub fn code(&self) -> &'static str {
        use Gs1ErrorKind as K;
        match &self.kind {
            K::Empty => "gs1_empty",
            K::NotGs1 => "gs1_not_gs1",
            K::UnknownSymbology(_) => "gs1_unknown_symbology",
            K::NotText => "gs1_not_text",
            K::UnknownAi => "gs1_unknown_ai",
            K::Malformed => "gs1_malformed",
            K::EmptyValue => "gs1_value_empty",
            K::TooShort { .. } => "gs1_value_too_short",
            K::TooLong { .. } => "gs1_value_too_long",
            K::Repeated { .. } => "gs1_ai_repeated",
            K::Exclusive { .. } => "gs1_ai_exclusive",
            K::Requires { .. } => "gs1_ai_requires",
            K::DigitalLink(p) => match p {
                DlProblem::Scheme => "gs1_dl_scheme",
                DlProblem::Domain => "gs1_dl_domain",
                DlProblem::Character => "gs1_dl_character",
                DlProblem::Escape => "gs1_dl_escape",
                DlProblem::NoKey => "gs1_dl_no_key",
                DlProblem::Qualifiers => "gs1_dl_qualifiers",
                DlProblem::Attribute => "gs1_dl_attribute",
            },
            K::Rule(r) => match r {
                Rule::NotDigit => "gs1_not_numeric",
                Rule::NotCset82 | Rule::NotCset39 | Rule::NotCset64 => "gs1_bad_character",
                Rule::Cset64Padding => "gs1_bad_padding",
                Rule::CheckDigit => "gs1_check_digit",
                Rule::CheckPair | Rule::TooShortForCheckPair => "gs1_check_pair",
                Rule::CompanyPrefix => "gs1_company_prefix",
                Rule::Month(_) => "gs1_date_month",
                Rule::Day { .. } => "gs1_date_day",
                Rule::Hour(_) | Rule::Minute(_) | Rule::Second(_) => "gs1_time",
                Rule::Country => "gs1_country_code",
                Rule::Currency => "gs1_currency_code",
                Rule::CodeNotAllowed => "gs1_code_not_allowed",
                Rule::Iban => "gs1_iban",
                Rule::PercentEscape => "gs1_percent_escape",
                Rule::Coupon => "gs1_coupon",
                Rule::PieceOfTotal => "gs1_piece_of_total",
                Rule::ZeroNotAllowed => "gs1_zero",
                Rule::MustBeZero => "gs1_not_zero",
                Rule::ZeroPrefix => "gs1_zero_prefix",
                Rule::NeedsNonDigit => "gs1_needs_letter",
                Rule::OutOfRange => "gs1_out_of_range",
            },
        }
    }

    /// The message in a language by BCP 47 tag (`en`, `pl`, `ro`; anything else is English).
    pub fn message_in(&self, lang: &str) -> String {
        let l = match lang.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("pl") => 1,
            Some("ro") => 2,
            _ => 0,
        };
        let rule = fill(pick(self.rule_words(), l), &self.args());
        let mut out = match (&self.ai, &self.value) {
            (Some(ai), Some(v)) if !v.is_empty() => format!("({ai}) {v}: {rule}"),
            (Some(ai), _) => format!("({ai}): {rule}"),
            _ => rule,
        };
        out += &fill(
            pick(
                (
                    " (character {n} of the scan)",
                    " (znak {n} skanu)",
                    " (caracterul {n} al scanării)",
                ),
                l,
            ),
            &[("n", (self.pos + 1).to_string())],
        );
        out
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        use Gs1ErrorKind as K;
        let mut a = Vec::new();
        match &self.kind {
            K::UnknownSymbology(s) => a.push(("id", s.clone())),
            K::TooShort { min } => a.push(("n", min.to_string())),
            K::TooLong { max } => a.push(("n", max.to_string())),
            K::Repeated { other } => a.push(("other", other.clone())),
            K::Exclusive { other } => a.push(("other", other.clone())),
            K::Requires { wanted } => a.push(("other", wanted.clone())),
            K::Rule(Rule::Month(m)) => a.push(("n", m.to_string())),
            K::Rule(Rule::Day { day, month }) => {
                a.push(("n", day.to_string()));
                a.push(("m", month.to_string()));
            }
            K::Rule(Rule::Hour(n) | Rule::Minute(n) | Rule::Second(n)) => {
                a.push(("n", n.to_string()))
            }
            _ => {}
        }
        a
    }

    /// The rule's words (en, pl, ro) with `{placeholders}`.
    fn rule_words(&self) -> (&'static str, &'static str, &'static str) {
        use Gs1ErrorKind as K;
        match &self.kind {
            K::Empty => ("the scan holds no data", "skan nie zawiera danych", "scanarea nu conține date"),
            K::NotGs1 => ("this barcode carries no GS1 data", "ten kod nie zawiera danych GS1", "acest cod nu conține date GS1"),
            K::UnknownSymbology(_) => ("unknown symbology identifier {id}: check the scanner's settings", "nieznany identyfikator symboliki {id}: sprawdź ustawienia skanera", "identificator de simbologie necunoscut {id}: verificați setările scanerului"),
            K::NotText => ("the scan holds bytes that are not text: check the scanner's settings", "skan zawiera bajty, które nie są tekstem: sprawdź ustawienia skanera", "scanarea conține octeți care nu sunt text: verificați setările scanerului"),
            K::UnknownAi => ("no GS1 application identifier starts here", "tu nie zaczyna się żaden identyfikator zastosowania GS1", "aici nu începe niciun identificator de aplicație GS1"),
            K::Malformed => ("the bracketed GS1 text is malformed", "tekst GS1 w nawiasach jest zniekształcony", "textul GS1 între paranteze este deformat"),
            K::EmptyValue => ("the field is empty", "pole jest puste", "câmpul este gol"),
            K::TooShort { .. } => ("too short: at least {n} characters needed", "za krótkie: potrzeba co najmniej {n} znaków", "prea scurt: sunt necesare cel puțin {n} caractere"),
            K::TooLong { .. } => ("too long: at most {n} characters allowed", "za długie: dozwolone najwyżej {n} znaków", "prea lung: sunt permise cel mult {n} caractere"),
            K::Repeated { .. } => ("appears again with another value ({other})", "występuje ponownie z inną wartością ({other})", "apare din nou cu altă valoare ({other})"),
            K::Exclusive { .. } => ("may not appear together with ({other})", "nie może występować razem z ({other})", "nu poate apărea împreună cu ({other})"),
            K::Requires { .. } => ("needs {other} in the same code", "wymaga {other} w tym samym kodzie", "necesită {other} în același cod"),
            K::DigitalLink(p) => match p {
                DlProblem::Scheme => ("a GS1 Digital Link starts with http:// or https:// (all lower or all upper case)", "GS1 Digital Link zaczyna się od http:// lub https:// (małymi albo wielkimi literami)", "un GS1 Digital Link începe cu http:// sau https:// (numai litere mici sau numai mari)"),
                DlProblem::Domain => ("the web address has no valid domain", "adres nie ma poprawnej domeny", "adresa nu are un domeniu valid"),
                DlProblem::Character => ("the web address holds a character no URI may hold", "adres zawiera znak niedozwolony w URI", "adresa conține un caracter nepermis într-un URI"),
                DlProblem::Escape => ("a percent escape is malformed", "błędna sekwencja procentowa", "o secvență procentuală este greșită"),
                DlProblem::NoKey => ("the web address holds no GS1 primary key (like /01/ and a GTIN)", "adres nie zawiera klucza GS1 (np. /01/ i GTIN)", "adresa nu conține o cheie GS1 (de ex. /01/ și un GTIN)"),
                DlProblem::Qualifiers => ("key qualifiers in the path are not allowed in this order", "kwalifikatory klucza w ścieżce są w niedozwolonej kolejności", "calificativele cheii din cale nu sunt permise în această ordine"),
                DlProblem::Attribute => ("not allowed as a query parameter of this Digital Link", "niedozwolone jako parametr zapytania tego Digital Link", "nepermis ca parametru de interogare al acestui Digital Link"),
            },
            K::Rule(r) => match r {
                Rule::NotDigit => ("digits only", "tylko cyfry", "numai cifre"),
                Rule::NotCset82 => ("a character GS1 does not allow (character set 82)", "znak niedozwolony przez GS1 (zestaw 82)", "un caracter nepermis de GS1 (setul 82)"),
                Rule::NotCset39 => ("a character GS1 does not allow here (character set 39: A-Z, 0-9, # - /)", "znak niedozwolony tutaj (zestaw 39: A-Z, 0-9, # - /)", "un caracter nepermis aici (setul 39: A-Z, 0-9, # - /)"),
                Rule::NotCset64 => ("a character GS1 does not allow here (character set 64)", "znak niedozwolony tutaj (zestaw 64)", "un caracter nepermis aici (setul 64)"),
                Rule::Cset64Padding => ("wrong '=' padding", "błędne dopełnienie '='", "completare '=' greșită"),
                Rule::CheckDigit => ("wrong check digit", "błędna cyfra kontrolna", "cifră de control greșită"),
                Rule::CheckPair | Rule::TooShortForCheckPair => ("wrong check character pair", "błędna para znaków kontrolnych", "pereche de caractere de control greșită"),
                Rule::CompanyPrefix => ("does not start with a GS1 company prefix", "nie zaczyna się prefiksem firmy GS1", "nu începe cu un prefix de companie GS1"),
                Rule::Month(_) => ("month {n} does not exist", "miesiąc {n} nie istnieje", "luna {n} nu există"),
                Rule::Day { .. } => ("day {n} does not exist in month {m}", "dzień {n} nie istnieje w miesiącu {m}", "ziua {n} nu există în luna {m}"),
                Rule::Hour(_) => ("hour {n} does not exist", "godzina {n} nie istnieje", "ora {n} nu există"),
                Rule::Minute(_) => ("minute {n} does not exist", "minuta {n} nie istnieje", "minutul {n} nu există"),
                Rule::Second(_) => ("second {n} does not exist", "sekunda {n} nie istnieje", "secunda {n} nu există"),
                Rule::Country => ("not an ISO 3166 country code", "to nie jest kod kraju ISO 3166", "nu este un cod de țară ISO 3166"),
                Rule::Currency => ("not an ISO 4217 currency code", "to nie jest kod waluty ISO 4217", "nu este un cod de monedă ISO 4217"),
                Rule::CodeNotAllowed => ("a code value GS1 does not allow", "wartość kodu niedozwolona przez GS1", "o valoare de cod nepermisă de GS1"),
                Rule::Iban => ("not a valid IBAN", "to nie jest poprawny IBAN", "nu este un IBAN valid"),
                Rule::PercentEscape => ("a malformed percent escape", "błędna sekwencja procentowa", "o secvență procentuală greșită"),
                Rule::Coupon => ("not a valid coupon code", "to nie jest poprawny kod kuponu", "nu este un cod de cupon valid"),
                Rule::PieceOfTotal => ("the piece number is zero or exceeds the total", "numer części jest zerem lub przekracza sumę", "numărul piesei este zero sau depășește totalul"),
                Rule::ZeroNotAllowed => ("may not be zero", "nie może być zerem", "nu poate fi zero"),
                Rule::MustBeZero => ("must be zero", "musi być zerem", "trebuie să fie zero"),
                Rule::ZeroPrefix => ("may not start with 0", "nie może zaczynać się od 0", "nu poate începe cu 0"),
                Rule::NeedsNonDigit => ("must hold a character other than a digit", "musi zawierać znak inny niż cyfra", "trebuie să conțină un caracter care nu e cifră"),
                Rule::OutOfRange => ("out of the range GS1 allows", "poza zakresem dozwolonym przez GS1", "în afara intervalului permis de GS1"),
            },
        }
    }
}

fn pick(words: (&'static str, &'static str, &'static str), l: u8) -> &'static str {
    match l {
        1 => words.1,
        2 => words.2,
        _ => words.0,
    }
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut s = template.to_owned();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

impl std::fmt::Display for Gs1Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_in("en"))
    }
}

impl std::error::Error for Gs1Error {}
