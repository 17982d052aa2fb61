//! The demo addresses and messages: a customer's ship-to address in Poland, Romania, the UK or
//! Germany and an occasional gift message, each the same for the same order id; and the sender.

use packbench_labels::Address;

use super::rng::rng_for;

/// (first names, last names, streets, (postal code, city), country, phone prefix) per country.
type Country = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

const COUNTRIES: &[Country] = &[
    (
        &[
            "Agnieszka",
            "Paweł",
            "Joanna",
            "Krzysztof",
            "Monika",
            "Marek",
        ],
        &[
            "Lewandowska",
            "Kamiński",
            "Dąbrowska",
            "Zieliński",
            "Szymańska",
            "Woźniak",
        ],
        &[
            "ul. Marszałkowska",
            "ul. Piotrkowska",
            "ul. Długa",
            "al. Jana Pawła II",
            "ul. Floriańska",
        ],
        &[
            ("00-950", "Warszawa"),
            ("90-001", "Łódź"),
            ("80-831", "Gdańsk"),
            ("31-042", "Kraków"),
            ("50-101", "Wrocław"),
        ],
        "PL",
        "+48",
    ),
    (
        &["Andreea", "Radu", "Cristina", "Bogdan", "Ioana", "Vlad"],
        &[
            "Popa",
            "Constantinescu",
            "Marin",
            "Stoica",
            "Munteanu",
            "Dobre",
        ],
        &[
            "Strada Lipscani",
            "Bulevardul Unirii",
            "Strada Memorandumului",
            "Calea Victoriei",
        ],
        &[
            ("030167", "București"),
            ("400114", "Cluj-Napoca"),
            ("300085", "Timișoara"),
            ("700259", "Iași"),
        ],
        "RO",
        "+40",
    ),
    (
        &["Olivia", "Harry", "Amelia", "George", "Isla", "Oliver"],
        &["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans"],
        &[
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
            "Park Avenue",
        ],
        &[
            ("M1 1AE", "Manchester"),
            ("LS1 4DY", "Leeds"),
            ("BS1 5TR", "Bristol"),
            ("EH1 1YZ", "Edinburgh"),
            ("SW1A 1AA", "London"),
        ],
        "GB",
        "+44",
    ),
    (
        &["Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas"],
        &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
        ],
        &[
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenweg",
            "Schillerstraße",
            "Lindenallee",
        ],
        &[
            ("10115", "Berlin"),
            ("80331", "München"),
            ("50667", "Köln"),
            ("20095", "Hamburg"),
        ],
        "DE",
        "+49",
    ),
];

/// The demo ship-to address of an order: a plausible customer in Poland, Romania, the UK or
/// Germany, the same for the same order id.
pub fn ship_to(order_id: &str) -> Address {
    let mut rng = rng_for("ship-to", order_id);
    let &(firsts, lasts, streets, cities, country, phone) = rng.pick(COUNTRIES);
    let (postal_code, city) = *rng.pick(cities);
    let street = rng.pick(streets);
    let number = rng.range(1, 180);
    let street_line = if country == "GB" {
        format!("{number} {street}")
    } else {
        format!("{street} {number}")
    };
    let mut street_lines = vec![street_line];
    if rng.chance(30) {
        street_lines.push(if country == "GB" {
            format!("Flat {}", rng.range(1, 40))
        } else {
            format!("m. {}", rng.range(1, 40))
        });
    }
    Address {
        name: format!("{} {}", rng.pick(firsts), rng.pick(lasts)),
        company: rng.chance(10).then(|| "c/o Reception".to_owned()),
        street_lines,
        postal_code: postal_code.into(),
        city: city.into(),
        country_code: country.into(),
        phone: Some(format!("{phone} {}", rng.range(500_000_000, 799_999_999))),
    }
}

const GIFT_MESSAGES: &[&str] = &[
    "Happy birthday! With love, Mum and Dad",
    "Wesołych Świąt! Ściskam, Ola",
    "La mulți ani! Cu drag, Irina",
    "Congratulations on the new job - Sam",
    "Merry Christmas from all of us x",
];

/// The gift message of an order, on about one order in eight.
pub fn gift_message(order_id: &str) -> Option<String> {
    let mut rng = rng_for("gift", order_id);
    rng.chance(12)
        .then(|| (*rng.pick(GIFT_MESSAGES)).to_owned())
}

/// Who ships: the warehouse, on behalf of the client brand.
pub fn sender(client_name: &str) -> Address {
    Address {
        name: client_name.to_owned(),
        company: Some("c/o Packbench Fulfilment".into()),
        street_lines: vec!["ul. Logistyczna 12".into(), "Hala B".into()],
        postal_code: "05-850".into(),
        city: "Ożarów Mazowiecki".into(),
        country_code: "PL".into(),
        phone: Some("+48 22 100 20 30".into()),
    }
}
