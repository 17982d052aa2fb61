//! The warehouse backend as the station needs it: the station's own calls ([`BackendApi`]) and
//! the supervisor's reads and decisions with the weight override requests ([`SupervisorApi`]).

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};

use crate::contract::{
    AlertRecord, CatalogueEntry, ExceptionReceipt, ForceRelease, Heartbeat, HeartbeatReceipt,
    LineException, MovementBatch, MovementEntry, MovementReceipt, NewShipment,
    NewWeightOverrideRequest, OpenExceptions, OrderException, OverrideEntry, OverrideKind,
    OverrideReceipt, OverrideRecord, ReleaseEntry, Released, RingStatus, RolloutAction,
    RolloutOverview, Shipment, SignInRequest, SignedIn, StationStatus, Throughput, ThroughputGroup,
    WeightOverrideRequest, WeightRequestDecision,
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    #[error("The warehouse backend cannot be reached ({0}). Check the network cable, or call IT.")]
    Unreachable(String),
    #[error(
        "Trolley {0} is not known to the warehouse system. Check the code, or call a supervisor."
    )]
    TrolleyUnknown(String),
    #[error("Trolley {trolley} is being packed at station {holder}. Take another trolley, or ask a supervisor to release it.")]
    TrolleyClaimed { trolley: String, holder: String },
    #[error("The warehouse backend refused the request: {message} ({code}, HTTP {status}).")]
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
    #[error("The warehouse backend sent an answer the station cannot read ({0}). Call IT.")]
    InvalidResponse(String),
    /// The backend, or a proxy before it, asked the station to come back later (HTTP 429 or
    /// 503 with `Retry-After`).
    #[error("The warehouse backend is busy (HTTP {status}) and asked the station to wait {} s. Queued work is kept and sent then.", retry_after_ms.div_ceil(1000))]
    Busy { status: u16, retry_after_ms: u64 },
}

/// The warehouse backend, as the station needs it.
#[async_trait]
pub trait BackendApi: Send + Sync {
    /// Claims the trolley for this station and returns its manifest. Claiming a trolley this
    /// station already holds succeeds again (a restart resumes it).
    async fn claim_trolley(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError>;

    /// Signs a packer in by badge or id and PIN; the answer carries their role.
    async fn sign_in(&self, req: &SignInRequest) -> Result<SignedIn, BackendError>;

    /// The station's packaging catalogue (boxes, mailers, polybags).
    async fn packaging_catalogue(&self) -> Result<Vec<CatalogueEntry>, BackendError>;

    /// Records one parcel's movements under an idempotency key (a retry is harmless).
    async fn record_movements(
        &self,
        idempotency_key: &str,
        batch: &MovementBatch,
    ) -> Result<MovementReceipt, BackendError>;

    /// Records units of one line that went to exception.
    async fn record_exception(
        &self,
        idempotency_key: &str,
        exception: &LineException,
    ) -> Result<ExceptionReceipt, BackendError>;

    /// Records a whole order routed to exception.
    async fn record_order_exception(
        &self,
        idempotency_key: &str,
        exception: &OrderException,
    ) -> Result<ExceptionReceipt, BackendError>;

    /// Records a packaging or weight override for supervisors to review.
    async fn record_override(
        &self,
        idempotency_key: &str,
        record: &OverrideRecord,
    ) -> Result<OverrideReceipt, BackendError>;

    /// Creates an order's shipment: tracking numbers, labels, label data.
    async fn create_shipment(
        &self,
        idempotency_key: &str,
        shipment: &NewShipment,
    ) -> Result<Shipment, BackendError>;

    /// Voids a shipment (voiding it again is harmless).
    async fn void_shipment(
        &self,
        idempotency_key: &str,
        shipment_id: &str,
    ) -> Result<Shipment, BackendError>;

    /// Gives back a trolley this station holds.
    async fn release_trolley(
        &self,
        idempotency_key: &str,
        trolley: &TrolleyCode,
    ) -> Result<Released, BackendError>;

    /// Tells the backend the station is alive, and how it is doing.
    async fn heartbeat(
        &self,
        idempotency_key: &str,
        heartbeat: &Heartbeat,
    ) -> Result<HeartbeatReceipt, BackendError>;

    /// A SKU's picture as the backend keeps it (SVG or PNG bytes).
    async fn sku_image(&self, sku: &str) -> Result<Vec<u8>, BackendError>;

    /// Training mode: the crew's badges, the free trolleys and (with `trolley`) its unit codes.
    /// `None` from a backend without training mode: a real one, and any that does not say.
    async fn training_hints(
        &self,
        trolley: Option<&TrolleyCode>,
    ) -> Result<Option<crate::contract::training::TrainingHints>, BackendError> {
        let _ = trolley;
        Ok(None)
    }
}

/// The supervisor's side of the backend (reads and decisions under a supervisor's session), and
/// the weight override requests a station raises for a supervisor to decide.
#[async_trait]
pub trait SupervisorApi: Send + Sync {
    /// An order's shipments, voided ones included.
    async fn shipments_for_order(&self, order_id: &str) -> Result<Vec<Shipment>, BackendError>;

    /// Per-order facts of orders packed in `[from_ms, to_ms)` (a supervisor's session).
    async fn packed_orders(
        &self,
        session: &str,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<packbench_core::desk::PackedOrder>, BackendError>;

    /// Every station's latest heartbeat (a supervisor's session).
    async fn stations(&self, session: &str) -> Result<Vec<StationStatus>, BackendError>;

    /// The site's open alerts, as the backend holds them (a supervisor's session).
    async fn alerts(&self, session: &str) -> Result<Vec<AlertRecord>, BackendError>;

    /// Work per packer or station in `[from_ms, to_ms)` (a supervisor's session).
    async fn throughput(
        &self,
        session: &str,
        from_ms: i64,
        to_ms: i64,
        group_by: ThroughputGroup,
    ) -> Result<Throughput, BackendError>;

    /// Open line and order exceptions (a supervisor's session).
    async fn open_exceptions(&self, session: &str) -> Result<OpenExceptions, BackendError>;

    /// Overrides of one kind, or all (a supervisor's session).
    async fn overrides(
        &self,
        session: &str,
        kind: Option<OverrideKind>,
    ) -> Result<Vec<OverrideEntry>, BackendError>;

    /// Movements of a trolley (a supervisor's session).
    async fn movements_of_trolley(
        &self,
        session: &str,
        trolley: &TrolleyCode,
    ) -> Result<Vec<MovementEntry>, BackendError>;

    /// Movements of an order (a supervisor's session).
    async fn movements_of_order(
        &self,
        session: &str,
        order_id: &str,
    ) -> Result<Vec<MovementEntry>, BackendError>;

    /// A trolley's releases, oldest first: by its station or forced (a supervisor's session).
    async fn releases_of_trolley(
        &self,
        session: &str,
        trolley: &TrolleyCode,
    ) -> Result<Vec<ReleaseEntry>, BackendError>;

    /// A supervisor takes a claim away from whichever station holds it.
    async fn force_release(
        &self,
        idempotency_key: &str,
        session: &str,
        trolley: &TrolleyCode,
        req: &ForceRelease,
    ) -> Result<Released, BackendError>;

    /// A station asks a supervisor at the desk to accept a parcel its weight gate refused.
    async fn request_weight_override(
        &self,
        idempotency_key: &str,
        req: &NewWeightOverrideRequest,
    ) -> Result<WeightOverrideRequest, BackendError>;

    /// One of this station's weight override requests (the station polls it).
    async fn weight_request(&self, request_id: &str)
        -> Result<WeightOverrideRequest, BackendError>;

    /// Weight override requests waiting for a supervisor (a supervisor's session).
    async fn pending_weight_requests(
        &self,
        session: &str,
    ) -> Result<Vec<WeightOverrideRequest>, BackendError>;

    /// A supervisor approves or declines a weight override request.
    async fn decide_weight_request(
        &self,
        idempotency_key: &str,
        session: &str,
        request_id: &str,
        decision: &WeightRequestDecision,
    ) -> Result<WeightOverrideRequest, BackendError>;

    /// The fleet's roll-out: every ring's release, stations per version, last decision (a
    /// supervisor's session).
    async fn rollout(&self, session: &str) -> Result<RolloutOverview, BackendError>;

    /// A supervisor holds, resumes or rolls back a ring.
    async fn rollout_action(
        &self,
        idempotency_key: &str,
        session: &str,
        ring: &str,
        action: &RolloutAction,
    ) -> Result<RingStatus, BackendError>;
}
