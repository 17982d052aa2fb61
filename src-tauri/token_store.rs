//! The backend token: a secret type that never prints itself, and the OS keyring that keeps it
//! (service `packbench`, user = the station id). On Linux the kernel's keyutils store, which
//! needs no desktop session or Secret Service daemon (kiosks, headless CI).

use std::fmt;

/// The keyring service name every station's token is filed under.
pub const KEYRING_SERVICE: &str = "packbench";

/// A bearer token. `Debug` and `Display` print `***`, so a config dumped to a log or an error
/// message never carries it; only [`BackendToken::expose`] gives the value, for the HTTP header.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct BackendToken(String);

impl BackendToken {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The token itself: only for the `Authorization` header and the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BackendToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BackendToken(***)")
    }
}

impl fmt::Display for BackendToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for BackendToken {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for BackendToken {
    fn from(s: String) -> Self {
        Self(s)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TokenStoreError {
    #[error("the OS keyring cannot be used: {0}")]
    Unavailable(String),
    #[error("the token is empty: give it on standard input")]
    Empty,
}

/// The OS keyring, per station.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsKeyring;

impl OsKeyring {
    /// The station's token, or `None` when none was stored.
    pub fn get(&self, station_id: &str) -> Result<Option<BackendToken>, TokenStoreError> {
        match entry(station_id)?.get_password() {
            Ok(t) => Ok(Some(BackendToken(t))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    /// Stores (or replaces) the station's token.
    pub fn set(&self, station_id: &str, token: &BackendToken) -> Result<(), TokenStoreError> {
        if token.expose().is_empty() {
            return Err(TokenStoreError::Empty);
        }
        entry(station_id)?
            .set_password(token.expose())
            .map_err(unavailable)
    }

    /// Removes the station's token; true when there was one.
    pub fn clear(&self, station_id: &str) -> Result<bool, TokenStoreError> {
        match entry(station_id)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(unavailable(e)),
        }
    }
}

fn unavailable(e: keyring_core::Error) -> TokenStoreError {
    TokenStoreError::Unavailable(e.to_string())
}

fn entry(station_id: &str) -> Result<keyring_core::Entry, TokenStoreError> {
    keyring_core::Entry::new_in_store(&store()?, KEYRING_SERVICE, station_id).map_err(unavailable)
}

#[cfg(target_os = "linux")]
fn store() -> Result<std::sync::Arc<keyring_core::CredentialStore>, TokenStoreError> {
    use std::sync::OnceLock;
    // A thread started outside a login session (a systemd unit, a test) has no session keyring
    // of its own; the store would file the token in the user's shared one and then fail to link
    // it to the persistent keyring (EACCES). Join one first. The kernel keeps session keyrings
    // per thread, so every call does it (a no-op once joined).
    linux_keyutils::KeyRing::from_special_id(linux_keyutils::KeyRingIdentifier::Session, true)
        .map_err(|e| TokenStoreError::Unavailable(format!("no session keyring: {e:?}")))?;
    static STORE: OnceLock<std::sync::Arc<keyring_core::CredentialStore>> = OnceLock::new();
    if let Some(s) = STORE.get() {
        return Ok(s.clone());
    }
    let s: std::sync::Arc<keyring_core::CredentialStore> =
        linux_keyutils_keyring_store::Store::new().map_err(unavailable)?;
    Ok(STORE.get_or_init(|| s).clone())
}

#[cfg(not(target_os = "linux"))]
fn store() -> Result<std::sync::Arc<keyring_core::CredentialStore>, TokenStoreError> {
    // Windows and macOS would plug in windows-native-keyring-store / apple-native-keyring-store.
    Err(TokenStoreError::Unavailable(
        "no keyring store is built in for this platform; set PACKBENCH_BACKEND_TOKEN".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_never_prints_itself() {
        let t = BackendToken::new("s3cr3t-value");
        assert_eq!(format!("{t:?}"), "BackendToken(***)");
        assert_eq!(format!("{t}"), "***");
        assert_eq!(t.expose(), "s3cr3t-value");
    }

    /// A round trip in the real store (the kernel's keyutils: no daemon needed).
    #[cfg(target_os = "linux")]
    #[test]
    fn set_read_clear_in_the_os_keyring() {
        let station = format!("T-KR-{}", std::process::id());
        let k = OsKeyring;
        assert_eq!(k.get(&station).unwrap(), None);
        k.set(&station, &"first".into()).unwrap();
        assert_eq!(k.get(&station).unwrap().unwrap().expose(), "first");
        k.set(&station, &"second".into()).unwrap();
        assert_eq!(k.get(&station).unwrap().unwrap().expose(), "second");
        assert!(k.clear(&station).unwrap());
        assert_eq!(k.get(&station).unwrap(), None);
        assert!(!k.clear(&station).unwrap());
        assert!(matches!(
            k.set(&station, &"".into()),
            Err(TokenStoreError::Empty)
        ));
    }
}
