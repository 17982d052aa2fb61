//! Signing packers and supervisors in, and the supervisor's in-memory session.

use packbench_core::pack_flow::{self, FlowView, PackEvent, Role};

use crate::contract::{self, SignInRequest};
use crate::error::StationError;
use crate::ports::BackendError;

use super::*;

impl PackService {
    /// The signed-in supervisor's sign-in (with its session token), if a supervisor is
    /// signed in through this station since it started.
    pub fn supervisor_session(&self) -> Option<contract::SignedIn> {
        self.supervisor_session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Checks a supervisor's badge with the backend: a packer's badge, or an unknown one, is
    /// refused.
    pub async fn verify_supervisor(&self, badge: &str) -> Result<contract::Packer, StationError> {
        let who = self
            .station
            .backend
            .sign_in(&SignInRequest::Badge {
                badge: badge.trim().to_owned(),
            })
            .await
            .map_err(|e| match e {
                BackendError::Rejected { code, .. } if code == contract::codes::SIGN_IN_FAILED => {
                    StationError::InvalidScan(
                        "This badge is not known: a supervisor must scan their own badge.".into(),
                    )
                }
                other => other.into(),
            })?
            .packer;
        if who.role != contract::Role::Supervisor {
            return Err(StationError::InvalidScan(format!(
                "{} is not a supervisor: a supervisor must scan their own badge.",
                who.name
            )));
        }
        Ok(who)
    }

    /// Signs a packer in with the backend, then into the flow.
    pub async fn sign_in(&self, req: SignInRequest) -> Result<FlowView, StationError> {
        let signed = self
            .station
            .backend
            .sign_in(&req)
            .await
            .map_err(|e| match e {
                BackendError::Rejected { code, .. } if code == contract::codes::SIGN_IN_FAILED => {
                    StationError::InvalidScan(match &req {
                        SignInRequest::Badge { .. } => {
                            "This badge is not known. Scan your own badge, or ask a supervisor."
                                .into()
                        }
                        SignInRequest::Pin { .. } => "Wrong id or PIN. Try again.".into(),
                    })
                }
                other => other.into(),
            })?;
        let p = signed.packer.clone();
        let packer = pack_flow::Packer {
            language: p.language,
            packer_id: p.packer_id,
            role: match p.role {
                contract::Role::Packer => Role::Packer,
                contract::Role::Supervisor => Role::Supervisor,
            },
        };
        let supervisor = packer.role == Role::Supervisor;
        let view = self.handle(PackEvent::SignedIn { packer }).await?;
        *self
            .supervisor_session
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = supervisor.then_some(signed);
        Ok(view)
    }
}
