//! The station's devices as the devices crate takes them: `[scale]`, `[scanner]` and
//! `[printers]`, each value checked.

use packbench_devices::printer::PrinterUri;
use packbench_devices::scale::{Parity, Protocol, ScaleConfig, SettleRule};
use packbench_devices::scanner::{ScannerConfig, Terminator};
use packbench_labels::{Dpi, Media};

use super::error::ConfigError;
use super::file::{PrintersSection, ScaleSection, ScannerSection};

/// The station's printers, their URIs checked, and the label printer's labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printers {
    pub label: Option<String>,
    pub document: Option<String>,
    /// The labels loaded in the label printer (4x6 in unless `label_media` says otherwise).
    pub label_media: Media,
    /// The label printer's resolution, when the file says it.
    pub label_dpi: Option<Dpi>,
}

/// A serial line's speed, when it is one of the standard rates.
fn standard_baud(baud: u32) -> Result<u32, String> {
    if matches!(
        baud,
        1200 | 2400 | 4800 | 9600 | 19200 | 38400 | 57600 | 115200
    ) {
        Ok(baud)
    } else {
        Err(format!(
            "{baud}: use 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200"
        ))
    }
}

/// The `[scanner]` table as the devices crate's settings, each value checked.
pub(super) fn scanner_config(
    s: &ScannerSection,
    origin: &str,
) -> Result<ScannerConfig, ConfigError> {
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if s.port.trim().is_empty() {
        return Err(bad(
            "scanner.port",
            "empty: give the device path, like /dev/ttyACM0".into(),
        ));
    }
    let mut c = ScannerConfig::new(s.port.clone());
    if let Some(baud) = s.baud {
        c.serial.baud = standard_baud(baud).map_err(|m| bad("scanner.baud", m))?;
    }
    if let Some(t) = &s.terminator {
        c.terminator = match t.to_ascii_lowercase().as_str() {
            "cr" => Terminator::Cr,
            "lf" => Terminator::Lf,
            "crlf" => Terminator::CrLf,
            _ => {
                return Err(bad(
                    "scanner.terminator",
                    format!("\"{t}\": use cr, lf or crlf"),
                ))
            }
        };
    }
    Ok(c)
}

/// The `[scale]` table as the devices crate's settings, each value checked.
pub(super) fn scale_config(s: &ScaleSection, origin: &str) -> Result<ScaleConfig, ConfigError> {
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if s.port.trim().is_empty() {
        return Err(bad(
            "scale.port",
            "empty: give the device path, like /dev/ttyUSB0".into(),
        ));
    }
    let protocol: Protocol = s.protocol.parse().map_err(|_| {
        bad(
            "scale.protocol",
            format!(
                "\"{}\": use mt-sics, nci, toledo-8217 or toledo-continuous",
                s.protocol
            ),
        )
    })?;
    let mut c = ScaleConfig::new(s.port.clone(), protocol);
    if let Some(baud) = s.baud {
        c.serial.baud = standard_baud(baud).map_err(|m| bad("scale.baud", m))?;
    }
    if let Some(bits) = s.data_bits {
        if !(5..=8).contains(&bits) {
            return Err(bad(
                "scale.data_bits",
                format!("{bits}: use 7 or 8 (5 to 8)"),
            ));
        }
        c.serial.data_bits = bits;
    }
    if let Some(p) = &s.parity {
        c.serial.parity = match p.to_ascii_lowercase().as_str() {
            "none" => Parity::None,
            "even" => Parity::Even,
            "odd" => Parity::Odd,
            _ => {
                return Err(bad(
                    "scale.parity",
                    format!("\"{p}\": use none, even or odd"),
                ))
            }
        };
    }
    if let Some(n) = s.settle_readings {
        if !(1..=SettleRule::MAX_READINGS).contains(&n) {
            return Err(bad(
                "scale.settle_readings",
                format!(
                    "{n}: use 1 (the scale's own stability flag) to {}",
                    SettleRule::MAX_READINGS
                ),
            ));
        }
        c.settle.readings = n;
    }
    if let Some(g) = s.settle_band_g {
        if !(1..=1000).contains(&g) {
            return Err(bad(
                "scale.settle_band_g",
                format!("{g}: use 1 to 1000 (grams)"),
            ));
        }
        c.settle.band_g = g;
    }
    Ok(c)
}

/// The `[printers]` table, each URI checked.
pub(super) fn printers(p: Option<&PrintersSection>, origin: &str) -> Result<Printers, ConfigError> {
    let p = p.cloned().unwrap_or_default();
    for (key, uri) in [
        ("printers.label", &p.label),
        ("printers.document", &p.document),
    ] {
        if let Some(uri) = uri {
            PrinterUri::parse(uri).map_err(|e| ConfigError::Value {
                key,
                origin: origin.to_owned(),
                message: format!(
                    "\"{uri}\": {e} (use tcp://host:9100, ipp://host/printers/NAME, cups://QUEUE, serial:///dev/ttyS0 or usblp:///dev/usb/lp0)"
                ),
            })?;
        }
    }
    let label_media = match &p.label_media {
        Some(m) => m.parse::<Media>().map_err(|e| ConfigError::Value {
            key: "printers.label_media",
            origin: origin.to_owned(),
            message: e.to_string(),
        })?,
        None => Media::default(),
    };
    let label_dpi = p
        .label_dpi
        .map(|d| {
            Dpi::try_from(d).map_err(|_| ConfigError::Value {
                key: "printers.label_dpi",
                origin: origin.to_owned(),
                message: format!("{d}: use 203 or 300"),
            })
        })
        .transpose()?;
    Ok(Printers {
        label: p.label,
        document: p.document,
        label_media,
        label_dpi,
    })
}
