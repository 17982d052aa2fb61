//! The HTTP transport under every backend call: one request with the station's token and
//! headers, bounded in time and size, retried with backoff and jitter only when safe to repeat,
//! and every failure turned into a [`BackendError`] the packer can act on.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use packbench_core::{Manifest, TrolleyCode};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::instrument;

use super::HttpBackend;
use crate::contract::{self, codes, ApiError};
use crate::ports::BackendError;

/// Answers larger than this are refused: a manifest of 24 slots is a few hundred kilobytes.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// For calls without a body.
pub(super) const NO_BODY: Option<&()> = None;

/// How transient failures of repeatable requests are retried: at most `max_attempts` tries in
/// all, waiting a random time in `[0, min(max_delay, base_delay * 2^(n-1))]` before try n+1
/// ("full jitter", so stations that lost the backend together do not return in step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The ceiling of the wait after failed try `attempt` (1-based).
    pub fn delay_cap(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        exp.min(self.max_delay)
    }

    /// The wait after failed try `attempt`, `unit` in [0, 1] choosing within the cap.
    pub fn delay(&self, attempt: u32, unit: f64) -> Duration {
        self.delay_cap(attempt).mul_f64(unit.clamp(0.0, 1.0))
    }
}

/// A uniform number in [0, 1] from the process's random hasher keys (no RNG crate needed).
fn jitter_unit() -> f64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(crate::clock::now_ms() as u64);
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether a failed request may be tried again: it is safe to repeat and the failure may pass.
fn is_transient(outcome: &Result<Answer, BackendError>) -> bool {
    match outcome {
        Err(BackendError::Unreachable(_) | BackendError::Busy { .. }) => true,
        Err(_) => false,
        Ok(a) => is_passing(a.status),
    }
}

/// Statuses that say "not now" rather than "no": server errors, 408 and 429.
fn is_passing(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
}

/// The longest `Retry-After` the station honours; a longer one is read as this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(15 * 60);

/// How much of an unreadable answer's body is kept in the message for the supervisor.
const BODY_EXCERPT_CHARS: usize = 120;

/// One HTTP answer, as much of it as the station reads.
pub(super) struct Answer {
    pub(super) status: StatusCode,
    pub(super) body: Vec<u8>,
    /// `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), capped.
    retry_after: Option<Duration>,
    /// `Location` of a redirect (the backend client follows none).
    location: Option<String>,
    content_type: Option<String>,
}

impl Answer {
    /// The answer of a successful call, read as `T`. An answer that does not parse is not a
    /// passing failure: the same request would get the same answer.
    pub(super) fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, BackendError> {
        serde_json::from_slice(&self.body).map_err(|e| {
            BackendError::InvalidResponse(format!(
                "{what} answered HTTP {} with a body that is not the expected JSON ({e}){}",
                self.status.as_u16(),
                self.described_body()
            ))
        })
    }

    /// The error an unsuccessful answer means.
    pub(super) fn error(&self) -> BackendError {
        let status = self.status;
        if let Some(wait) = self.retry_after.filter(|_| is_passing(status)) {
            return BackendError::Busy {
                status: status.as_u16(),
                retry_after_ms: wait.as_millis() as u64,
            };
        }
        if status.is_redirection() {
            return BackendError::InvalidResponse(format!(
                "HTTP {} redirect to {} (a proxy's sign-in page?): the backend URL must reach the API itself",
                status.as_u16(),
                self.location.as_deref().unwrap_or("nowhere")
            ));
        }
        let Ok(api) = serde_json::from_slice::<ApiError>(&self.body) else {
            return if is_passing(status) {
                BackendError::Unreachable(format!("HTTP {}", status.as_u16()))
            } else {
                BackendError::InvalidResponse(format!(
                    "HTTP {} without an error body{}",
                    status.as_u16(),
                    self.described_body()
                ))
            };
        };
        match api.code.as_str() {
            codes::TROLLEY_UNKNOWN => BackendError::TrolleyUnknown(api.message),
            codes::TROLLEY_CLAIMED => BackendError::TrolleyClaimed {
                trolley: api.message,
                holder: api.holder.unwrap_or_else(|| "another station".to_owned()),
            },
            _ => BackendError::Rejected {
                status: status.as_u16(),
                code: api.code,
                message: api.message,
            },
        }
    }

    /// "; content-type text/html; the answer began: <html>…", printable and short.
    fn described_body(&self) -> String {
        let mut out = String::new();
        if let Some(ct) = &self.content_type {
            out.push_str(&format!("; content-type {ct}"));
        }
        let text = String::from_utf8_lossy(&self.body);
        let excerpt: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(BODY_EXCERPT_CHARS)
            .collect();
        if excerpt.trim().is_empty() {
            out.push_str("; the answer was empty");
        } else {
            let more = if text.chars().count() > BODY_EXCERPT_CHARS {
                "…"
            } else {
                ""
            };
            out.push_str(&format!("; the answer began: {}{more}", excerpt.trim()));
        }
        out
    }
}

/// `Retry-After` as delay-seconds or an HTTP-date (then measured from now), capped.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    let wait = match v.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => httpdate::parse_http_date(v)
            .ok()?
            .duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

#[derive(Default, Clone, Copy)]
pub(super) struct Extra<'a> {
    pub(super) idempotency_key: Option<&'a str>,
    pub(super) session: Option<&'a str>,
}

impl<'a> Extra<'a> {
    pub(super) fn key(k: &'a str) -> Self {
        Extra {
            idempotency_key: Some(k),
            session: None,
        }
    }
    pub(super) fn session(s: &'a str) -> Self {
        Extra {
            idempotency_key: None,
            session: Some(s),
        }
    }
}

impl HttpBackend {
    pub(super) async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        extra: Extra<'_>,
    ) -> Result<T, BackendError> {
        let body = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| BackendError::InvalidResponse(format!("request not serialisable: {e}")))?;
        let answer = self.send(method, path, body, extra).await?;
        if answer.status.is_success() {
            return answer.parse(&format!("{}{path}", self.base_url));
        }
        Err(answer.error())
    }

    /// Sends the request, retrying transient failures when it is safe to repeat (a GET, or a
    /// write under an idempotency key); returns the last answer's status and body. Every backend
    /// call passes here, so this span (exported over OTLP when configured) covers them all; the
    /// packer is on the parent command's span (the backend client does not know who packs).
    #[instrument(name = "backend_call", skip_all, fields(station = %self.station_id, method = %method, path = %path))]
    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        extra: Extra<'_>,
    ) -> Result<Answer, BackendError> {
        let repeatable = method == Method::GET || extra.idempotency_key.is_some();
        let attempts = if repeatable {
            self.retry.max_attempts.max(1)
        } else {
            1
        };
        let mut attempt = 1;
        loop {
            let outcome = self
                .send_once(method.clone(), path, body.as_deref(), extra)
                .await;
            if attempt >= attempts || !is_transient(&outcome) {
                return outcome;
            }
            // A server that says when to come back is believed; one that asks for longer than
            // the policy waits gets its answer back (the outbox waits that long instead).
            let asked = match &outcome {
                Ok(a) => a.retry_after,
                Err(_) => None,
            };
            if asked.is_some_and(|d| d > self.retry.max_delay) {
                return outcome;
            }
            let delay = asked.unwrap_or_else(|| self.retry.delay(attempt, jitter_unit()));
            tracing::debug!(%path, attempt, delay_ms = delay.as_millis() as u64, "transient failure; retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn send_once(
        &self,
        method: Method,
        path: &str,
        body: Option<&[u8]>,
        extra: Extra<'_>,
    ) -> Result<Answer, BackendError> {
        let url = format!("{}{}", self.base_url, path);
        let mut req = self
            .client
            .request(method, &url)
            .bearer_auth(&self.token)
            .header(contract::STATION_HEADER, &self.station_id);
        if let Some(body) = body {
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec());
        }
        if let Some(key) = extra.idempotency_key {
            req = req.header(contract::IDEMPOTENCY_HEADER, key);
        }
        if let Some(session) = extra.session {
            req = req.header(contract::SESSION_HEADER, session);
        }
        let mut resp = req
            .send()
            .await
            .map_err(|e| BackendError::Unreachable(describe(&e)))?;
        let status = resp.status();
        let header = |name| {
            resp.headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let location = header(reqwest::header::LOCATION);
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let retry_after = retry_after(resp.headers());
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| BackendError::Unreachable(describe(&e)))?
        {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(BackendError::InvalidResponse(format!(
                    "answer larger than {} MiB",
                    MAX_BODY_BYTES / (1024 * 1024)
                )));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            body,
            retry_after,
            location,
            content_type,
        })
    }
}

/// Percent-encodes a query or path value (ids are mostly safe; this keeps odd ones intact).
pub(super) fn query_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "no answer in time".to_owned()
    } else if e.is_connect() {
        "connection refused or no route".to_owned()
    } else {
        // reqwest's Display omits the cause chain, which holds the useful part.
        let mut s = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(cause) = src {
            s.push_str(": ");
            s.push_str(&cause.to_string());
            src = cause.source();
        }
        s
    }
}

pub(super) fn check_manifest(trolley: &TrolleyCode, m: Manifest) -> Result<Manifest, BackendError> {
    if &m.trolley != trolley {
        return Err(BackendError::InvalidResponse(format!(
            "asked for trolley {trolley}, got {}",
            m.trolley
        )));
    }
    let problems = m.problems();
    if !problems.is_empty() {
        return Err(BackendError::InvalidResponse(problems.join("; ")));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays_grow_exponentially_to_the_cap_with_full_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_cap(1), Duration::from_millis(200));
        assert_eq!(p.delay_cap(2), Duration::from_millis(400));
        assert_eq!(p.delay_cap(4), Duration::from_millis(1600));
        assert_eq!(p.delay_cap(5), Duration::from_secs(2));
        assert_eq!(p.delay_cap(40), Duration::from_secs(2));
        assert_eq!(p.delay(3, 0.0), Duration::ZERO);
        assert_eq!(p.delay(3, 0.5), Duration::from_millis(400));
        assert_eq!(p.delay(3, 7.0), Duration::from_millis(800));
        for _ in 0..100 {
            let u = jitter_unit();
            assert!((0.0..=1.0).contains(&u), "{u}");
        }
    }

    fn answer(status: u16, body: &[u8]) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            body: body.to_vec(),
            retry_after: None,
            location: None,
            content_type: None,
        }
    }

    #[test]
    fn only_passing_failures_are_transient() {
        for s in [500, 502, 503, 504, 429, 408] {
            assert!(is_transient(&Ok(answer(s, b""))), "{s}");
        }
        for s in [200, 302, 400, 401, 404, 409, 422] {
            assert!(!is_transient(&Ok(answer(s, b""))), "{s}");
        }
        assert!(is_transient(&Err(BackendError::Unreachable("x".into()))));
        assert!(is_transient(&Err(BackendError::Busy {
            status: 503,
            retry_after_ms: 1000
        })));
        assert!(!is_transient(&Err(BackendError::InvalidResponse(
            "x".into()
        ))));
    }

    #[test]
    fn error_bodies_map_to_errors() {
        let body = br#"{"code":"trolley_claimed","message":"TR-0001","holder":"ST-03"}"#;
        assert_eq!(
            answer(409, body).error(),
            BackendError::TrolleyClaimed {
                trolley: "TR-0001".into(),
                holder: "ST-03".into()
            }
        );
        let body = br#"{"code":"unauthorized","message":"bad token"}"#;
        assert!(matches!(
            answer(401, body).error(),
            BackendError::Rejected { status: 401, .. }
        ));
        assert!(matches!(
            answer(502, b"<html>proxy</html>").error(),
            BackendError::Unreachable(_)
        ));
        assert!(matches!(
            answer(404, b"{\"trunc").error(),
            BackendError::InvalidResponse(_)
        ));
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date_and_capped() {
        use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(RETRY_AFTER, HeaderValue::from_str(v).unwrap());
            retry_after(&h)
        };
        assert_eq!(with("7"), Some(Duration::from_secs(7)));
        assert_eq!(with("999999"), Some(MAX_RETRY_AFTER));
        // RFC 9110's own example of an HTTP-date, long past: come back now.
        assert_eq!(with("Fri, 31 Dec 1999 23:59:59 GMT"), Some(Duration::ZERO));
        let later =
            httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(120));
        let d = with(&later).unwrap();
        assert!(
            d > Duration::from_secs(100) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        assert_eq!(with("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn an_unreadable_answer_names_its_status_type_and_first_bytes() {
        let mut a = answer(200, b"<html><body>Sign in to Corp Proxy</body>\n</html>");
        a.content_type = Some("text/html".into());
        let e = a.parse::<serde_json::Value>("http://b/v1/x").unwrap_err();
        let msg = e.to_string();
        assert!(matches!(e, BackendError::InvalidResponse(_)));
        for part in [
            "HTTP 200",
            "content-type text/html",
            "Sign in to Corp Proxy",
        ] {
            assert!(msg.contains(part), "{part} missing from: {msg}");
        }
        let long = answer(404, &[b'x'; 5000]).error().to_string();
        assert!(
            long.contains("HTTP 404") && long.contains('…') && long.len() < 600,
            "{long}"
        );
        let mut moved = answer(302, b"");
        moved.location = Some("https://sso.example/login".into());
        let msg = moved.error().to_string();
        assert!(
            msg.contains("redirect to https://sso.example/login"),
            "{msg}"
        );
    }
}
