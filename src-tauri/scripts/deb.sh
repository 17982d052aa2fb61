# Packbench's .deb, sourced by dev.sh (its globals: root, CARGO_TARGET_DIR, TAURI, log,
# cargo_version): bundled for a release, bundled from the tested debug binary and checked in the
# test command, signed for the updater, and proven through a signed apt repository.

# build_deb PROFILE [cargo tauri build flags...]: bundles the .deb from the repository root.
# No package.json here, so tauri-cli is told the front end is the root (tauri.conf.json's
# frontendDist, ui/dist, which build.rs builds). Bundle output stays in the target dir.
build_deb() {
    local profile=$1
    shift
    rm -rf "$CARGO_TARGET_DIR/$profile/bundle/deb"
    TAURI_FRONTEND_PATH=. "$TAURI" build --bundles deb --ci "$@"
}

# check_deb PROFILE [TARGET_DIR]: the bundle is one .deb named packbench at the Cargo version, with the binary,
# the desktop entry and the icons; says everything that is missing, then fails.
check_deb() {
    local dir="${2:-$CARGO_TARGET_DIR}/$1/bundle/deb" version debs deb problems=() info files desktop
    version=$(cargo_version)
    debs=("$dir"/*.deb)
    if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
        echo "deb check: expected one .deb in $dir, found: ${debs[*]}" >&2
        return 1
    fi
    deb=${debs[0]}
    info=$(dpkg-deb --info "$deb")
    # Paths as the archive lists them, with or without a leading ./
    files=$(dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./||')
    desktop=$(dpkg-deb --fsys-tarfile "$deb" |
        tar -xOf - --wildcards '*usr/share/applications/Packbench.desktop' 2>/dev/null || true)
    [ "$(dpkg-deb --field "$deb" Package)" = packbench ] ||
        problems+=("package name: '$(dpkg-deb --field "$deb" Package)', expected packbench")
    [ "$(dpkg-deb --field "$deb" Version)" = "$version" ] ||
        problems+=("version: '$(dpkg-deb --field "$deb" Version)', expected $version (Cargo.toml)")
    [ "$(dpkg-deb --field "$deb" Architecture)" = amd64 ] ||
        problems+=("architecture: '$(dpkg-deb --field "$deb" Architecture)', expected amd64")
    for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
        grep -q "Depends:.*$dep" <<<"$info" || problems+=("Depends lacks $dep")
    done
    for f in usr/bin/packbench usr/share/applications/Packbench.desktop \
        usr/share/icons/hicolor/32x32/apps/packbench.png \
        usr/share/icons/hicolor/128x128/apps/packbench.png \
        usr/share/icons/hicolor/512x512/apps/packbench.png; do
        grep -qxF "$f" <<<"$files" || problems+=("missing file $f")
    done
    for line in "Name=Packbench" "Exec=packbench" "Icon=packbench" "Type=Application" "Categories=Office;"; do
        grep -qxF "$line" <<<"$desktop" || problems+=("desktop entry lacks '$line'")
    done
    if [ ${#problems[@]} -gt 0 ]; then
        echo "deb check FAILED for $deb:" >&2
        printf '  - %s\n' "${problems[@]}" >&2
        echo "control file:" >&2
        echo "$info" >&2
        echo "files:" >&2
        echo "$files" >&2
        return 1
    fi
    log "deb ok: $deb ($(du -h "$deb" | cut -f1), packbench $version)"
}

# The release bundle, proven cheaply: the .deb bundled from the debug binary the tests ran
# (every build is the production build: tauri's custom-protocol is always on), signed for the
# updater with a throw-away key pair exactly as a release is, then checked. `tauri bundle`
# packages an existing build, nothing is compiled again; it also writes the bundle type into
# the binary, so it gets a copy in a target dir of its own (DEB_STAGE), not the binary the tests
# are running.
DEB_STAGE=$CARGO_TARGET_DIR/deb-stage
test_deb() {
    local keydir="$CARGO_TARGET_DIR/tmp/deb-check" started=$SECONDS version sig
    version=$(cargo_version)
    rm -rf "$keydir" "$DEB_STAGE"
    mkdir -p "$keydir" "$DEB_STAGE/debug"
    cp "$CARGO_TARGET_DIR/debug/packbench" "$DEB_STAGE/debug/packbench"
    "$TAURI" signer generate --ci -p "" -w "$keydir/update.key" >/dev/null
    log "bundling the .deb (debug profile), signed with a throw-away updater key"
    CARGO_TARGET_DIR=$DEB_STAGE TAURI_SIGNING_PRIVATE_KEY="$keydir/update.key" \
        TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" TAURI_FRONTEND_PATH=. \
        "$TAURI" bundle --bundles deb --ci --debug --config "$(updater_config "$keydir/update.key.pub")"
    check_deb debug "$DEB_STAGE"
    sig=$(ls "$DEB_STAGE"/debug/bundle/deb/*.deb).sig
    if [ ! -s "$sig" ] || ! base64 -d "$sig" | grep -q "trusted comment: .*version:$version\$"; then
        echo "deb check FAILED: no updater signature for version $version at $sig" >&2
        return 1
    fi
    log "deb signed for the updater ($sig); deb step took $((SECONDS - started)) s"
}

# The apt repository, proven on the .deb test_deb built: laid out and signed with a throw-away
# key, apt (in a temporary root) verifies and installs it and refuses another key's signature,
# an unsigned repository and tampered indices or .deb; debsig-verify checks the .deb's own
# origin signature (apt_repo.sh test; about 4 s on the debug .deb).
test_apt_repo() {
    log "apt repository: publishing the debug .deb with a throw-away key and installing it with apt"
    "$root/src-tauri/scripts/apt_repo.sh" test "$(ls "$DEB_STAGE"/debug/bundle/deb/*.deb)"
}

# The tauri-cli config overlay that makes it sign the .deb for the updater with PUBKEY's pair
# (PUBKEY: the public key, or the path of its .pub file).
updater_config() {
    printf '{"bundle":{"createUpdaterArtifacts":true},"plugins":{"updater":{"pubkey":"%s"}}}' "$1"
}
