//! What a Zebra printer says of its loaded labels, asked with Set-Get-Do `getvar` over the raw
//! TCP port (`! U1 getvar "ezpl.print_width"` answers `"832"`), on a connection of its own:
//! print width, label length and resolution in dots. The codec is pure; [`ask_media`] is the
//! transport.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::uri::{PrinterUri, Transport};

/// The variables asked: print width and label length (dots), and the head's resolution.
pub const PRINT_WIDTH: &str = "ezpl.print_width";
pub const LABEL_LENGTH: &str = "zpl.label_length";
pub const RESOLUTION: &str = "head.resolution.in_dpi";

/// What the printer said; a variable it does not know (an empty or `"?"` answer) is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MediaReport {
    pub print_width_dots: Option<u32>,
    pub label_length_dots: Option<u32>,
    pub dpi: Option<u32>,
}

/// The printer could not be asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SgdError {
    #[error("{uri} is not a raw TCP printer: only a Zebra on tcp://host:9100 is asked its labels")]
    NotRawTcp { uri: String },
    #[error("printer {uri} cannot be reached: {detail}")]
    Unreachable { uri: String, detail: String },
    #[error(
        "printer {uri} did not answer getvar \"{var}\" within {ms} ms (is it a Zebra with SGD?)"
    )]
    NoAnswer { uri: String, var: String, ms: u128 },
}

/// The request for one variable.
pub fn getvar_request(var: &str) -> Vec<u8> {
    format!("! U1 getvar \"{var}\"\r\n").into_bytes()
}

/// The quoted value of a `getvar` answer, once its closing quote has arrived.
pub fn getvar_value(reply: &[u8]) -> Option<String> {
    let open = reply.iter().position(|&b| b == b'"')?;
    let len = reply[open + 1..].iter().position(|&b| b == b'"')?;
    Some(
        String::from_utf8_lossy(&reply[open + 1..open + 1 + len])
            .trim()
            .to_owned(),
    )
}

/// A number of dots (or dpi) from a value; `"?"`, empty or words are unknown.
pub fn dots(value: &str) -> Option<u32> {
    value.parse().ok().filter(|&d| d > 0)
}

fn ask(
    stream: &mut TcpStream,
    uri: &str,
    var: &str,
    timeout: Duration,
) -> Result<String, SgdError> {
    let no_answer = || SgdError::NoAnswer {
        uri: uri.to_owned(),
        var: var.to_owned(),
        ms: timeout.as_millis(),
    };
    stream
        .write_all(&getvar_request(var))
        .map_err(|e| SgdError::Unreachable {
            uri: uri.to_owned(),
            detail: e.to_string(),
        })?;
    let deadline = Instant::now() + timeout;
    let mut reply = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        if let Some(v) = getvar_value(&reply) {
            return Ok(v);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(no_answer());
        }
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return Err(no_answer()),
            Ok(n) => reply.extend_from_slice(&buf[..n]),
        }
    }
}

/// Asks the printer at `uri` (raw TCP) for its print width, label length and resolution.
pub fn ask_media(uri: &str, timeout: Duration) -> Result<MediaReport, SgdError> {
    let parsed = PrinterUri::parse(uri).map_err(|e| SgdError::Unreachable {
        uri: uri.to_owned(),
        detail: e.to_string(),
    })?;
    let Transport::RawTcp { host, port } = &parsed.transport else {
        return Err(SgdError::NotRawTcp {
            uri: uri.to_owned(),
        });
    };
    let unreachable = |detail: String| SgdError::Unreachable {
        uri: uri.to_owned(),
        detail,
    };
    let addr = (host.as_str(), *port)
        .to_socket_addrs()
        .map_err(|e| unreachable(format!("cannot find host {host}: {e}")))?
        .next()
        .ok_or_else(|| unreachable(format!("host {host} has no address")))?;
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| unreachable(e.to_string()))?;
    let width = ask(&mut stream, uri, PRINT_WIDTH, timeout)?;
    let length = ask(&mut stream, uri, LABEL_LENGTH, timeout)?;
    // Older printers do not know this one; it is not needed to compare sizes in dots.
    let dpi = ask(&mut stream, uri, RESOLUTION, timeout).ok();
    Ok(MediaReport {
        print_width_dots: dots(&width),
        label_length_dots: dots(&length),
        dpi: dpi.as_deref().and_then(dots),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_as_the_sgd_manual_writes_them() {
        assert_eq!(
            getvar_request(PRINT_WIDTH),
            b"! U1 getvar \"ezpl.print_width\"\r\n"
        );
        assert_eq!(getvar_value(b"\"832\""), Some("832".into()));
        assert_eq!(getvar_value(b"\"1218\"\r\n"), Some("1218".into()));
        assert_eq!(getvar_value(b"\"83"), None, "half an answer");
        assert_eq!(getvar_value(b"\"?\"").as_deref().and_then(dots), None);
        assert_eq!(getvar_value(b"\"\"").as_deref().and_then(dots), None);
        assert_eq!(dots("203"), Some(203));
    }
}
