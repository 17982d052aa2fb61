//! The station's services, adapters and the training backend together, without a window: the
//! backend contract, the station's wiring and resume, the pack service with real faults,
//! backend outages, training mode, and the fleet's roll-outs. One test binary (one link step).

#[path = "../support/backend.rs"]
mod support;

mod backend_contract;
mod device_health;
mod outage;
mod pack_flow;
mod rollout;
mod station;
mod training_mode;
