//! Tauri IPC commands: each reads one request, calls one service, maps the result. Errors cross
//! as `packbench_ipc::IpcError` (`{code, message}`); only here do services' errors become it.
//! [`station`]: the status bar and pictures; [`pack`]: the packer's flow; [`desk`]: the
//! supervisor's desk.

mod desk;
mod pack;
mod station;
mod training;

pub use desk::*;
pub use pack::*;
pub use station::*;
pub use training::*;
