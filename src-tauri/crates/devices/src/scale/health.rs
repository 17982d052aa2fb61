//! How a scale is doing between weighings: whether its port is open, the last fault it showed
//! and how long ago it last answered sensibly. The serial adapter keeps it up to date on every
//! exchange and on [`crate::serial::SerialScale::probe`], so an unplugged or silent scale shows
//! as such without anyone weighing.

use super::ScaleError;
use std::time::Duration;

/// A scale's health, as last seen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScaleHealth {
    /// The serial port is open (it closes after an I/O error until the next call reopens it).
    pub port_open: bool,
    /// What went wrong at the last exchange, if anything did.
    pub last_fault: Option<ScaleError>,
    /// Time since the scale last answered with something that was not a fault.
    pub last_good_age: Option<Duration>,
}

impl ScaleHealth {
    /// Whether the scale can weigh now, as far as the last exchange tells.
    pub fn ready(&self) -> bool {
        self.port_open && self.last_fault.is_none() && self.last_good_age.is_some()
    }

    /// The stable code of what stops it (`scale_disconnected`, `scale_no_answer`,
    /// `scale_overload`...); `None` when ready.
    pub fn problem(&self) -> Option<&'static str> {
        if let Some(f) = &self.last_fault {
            return Some(f.code());
        }
        if !self.port_open {
            return Some("scale_port_unavailable");
        }
        if self.last_good_age.is_none() {
            return Some("scale_no_answer");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_when_open_answered_and_fault_free() {
        let good = ScaleHealth {
            port_open: true,
            last_fault: None,
            last_good_age: Some(Duration::from_millis(200)),
        };
        assert!(good.ready());
        assert_eq!(good.problem(), None);
        let never_answered = ScaleHealth {
            last_good_age: None,
            ..good.clone()
        };
        assert_eq!(never_answered.problem(), Some("scale_no_answer"));
        let unplugged = ScaleHealth {
            port_open: false,
            last_fault: Some(ScaleError::Disconnected {
                port: "/dev/ttyUSB0".into(),
                detail: "EIO".into(),
            }),
            ..good.clone()
        };
        assert!(!unplugged.ready());
        assert_eq!(unplugged.problem(), Some("scale_disconnected"));
        assert_eq!(
            ScaleHealth::default().problem(),
            Some("scale_port_unavailable")
        );
    }
}
