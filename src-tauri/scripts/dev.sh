#!/usr/bin/env bash
# Packbench's set-up and run script for a Debian 12 machine (the README's two commands).
#   dev.sh run    install what is missing, build, run the app (embedded training backend)
#   dev.sh test   install what is missing, build, run every test (end-to-end under Xvfb), and
#                 build and check the .deb (debug profile)
#   dev.sh release  build the release .deb; with TAURI_SIGNING_PRIVATE_KEY set, also its
#                 updater signature (.deb.sig); with PACKBENCH_APT_KEY set, also a signed apt
#                 repository holding it (apt_repo.sh publish), see the README's Release section
#   dev.sh bench  every benchmark at full size in the release profile, figures beside targets,
#                 each run PACKBENCH_BENCH_RUNS times (3): min/median/p95 over the runs
# Idempotent: installed packages and tools are detected and skipped. Build artefacts are cached
# outside the clone (PACKBENCH_CACHE, default /var/cache/packbench) so later runs are fast.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
cache=${PACKBENCH_CACHE:-/var/cache/packbench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache/target}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TAURI_DRIVER_VERSION=2.1.0
TAURI_CLI_VERSION=2.12.4
SCHEMATHESIS_VERSION=4.32.5
BINARYEN_VERSION=132.0.0
SCHEMATHESIS_VENV=$cache/venv-schemathesis
SCHEMATHESIS=$SCHEMATHESIS_VENV/bin/schemathesis

# Installed without their recommended packages (media codecs, LLVM's tools, printer discovery,
# documentation): on a fresh Debian 12 root, 585 packages in 91 s instead of 841 in 115 s, and
# the whole test suite passes there (2026-12-03). What a step needs is named here.
APT_PACKAGES=(
    # TLS to the registries (cargo, npm, pip)
    ca-certificates
    # Native side: Tauri's WebKitGTK stack, serialport's libudev
    build-essential pkg-config file libssl-dev libudev-dev
    libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
    # The wasm UI: Debian's rustc knows wasm32 and ships std's source (see ui/build.sh)
    rustc-web cargo-web rust-web-src lld-22
    # Running and testing without a display
    xvfb xauth webkit2gtk-driver
    # The build's working copy in the cache is kept by content (sync_worktree)
    rsync
    # Reading labels back in tests; a private CUPS scheduler for the printer tests
    poppler-utils zbar-tools cups cups-client cups-bsd
    # Contract fuzzing (schemathesis, from PyPI, in a venv)
    python3 python3-venv
    # The bundler tauri-cli comes prebuilt from the npm registry (@tauri-apps/cli)
    nodejs
    # The signed apt repository (apt_repo.sh): laid out by reprepro, signed with gpg; the .deb in
    # it signed with debsigs and checked with debsig-verify
    reprepro gpg gpg-agent debsigs debsig-verify
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing Debian packages: ${missing[*]}"
        as_root apt-get update -q
        # A mirror answering late leaves a list stale (seen: lld-22 "unable to locate" once):
        # one fresh update and a second try before giving up.
        local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends)
        as_root "${install[@]}" "${missing[@]}" || {
            log "apt-get install failed; updating the package lists again and retrying"
            as_root apt-get update -q
            as_root "${install[@]}" "${missing[@]}"
        }
    fi
}

ensure_cargo() {
    if ! command -v cargo >/dev/null 2>&1; then
        # No rustup: Debian's cargo-web (installed above) builds the native side too.
        export PATH="$PATH:/usr/bin"
        command -v cargo >/dev/null 2>&1 || { echo "no cargo found" >&2; exit 1; }
    fi
}

# ensure_tool BINARY VERSION CRATE [cargo install flags...]
ensure_tool() {
    local bin=$1 version=$2 crate=$3
    shift 3
    if command -v "$bin" >/dev/null 2>&1; then
        # tauri-driver has no --version: cargo's own record of installed tools then says.
        if "$bin" --version 2>/dev/null | grep -q "$version" ||
            cargo install --list 2>/dev/null | grep -q "^$crate v$version:"; then
            return
        fi
    fi
    log "installing $crate $version"
    # Tools run for about a second per build: unoptimised, they compile in less than half the
    # time (wasm-bindgen-cli: 54 s instead of 122 s at opt-level 1, then 0.8 s instead of 0.2 s
    # per UI build, the same bytes out).
    # Their own target dir: the test command builds them while the app builds (the app's
    # target dir is locked by that build, and its UI build waits for wasm-bindgen).
    CARGO_TARGET_DIR="$cache/target-tools" \
        CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false \
        cargo install "$crate" --version "$version" "$@"
}

ensure_tools() {
    ensure_cargo_tools
    ensure_tauri_cli
    ensure_wasm_opt
}

# The tools compiled from crates.io (about 80 s on a fresh machine).
ensure_cargo_tools() {
    # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly. Not --locked:
    # its lockfile pins a crate version the registry mirror lacks.
    local wb
    wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
    ensure_tool wasm-bindgen "$wb" wasm-bindgen-cli
    ensure_tool tauri-driver "$TAURI_DRIVER_VERSION" tauri-driver --locked
}

# The test command's variant: the crates.io tools compile beside the app's build instead of
# before it (on a fresh machine the build leaves a core idle at times; the tools fill it). The
# job holds $cache/tools.lock until it ends: ui/build.sh waits on it before it runs
# wasm-bindgen (PACKBENCH_TOOLS_LOCK), and wait_cargo_tools before the tests.
start_cargo_tools() {
    local lock="$cache/tools.lock"
    mkdir -p "$cache"
    exec 7>"$lock"
    flock 7
    (ensure_cargo_tools >"$cache/tools.log" 2>&1) &
    TOOLS_PID=$!
    # The job's copy of the descriptor keeps the lock; ours goes.
    exec 7>&-
    export PACKBENCH_TOOLS_LOCK=$lock
}

wait_cargo_tools() {
    local rc=0
    wait "$TOOLS_PID" || rc=$?
    cat "$cache/tools.log" >&2
    if [ "$rc" != 0 ]; then
        echo "installing the cargo tools failed (exit $rc): see above" >&2
        return 1
    fi
}

# npm_tool DIR PACKAGE VERSION BIN PATTERN: prints the path of BIN from the npm PACKAGE at
# VERSION, installed in the cache (one folder per pinned version) unless its --version already
# matches the grep PATTERN; fails if the installed one does not.
npm_tool() {
    local prefix="$cache/tools/$1" package=$2 version=$3 pattern=$5
    local bin="$prefix/node_modules/.bin/$4"
    if ! "$bin" --version 2>/dev/null | grep -q "$pattern"; then
        log "installing $package $version (npm)"
        mkdir -p "$prefix"
        npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "$package@$version" >&2
        "$bin" --version | grep -q "$pattern" || {
            echo "$package from npm is not $version: $("$bin" --version)" >&2
            return 1
        }
    fi
    echo "$bin"
}

# The bundler builds and checks the .deb. The npm registry ships tauri-cli prebuilt
# (@tauri-apps/cli and its -linux-x64-gnu binary package): seconds to install, where compiling the
# crate took ~14 min.
ensure_tauri_cli() {
    TAURI=$(npm_tool "tauri-cli-$TAURI_CLI_VERSION" @tauri-apps/cli "$TAURI_CLI_VERSION" tauri \
        "^tauri-cli $TAURI_CLI_VERSION\$")
}

# binaryen's wasm-opt shrinks the UI's wasm (ui/build.sh, which finds it by PACKBENCH_WASM_OPT).
# The npm registry's binaryen (a build that runs in Node.js) works with this toolchain's wasm;
# Debian's binaryen 108 breaks the app.
ensure_wasm_opt() {
    PACKBENCH_WASM_OPT=$(npm_tool "binaryen-$BINARYEN_VERSION" binaryen "$BINARYEN_VERSION" \
        wasm-opt "version ${BINARYEN_VERSION%%.*} ")
    export PACKBENCH_WASM_OPT
}

cargo_version() {
    sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml
}

# The .deb: bundled, checked, signed for the updater, published to an apt repository.
# shellcheck source=deb.sh
source "$root/src-tauri/scripts/deb.sh"

ensure_schemathesis() {
    local venv=$SCHEMATHESIS_VENV
    if ! "$SCHEMATHESIS" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
        log "installing schemathesis $SCHEMATHESIS_VERSION"
        # --clear: a venv left by another Python (its interpreter upgraded or gone: seen when
        # the cache moved between a machine's pyenv and Debian's python3) cannot be reused.
        python3 -m venv --clear "$venv"
        "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
    fi
}

# Fuzzes the training backend against its own OpenAPI document: every generated request,
# valid or not, must get a documented answer (no 5xx, no schema violation).
run_contract_fuzz() {
    local dir out pid url=""
    dir=$(mktemp -d)
    out="$dir/backend.out"
    "$CARGO_TARGET_DIR/debug/packbench" training-backend --listen 127.0.0.1:0 --db "$dir/training.sqlite" \
        --token fuzz-token >"$out" 2>"$dir/backend.err" &
    pid=$!
    for _ in $(seq 1 200); do
        url=$(sed -n 's/^training backend listening on //p' "$out")
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if [ -z "$url" ]; then
        cat "$dir/backend.err" >&2
        kill "$pid" 2>/dev/null || true
        echo "the training backend did not start" >&2
        return 1
    fi
    log "fuzzing the API contract with schemathesis at $url"
    local rc=0 scripts="$root/src-tauri/scripts" spec="$dir/openapi.json"
    # Hooks (contract_fuzz_hooks.py): a supervisor's session on every request, and realistic
    # data for half the valid writes; the contract's OpenAPI links drive the stateful phase.
    # From the temp dir: schemathesis keeps a cache folder in its working directory.
    (cd "$dir" && PYTHONPATH="$scripts" SCHEMATHESIS_HOOKS=contract_fuzz_hooks \
        PACKBENCH_FUZZ_URL="$url" PACKBENCH_FUZZ_TOKEN=fuzz-token PACKBENCH_FUZZ_STATION=ST-FUZZ \
        "$SCHEMATHESIS" --config-file "$scripts/schemathesis.toml" run "$url/v1/openapi.json" \
        -H "Authorization: Bearer fuzz-token" -H "x-station-id: ST-FUZZ" --checks all \
        --max-examples 100 --seed 20261126 --report har --report-har-path "$dir/fuzz.har") || rc=$?
    if [ -f "$dir/fuzz.har" ]; then
        python3 -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
            "$url/v1/openapi.json" >"$spec"
        # Every operation must have answered 2xx at least once: its business rules were reached.
        python3 "$scripts/contract_fuzz.py" report "$dir/fuzz.har" "$spec" || { [ "$rc" = 0 ] && rc=1; }
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    return $rc
}

# setup [--tools-beside]: Debian packages, cargo, tools, the working copy; with --tools-beside
# the crates.io tools are started in the background (start_cargo_tools).
setup() {
    ensure_apt
    ensure_cargo
    if [ "${1:-}" = --tools-beside ]; then
        start_cargo_tools
        ensure_tauri_cli
        ensure_wasm_opt
    else
        ensure_tools
    fi
    mkdir -p "$CARGO_TARGET_DIR"
    sync_worktree
}

# The build's working copy: this checkout's files, kept in the cache ($cache/src) by content.
# Cargo judges a workspace crate fresh by its files' times, and every file of a fresh clone is
# new, so building in the clone recompiled and relinked the whole workspace (about 5 of a warm
# run's minutes) though nothing had changed. rsync --checksum rewrites only the files whose
# content differs (they get a new time, so cargo rebuilds what depends on them) and deletes the
# ones gone; ignored files there (ui/dist, generated permissions) are kept. Everything dev.sh
# builds into its target dir is built from this copy, never from a clone directly, so no
# artefact there can be older than a change it should contain. One run at a time (a lock).
sync_worktree() {
    local src="$cache/src"
    mkdir -p "$src"
    exec 8>"$cache/src.lock"
    flock 8
    rsync -rlpc --delete --exclude=/.git --exclude=/target --filter=':- .gitignore' "$root/" "$src/"
    root=$src
    cd "$root"
}

cmd_run() {
    setup
    log "building packbench"
    cargo build --bin packbench
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "No display. Run it under Xvfb: xvfb-run -a $0 run" >&2
        exit 1
    fi
    log "starting packbench (embedded training backend unless PACKBENCH_BACKEND_URL is set)"
    # Built: the working copy's lock is not the app's to hold.
    exec 8>&-
    exec "$CARGO_TARGET_DIR/debug/packbench" "$@"
}

cmd_test() {
    setup --tools-beside
    # Only the fuzz lane needs schemathesis: pip installs it beside the build (18 s on a fresh
    # machine, before the build until now).
    mkdir -p "$cache"
    (ensure_schemathesis >"$cache/schemathesis.log" 2>&1) &
    local schemathesis=$!
    log "set up in $SECONDS s (Debian packages, tools, the working copy)"
    local started=$SECONDS work
    work=$(mktemp -d)
    # Every fuzz target runs its full 100,000 cases here, whatever a developer's shell says.
    export PACKBENCH_FUZZ_CASES=100000
    # The UI crate is wasm-only; its logic is tested through core and ipc and end to end. One
    # build of the app and every test binary (the benchmark programs build in the checks lane),
    # with the wasm UI started at once beside it in its own target dir: the app's build script
    # would start it only after the script's own dependencies, and the app crate then waited
    # for it with a core idle. The build script runs ui/build.sh too, which waits for this run
    # and finds the work done.
    log "building the app and the test binaries (the wasm UI beside them)"
    # With the environment the build script gives it (no CARGO*/RUST* but the homes), so the
    # two runs agree and the second one has nothing to compile.
    local unset=() var
    for var in $(compgen -e); do
        case "$var" in
            CARGO_HOME | RUSTUP_HOME) ;;
            CARGO* | RUST*) unset+=(-u "$var") ;;
        esac
    done
    (env "${unset[@]}" PACKBENCH_WASM_TARGET_DIR="$CARGO_TARGET_DIR/wasm-ui" \
        sh "$root/ui/build.sh" "$root/ui/dist" >"$work/ui.log" 2>&1) &
    local ui=$! ui_rc=0
    if ! cargo test --workspace --exclude ui --no-run --tests \
        --message-format=json-render-diagnostics >"$work/tests.json"; then
        wait "$ui" || cat "$work/ui.log" >&2
        wait "$schemathesis" || true
        wait_cargo_tools || true
        return 1
    fi
    # The build script's own run of ui/build.sh succeeded (or the build had failed): an early
    # run that failed is only shown.
    wait "$ui" || ui_rc=$?
    [ "$ui_rc" = 0 ] || { cat "$work/ui.log" >&2; log "the early wasm UI build failed (exit $ui_rc); the build script's own run did not"; }
    wait_cargo_tools
    python3 "$root/src-tauri/scripts/test_binaries.py" "$work/tests.json" >"$work/binaries" ||
        return 1
    local pip_rc=0
    wait "$schemathesis" || pip_rc=$?
    cat "$cache/schemathesis.log" >&2
    [ "$pip_rc" = 0 ] || { echo "installing schemathesis failed (exit $pip_rc): see above" >&2; return 1; }
    log "app and test binaries built in $((SECONDS - started)) s; the lanes start"
    # Lanes side by side, each logged to its own file and shown when it ends: the checks (the
    # benchmark programs' build and smoke runs, the crash drill, the .deb and the apt
    # repository), contract fuzzing of the built binary, the real app over WebDriver (its own
    # display) and every other test binary (another display). Each lane runs all of its steps
    # and says which failed; any failure fails the run. The checks lane holds benches.lock
    # until the benchmarks are built: the e2e lane runs the scan benchmark after its tests.
    local failed=()
    exec 6>"$work/benches.lock"
    flock 6
    lane "$work" checks run_checks "$work" &
    local checks=$!
    exec 6>&-
    lane "$work" fuzz run_contract_fuzz &
    local fuzz=$!
    lane "$work" e2e run_binaries "$work/binaries" e2e "$work" &
    local e2e=$!
    lane "$work" tests run_binaries "$work/binaries" rest &
    local rest=$!
    wait "$e2e" || failed+=(e2e)
    show_lane "$work" e2e
    wait "$rest" || failed+=(tests)
    show_lane "$work" tests
    wait "$checks" || failed+=(checks)
    show_lane "$work" checks
    wait "$fuzz" || failed+=(fuzz)
    show_lane "$work" fuzz
    rm -rf "$work"
    if [ ${#failed[@]} -gt 0 ]; then
        log "FAILED: ${failed[*]} (see above)"
        return 1
    fi
    log "tests passed in $((SECONDS - started)) s"
}

# lane WORK NAME FUNCTION [ARGS...]: runs FUNCTION with its output in WORK/NAME.log; its
# status is the function's.
lane() {
    local work=$1 name=$2
    shift 2
    local rc=0
    "$@" >"$work/$name.log" 2>&1 || rc=$?
    echo "$rc" >"$work/$name.rc"
    return "$rc"
}

show_lane() {
    local work=$1 name=$2
    log "lane $name (exit $(cat "$work/$name.rc" 2>/dev/null || echo '?'))"
    cat "$work/$name.log"
}

# run_binaries LIST WHICH [WORK]: runs the test binaries of LIST (package dir, binary, name per
# line; from test_binaries.py) as cargo test would (from the package's directory, with its
# CARGO_MANIFEST_DIR), under a display of their own: WHICH is e2e (the real app's binary, then
# the scan benchmark, once the checks lane has built it into WORK/benches), rest (all others,
# then the doc tests) or benches (the benchmark programs but the scan one). Runs every binary;
# fails if any failed.
run_binaries() {
    local list=$1 which=$2 failed=() dir bin name args
    while IFS=$'\t' read -r dir bin name; do
        # The real app's binaries (the end-to-end tests, the scan benchmark) use the WebDriver
        # ports: one lane, one at a time.
        local webdriver=false
        case "$name" in app | "bench scan_feedback") webdriver=true ;; esac
        if [ "$which" = e2e ] && [ $webdriver = false ]; then continue; fi
        if [ "$which" != e2e ] && [ $webdriver = true ]; then continue; fi
        case "$name" in
            bench\ *) args=("${SMOKE_SIZE[${name#bench }]:-}") ;;
            *) args=(--test-threads 2) ;;
        esac
        log "running $name ($bin)"
        (cd "$dir" && CARGO_MANIFEST_DIR=$dir PACKBENCH_BENCH_SCANS=30 \
            xvfb-run -a -s "-screen 0 1280x800x24" "$bin" "${args[@]}") || failed+=("$name")
    done <"$list"
    if [ "$which" = e2e ] && [ -n "${3:-}" ]; then
        # The checks lane holds the lock until the benchmarks are built (or failed to).
        flock -s "$3/benches.lock" true
        if [ -s "$3/benches" ]; then
            run_binaries <(grep -P '\tbench scan_feedback$' "$3/benches") e2e || failed+=(scan-bench)
        else
            failed+=(scan-bench)
        fi
    fi
    if [ "$which" = rest ]; then
        log "doc tests"
        cargo test --workspace --exclude ui --doc || failed+=(doc-tests)
    fi
    if [ ${#failed[@]} -gt 0 ]; then
        log "FAILED test binaries: ${failed[*]}"
        return 1
    fi
}

# The benchmarks' smoke runs in the test command: a few items each, in the debug build, so the
# programs keep working; their figures are printed, never asserted (`dev.sh bench` measures).
declare -A SMOKE_SIZE=([carton]=150 [print_latency]=4 [label_render]=5 [outbox_drain]=200 [station_load]=3)

# build_benches WORK COMMAND: builds the benchmark programs with `cargo COMMAND` (test: the
# test profile; bench: release) and lists them in WORK/benches (test_binaries.py's lines).
build_benches() {
    local work=$1
    cargo "$2" --workspace --exclude ui --no-run --benches \
        --message-format=json-render-diagnostics >"$work/benches.json" || return 1
    python3 "$root/src-tauri/scripts/test_binaries.py" "$work/benches.json" |
        grep -P '\tbench ' >"$work/benches"
}

# run_checks WORK: the checks of the built binary, one after another; each runs even if one
# before failed. First the benchmark programs (their list in WORK/benches; then benches.lock,
# inherited from cmd_test, is let go) and their smoke runs.
run_checks() {
    local work=$1 failed=()
    log "building the benchmark programs"
    if build_benches "$work" test; then
        exec 6>&-
        run_binaries "$work/benches" benches || failed+=(benches)
    else
        exec 6>&-
        failed+=(bench-build)
    fi
    log "the benchmark runs' folding (bench_runs.py)"
    (cd "$root/src-tauri/scripts" && python3 -m unittest -q test_bench_runs) || failed+=(bench-runs)
    # The crash drill: the headless station killed 200 times while packing, then a trolley
    # packed with the backend down; no kind of write may be lost or doubled and no death may
    # be other than a kill (exit non-zero otherwise). Its JSON verdict is the last line. Kills
    # are timed from the station's first committed step, so each does work: 20 trolleys last
    # the 200 kills.
    log "crash drill: 200 kills and an outage"
    "$CARGO_TARGET_DIR/debug/packbench" drill --trolleys 20 --kills 200 --outage --seed 20261126 ||
        failed+=(drill)
    if test_deb; then
        test_apt_repo || failed+=(apt-repo)
    else
        failed+=(deb)
    fi
    if [ ${#failed[@]} -gt 0 ]; then
        log "FAILED checks: ${failed[*]}"
        return 1
    fi
}

cmd_release() {
    setup
    # A release always embeds a freshly built UI.
    unset PACKBENCH_SKIP_UI_BUILD
    local args=()
    if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
        if [ -z "${PACKBENCH_UPDATE_PUBKEY:-}" ]; then
            echo "TAURI_SIGNING_PRIVATE_KEY is set, PACKBENCH_UPDATE_PUBKEY is not: set it to the matching public key (the .pub file's line, or its path), the one stations have as [update] pubkey" >&2
            exit 1
        fi
        args=(--config "$(updater_config "$PACKBENCH_UPDATE_PUBKEY")")
    else
        log "TAURI_SIGNING_PRIVATE_KEY is not set: no updater signature (stations with [update] will not install this .deb)"
    fi
    # The apt repository's key is checked before the long build, not after it.
    local apt_repo=${PACKBENCH_APT_REPO:-$CARGO_TARGET_DIR/release/bundle/apt}
    if [ -n "${PACKBENCH_APT_KEY:-}" ]; then
        gpg --batch --list-secret-keys "$PACKBENCH_APT_KEY" >/dev/null 2>&1 || {
            echo "PACKBENCH_APT_KEY is set, but gpg has no secret key '$PACKBENCH_APT_KEY' in ${GNUPGHOME:-~/.gnupg} (set GNUPGHOME to the keyring holding IT's archive key)" >&2
            exit 1
        }
    else
        log "PACKBENCH_APT_KEY is not set: no apt repository (IT's fleets install through apt from one, see the README)"
    fi
    log "building the release .deb"
    build_deb release "${args[@]}"
    check_deb release
    local deb
    deb=$(ls "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb)
    if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
        [ -s "$deb.sig" ] || { echo "no updater signature at $deb.sig" >&2; exit 1; }
        log "updater signature: $deb.sig (its contents go in the update manifest's \"signature\")"
    fi
    log "release: $deb"
    # The apt repository holds a copy of the .deb: the updater's .deb and .sig stay as they are.
    if [ -n "${PACKBENCH_APT_KEY:-}" ]; then
        "$root/src-tauri/scripts/apt_repo.sh" publish "$deb" "$apt_repo"
    fi
}

# Every benchmark at its full size in the release (bench) profile, one after another, each
# printing its figures with their targets; the scan benchmark under its own display.
cmd_bench() {
    setup
    local work
    work=$(mktemp -d)
    log "building the benchmarks (release)"
    build_benches "$work" bench
    log "machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
    local dir bin name failed=() runs=${PACKBENCH_BENCH_RUNS:-3}
    while IFS=$'\t' read -r dir bin name; do
        # The scan benchmark's leak check runs over 2,000 scans.
        local scans= run
        [ "$name" = "bench scan_feedback" ] && scans=${PACKBENCH_BENCH_SCANS:-2000}
        # Each benchmark $runs times; its figures then as min/median/p95 over the runs.
        for run in $(seq 1 "$runs"); do
            log "$name, run $run of $runs (load $(cut -d' ' -f1-3 /proc/loadavg))"
            # Figures on stdout; the app's log (stderr) is shown only when a run fails.
            (cd "$dir" && CARGO_MANIFEST_DIR=$dir PACKBENCH_BENCH_SCANS=$scans \
                xvfb-run -a -s "-screen 0 1280x800x24" "$bin") >"$work/run.$run" 2>"$work/err" || {
                cat "$work/run.$run" "$work/err"
                failed+=("$name")
                continue 2
            }
        done
        log "$name"
        python3 "$root/src-tauri/scripts/bench_runs.py" $(seq -f "$work/run.%g" 1 "$runs")
    done <"$work/benches"
    rm -rf "$work"
    if [ ${#failed[@]} -gt 0 ]; then
        log "FAILED: ${failed[*]}"
        return 1
    fi
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    release) shift; cmd_release "$@" ;;
    bench) shift; cmd_bench "$@" ;;
    *) echo "usage: $0 run|test|release|bench" >&2; exit 2 ;;
esac
