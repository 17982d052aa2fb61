//! The station's ports: what its use cases need from the outside world, as traits. Adapters in
//! [`crate::adapters`] implement them; tests can substitute their own.

use async_trait::async_trait;
use packbench_core::{Manifest, TrolleyCode};

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
}

/// The warehouse backend, as the station needs it.
#[async_trait]
pub trait BackendApi: Send + Sync {
    /// Claims the trolley for this station and returns its manifest. Claiming a trolley this
    /// station already holds succeeds again (a restart resumes it).
    async fn claim_trolley(&self, trolley: &TrolleyCode) -> Result<Manifest, BackendError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The station's local database failed ({0}). Check the disk, or call IT.")]
pub struct StoreError(pub String);

/// The station's durable local state.
#[async_trait]
pub trait StationStore: Send + Sync {
    /// Records the trolley this station now holds (replacing any previous one).
    async fn save_claim(&self, manifest: &Manifest) -> Result<(), StoreError>;
    /// The trolley this station holds, if any.
    async fn current_claim(&self) -> Result<Option<Manifest>, StoreError>;
}
