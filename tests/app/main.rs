//! The real app in a real WebKit webview under Xvfb, driven over WebDriver (tauri-driver): a
//! packer's whole trolley, the supervisor's desk, a newcomer in training mode, and every
//! language with the pseudo-locale. One test binary (one link step); the tests take the one
//! app slot in turn (`webdriver::ONE_APP`).

#[path = "../support/webdriver.rs"]
mod webdriver;

mod devices;
mod e2e;
mod languages;
mod newcomer;
