//! The station's ports: what its use cases need from the outside world, as traits with typed
//! errors. Adapters in [`crate::adapters`] implement them; tests can substitute their own.
//! [`backend`]: the warehouse backend; [`store`]: the station's own database; [`devices`]: the
//! printer and the scale; [`files`]: the station's files and the supervisors' webhook.

mod backend;
mod devices;
mod files;
mod store;

pub use backend::*;
pub use devices::*;
pub use files::*;
pub use store::*;
