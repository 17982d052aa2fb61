//! A product's picture beside its order line, so the packer knows what to look for before
//! reading the code. Pictures come from the station (`sku_image`) as `data:` URIs and are kept
//! for the session; until one arrives (or when there is none) the line shows an empty frame.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use packbench_ipc::{cmd, SkuImageRequest, SkuImageResponse};

use crate::ipc::invoke;

thread_local! {
    /// Pictures already fetched this session (only found ones: "none" is asked again, since
    /// it may mean the backend was out).
    static SEEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

#[component]
pub fn SkuImage(sku: String) -> impl IntoView {
    let known = SEEN.with(|s| s.borrow().get(&sku).cloned());
    let (src, set_src) = signal(known.clone());
    if known.is_none() {
        let req = SkuImageRequest { sku: sku.clone() };
        spawn_local(async move {
            if let Ok(SkuImageResponse {
                sku,
                image: Some(uri),
            }) = invoke::<_, SkuImageResponse>(cmd::sku_image, &req).await
            {
                SEEN.with(|s| s.borrow_mut().insert(sku, uri.clone()));
                // The line may have been redrawn meanwhile: then nobody is left to tell.
                let _ = set_src.try_set(Some(uri));
            }
        });
    }
    move || match src.get() {
        Some(uri) => view! { <img class="thumb" src=uri alt=sku.clone() /> }.into_any(),
        None => view! { <span class="thumb none"></span> }.into_any(),
    }
}
