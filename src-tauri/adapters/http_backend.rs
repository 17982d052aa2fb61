//! The station's client of the warehouse backend, over HTTP(S) with `reqwest`. It bounds every
//! wait (connect and whole-request timeouts) and every answer (a body-size cap), and turns each
//! failure into a [`BackendError`] the packer can act on: it never panics on what a server sends.
//!
//! Transient failures (no connection, no answer in time, 5xx, 429, 408) are retried with
//! exponential backoff and full jitter ([`RetryPolicy`]), but only for requests that are safe
//! to repeat: reads (GET) and writes carrying an idempotency key. Sign-in is never retried.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::instrument;

use crate::contract::{
    self, codes, ApiError, CatalogueEntry, ExceptionReceipt, ForceRelease, Heartbeat,
    HeartbeatReceipt, LineException, MovementBatch, MovementEntry, MovementReceipt, NewShipment,
    OpenExceptions, OrderException, OverrideEntry, OverrideKind, OverrideReceipt, OverrideRecord,
    Released, Shipment, SignInRequest, SignedIn, StationStatus, Throughput, ThroughputGroup,
};
use crate::ports::{BackendApi, BackendError};

/// Answers larger than this are refused: a manifest of 24 slots is a few hundred kilobytes.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// For calls without a body.
const NO_BODY: Option<&()> = None;

#[derive(Clone, Debug)]
pub struct HttpBackendOptions {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for HttpBackendOptions {
    fn default() -> Self {
        HttpBackendOptions {
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(15),
            retry: RetryPolicy::default(),
        }
    }
}

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

#[derive(Clone)]
pub struct HttpBackend {
    client: reqwest::Client,
    base_url: String,
    station_id: String,
    token: String,
    retry: RetryPolicy,
}

/// The extra parts of one request.
#[derive(Default, Clone, Copy)]
struct Extra<'a> {
    idempotency_key: Option<&'a str>,
    session: Option<&'a str>,
}

impl<'a> Extra<'a> {
    fn key(k: &'a str) -> Self {
        Extra {
            idempotency_key: Some(k),
            session: None,
        }
    }
    fn session(s: &'a str) -> Self {
        Extra {
            idempotency_key: None,
            session: Some(s),
        }
    }
}

impl std::fmt::Debug for HttpBackend {
    // The token stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpBackend")
            .field("base_url", &self.base_url)
            .field("station_id", &self.station_id)
            .finish_non_exhaustive()
    }
}

impl HttpBackend {
    pub fn new(
        base_url: &str,
        station_id: &str,
        token: &str,
        opts: HttpBackendOptions,
    ) -> Result<Self, BackendError> {
        let client = reqwest::Client::builder()
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.request_timeout)
            .user_agent(concat!("packbench/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BackendError::Unreachable(format!("HTTP client set-up failed: {e}")))?;
        Ok(HttpBackend {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            station_id: station_id.to_owned(),
            token: token.to_owned(),
            retry: opts.retry,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A read of a trolley's manifest without claiming it (supervisors, tests).
    pub async fn trolley_manifest(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError> {
        let m: Manifest = self
            .call(
                Method::GET,
                &contract::trolley_path(trolley.as_str()),
                NO_BODY,
                Extra::default(),
            )
            .await?;
        check_manifest(trolley, m)
    }

    /// Liveness and version (needs no token).
    pub async fn health(&self) -> Result<contract::Health, BackendError> {
        self.call(
            Method::GET,
            contract::HEALTH_PATH,
            NO_BODY,
            Extra::default(),
        )
        .await
    }

    /// The station's packaging catalogue.
    pub async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError> {
        self.call(
            Method::GET,
            contract::PACKAGING_PATH,
            NO_BODY,
            Extra::default(),
        )
        .await
    }

    /// Signs a packer in (badge, or id and PIN). Never retried: it carries no key.
    pub async fn sign_in(&self, req: &SignInRequest) -> Result<SignedIn, BackendError> {
        self.call(
            Method::POST,
            contract::SIGN_IN_PATH,
            Some(req),
            Extra::default(),
        )
        .await
    }

    /// An order's shipments, voided ones included.
    pub async fn shipments_for_order(&self, order_id: &str) -> Result<Vec<Shipment>, BackendError> {
        let path = format!(
            "{}?order_id={}",
            contract::SHIPMENTS_PATH,
            query_value(order_id)
        );
        self.call(Method::GET, &path, NO_BODY, Extra::default())
            .await
    }

    /// The SKU's picture (SVG bytes).
    pub async fn sku_image(&self, sku: &str) -> Result<Vec<u8>, BackendError> {
        let path = contract::sku_image_path(&query_value(sku));
        let (status, body) = self
            .send(Method::GET, &path, None, Extra::default())
            .await?;
        if status.is_success() {
            Ok(body)
        } else {
            Err(error_from(status, &body))
        }
    }

    /// Per-order facts of orders packed in `[from_ms, to_ms)` (a supervisor's session).
    pub async fn packed_orders(
        &self,
        session: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<packbench_core::desk::PackedOrder>, BackendError> {
        let path = format!(
            "{}?from_ms={from_ms}&to_ms={to_ms}",
            contract::PACKED_ORDERS_PATH
        );
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Every station's latest heartbeat (a supervisor's session).
    pub async fn stations(&self, session: &str) -> Result<Vec<StationStatus>, BackendError> {
        self.call(
            Method::GET,
            contract::STATIONS_PATH,
            NO_BODY,
            Extra::session(session),
        )
        .await
    }

    /// Work per packer or station in `[from_ms, to_ms)` (a supervisor's session).
    pub async fn throughput(
        &self,
        session: &str,
        from_ms: i64,
        to_ms: i64,
        group_by: ThroughputGroup,
    ) -> Result<Throughput, BackendError> {
        let group = match group_by {
            ThroughputGroup::Packer => "packer",
            ThroughputGroup::Station => "station",
        };
        let path = format!(
            "{}?from_ms={from_ms}&to_ms={to_ms}&group_by={group}",
            contract::THROUGHPUT_PATH
        );
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Open line and order exceptions (a supervisor's session).
    pub async fn open_exceptions(&self, session: &str) -> Result<OpenExceptions, BackendError> {
        let path = format!("{}?status=open", contract::EXCEPTIONS_PATH);
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Overrides of one kind, or all (a supervisor's session).
    pub async fn overrides(
        &self,
        session: &str,
        kind: Option<OverrideKind>,
    ) -> Result<Vec<OverrideEntry>, BackendError> {
        let path = match kind {
            Some(k) => format!("{}?kind={}", contract::OVERRIDES_PATH, k.as_str()),
            None => contract::OVERRIDES_PATH.to_owned(),
        };
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Movements of a trolley (a supervisor's session).
    pub async fn movements_of_trolley(
        &self,
        session: &str,
        trolley: &TrolleyCode,
    ) -> Result<Vec<MovementEntry>, BackendError> {
        let path = format!("{}?trolley={}", contract::MOVEMENTS_PATH, trolley.as_str());
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Movements of an order (a supervisor's session).
    pub async fn movements_of_order(
        &self,
        session: &str,
        order_id: &str,
    ) -> Result<Vec<MovementEntry>, BackendError> {
        let path = format!(
            "{}?order_id={}",
            contract::MOVEMENTS_PATH,
            query_value(order_id)
        );
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// A supervisor takes a claim away from whichever station holds it.
    pub async fn force_release(
        &self,
        idempotency_key: &str,
        session: &str,
        trolley: &TrolleyCode,
        req: &ForceRelease,
    ) -> Result<Released, BackendError> {
        self.call(
            Method::POST,
            &contract::force_release_path(trolley.as_str()),
            Some(req),
            Extra {
                idempotency_key: Some(idempotency_key),
                session: Some(session),
            },
        )
        .await
    }

    /// A station asks a supervisor at the desk to accept a parcel its weight gate refused.
    pub async fn request_weight_override(
        &self,
        idempotency_key: &str,
        req: &contract::NewWeightOverrideRequest,
    ) -> Result<contract::WeightOverrideRequest, BackendError> {
        self.call(
            Method::POST,
            contract::WEIGHT_REQUESTS_PATH,
            Some(req),
            Extra::key(idempotency_key),
        )
        .await
    }

    /// One of this station's weight override requests (the station polls it).
    pub async fn weight_request(
        &self,
        request_id: &str,
    ) -> Result<contract::WeightOverrideRequest, BackendError> {
        self.call(
            Method::GET,
            &contract::weight_request_path(&query_value(request_id)),
            NO_BODY,
            Extra::default(),
        )
        .await
    }

    /// Weight override requests waiting for a supervisor (a supervisor's session).
    pub async fn pending_weight_requests(
        &self,
        session: &str,
    ) -> Result<Vec<contract::WeightOverrideRequest>, BackendError> {
        let path = format!("{}?status=pending", contract::WEIGHT_REQUESTS_PATH);
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// A supervisor approves or declines a weight override request.
    pub async fn decide_weight_request(
        &self,
        idempotency_key: &str,
        session: &str,
        request_id: &str,
        decision: &contract::WeightRequestDecision,
    ) -> Result<contract::WeightOverrideRequest, BackendError> {
        self.call(
            Method::POST,
            &contract::weight_decision_path(&query_value(request_id)),
            Some(decision),
            Extra {
                idempotency_key: Some(idempotency_key),
                session: Some(session),
            },
        )
        .await
    }

    async fn call<T: DeserializeOwned>(
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
    async fn send(
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
fn query_value(v: &str) -> String {
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

fn error_from(status: StatusCode, body: &[u8]) -> BackendError {
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

fn check_manifest(trolley: &TrolleyCode, m: Manifest) -> Result<Manifest, BackendError> {
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

#[async_trait]
impl BackendApi for HttpBackend {
    async fn sku_image(&self, sku: &str) -> Result<Vec<u8>, BackendError> {
        HttpBackend::sku_image(self, sku).await
    }

    async fn training_hints(
        &self,
        trolley: Option<&TrolleyCode>,
    ) -> Result<Option<contract::training::TrainingHints>, BackendError> {
        let path = match trolley {
            Some(t) => format!(
                "{}?trolley={}",
                contract::training::TRAINING_HINTS_PATH,
                query_value(t.as_str())
            ),
            None => contract::training::TRAINING_HINTS_PATH.to_owned(),
        };
        match self
            .call(Method::GET, &path, NO_BODY, Extra::default())
            .await
        {
            Ok(h) => Ok(Some(h)),
            // A real backend knows no such path, whatever its error body looks like.
            Err(BackendError::Rejected {
                status: 404 | 405,
                code,
                ..
            }) if code != contract::codes::TROLLEY_UNKNOWN => Ok(None),
            Err(BackendError::InvalidResponse(m)) if m.starts_with("HTTP 404") => Ok(None),
            Err(e) => Err(e),
        }
    }

    #[instrument(skip(self), fields(station = %self.station_id))]
    async fn claim_trolley(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError> {
        let m: Manifest = self
            .call(
                Method::POST,
                &contract::claim_path(trolley.as_str()),
                NO_BODY,
                Extra::default(),
            )
            .await
            .map_err(|e| match e {
                // The backend's message for these is its own; name the trolley we asked for.
                BackendError::TrolleyUnknown(_) => {
                    BackendError::TrolleyUnknown(trolley.to_string())
                }
                BackendError::TrolleyClaimed { holder, .. } => BackendError::TrolleyClaimed {
                    trolley: trolley.to_string(),
                    holder,
                },
                other => other,
            })?;
        check_manifest(trolley, m)
    }

    async fn sign_in(&self, req: &SignInRequest) -> Result<SignedIn, BackendError> {
        HttpBackend::sign_in(self, req).await
    }

    async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError> {
        HttpBackend::packaging_catalogue(self).await
    }

    async fn record_movements(
        &self,
        idempotency_key: &str,
        batch: &MovementBatch,
    ) -> Result<MovementReceipt, BackendError> {
        self.call(
            Method::POST,
            contract::MOVEMENTS_PATH,
            Some(batch),
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn record_exception(
        &self,
        idempotency_key: &str,
        exception: &LineException,
    ) -> Result<ExceptionReceipt, BackendError> {
        self.call(
            Method::POST,
            contract::EXCEPTIONS_PATH,
            Some(exception),
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn record_order_exception(
        &self,
        idempotency_key: &str,
        exception: &OrderException,
    ) -> Result<ExceptionReceipt, BackendError> {
        self.call(
            Method::POST,
            contract::ORDER_EXCEPTIONS_PATH,
            Some(exception),
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn record_override(
        &self,
        idempotency_key: &str,
        record: &OverrideRecord,
    ) -> Result<OverrideReceipt, BackendError> {
        self.call(
            Method::POST,
            contract::OVERRIDES_PATH,
            Some(record),
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn create_shipment(
        &self,
        idempotency_key: &str,
        shipment: &NewShipment,
    ) -> Result<Shipment, BackendError> {
        self.call(
            Method::POST,
            contract::SHIPMENTS_PATH,
            Some(shipment),
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn void_shipment(
        &self,
        idempotency_key: &str,
        shipment_id: &str,
    ) -> Result<Shipment, BackendError> {
        self.call(
            Method::POST,
            &contract::void_shipment_path(&query_value(shipment_id)),
            NO_BODY,
            Extra::key(idempotency_key),
        )
        .await
    }

    #[instrument(skip(self), fields(station = %self.station_id))]
    async fn release_trolley(
        &self,
        idempotency_key: &str,
        trolley: &TrolleyCode,
    ) -> Result<Released, BackendError> {
        self.call(
            Method::POST,
            &contract::release_path(trolley.as_str()),
            NO_BODY,
            Extra::key(idempotency_key),
        )
        .await
    }

    async fn heartbeat(
        &self,
        idempotency_key: &str,
        heartbeat: &Heartbeat,
    ) -> Result<HeartbeatReceipt, BackendError> {
        self.call(
            Method::POST,
            contract::HEARTBEATS_PATH,
            Some(heartbeat),
            Extra::key(idempotency_key),
        )
        .await
    }
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
