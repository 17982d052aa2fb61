//! The station's client of the warehouse backend, over HTTP(S) with `reqwest`. It bounds every
//! wait (connect and whole-request timeouts) and every answer (a body-size cap), and turns each
//! failure into a [`BackendError`] the packer can act on: it never panics on what a server sends.

use std::time::Duration;

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::instrument;

use crate::contract::{
    self, codes, ApiError, CatalogueEntry, MovementBatch, MovementReceipt, Packer, SignInRequest,
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
}

impl Default for HttpBackendOptions {
    fn default() -> Self {
        HttpBackendOptions {
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(15),
        }
    }
}

#[derive(Clone)]
pub struct HttpBackend {
    client: reqwest::Client,
    base_url: String,
    station_id: String,
    token: String,
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
                None,
            )
            .await?;
        check_manifest(trolley, m)
    }

    /// Liveness and version (needs no token).
    pub async fn health(&self) -> Result<contract::Health, BackendError> {
        self.call(Method::GET, contract::HEALTH_PATH, NO_BODY, None)
            .await
    }

    /// The station's packaging catalogue.
    pub async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError> {
        self.call(Method::GET, contract::PACKAGING_PATH, NO_BODY, None)
            .await
    }

    /// Signs a packer in (badge, or id and PIN).
    pub async fn sign_in(&self, req: &SignInRequest) -> Result<Packer, BackendError> {
        self.call(Method::POST, contract::SIGN_IN_PATH, Some(req), None)
            .await
    }

    /// Gives the trolley back (empty, or handed to another station by a supervisor).
    pub async fn release_trolley(&self, trolley: &TrolleyCode) -> Result<(), BackendError> {
        let _: serde_json::Value = self
            .call(
                Method::POST,
                &contract::release_path(trolley.as_str()),
                NO_BODY,
                None,
            )
            .await?;
        Ok(())
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        idempotency_key: Option<&str>,
    ) -> Result<T, BackendError> {
        let url = format!("{}{}", self.base_url, path);
        let mut req = self
            .client
            .request(method, &url)
            .bearer_auth(&self.token)
            .header(contract::STATION_HEADER, &self.station_id);
        if let Some(body) = body {
            req = req.json(body);
        }
        if let Some(key) = idempotency_key {
            req = req.header(contract::IDEMPOTENCY_HEADER, key);
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
        if status.is_success() {
            return serde_json::from_slice(&body)
                .map_err(|e| BackendError::InvalidResponse(format!("{url}: {e}")));
        }
        Err(error_from(status, &body))
    }
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
    #[instrument(skip(self), fields(station = %self.station_id))]
    async fn claim_trolley(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError> {
        let m: Manifest = self
            .call(
                Method::POST,
                &contract::claim_path(trolley.as_str()),
                NO_BODY,
                None,
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

    async fn sign_in(&self, req: &SignInRequest) -> Result<Packer, BackendError> {
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
            Some(idempotency_key),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
