//! Packbench's UI: a Leptos client-side app in the Tauri webview. It holds no business rules:
//! every action is one IPC call (see [`ipc`]) and the view shows what comes back.

mod app;
mod components;
mod desk;
mod ipc;
mod sound;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
