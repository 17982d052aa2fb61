//! The station's client of the warehouse backend, over HTTP(S) with `reqwest`. It bounds every
//! wait (connect and whole-request timeouts) and every answer (a body-size cap), and turns each
//! failure into a [`BackendError`] the packer can act on: it never panics on what a server sends.
//!
//! Transient failures (no connection, no answer in time, 5xx, 429, 408) are retried with
//! exponential backoff and full jitter ([`RetryPolicy`]), but only for requests that are safe
//! to repeat: reads (GET) and writes carrying an idempotency key. Sign-in is never retried.
//!
//! [`transport`] sends and retries; [`station_api`] and [`supervisor_api`] are the two ports'
//! endpoints.

mod station_api;
mod supervisor_api;
mod transport;

use std::time::Duration;

use packbench_core::{Manifest, TrolleyCode};
use reqwest::Method;

use crate::contract;
use crate::ports::BackendError;
use transport::{check_manifest, Extra, NO_BODY};
pub use transport::{RetryPolicy, MAX_BODY_BYTES};

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

#[derive(Clone)]
pub struct HttpBackend {
    client: reqwest::Client,
    base_url: String,
    station_id: String,
    token: String,
    retry: RetryPolicy,
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
            // A redirect is an answer to report, not to follow: the API never redirects, and
            // a proxy that does is sending the station to a sign-in page.
            .redirect(reqwest::redirect::Policy::none())
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
}
