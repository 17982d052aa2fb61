//! Feedback sounds: a short beep for an accepted scan, two low buzzes for a refusal, a chirp when
//! an order or trolley is done. Noisy halls need both ear and eye: the colour changes too.

use web_sys::HtmlAudioElement;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sound {
    Accepted,
    Refused,
    Done,
}

/// Plays a sound; a webview that cannot play (no audio device) stays silent, never fails.
pub fn play(s: Sound) {
    let file = match s {
        Sound::Accepted => "sound-accepted.wav",
        Sound::Refused => "sound-refused.wav",
        Sound::Done => "sound-done.wav",
    };
    if let Ok(a) = HtmlAudioElement::new_with_src(file) {
        let _ = a.play();
    }
}
