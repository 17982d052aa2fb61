//! Posting the desk's newly raised alerts to the supervisors' chat webhook.

use packbench_core::desk::{self, Alert};

use crate::ports::{AlertWebhook, WebhookError};

/// Posts each alert as one message ("Packbench CRITICAL: ...").
pub async fn post_alerts(hook: &dyn AlertWebhook, alerts: &[Alert]) -> Result<(), WebhookError> {
    for a in alerts {
        let severity = match a.severity {
            desk::Severity::Critical => "CRITICAL",
            desk::Severity::Warning => "warning",
        };
        hook.post(&format!("Packbench {severity}: {}", a.message))
            .await?;
    }
    Ok(())
}
