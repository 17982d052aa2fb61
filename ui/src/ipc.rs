//! Typed IPC: calls a station command through Tauri's `invoke` and decodes the answer, or the
//! command's `{code, message}` error. Never panics: anything unexpected becomes an `internal`
//! error with a readable message.

use packbench_ipc::{ErrorCode, IpcError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"], js_name = invoke)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Args<'a, T> {
    req: &'a T,
}

pub async fn invoke<Req: Serialize, Resp: DeserializeOwned>(
    cmd: &str,
    req: &Req,
) -> Result<Resp, IpcError> {
    let args = serde_wasm_bindgen::to_value(&Args { req })
        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("cannot encode {cmd}: {e}")))?;
    match tauri_invoke(cmd, args).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| {
            IpcError::new(
                ErrorCode::Internal,
                format!("unreadable answer to {cmd}: {e}"),
            )
        }),
        Err(e) => Err(
            serde_wasm_bindgen::from_value::<IpcError>(e.clone()).unwrap_or_else(|_| {
                let text = e
                    .as_string()
                    .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
                    .unwrap_or_else(|| "unknown error".into());
                IpcError::new(ErrorCode::Internal, format!("{cmd} failed: {text}"))
            }),
        ),
    }
}
