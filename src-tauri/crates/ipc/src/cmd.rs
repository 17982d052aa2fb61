//! The command registry: every Tauri command of the station, its name written once, here.
//!
//! Everything else reads this list. The UI invokes `cmd::get_station` and so on; the app's
//! `build.rs` compiles this file too (`#[path]`) and from [`ALL`] declares the commands to
//! tauri-build (their `allow-`/`deny-` permissions), writes the `station-commands` permission
//! set that the window's capability grants, and generates the app's handler list
//! (`crate::commands::NAME` for each). The ACL test calls each one from the window.
//!
//! A constant is named as its command, in snake_case, so the name is not spelled twice; this
//! file must stay free of anything but `core` for `build.rs` to compile it.

macro_rules! registry {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        $(
            $(#[$doc])*
            #[allow(non_upper_case_globals)]
            pub const $name: &str = stringify!($name);
        )*

        /// Every command, in the order above.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

registry! {
    /// The station: its id, backend, outbox backlog, devices' health.
    get_station,
    /// A scan handed to the pack flow.
    pack_scan,
    /// What the packer does besides scanning (buttons, action barcodes).
    pack_action,
    /// The pack flow's screen as it stands.
    get_flow,
    /// Pictures (PNG) of an order's labels, for the packer to check.
    label_preview,
    /// A product's picture for the order lines.
    sku_image,
    /// The supervisor's desk (a supervisor's sign-in only): stations, alerts, weight requests.
    desk_overview,
    /// The desk: packers' productivity over a period.
    desk_productivity,
    /// The desk: exceptions and overrides, filtered.
    desk_records,
    /// The desk: exceptions and overrides, filtered, written as CSV.
    desk_export,
    /// The desk: a supervisor's action (release, void, reprint, decide a weight request, hold,
    /// resume or roll back a roll-out ring).
    desk_action,
    /// The desk: the fleet's roll-out, ring by ring.
    desk_rollout,
    /// Training mode: what there is to scan now, as touch targets (training backends only).
    training_hints,
}
