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
fn is_transient(outcome: &Result<(StatusCode, Vec<u8>), BackendError>) -> bool {
    match outcome {
        Err(BackendError::Unreachable(_)) => true,
        Err(_) => false,
        Ok((status, _)) => {
            status.is_server_error()
                || *status == StatusCode::TOO_MANY_REQUESTS
                || *status == StatusCode::REQUEST_TIMEOUT
        }
    }
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
        let (status, bytes) = self.send(method, path, body, extra).await?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                BackendError::InvalidResponse(format!("{}{path}: {e}", self.base_url))
            });
        }
        Err(error_from(status, &bytes))
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
    ) -> Result<(StatusCode, Vec<u8>), BackendError> {
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
            let delay = self.retry.delay(attempt, jitter_unit());
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
    ) -> Result<(StatusCode, Vec<u8>), BackendError> {
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
        Ok((status, body))
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

pub(super) fn error_from(status: StatusCode, body: &[u8]) -> BackendError {
    let Ok(api) = serde_json::from_slice::<ApiError>(body) else {
        return if status.is_server_error() {
            BackendError::Unreachable(format!("HTTP {}", status.as_u16()))
        } else {
            BackendError::InvalidResponse(format!("HTTP {} without an error body", status.as_u16()))
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

    #[test]
    fn only_passing_failures_are_transient() {
        let ok = |s: u16| Ok((StatusCode::from_u16(s).unwrap(), Vec::new()));
        for s in [500, 502, 503, 504, 429, 408] {
            assert!(is_transient(&ok(s)), "{s}");
        }
        for s in [200, 400, 401, 404, 409, 422] {
            assert!(!is_transient(&ok(s)), "{s}");
        }
        assert!(is_transient(&Err(BackendError::Unreachable("x".into()))));
        assert!(!is_transient(&Err(BackendError::InvalidResponse(
            "x".into()
        ))));
    }

    #[test]
    fn error_bodies_map_to_errors() {
        let body = br#"{"code":"trolley_claimed","message":"TR-0001","holder":"ST-03"}"#;
        assert_eq!(
            error_from(StatusCode::CONFLICT, body),
            BackendError::TrolleyClaimed {
                trolley: "TR-0001".into(),
                holder: "ST-03".into()
            }
        );
        let body = br#"{"code":"unauthorized","message":"bad token"}"#;
        assert!(matches!(
            error_from(StatusCode::UNAUTHORIZED, body),
            BackendError::Rejected { status: 401, .. }
        ));
        assert!(matches!(
            error_from(StatusCode::BAD_GATEWAY, b"<html>proxy</html>"),
            BackendError::Unreachable(_)
        ));
        assert!(matches!(
            error_from(StatusCode::NOT_FOUND, b"{\"trunc"),
            BackendError::InvalidResponse(_)
        ));
    }
}
