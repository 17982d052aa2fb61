#!/bin/sh
# Builds the Leptos UI to wasm and packages it with its static files into DIST (default ui/dist).
# Uses Debian's rustc (rustc-web: knows wasm32, builds std from source) and wasm-bindgen-cli,
# both installed by the README's set-up commands. Files in DIST are replaced only when their
# content changes, so cargo's change tracking stays quiet.
set -eu
ui_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$ui_dir")
dist=${1:-$ui_dir/dist}
target_dir=${PACKBENCH_WASM_TARGET_DIR:-$root/target/wasm-ui}
stage="$target_dir/stage"

if [ ! -x /usr/bin/rustc ] || ! command -v wasm-bindgen >/dev/null 2>&1; then
    echo "ui/build.sh: needs Debian's rustc-web (/usr/bin/rustc) and wasm-bindgen on PATH;" >&2
    echo "run the README's set-up command first." >&2
    exit 1
fi

cd "$root"
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -p ui --release \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir "$target_dir"

rm -rf "$stage"
mkdir -p "$stage"
wasm-bindgen --target web --no-typescript --out-dir "$stage" \
    "$target_dir/wasm32-unknown-unknown/release/ui.wasm"
cp "$ui_dir/index.html" "$ui_dir/main.js" "$ui_dir/style.css" "$stage/"

mkdir -p "$dist"
for f in "$stage"/*; do
    name=$(basename "$f")
    cmp -s "$f" "$dist/$name" || cp "$f" "$dist/$name"
done
for f in "$dist"/*; do
    [ -e "$stage/$(basename "$f")" ] || rm -f "$f"
done
