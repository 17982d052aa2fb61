//! Printer addresses as the station config writes them, parsed and checked before any I/O:
//! `tcp://HOST[:9100]`, `ipp://HOST[:631]/printers/QUEUE`, `cups://QUEUE`,
//! `serial:///dev/ttyUSB0?baud=9600`, `usblp:///dev/usb/lp0`, each with optional settings.

use crate::printer::PrinterError;
use std::fmt;
use std::time::Duration;

/// Baud rates a serial printer may be set to.
pub const BAUD_RATES: [u32; 9] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

/// How to reach the printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// Raw JetDirect: one connection is one job.
    RawTcp {
        host: String,
        port: u16,
    },
    /// An IPP printer or CUPS queue at an explicit server.
    Ipp {
        host: String,
        port: u16,
        path: String,
    },
    /// A CUPS queue on `CUPS_SERVER` (or localhost:631), resolved when opened.
    Cups {
        queue: String,
    },
    Serial {
        path: String,
        baud: u32,
    },
    UsbLp {
        path: String,
    },
}

/// Settings any printer URI may carry in its query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `connect_timeout_ms`: opening the connection or device.
    pub connect_timeout: Duration,
    /// `timeout_ms`: writing the job (and, over IPP, each request).
    pub io_timeout: Duration,
    /// `status_timeout_ms`: the reply to a status request.
    pub status_timeout: Duration,
    /// `status=off`: no status request before a job (a printer that does not speak `~HS`).
    pub check_status: bool,
    /// `waiteof=false`: over raw TCP, do not wait for the printer to close the connection
    /// after the job (as in CUPS's socket backend, waiting is the default).
    pub wait_eof: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(3),
            io_timeout: Duration::from_secs(10),
            status_timeout: Duration::from_secs(2),
            check_status: true,
            wait_eof: true,
        }
    }
}

/// A parsed, validated printer address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterUri {
    raw: String,
    pub transport: Transport,
    pub options: Options,
}

impl fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl std::str::FromStr for PrinterUri {
    type Err = PrinterError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PrinterUri::parse(s)
    }
}

impl PrinterUri {
    /// The address as written in the config.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn parse(input: &str) -> Result<PrinterUri, PrinterError> {
        let raw = input.trim();
        let bad = |reason: String| PrinterError::InvalidUri {
            uri: raw.to_string(),
            reason,
        };
        if raw.is_empty() {
            return Err(bad("it is empty".into()));
        }
        let (scheme, rest) = raw.split_once("://").ok_or_else(|| {
            bad(
                "it has no scheme: write tcp://, ipp://, cups://, serial:// or usblp:// first"
                    .into(),
            )
        })?;
        let (target, query) = match rest.split_once('?') {
            Some((t, q)) => (t, Some(q)),
            None => (rest, None),
        };
        if target.contains('#') {
            return Err(bad("a printer address cannot contain '#'".into()));
        }
        let scheme = scheme.to_ascii_lowercase();
        let mut options = Options::default();
        let mut baud: Option<u32> = None;
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                bad(format!(
                    "setting \"{pair}\" has no value (write {pair}=...)"
                ))
            })?;
            let ms = |value: &str| -> Result<Duration, PrinterError> {
                match value.parse::<u64>() {
                    Ok(n) if (1..=600_000).contains(&n) => Ok(Duration::from_millis(n)),
                    _ => Err(bad(format!(
                        "{key}={value} is not a time in milliseconds between 1 and 600000"
                    ))),
                }
            };
            let flag = |value: &str| -> Result<bool, PrinterError> {
                match value.to_ascii_lowercase().as_str() {
                    "on" | "true" | "yes" | "1" => Ok(true),
                    "off" | "false" | "no" | "0" => Ok(false),
                    _ => Err(bad(format!("{key}={value} must be on or off"))),
                }
            };
            match key {
                "connect_timeout_ms" => options.connect_timeout = ms(value)?,
                "timeout_ms" => options.io_timeout = ms(value)?,
                "status_timeout_ms" => options.status_timeout = ms(value)?,
                "status" => options.check_status = flag(value)?,
                "waiteof" if scheme == "tcp" => options.wait_eof = flag(value)?,
                "baud" if scheme == "serial" => {
                    let b = value
                        .parse::<u32>()
                        .ok()
                        .filter(|b| BAUD_RATES.contains(b))
                        .ok_or_else(|| {
                            bad(format!(
                                "baud={value} is not a serial speed (use one of {})",
                                BAUD_RATES.map(|b| b.to_string()).join(", ")
                            ))
                        })?;
                    baud = Some(b);
                }
                _ => {
                    return Err(bad(format!(
                        "unknown setting \"{key}\" for a {scheme}:// printer"
                    )))
                }
            }
        }
        let transport = match scheme.as_str() {
            "tcp" => {
                let authority = target.trim_end_matches('/');
                if authority.contains('/') {
                    return Err(bad("a tcp:// printer has no path: write tcp://HOST:9100".into()));
                }
                let (host, port) = host_port(authority, 9100).map_err(bad)?;
                Transport::RawTcp { host, port }
            }
            "ipp" | "http" => {
                let (authority, path) = match target.find('/') {
                    Some(i) => (&target[..i], &target[i..]),
                    None => (target, ""),
                };
                let (host, port) = host_port(authority, 631).map_err(bad)?;
                if path.trim_matches('/').is_empty() {
                    return Err(bad(
                        "the queue is missing: write ipp://HOST:631/printers/QUEUE".into(),
                    ));
                }
                if path.chars().any(|c| c.is_whitespace()) {
                    return Err(bad("the queue path contains spaces".into()));
                }
                Transport::Ipp {
                    host,
                    port,
                    path: path.to_string(),
                }
            }
            "ipps" | "https" => {
                return Err(bad(
                    "encrypted IPP (ipps://) is not supported: use ipp:// to a local CUPS".into(),
                ))
            }
            "cups" => {
                let queue = target.trim_end_matches('/');
                if queue.is_empty() {
                    return Err(bad("the queue name is missing: write cups://QUEUE".into()));
                }
                if queue.contains('/') {
                    return Err(bad(format!(
                        "\"{queue}\" is not a queue name: cups:// takes the queue only (the server comes from CUPS_SERVER); for another server write ipp://HOST:631/printers/QUEUE"
                    )));
                }
                if let Some(c) = queue.chars().find(|c| c.is_whitespace() || c.is_control()) {
                    return Err(bad(format!(
                        "the queue name contains {c:?}, which CUPS does not allow"
                    )));
                }
                Transport::Cups {
                    queue: queue.to_string(),
                }
            }
            "serial" => {
                let path = device_path(target, "serial:///dev/ttyUSB0?baud=9600").map_err(bad)?;
                Transport::Serial {
                    path,
                    baud: baud.unwrap_or(9600),
                }
            }
            "usblp" => {
                let path = device_path(target, "usblp:///dev/usb/lp0").map_err(bad)?;
                Transport::UsbLp { path }
            }
            other => {
                return Err(bad(format!(
                    "\"{other}://\" is not a printer connection Packbench knows (tcp, ipp, cups, serial, usblp)"
                )))
            }
        };
        Ok(PrinterUri {
            raw: raw.to_string(),
            transport,
            options,
        })
    }
}

/// `HOST[:PORT]`, `[v6][:PORT]`.
fn host_port(authority: &str, default_port: u16) -> Result<(String, u16), String> {
    if authority.is_empty() {
        return Err("the host is missing".into());
    }
    if authority.contains('@') {
        return Err("user names and passwords do not belong in a printer address".into());
    }
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| "an IPv6 address lacks its closing ']'".to_string())?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| format!("unexpected \"{p}\" after the IPv6 address"))?,
            ),
        };
        (host, port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("the host is missing".into());
    }
    if host.contains(':') && !authority.starts_with('[') {
        return Err("write an IPv6 address in brackets: [::1]:9100".into());
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':')))
    {
        return Err(format!("the host \"{host}\" contains {c:?}"));
    }
    let port = match port {
        None => default_port,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => n,
            _ => return Err(format!("the port \"{p}\" is not a number from 1 to 65535")),
        },
    };
    Ok((host.to_string(), port))
}

fn device_path(target: &str, example: &str) -> Result<String, String> {
    if target.is_empty() {
        return Err(format!("the device path is missing: write {example}"));
    }
    if !target.starts_with('/') {
        return Err(format!(
            "the device path must be absolute (three slashes): write {example}"
        ));
    }
    if target.ends_with('/') {
        return Err("the device path names a directory".into());
    }
    Ok(target.to_string())
}
