//! Value parsers the subcommands' flags share, so an unknown or out-of-range value stops at the
//! command line (exit 2, the flag and the accepted values named) and never reaches the work.

use clap::builder::PossibleValuesParser;
use packbench_devices::scale::Protocol;
use packbench_ipc::i18n::Lang;

/// `--lang`: a language the kiosk speaks.
pub fn lang() -> PossibleValuesParser {
    PossibleValuesParser::new(Lang::ALL.map(Lang::tag))
}

/// `--paper`: the sheet sizes slips and sheets are laid out for.
pub fn paper() -> PossibleValuesParser {
    PossibleValuesParser::new(["a4", "letter"])
}

/// `--protocol`: the scale protocols the station speaks.
pub fn scale_protocol() -> PossibleValuesParser {
    PossibleValuesParser::new(Protocol::ALL.map(Protocol::name))
}
