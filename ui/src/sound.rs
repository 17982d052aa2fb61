//! Feedback sounds: a short beep for an accepted scan, two low buzzes for a refusal, a chirp when
//! an order or trolley is done. Noisy halls need both ear and eye: the colour changes too.
//!
//! Each sound is one audio element, made and loaded once when the screen starts and rewound for
//! every play (making an element per scan costs the webview tens of milliseconds each time). A
//! sound starts just after the frame showing the answer is painted, so it never delays it.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};
use web_sys::HtmlAudioElement;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sound {
    Accepted,
    Refused,
    Done,
}

impl Sound {
    const ALL: [Sound; 3] = [Sound::Accepted, Sound::Refused, Sound::Done];

    fn file(self) -> &'static str {
        match self {
            Sound::Accepted => "sound-accepted.wav",
            Sound::Refused => "sound-refused.wav",
            Sound::Done => "sound-done.wav",
        }
    }
}

thread_local! {
    static PLAYERS: RefCell<Vec<(Sound, HtmlAudioElement)>> = const { RefCell::new(Vec::new()) };
}

/// Loads the sounds; a webview that cannot play (no audio device) stays silent, never fails.
pub fn preload() {
    PLAYERS.with(|p| {
        let mut p = p.borrow_mut();
        if !p.is_empty() {
            return;
        }
        for s in Sound::ALL {
            if let Ok(a) = HtmlAudioElement::new_with_src(s.file()) {
                a.set_preload("auto");
                p.push((s, a));
            }
        }
    });
}

/// Plays a sound once the answer is on screen: after the next frame is painted.
pub fn play(s: Sound) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                preload();
                PLAYERS.with(|p| {
                    if let Some((_, a)) = p.borrow().iter().find(|(k, _)| *k == s) {
                        a.set_current_time(0.0);
                        let _ = a.play();
                    }
                });
            },
            Duration::ZERO,
        )
    });
}
