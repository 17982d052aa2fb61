//! How the training backend answers a refusal: a status and the contract's [`ApiError`] JSON
//! with a stable code, mapped once here from the store's errors.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use packbench_contract::{codes, ApiError, SESSION_HEADER};

use crate::{ClaimError, SessionError, WriteError};

pub(crate) struct ApiErr(StatusCode, ApiError);

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

pub(crate) fn err(status: StatusCode, code: &str, message: impl Into<String>) -> ApiErr {
    ApiErr(
        status,
        ApiError {
            code: code.into(),
            message: message.into(),
            holder: None,
        },
    )
}

impl From<ClaimError> for ApiErr {
    fn from(e: ClaimError) -> Self {
        match e {
            ClaimError::Unknown(t) => err(StatusCode::NOT_FOUND, codes::TROLLEY_UNKNOWN, t),
            ClaimError::ClaimedBy { trolley, holder } => ApiErr(
                StatusCode::CONFLICT,
                ApiError {
                    code: codes::TROLLEY_CLAIMED.into(),
                    message: trolley,
                    holder: Some(holder),
                },
            ),
            ClaimError::Packed(t) => err(
                StatusCode::CONFLICT,
                codes::TROLLEY_PACKED,
                format!("trolley {t} is already packed"),
            ),
            ClaimError::NotHolder(t) => err(
                StatusCode::CONFLICT,
                codes::TROLLEY_NOT_CLAIMED,
                format!("trolley {t} is not claimed by this station"),
            ),
            ClaimError::Db(e) => {
                tracing::error!(error = %e, "training database failed");
                err(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    codes::INTERNAL,
                    "database error",
                )
            }
        }
    }
}

impl From<WriteError> for ApiErr {
    fn from(e: WriteError) -> Self {
        let msg = e.to_string();
        let (status, code) = match &e {
            WriteError::KeyReused(_) => (StatusCode::CONFLICT, codes::IDEMPOTENCY_KEY_REUSED),
            WriteError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, codes::INVALID_BODY),
            WriteError::TrolleyUnknown(_) => (StatusCode::NOT_FOUND, codes::TROLLEY_UNKNOWN),
            WriteError::NotHolder(_) => (StatusCode::CONFLICT, codes::TROLLEY_NOT_CLAIMED),
            WriteError::OrderNotOnTrolley { .. } => {
                (StatusCode::CONFLICT, codes::ORDER_NOT_ON_TROLLEY)
            }
            WriteError::LineUnknown { .. } => (StatusCode::CONFLICT, codes::LINE_UNKNOWN),
            WriteError::SkuMismatch { .. } => (StatusCode::CONFLICT, codes::SKU_MISMATCH),
            WriteError::ExceedsSlot { .. } => (StatusCode::CONFLICT, codes::QUANTITY_EXCEEDS_SLOT),
            WriteError::OrderUnknown(_) => (StatusCode::NOT_FOUND, codes::ORDER_UNKNOWN),
            WriteError::SlotMismatch { .. } | WriteError::LocationMismatch { .. } => {
                (StatusCode::CONFLICT, codes::SLOT_MISMATCH)
            }
            WriteError::ExceedsOrder { .. } => {
                (StatusCode::CONFLICT, codes::QUANTITY_EXCEEDS_ORDER)
            }
            WriteError::PackagingUnknown(_) => (StatusCode::NOT_FOUND, codes::PACKAGING_UNKNOWN),
            WriteError::SupervisorUnknown(_) => (StatusCode::NOT_FOUND, codes::SUPERVISOR_UNKNOWN),
            WriteError::ShipmentExists { .. } => (StatusCode::CONFLICT, codes::SHIPMENT_EXISTS),
            WriteError::ShipmentUnknown(_) => (StatusCode::NOT_FOUND, codes::SHIPMENT_UNKNOWN),
            WriteError::RequestUnknown(_) => (StatusCode::NOT_FOUND, codes::REQUEST_UNKNOWN),
            WriteError::RequestDecided(_) => (StatusCode::CONFLICT, codes::REQUEST_DECIDED),
            WriteError::Label(_) => (StatusCode::UNPROCESSABLE_ENTITY, codes::LABEL_FAILED),
            WriteError::StationMismatch { .. } => (StatusCode::FORBIDDEN, codes::STATION_MISMATCH),
            WriteError::TrolleyPacked(_) => (StatusCode::CONFLICT, codes::TROLLEY_PACKED),
            WriteError::ReleaseNotNewer { .. } => (StatusCode::CONFLICT, codes::RELEASE_NOT_NEWER),
            WriteError::NothingToRollBack(_) => (StatusCode::CONFLICT, codes::NOTHING_TO_ROLL_BACK),
            WriteError::Db(e) => {
                tracing::error!(error = %e, "training database failed");
                return err(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    codes::INTERNAL,
                    "database error",
                );
            }
        };
        err(status, code, msg)
    }
}

impl From<SessionError> for ApiErr {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Invalid => err(
                StatusCode::UNAUTHORIZED,
                codes::SESSION_INVALID,
                format!("a supervisor's session is needed in {SESSION_HEADER}: sign in again"),
            ),
            SessionError::NotSupervisor(p) => err(
                StatusCode::FORBIDDEN,
                codes::ROLE_FORBIDDEN,
                format!("{p} is not a supervisor: ask a supervisor"),
            ),
            SessionError::Db(e) => ClaimError::Db(e).into(),
        }
    }
}

impl From<sqlx::Error> for ApiErr {
    fn from(e: sqlx::Error) -> Self {
        ClaimError::Db(e).into()
    }
}
