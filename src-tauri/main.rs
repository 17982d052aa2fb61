// The window subsystem on Windows release builds: no console behind the kiosk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    packbench::cli::main()
}
