//! A packer scans a trolley: validate the scan, claim the trolley from the backend, keep the
//! manifest locally before the packer sees it.

use packbench_core::{classify_scan, Manifest, Scan};
use tracing::{info, instrument};

use super::Station;
use crate::error::StationError;

#[instrument(skip(station), fields(station = %station.station_id))]
pub async fn claim_trolley(station: &Station, scan: &str) -> Result<Manifest, StationError> {
    let trolley = match classify_scan(scan)? {
        Scan::Trolley(t) => t,
        Scan::Slot(s) => {
            return Err(StationError::InvalidScan(format!(
                "{s} is a slot label. Scan the trolley's own barcode (like {}).",
                s.trolley
            )))
        }
        Scan::Other(s) => {
            return Err(StationError::InvalidScan(format!(
                "\"{s}\" is not a trolley code. Scan the barcode on the trolley (like TR-0042)."
            )))
        }
    };
    let manifest = station.backend.claim_trolley(&trolley).await?;
    station.store.save_claim(&manifest).await?;
    info!(trolley = %trolley, slots = manifest.slots.len(), units = manifest.units(), "trolley claimed");
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use async_trait::async_trait;
    use packbench_core::TrolleyCode;

    use super::*;
    use crate::ports::{
        BackendApi, BackendError, Backlog, NewOutboxItem, Outbox, OutboxItem, StationStore,
        StoreError,
    };

    struct OneTrolley;

    #[async_trait]
    impl BackendApi for OneTrolley {
        async fn claim_trolley(&self, t: &TrolleyCode) -> Result<Manifest, BackendError> {
            if t.as_str() == "TR-0001" {
                Ok(Manifest {
                    trolley: t.clone(),
                    claimed_by: "ST-T".into(),
                    slots: vec![],
                })
            } else {
                Err(BackendError::TrolleyUnknown(t.to_string()))
            }
        }
        async fn sign_in(
            &self,
            _: &crate::contract::SignInRequest,
        ) -> Result<crate::contract::SignedIn, BackendError> {
            Err(BackendError::Unreachable("not in this test".into()))
        }
        async fn sku_image(&self, _: &str) -> Result<Vec<u8>, BackendError> {
            Err(BackendError::Unreachable("not in this test".into()))
        }
        async fn packaging_catalogue(
            &self,
        ) -> Result<Vec<crate::contract::CatalogueEntry>, BackendError> {
            Ok(vec![])
        }
        async fn record_movements(
            &self,
            _: &str,
            _: &crate::contract::MovementBatch,
        ) -> Result<crate::contract::MovementReceipt, BackendError> {
            Err(not_here())
        }
        async fn record_exception(
            &self,
            _: &str,
            _: &crate::contract::LineException,
        ) -> Result<crate::contract::ExceptionReceipt, BackendError> {
            Err(not_here())
        }
        async fn record_order_exception(
            &self,
            _: &str,
            _: &crate::contract::OrderException,
        ) -> Result<crate::contract::ExceptionReceipt, BackendError> {
            Err(not_here())
        }
        async fn record_override(
            &self,
            _: &str,
            _: &crate::contract::OverrideRecord,
        ) -> Result<crate::contract::OverrideReceipt, BackendError> {
            Err(not_here())
        }
        async fn create_shipment(
            &self,
            _: &str,
            _: &crate::contract::NewShipment,
        ) -> Result<crate::contract::Shipment, BackendError> {
            Err(not_here())
        }
        async fn void_shipment(
            &self,
            _: &str,
            _: &str,
        ) -> Result<crate::contract::Shipment, BackendError> {
            Err(not_here())
        }
        async fn release_trolley(
            &self,
            _: &str,
            _: &TrolleyCode,
        ) -> Result<crate::contract::Released, BackendError> {
            Err(not_here())
        }
        async fn heartbeat(
            &self,
            _: &str,
            _: &crate::contract::Heartbeat,
        ) -> Result<crate::contract::HeartbeatReceipt, BackendError> {
            Err(not_here())
        }
    }

    fn not_here() -> BackendError {
        BackendError::Unreachable("not in this test".into())
    }

    #[derive(Default)]
    struct MemStore(Mutex<Option<Manifest>>, bool);

    #[async_trait]
    impl StationStore for MemStore {
        async fn save_claim(&self, m: &Manifest) -> Result<(), StoreError> {
            if self.1 {
                return Err(StoreError("disk full".into()));
            }
            *self.0.lock().unwrap() = Some(m.clone());
            Ok(())
        }
        async fn current_claim(&self) -> Result<Option<Manifest>, StoreError> {
            Ok(self.0.lock().unwrap().clone())
        }
    }

    /// Claiming queues nothing: an outbox that stays empty.
    struct NoOutbox;

    #[async_trait]
    impl Outbox for NoOutbox {
        async fn enqueue(&self, _: &[NewOutboxItem], _: i64) -> Result<u64, StoreError> {
            Ok(0)
        }
        async fn due(&self, _: i64, _: u32) -> Result<Vec<OutboxItem>, StoreError> {
            Ok(vec![])
        }
        async fn mark_delivered(&self, _: i64, _: &str, _: i64) -> Result<(), StoreError> {
            Ok(())
        }
        async fn mark_retry(&self, _: i64, _: i64, _: &str) -> Result<(), StoreError> {
            Ok(())
        }
        async fn mark_failed(&self, _: i64, _: &str, _: i64) -> Result<(), StoreError> {
            Ok(())
        }
        async fn backlog(&self, _: i64) -> Result<Backlog, StoreError> {
            Ok(Backlog::default())
        }
        async fn delivered_response(&self, _: &str) -> Result<Option<String>, StoreError> {
            Ok(None)
        }
    }

    fn station(store: Arc<MemStore>) -> Station {
        Station {
            station_id: "ST-T".into(),
            backend_label: "test".into(),
            backend: Arc::new(OneTrolley),
            store,
            outbox: Arc::new(NoOutbox),
            outbox_wake: Default::default(),
            outbox_delivered: Default::default(),
            notice: None,
            health: Default::default(),
        }
    }

    #[tokio::test]
    async fn a_claimed_trolley_is_stored_before_it_is_returned() {
        let store = Arc::new(MemStore::default());
        let m = claim_trolley(&station(store.clone()), " tr-0001\n")
            .await
            .unwrap();
        assert_eq!(m.trolley.as_str(), "TR-0001");
        assert_eq!(store.current_claim().await.unwrap(), Some(m));
    }

    #[tokio::test]
    async fn wrong_scans_never_reach_the_backend_or_the_store() {
        let store = Arc::new(MemStore::default());
        for scan in ["TR-0001-03", "4006381333931", ""] {
            let err = claim_trolley(&station(store.clone()), scan)
                .await
                .unwrap_err();
            assert!(
                matches!(err, StationError::InvalidScan(_)),
                "{scan:?}: {err}"
            );
        }
        let err = claim_trolley(&station(store.clone()), "TR-0009")
            .await
            .unwrap_err();
        assert!(matches!(
            err,
            StationError::Backend(BackendError::TrolleyUnknown(_))
        ));
        assert_eq!(store.current_claim().await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_failing_disk_fails_the_claim_visibly() {
        let store = Arc::new(MemStore(Mutex::new(None), true));
        let err = claim_trolley(&station(store), "TR-0001").await.unwrap_err();
        assert!(matches!(err, StationError::Store(_)));
    }
}
