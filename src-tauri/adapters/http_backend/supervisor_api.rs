//! The supervisor's endpoints and the weight override requests: the [`SupervisorApi`] port
//! over HTTP.

use async_trait::async_trait;
use packbench_core::TrolleyCode;
use reqwest::Method;

use super::transport::{query_value, Extra, NO_BODY};
use super::HttpBackend;
use crate::contract::{
    self, AlertRecord, ForceRelease, MovementEntry, OpenExceptions, OverrideEntry, OverrideKind,
    ReleaseEntry, Released, Shipment, StationStatus, Throughput, ThroughputGroup,
};
use crate::ports::{BackendError, SupervisorApi};

#[async_trait]
impl SupervisorApi for HttpBackend {
    /// An order's shipments, voided ones included.
    async fn shipments_for_order(&self, order_id: &str) -> Result<Vec<Shipment>, BackendError> {
        let path = format!(
            "{}?order_id={}",
            contract::SHIPMENTS_PATH,
            query_value(order_id)
        );
        self.call(Method::GET, &path, NO_BODY, Extra::default())
            .await
    }

    /// Per-order facts of orders packed in `[from_ms, to_ms)` (a supervisor's session).
    async fn packed_orders(
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
    async fn stations(&self, session: &str) -> Result<Vec<StationStatus>, BackendError> {
        self.call(
            Method::GET,
            contract::STATIONS_PATH,
            NO_BODY,
            Extra::session(session),
        )
        .await
    }

    async fn alerts(&self, session: &str) -> Result<Vec<AlertRecord>, BackendError> {
        self.call(
            Method::GET,
            contract::ALERTS_PATH,
            NO_BODY,
            Extra::session(session),
        )
        .await
    }

    /// Work per packer or station in `[from_ms, to_ms)` (a supervisor's session).
    async fn throughput(
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
    async fn open_exceptions(&self, session: &str) -> Result<OpenExceptions, BackendError> {
        let path = format!("{}?status=open", contract::EXCEPTIONS_PATH);
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Overrides of one kind, or all (a supervisor's session).
    async fn overrides(
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
    async fn movements_of_trolley(
        &self,
        session: &str,
        trolley: &TrolleyCode,
    ) -> Result<Vec<MovementEntry>, BackendError> {
        let path = format!("{}?trolley={}", contract::MOVEMENTS_PATH, trolley.as_str());
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// A trolley's releases, oldest first (a supervisor's session).
    async fn releases_of_trolley(
        &self,
        session: &str,
        trolley: &TrolleyCode,
    ) -> Result<Vec<ReleaseEntry>, BackendError> {
        let path = format!("{}?trolley={}", contract::RELEASES_PATH, trolley.as_str());
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// Movements of an order (a supervisor's session).
    async fn movements_of_order(
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
    async fn force_release(
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
    async fn request_weight_override(
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
    async fn weight_request(
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
    async fn pending_weight_requests(
        &self,
        session: &str,
    ) -> Result<Vec<contract::WeightOverrideRequest>, BackendError> {
        let path = format!("{}?status=pending", contract::WEIGHT_REQUESTS_PATH);
        self.call(Method::GET, &path, NO_BODY, Extra::session(session))
            .await
    }

    /// A supervisor approves or declines a weight override request.
    async fn decide_weight_request(
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

    async fn rollout(&self, session: &str) -> Result<contract::RolloutOverview, BackendError> {
        self.call(
            Method::GET,
            contract::ROLLOUT_PATH,
            NO_BODY,
            Extra::session(session),
        )
        .await
    }

    async fn rollout_action(
        &self,
        idempotency_key: &str,
        session: &str,
        ring: &str,
        action: &contract::RolloutAction,
    ) -> Result<contract::RingStatus, BackendError> {
        self.call(
            Method::POST,
            &contract::rollout_action_path(&query_value(ring)),
            Some(action),
            Extra {
                idempotency_key: Some(idempotency_key),
                session: Some(session),
            },
        )
        .await
    }
}
