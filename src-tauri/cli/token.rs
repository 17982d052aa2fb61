//! `packbench token set|clear`: IT files the station's backend token in the OS keyring (service
//! `packbench`, user = the station id). The token is read from standard input, never from the
//! command line, where `ps` and shell history would show it.

use std::io::Read;
use std::process::ExitCode;

use clap::Subcommand;

use crate::config::{self, Overrides};
use crate::token_store::{BackendToken, OsKeyring};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Store this station's backend token, read from standard input (one line).
    Set,
    /// Remove this station's backend token from the keyring.
    Clear,
}

pub fn run(cmd: TokenCommand, overrides: &Overrides) -> anyhow::Result<ExitCode> {
    // The token being replaced must not stop IT from replacing it: load without the keyring's.
    let o = Overrides {
        backend_token: Some(BackendToken::default()),
        ..overrides.clone()
    };
    let station = config::load(&o)?.station_id;
    match cmd {
        TokenCommand::Set => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let token = BackendToken::new(input.trim());
            OsKeyring.set(&station, &token)?;
            eprintln!("backend token for station {station} stored in the OS keyring");
        }
        TokenCommand::Clear => {
            if OsKeyring.clear(&station)? {
                eprintln!("backend token for station {station} removed from the OS keyring");
            } else {
                eprintln!("no backend token for station {station} in the OS keyring");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
