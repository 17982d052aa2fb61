//! The station's own endpoints: the [`BackendApi`] port over HTTP.

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};
use reqwest::{Method, StatusCode};
use tracing::instrument;

use super::transport::{check_manifest, query_value, Extra, NO_BODY};
use super::HttpBackend;
use crate::contract::{
    self, CatalogueEntry, ExceptionReceipt, Heartbeat, HeartbeatReceipt, LineException,
    MovementBatch, MovementReceipt, NewShipment, OrderException, OverrideReceipt, OverrideRecord,
    Released, Shipment, SignInRequest, SignedIn,
};
use crate::ports::{BackendApi, BackendError};

#[async_trait]
impl BackendApi for HttpBackend {
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
        let answer = self
            .send(Method::GET, &path, None, Extra::default())
            .await?;
        let status = answer.status;
        if status.is_success() {
            return answer
                .parse(&format!("{}{path}", self.base_url()))
                .map(Some);
        }
        match answer.error() {
            // Asked about a trolley this training backend does not know.
            e @ BackendError::TrolleyUnknown(_) => Err(e),
            // A real backend has no such path (or no GET on it), whatever its error body says.
            _ if matches!(
                status,
                StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
            ) =>
            {
                Ok(None)
            }
            e => Err(e),
        }
    }

    /// The SKU's picture (SVG bytes).
    async fn sku_image(&self, sku: &str) -> Result<Vec<u8>, BackendError> {
        let path = contract::sku_image_path(&query_value(sku));
        let answer = self
            .send(Method::GET, &path, None, Extra::default())
            .await?;
        if answer.status.is_success() {
            Ok(answer.body)
        } else {
            Err(answer.error())
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

    /// Signs a packer in (badge, or id and PIN). Never retried: it carries no key.
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignedIn, BackendError> {
        self.call(
            Method::POST,
            contract::SIGN_IN_PATH,
            Some(req),
            Extra::default(),
        )
        .await
    }

    /// The station's packaging catalogue.
    async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError> {
        self.call(
            Method::GET,
            contract::PACKAGING_PATH,
            NO_BODY,
            Extra::default(),
        )
        .await
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
