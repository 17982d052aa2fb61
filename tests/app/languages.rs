//! End-to-end in every language, in one app start: a demo packer of each language (en, pl,
//! ro, uk, bg, lt) signs in, claims the trolley (or takes it over), and packs one order from
//! what the training panel offers (units, box, weight, label); the screen reads that packer's
//! messages (never English's, but for English), plurals included, and no text is clipped. Then
//! the pseudo-locale (`PB-LANG-EN-XA`: accented and 30 % longer) shows no English-only text
//! and nothing clipped. Runs alone (fixed WebDriver ports), under Xvfb like `e2e.rs`.

use crate::webdriver;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use packbench_devices::simulator::SimulatedScale;
use packbench_ipc::i18n::{Arg, Lang};
use webdriver::*;

use crate::newcomer::{hints_current, step, touch};

fn badge_of(lang: Lang) -> String {
    packbench::training::demo_data::generate(packbench::training::demo_data::DEFAULT_SEED)
        .packers
        .into_iter()
        .find(|p| p.role == "packer" && p.language == lang.tag())
        .unwrap_or_else(|| panic!("no demo packer speaks {}", lang.tag()))
        .badge
}

async fn text_of(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.unwrap()
}

/// Waits until `css` reads one of `want` (the screen re-renders as answers and polls come).
async fn wait_text(client: &Client, css: &str, want: &[String]) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let seen = text_of(client, css).await;
        if want.contains(&seen) {
            return seen;
        }
        assert!(
            Instant::now() < deadline,
            "{css} reads {seen:?}, not one of {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every element with its own text whose text is wider (or taller) than its box, and the page
/// when it is wider than the window.
async fn clipped(client: &Client) -> Vec<String> {
    let found = client
        .execute(
            "const out = []; \
             for (const el of document.querySelectorAll('header *, main *')) { \
               const own = [...el.childNodes] \
                 .filter(n => n.nodeType === 3 && n.textContent.trim()) \
                 .map(n => n.textContent.trim()).join(' '); \
               if (!own || el instanceof SVGElement) continue; \
               const r = el.getBoundingClientRect(); \
               if (r.width === 0 || el.clientWidth === 0) continue; \
               const cs = getComputedStyle(el); \
               const wide = el.scrollWidth > el.clientWidth + 1; \
               const tall = cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1; \
               if (wide || tall) out.push(`${el.tagName}#${el.id}.${el.className}: ${own}`); \
             } \
             const d = document.documentElement; \
             if (d.scrollWidth > d.clientWidth + 1) \
               out.push(`the page is ${d.scrollWidth} px wide in a ${d.clientWidth} px window`); \
             return out;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// English message text that a screen in another language must not show: the text of every
/// English message between its placeables, where it is distinctive (two words, or a long one).
fn english_fragments() -> Vec<String> {
    let en = Lang::En.words();
    let mut out: Vec<String> = Vec::new();
    for id in Lang::En.message_ids() {
        // Unfilled variables render as `{$name}`: split the text there.
        for piece in en.text(id).split(['{', '}']) {
            let piece = piece.trim().trim_matches(|c: char| !c.is_alphanumeric());
            let words = piece.split_whitespace().count();
            let letters = piece.chars().filter(char::is_ascii_alphabetic).count();
            if !piece.starts_with('$') && (words >= 2 || letters >= 7) && letters >= 4 {
                out.push(piece.to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The page's visible text (station bar and main), codes under the hints left out.
async fn page_text(client: &Client) -> String {
    let v = client
        .execute(
            "const parts = []; \
             for (const el of document.querySelectorAll('header, main')) parts.push(el.innerText); \
             return parts.join('\\n');",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Numbers in a text, in order (`"3 półki · 12 sztuk"` -> 3, 12).
fn numbers(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap())
        .collect()
}

/// The slot step in `lang`: prompt, the take-slot button, the trolley's summary (its plural
/// forms on the real counts), the station bar.
async fn slot_step_reads(client: &Client, lang: Lang) {
    let w = lang.words();
    let prompts: Vec<String> = (1..=40)
        .map(|n| w.fmt("scan-slot-next", &[("slot", format!("{n:02}").into())]))
        .chain([w.text("scan-slot")])
        .collect();
    wait_text(client, "#step .prompt", &prompts).await;
    let summary = text_of(client, "#manifest .summary").await;
    let n = numbers(&summary);
    assert_eq!(n.len(), 2, "{summary}");
    let want = w.fmt(
        "trolley-summary",
        &[("slots", Arg::from(n[0])), ("units", Arg::from(n[1]))],
    );
    assert_eq!(summary, want, "{}", lang.tag());
    wait_text(client, "#online", &[w.text("status-online")]).await;
}

/// The unit step in `lang`: prompt, buttons, the training panel.
async fn unit_step_reads(client: &Client, lang: Lang) {
    let w = lang.words();
    let order = order_shown(client).await;
    let prompt = w.fmt("scan-items", &[("order", (&order).into())]);
    wait_text(client, "#step .prompt", std::slice::from_ref(&prompt)).await;
    if lang != Lang::En {
        assert_ne!(
            prompt,
            Lang::En
                .words()
                .fmt("scan-items", &[("order", (&order).into())])
        );
    }
    wait_text(client, "#close-parcel", &[w.text("close-parcel")]).await;
    wait_text(client, "#leave-slot", &[w.text("leave-slot")]).await;
    wait_text(
        client,
        "#training .training-title",
        &[w.text("training-title")],
    )
    .await;
}

/// Packs the open order in `lang` from what the training panel offers: every unit, close the
/// parcel, the suggested box (its words checked), the weight; back at the slot step.
async fn pack_order(client: &Client, lang: Lang, scale: &SimulatedScale) {
    let w = lang.words();
    unit_step_reads(client, lang).await;
    nothing_clipped(client, lang.tag()).await;
    loop {
        hints_current(client).await;
        if client
            .find(Locator::Css("#training-targets button.hint-unit"))
            .await
            .is_err()
        {
            break;
        }
        touch(client, "#training-targets button.hint-unit").await;
        assert_eq!(step(client).await, "verify_units", "{}", lang.tag());
    }
    screenshot(client, &format!("languages-{}-units.png", lang.tag())).await;
    scan_wait(client, "PB-CLOSE-PARCEL").await;
    step_shown(client, "choose_packaging").await;
    wait_text(
        client,
        "#suggestion .suggested-box .label",
        &[w.text("suggested")],
    )
    .await;
    let name = text_of(client, "#suggestion .suggested-box strong").await;
    wait_text(
        client,
        "#use-suggested",
        &[w.fmt("use-box", &[("box", (&name).into())])],
    )
    .await;
    let why = text_of(client, "#suggestion .why").await;
    assert!(!why.trim().is_empty(), "{}: no reasons", lang.tag());
    nothing_clipped(client, lang.tag()).await;
    screenshot(client, &format!("languages-{}-box.png", lang.tag())).await;
    // The station reads the scale as soon as the box is in: touched like the newcomer does,
    // since the screen stays busy while the scale is empty.
    touch(client, "#training-targets button.hint-box").await;
    let expected = expected_weight_g(client).await;
    wait_text(
        client,
        "#weight span",
        &[w.fmt("expected-weight", &[("grams", Arg::from(expected))])],
    )
    .await;
    scale.set_load_g(expected);
    wait_gone(client, "#step[data-step='weigh']").await;
    scale.set_load_g(0);
    step_shown(client, "scan_slot").await;
}

async fn nothing_clipped(client: &Client, what: &str) {
    let c = clipped(client).await;
    assert!(c.is_empty(), "{what}: clipped text: {c:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kiosk_speaks_every_language_and_the_pseudo_locale_fits() {
    let _one = ONE_APP.lock().await;
    let (dir, backend) = start_backend().await;
    let (scale, config) = scale_and_config(dir.path());
    let driver = start_driver(
        &backend.url(),
        "ST-LANG",
        &dir.path().join("station"),
        &config,
    );
    let run = with_app(move |client| async move {
        step_shown(&client, "sign_in").await;
        // The screen draws with the typeface shipped in the UI, not whatever the system has.
        let deadline = Instant::now() + WAIT;
        loop {
            let loaded = client
                .execute(
                    "return [...document.fonts] \
                       .filter(f => f.family.includes('Packbench Sans') && f.status === 'loaded') \
                       .length;",
                    vec![],
                )
                .await
                .unwrap();
            if loaded.as_u64().unwrap_or(0) >= 1 {
                break;
            }
            assert!(Instant::now() < deadline, "the UI's typeface never loaded");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for lang in Lang::ALL {
            let w = lang.words();
            scan_wait(&client, &badge_of(lang)).await;
            let deadline = Instant::now() + WAIT;
            let mut now = step(&client).await;
            while !["scan_trolley", "scan_slot"].contains(&now.as_str()) {
                assert!(Instant::now() < deadline, "{}: at {now}", lang.tag());
                tokio::time::sleep(Duration::from_millis(50)).await;
                now = step(&client).await;
            }
            if now == "scan_trolley" {
                wait_text(&client, "#step .prompt", &[w.text("scan-trolley")]).await;
                wait_text(&client, "#sign-out", &[w.text("sign-out")]).await;
                scan_wait(&client, "TR-0001").await;
                step_shown(&client, "scan_slot").await;
            }
            slot_step_reads(&client, lang).await;
            nothing_clipped(&client, lang.tag()).await;
            scan_wait(&client, "PB-TAKE-SLOT").await;
            step_shown(&client, "verify_units").await;
            pack_order(&client, lang, &scale).await;
            // The next packer takes over the trolley.
            scan_wait(&client, "PB-SIGN-OUT").await;
            step_shown(&client, "sign_in").await;
        }
        scan_wait(&client, &badge_of(Lang::Lt)).await;
        step_shown(&client, "scan_slot").await;
        scan_wait(&client, "PB-TAKE-SLOT").await;
        step_shown(&client, "verify_units").await;

        // The pseudo-locale: the unit step, a unit in, then back at the slot step.
        let fragments = english_fragments();
        assert!(fragments.len() > 100, "{}", fragments.len());
        scan_wait(&client, "PB-LANG-EN-XA").await;
        let pseudo = Lang::Pseudo.words();
        for (i, step_name) in ["verify_units", "scan_slot"].into_iter().enumerate() {
            if step_name == "scan_slot" {
                scan_wait(&client, "PB-LEAVE-SLOT").await;
            }
            step_shown(&client, step_name).await;
            wait_text(
                &client,
                "#training .training-title",
                &[pseudo.text("training-title")],
            )
            .await;
            wait_text(&client, "#online", &[pseudo.text("status-online")]).await;
            hints_current(&client).await;
            let shown = page_text(&client).await;
            let english: Vec<&String> = fragments
                .iter()
                .filter(|f| shown.contains(f.as_str()))
                .collect();
            assert!(
                english.is_empty(),
                "{step_name}: English-only text {english:?} in\n{shown}"
            );
            nothing_clipped(&client, &format!("en-XA at {step_name}")).await;
            screenshot(&client, &format!("languages-en-XA-{i}.png")).await;
        }
    })
    .await;
    drop(driver);
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}
