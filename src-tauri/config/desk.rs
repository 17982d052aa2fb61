//! `[desk]`, the supervisor's desk at this station: the alert webhook and the backlog
//! threshold, checked.

use super::error::ConfigError;
use super::file::DeskSection;

/// The desk's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSettings {
    pub webhook_url: Option<String>,
    pub backlog_alert_ms: u64,
}

impl Default for DeskSettings {
    fn default() -> Self {
        DeskSettings {
            webhook_url: None,
            backlog_alert_ms: 10 * 60 * 1000,
        }
    }
}

/// The `[desk]` table, each value checked.
pub(super) fn desk_settings(
    d: Option<&DeskSection>,
    origin: &str,
) -> Result<DeskSettings, ConfigError> {
    let mut out = DeskSettings::default();
    let Some(d) = d else {
        return Ok(out);
    };
    let bad = |key, message: String| ConfigError::Value {
        key,
        origin: origin.to_owned(),
        message,
    };
    if let Some(url) = &d.webhook_url {
        out.webhook_url = Some(webhook_url(url).map_err(|m| bad("desk.webhook_url", m))?);
    }
    if let Some(min) = d.backlog_alert_min {
        if !(1..=1440).contains(&min) {
            return Err(bad(
                "desk.backlog_alert_min",
                format!("{min}: use 1 to 1440 (minutes)"),
            ));
        }
        out.backlog_alert_ms = min * 60 * 1000;
    }
    Ok(out)
}

/// A chat webhook's address, checked: http:// or https:// and a host.
pub fn webhook_url(url: &str) -> Result<String, String> {
    let ok = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .is_some_and(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && !rest.chars().any(char::is_whitespace)
        });
    if ok {
        Ok(url.to_owned())
    } else {
        Err(format!(
            "\"{url}\": use an http:// or https:// URL, like https://hooks.slack.com/services/..."
        ))
    }
}
