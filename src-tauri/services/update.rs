//! Self-update: when an update may be installed (never mid-trolley), and checking a downloaded
//! update against the release key exactly as Tauri's updater plugin does (minisign: the public
//! key and the signature are each the base64 of minisign's text form).

use base64::Engine;
use packbench_core::pack_flow::PackState;

use super::pack::PackService;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UpdateError {
    #[error("the update's public key is unreadable: {0}")]
    BadPublicKey(String),
    #[error("the update's signature is unreadable: {0}")]
    BadSignature(String),
    #[error("the update is not signed by the release key: {0}")]
    NotSigned(String),
}

/// An update installs only between trolleys: a restart mid-trolley would send the packer back
/// to a half-packed trolley on a new version.
pub fn may_install(state: &PackState) -> bool {
    state.trolley.is_none()
}

/// [`may_install`] for the station's live pack flow.
pub async fn may_install_now(pack: &PackService) -> bool {
    may_install(&pack.state().await)
}

/// Verifies `data` against `signature_b64` (the manifest's `signature`) and `pubkey_b64`
/// (`plugins.updater.pubkey` in tauri.conf.json), as tauri-plugin-updater does.
pub fn verify_update(
    data: &[u8],
    signature_b64: &str,
    pubkey_b64: &str,
) -> Result<(), UpdateError> {
    let text = |b64: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let pubkey = text(pubkey_b64)
        .ok_or_else(|| UpdateError::BadPublicKey("not base64 text".into()))
        .and_then(|t| {
            minisign_verify::PublicKey::decode(&t)
                .map_err(|e| UpdateError::BadPublicKey(e.to_string()))
        })?;
    let signature = text(signature_b64)
        .ok_or_else(|| UpdateError::BadSignature("not base64 text".into()))
        .and_then(|t| {
            minisign_verify::Signature::decode(&t)
                .map_err(|e| UpdateError::BadSignature(e.to_string()))
        })?;
    pubkey
        .verify(data, &signature, true)
        .map_err(|e| UpdateError::NotSigned(e.to_string()))
}
