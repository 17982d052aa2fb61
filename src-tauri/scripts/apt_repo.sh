#!/usr/bin/env bash
# Packbench's signed apt repository (issue 19, item 4): IT's Debian fleets install and upgrade
# packbench with apt from a repository whose InRelease is signed with IT's key.
#
#   apt_repo.sh publish DEB OUTDIR
#       Lays out an apt repository holding DEB in OUTDIR (reprepro: dists/, pool/), signs its
#       Release with IT's GPG key (dists/<codename>/InRelease and Release.gpg), exports the public
#       key as OUTDIR/packbench-archive-keyring.gpg (binary, for /usr/share/keyrings/), writes the
#       sources entry (OUTDIR/packbench.sources, deb822, and OUTDIR/packbench.list, one line) and
#       prints it. OUTDIR is laid out afresh with this one release: it must be absent, empty, or an
#       earlier publish (it is then replaced). Serve OUTDIR as is (any static HTTP(S) server).
#       The pool's copy of DEB also carries an origin signature by the same key (debsigs: an
#       _gpgorigin member), checkable with debsig-verify and the policy and keyring written to
#       OUTDIR/debsig/ (for /etc/debsig/policies/ and /usr/share/debsig/keyrings/). DEB itself is
#       not changed: the updater's .deb and its .sig stay as they were.
#   apt_repo.sh test DEB
#       Proves it end to end with throw-away keys in a temporary GNUPGHOME: apt, in a temporary
#       root and over a loopback HTTP server, verifies the signature and installs DEB, and refuses
#       a repository signed by another key, an unsigned one, a tampered Packages file, a Release
#       rewritten to match it (signature no longer matching), and a tampered .deb; debsig-verify
#       accepts the pool's .deb and refuses the impostor's and the tampered one. One PASS/FAIL
#       line per check; exits non-zero on any failure. Cleans up after itself.
#
# Variables (publish):
#   PACKBENCH_APT_KEY        the signing key: fingerprint (preferred), key id or user id (required)
#   GNUPGHOME                the keyring holding its secret key (gpg's own variable; default ~/.gnupg)
#   PACKBENCH_APT_KEY_PASSPHRASE_FILE  a file holding the key's passphrase, if it has one and no
#                            gpg-agent has it cached (used with --pinentry-mode loopback)
#   PACKBENCH_APT_URL        the address OUTDIR will be served at, for the sources entry
#                            (default https://packages.example.com/packbench: a placeholder)
#   PACKBENCH_APT_CODENAME   the suite and codename (default stable)
#   PACKBENCH_APT_COMPONENT  the component (default main)
# Needs reprepro, gpg (+ gpg-agent), debsigs, debsig-verify, and for test apt and python3
# (http.server); dev.sh installs them (APT_PACKAGES).
set -euo pipefail
shopt -s inherit_errexit

KEYRING_NAME=packbench-archive-keyring.gpg
KEYRING_PATH=/usr/share/keyrings/$KEYRING_NAME
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")

die() { echo "apt_repo.sh: $*" >&2; exit 1; }
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 ||
            die "$c is missing (src-tauri/scripts/dev.sh installs it; or: apt-get install reprepro gpg gpg-agent debsigs debsig-verify)"
    done
}

# sources_entry URL CODENAME COMPONENT ARCH KEYRING FORMAT: the apt sources entry, deb822
# (FORMAT=deb822, for /etc/apt/sources.list.d/packbench.sources) or one line (FORMAT=line).
sources_entry() {
    local url=$1 codename=$2 component=$3 arch=$4 keyring=$5
    if [ "$6" = deb822 ]; then
        printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: %s\nArchitectures: %s\nSigned-By: %s\n' \
            "$url" "$codename" "$component" "$arch" "$keyring"
    else
        printf 'deb [arch=%s signed-by=%s] %s %s %s\n' "$arch" "$keyring" "$url" "$codename" "$component"
    fi
}

# sign_origin DEB FPR DEBSIG_DIR WORK: adds an origin signature by primary key FPR to DEB
# (debsigs: an _gpgorigin member), writes the debsig-verify policy and keyring for it under
# DEBSIG_DIR (policies/<keyid>/packbench.pol, keyrings/<keyid>/debsig.gpg), checks DEB with them,
# prints the key id. debsigs runs plain "gpg" from PATH, without --batch or a way to pass a
# passphrase: a wrapper first on PATH adds them (gpg_opts, the caller's), and a digest after
# debsigs' --openpgp (which resets it: an RSA key then signs with SHA-1, which debsig-verify
# refuses as weak).
sign_origin() {
    local deb=$1 fpr=$2 dir=$3 work=$4 kid
    mkdir -p "$work/bin"
    printf '#!/usr/bin/env bash\nexec %q%s "$@" --digest-algo SHA512\n' "$(command -v gpg)" \
        "$(printf ' %q' "${gpg_opts[@]}")" >"$work/bin/gpg"
    chmod +x "$work/bin/gpg"
    # "FPR!": the primary key itself, not a signing subkey.
    PATH="$work/bin:$PATH" debsigs --sign=origin --default-key="$fpr!" "$deb" >&2 ||
        die "debsigs could not sign $deb with $fpr"
    kid=$(ar p "$deb" _gpgorigin | gpg --batch --list-packets 2>/dev/null |
        sed -n 's/^:signature packet: .*keyid \([0-9A-F]*\).*/\1/p' | head -1)
    [ -n "$kid" ] || die "no origin signature in $deb"
    mkdir -p "$dir/policies/$kid" "$dir/keyrings/$kid"
    gpg --batch --quiet --export --export-options export-minimal "$fpr" >"$dir/keyrings/$kid/debsig.gpg"
    cat >"$dir/policies/$kid/packbench.pol" <<EOF
<?xml version="1.0"?>
<!DOCTYPE Policy SYSTEM "https://www.debian.org/debsig/1.0/policy.dtd">
<Policy xmlns="https://www.debian.org/debsig/1.0/">
  <Origin Name="Packbench" id="$kid" Description="Packbench, signed with IT's archive key"/>
  <Selection>
    <Required Type="origin" File="debsig.gpg" id="$kid"/>
  </Selection>
  <Verification MinOptional="0">
    <Required Type="origin" File="debsig.gpg" id="$kid"/>
  </Verification>
</Policy>
EOF
    debsig-verify --quiet --policies-dir "$dir/policies" --keyrings-dir "$dir/keyrings" "$deb" >&2 ||
        die "the origin signature of $deb does not verify with the policy in $dir"
    echo "$kid"
}

cmd_publish() {
    [ $# -eq 2 ] || die "usage: apt_repo.sh publish DEB OUTDIR"
    local deb=$1 out=${2%/}
    local key=${PACKBENCH_APT_KEY:-} codename=${PACKBENCH_APT_CODENAME:-stable}
    local component=${PACKBENCH_APT_COMPONENT:-main}
    local url=${PACKBENCH_APT_URL:-https://packages.example.com/packbench}
    need reprepro gpg gpgv dpkg-deb debsigs debsig-verify
    [ -f "$deb" ] || die "no .deb at $deb"
    [ -n "$key" ] || die "PACKBENCH_APT_KEY is not set: the fingerprint of IT's archive signing key (its secret key in GNUPGHOME)"
    gpg --batch --list-secret-keys "$key" >/dev/null 2>&1 ||
        die "no secret key '$key' in ${GNUPGHOME:-~/.gnupg} (set GNUPGHOME to the keyring holding it)"
    # The primary key's fingerprint, and whether it signs itself (debsig-verify 0.28 checks only
    # signatures by a primary key: a signing subkey's are "No applicable policy found").
    local fpr primary_signs=no
    [ "$(gpg --batch --with-colons --list-secret-keys "$key" | grep -c '^sec:')" = 1 ] ||
        die "PACKBENCH_APT_KEY='$key' names more than one secret key: give the fingerprint"
    fpr=$(gpg --batch --with-colons --list-secret-keys "$key" | awk -F: '$1 == "fpr" { print $10; exit }')
    gpg --batch --with-colons --list-secret-keys "$key" | awk -F: '$1 == "sec" { exit $12 ~ /s/ ? 0 : 1 }' &&
        primary_signs=yes
    if [ -e "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/$KEYRING_NAME" ]; then
        die "$out is neither empty nor an earlier apt repository of ours: not replacing it"
    fi
    local arch package version
    package=$(dpkg-deb --field "$deb" Package)
    version=$(dpkg-deb --field "$deb" Version)
    arch=$(dpkg-deb --field "$deb" Architecture)
    [ "$arch" = all ] && arch=amd64

    # The new tree is built beside OUTDIR and swapped in at the end; reprepro's own database and
    # configuration stay in a temporary directory (only dists/ and pool/ are served).
    local work new="$out.new.$$"
    work=$(mktemp -d)
    # shellcheck disable=SC2064 # the paths are fixed now
    trap "rm -rf '$work' '$new'" EXIT
    mkdir -p "$work/conf" "$new"
    cat >"$work/conf/distributions" <<EOF
Origin: Packbench
Label: Packbench
Suite: $codename
Codename: $codename
Architectures: $arch
Components: $component
Description: Packbench pack-station app
EOF
    local gpg_opts=(--batch --quiet)
    if [ -n "${PACKBENCH_APT_KEY_PASSPHRASE_FILE:-}" ]; then
        gpg_opts+=(--pinentry-mode loopback --passphrase-file "$PACKBENCH_APT_KEY_PASSPHRASE_FILE")
    fi

    # The pool's copy gets the origin signature (the given .deb stays as it is).
    local signed kid=""
    signed="$work/$(basename "$deb")"
    cp "$deb" "$signed"
    if [ "$primary_signs" = yes ]; then
        kid=$(sign_origin "$signed" "$fpr" "$new/debsig" "$work")
    else
        log "the primary key of '$key' does not sign (only a subkey does): the .deb gets no origin signature (debsig-verify checks only a primary key's); the repository is signed all the same"
    fi

    # tauri-cli's .deb has no Section (reprepro skips a package without one): misc by default.
    local section priority
    section=$(dpkg-deb --field "$deb" Section)
    priority=$(dpkg-deb --field "$deb" Priority)
    reprepro --silent --basedir "$work" --outdir "$(cd "$new" && pwd)" \
        --section "${section:-misc}" --priority "${priority:-optional}" includedeb "$codename" "$signed"
    [ "$(reprepro --basedir "$work" --outdir "$(cd "$new" && pwd)" list "$codename" "$package")" = \
        "$codename|$component|$arch: $package $version" ] ||
        die "reprepro did not take $deb into $codename/$component/$arch"

    local dist="$new/dists/$codename" sign=(gpg "${gpg_opts[@]}" --yes --local-user "$key" --digest-algo SHA512)
    "${sign[@]}" --clearsign --output "$dist/InRelease" "$dist/Release"
    "${sign[@]}" --armor --detach-sign --output "$dist/Release.gpg" "$dist/Release"
    gpg --batch --quiet --export --export-options export-minimal "$key" >"$new/$KEYRING_NAME"
    # The exported key must verify both signatures, as apt will.
    gpgv --quiet --keyring "$(cd "$new" && pwd)/$KEYRING_NAME" "$dist/InRelease" 2>/dev/null ||
        die "InRelease does not verify with the exported key $new/$KEYRING_NAME"
    gpgv --quiet --keyring "$(cd "$new" && pwd)/$KEYRING_NAME" "$dist/Release.gpg" "$dist/Release" 2>/dev/null ||
        die "Release.gpg does not verify with the exported key $new/$KEYRING_NAME"
    sources_entry "$url" "$codename" "$component" "$arch" "$KEYRING_PATH" deb822 >"$new/packbench.sources"
    sources_entry "$url" "$codename" "$component" "$arch" "$KEYRING_PATH" line >"$new/packbench.list"

    rm -rf "$out"
    mv "$new" "$out"
    trap - EXIT
    rm -rf "$work"

    log "apt repository: $out ($package $version, $codename/$component/$arch), signed by $fpr"
    [ -n "${PACKBENCH_APT_URL:-}" ] ||
        log "PACKBENCH_APT_URL is not set: the sources entry names a placeholder; set it to where $out is served"
    cat <<EOF
On each station, as root:
  the public key, through IT's own configuration management (not fetched from the repository):
    install -m 644 $out/$KEYRING_NAME $KEYRING_PATH
    (fingerprint $fpr)
  then /etc/apt/sources.list.d/packbench.sources (deb822):
$(sources_entry "$url" "$codename" "$component" "$arch" "$KEYRING_PATH" deb822 | sed 's/^/    /')
  or the one-line form in /etc/apt/sources.list.d/packbench.list:
    $(sources_entry "$url" "$codename" "$component" "$arch" "$KEYRING_PATH" line)
  apt-get update && apt-get install packbench
EOF
    [ -n "$kid" ] || return 0
    cat <<EOF
To check a copied .deb by itself (the pool's carries an origin signature):
  install $out/debsig/policies/$kid/packbench.pol as /etc/debsig/policies/$kid/packbench.pol,
  $out/debsig/keyrings/$kid/debsig.gpg as /usr/share/debsig/keyrings/$kid/debsig.gpg, then
  debsig-verify packbench_${version}_$arch.deb
EOF
}

# ---------------------------------------------------------------------------------------------
# test

results=()
failed=0
pass() { results+=("PASS: $*"); printf 'PASS: %s\n' "$*"; }
fail() { results+=("FAIL: $*"); printf 'FAIL: %s\n' "$*"; failed=1; }

# new_key NAME ALGO: a throw-away signing key (no passphrase, valid one day) in the test's
# GNUPGHOME; prints its fingerprint.
new_key() {
    gpg --batch --quiet --passphrase '' \
        --quick-gen-key "Packbench $1 (throw-away test key) <$1@packbench.invalid>" "$2" sign 1d
    gpg --batch --quiet --with-colons --list-keys "<$1@packbench.invalid>" 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }'
}

# apt_root NAME REPO KEYRING: a fresh apt root under $T/roots/NAME knowing only the repository
# served from $T/www/REPO, through the deb822 stanza publish wrote, with Signed-By pointing at a
# copy of KEYRING inside the root (apt does not prefix Dir to it). APT_CONFIG makes apt read this root's config
# only (not the host's /etc/apt/apt.conf.d, its proxies, hooks or trusted keys).
apt_root() {
    local name=$1 repo=$2 keyring=$3 r="$T/roots/$1"
    mkdir -p "$r/etc/apt/apt.conf.d" "$r/etc/apt/sources.list.d" "$r/etc/apt/preferences.d" \
        "$r/var/lib/apt/lists/partial" "$r/var/cache/apt/archives/partial" "$r/var/log/apt" \
        "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/usr/share/keyrings"
    : >"$r/etc/apt/sources.list"
    : >"$r/var/lib/dpkg/status"
    cp "$keyring" "$r/usr/share/keyrings/$KEYRING_NAME"
    sed -e "s|^URIs: .*|URIs: $URL/$repo|" \
        -e "s|^Signed-By: .*|Signed-By: $r/usr/share/keyrings/$KEYRING_NAME|" \
        "$T/www/good/packbench.sources" >"$r/etc/apt/sources.list.d/packbench.sources"
    cat >"$r/apt.conf" <<EOF
Dir "$r/";
Dir::State::status "$r/var/lib/dpkg/status";
Dir::Etc::SourceList "$r/etc/apt/sources.list";
Dir::Etc::SourceParts "$r/etc/apt/sources.list.d";
Dir::Etc::Trusted "/nonexistent/trusted.gpg";
Dir::Etc::TrustedParts "/nonexistent";
APT::Architecture "$ARCH";
APT::Architectures { "$ARCH"; };
Acquire::Languages "none";
Acquire::http::Proxy "DIRECT";
Acquire::Retries "0";
EOF
    # The package's dependencies (the GTK/WebKit stack a station gets from Debian's own archive)
    # are not in this root's only repository: they are marked installed in its dpkg status so
    # apt's resolver accepts packbench, as on a station.
    local dep
    for dep in $(dpkg-deb --field "$DEB" Depends Pre-Depends | sed 's/^[A-Za-z-]*: //' | tr ',' '\n' |
        sed 's/|.*//; s/(.*)//; s/:.*//; s/[[:space:]]//g' | sort -u); do
        printf 'Package: %s\nStatus: install ok installed\nVersion: 9999-stub\nArchitecture: %s\nMaintainer: stub\nDescription: stub for the apt repository test\n\n' \
            "$dep" "$ARCH" >>"$r/var/lib/dpkg/status"
        : >"$r/var/lib/dpkg/info/$dep.list"
    done
    # apt fetches as the unprivileged _apt user when run as root: it must reach the partial dirs.
    chmod -R go+rX "$T/roots"
}

# apt_in NAME apt-get|apt-cache ARGS...: runs apt in root NAME; output to $T/roots/NAME.out.
apt_in() {
    local r="$T/roots/$1" tool=$2
    shift 2
    env -u http_proxy -u HTTP_PROXY -u https_proxy -u no_proxy APT_CONFIG="$r/apt.conf" \
        DEBIAN_FRONTEND=noninteractive "$tool" -q "$@" >"$r.out" 2>&1
}

# show_out NAME [FILE]: apt's output (or FILE), indented, after a FAIL line.
show_out() { sed 's/^/    | /' "${2:-$T/roots/$1.out}"; }

# lists_accepted NAME: whether apt kept a package index for the repository.
lists_accepted() { compgen -G "$T/roots/$1/var/lib/apt/lists/*_Packages*" >/dev/null; }

# expect_refused NAME WHAT REGEX: apt-get update in root NAME must fail with REGEX in its output
# and keep no package index (so nothing from that repository can be installed).
expect_refused() {
    local name=$1 what=$2 regex=$3 rc=0 said
    apt_in "$name" apt-get update || rc=$?
    cp "$T/roots/$name.out" "$T/roots/$name.update.out"
    said=$(grep -Eo "$regex" "$T/roots/$name.update.out" | head -1 || true)
    if [ "$rc" -ne 0 ] && [ -n "$said" ] && ! lists_accepted "$name" &&
        ! apt_in "$name" apt-cache show packbench; then
        pass "$what: apt-get update refused it (exit $rc, $said), no package list kept"
    else
        fail "$what: expected apt-get update to fail with /$regex/ and keep no package list (exit $rc)"
        show_out "$name" "$T/roots/$name.update.out"
    fi
}

# tamper_packages DIR: changes one byte of DIR's Packages index (same size) and recompresses
# Packages.gz from it, as someone rewriting the index on the server would.
tamper_packages() {
    local p="$1/dists/stable/main/binary-$ARCH/Packages"
    sed -i 's/^Package: packbench$/Package: packbencH/' "$p"
    grep -q '^Package: packbencH$' "$p" || die "tampering $p failed"
    rm -f "$p".*
    gzip -9n <"$p" >"$p.gz"
}

# forge_release DIR ORIG: rewrites the checksums and sizes of DIR's (tampered) indices in its
# Release and InRelease to match, leaving the signatures as they were.
forge_release() {
    local dir=$1 orig=$2 f sum old new size oldsize
    for f in "main/binary-$ARCH/Packages" "main/binary-$ARCH/Packages.gz"; do
        oldsize=$(stat -c %s "$orig/dists/stable/$f")
        size=$(stat -c %s "$dir/dists/stable/$f")
        for sum in md5sum sha1sum sha256sum sha512sum; do
            old=$($sum <"$orig/dists/stable/$f" | cut -d' ' -f1)
            new=$($sum <"$dir/dists/stable/$f" | cut -d' ' -f1)
            sed -i "s| $old  *$oldsize $f\$| $new $size $f|" \
                "$dir/dists/stable/Release" "$dir/dists/stable/InRelease"
        done
    done
    grep -q "$(sha256sum <"$dir/dists/stable/main/binary-$ARCH/Packages" | cut -d' ' -f1)" \
        "$dir/dists/stable/InRelease" || die "forging $dir's InRelease failed"
}

# flip_byte FILE: changes one bit of the byte in the middle of FILE (same size, other hashes).
flip_byte() {
    local off byte
    off=$(($(stat -c %s "$1") / 2))
    byte=$(od -An -tu1 -j "$off" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059 # the format is the byte, as an octal escape
    printf "\\$(printf '%03o' $((byte ^ 1)))" | dd of="$1" bs=1 seek="$off" conv=notrunc status=none
}

cleanup_test() {
    if [ -n "${HTTP_PID:-}" ]; then
        kill "$HTTP_PID" 2>/dev/null || true
        wait "$HTTP_PID" 2>/dev/null || true
    fi
    if [ -n "${T:-}" ] && [ -d "$T" ]; then
        gpgconf --homedir "$T/gnupg" --kill gpg-agent 2>/dev/null || true
        rm -rf "$T"
    fi
}

cmd_test() {
    [ $# -eq 1 ] || die "usage: apt_repo.sh test DEB"
    need reprepro gpg gpgv gpgconf gpg-agent dpkg-deb apt-get python3 debsigs debsig-verify
    DEB=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    [ -f "$DEB" ] || die "no .deb at $1"
    local started=$EPOCHREALTIME package version
    package=$(dpkg-deb --field "$DEB" Package)
    version=$(dpkg-deb --field "$DEB" Version)
    ARCH=$(dpkg-deb --field "$DEB" Architecture)
    [ "$ARCH" = all ] && ARCH=amd64
    [ "$package" = packbench ] || die "$DEB is package '$package', expected packbench"

    T=$(mktemp -d)
    trap cleanup_test EXIT
    trap 'exit 130' INT TERM # so that EXIT cleans up (the server, the gpg-agent, the temp dir)
    chmod 755 "$T"
    mkdir -p "$T/www" "$T/roots"
    export GNUPGHOME="$T/gnupg"
    mkdir -m 700 "$GNUPGHOME"
    unset PACKBENCH_APT_KEY_PASSPHRASE_FILE PACKBENCH_APT_CODENAME PACKBENCH_APT_COMPONENT

    # A static HTTP server on a loopback port the kernel picks, serving every test repository;
    # ready once it has printed its port (polled, the process watched).
    python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$T/www" >"$T/http.out" 2>"$T/http.err" &
    HTTP_PID=$!
    local port="" tries=0
    until port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\) .*/\1/p' "$T/http.out") && [ -n "$port" ]; do
        kill -0 "$HTTP_PID" 2>/dev/null || { cat "$T/http.err" >&2; die "the HTTP server did not start"; }
        tries=$((tries + 1))
        [ "$tries" -lt 400 ] || die "the HTTP server did not say its port in 10 s"
        sleep 0.025
    done
    URL="http://127.0.0.1:$port"

    local good other deb_sum
    deb_sum=$(sha256sum <"$DEB")
    # IT's: RSA as archive keys usually are (about 0.5 s to make); the impostor's: ed25519 (ms).
    good=$(new_key archive rsa3072)
    other=$(new_key impostor ed25519)
    if [ -z "$good" ] || [ -z "$other" ]; then die "generating the throw-away keys failed"; fi
    gpg --batch --quiet --export "$good" >"$T/archive-keyring.gpg"

    # The repositories, as publish lays them out: IT's key, and an impostor's.
    # (The script itself, as release runs it: a function called in a condition would run
    # without set -e.)
    PACKBENCH_APT_KEY=$good PACKBENCH_APT_URL="$URL/good" \
        bash "$SELF" publish "$DEB" "$T/www/good" >"$T/publish.out" 2>&1 ||
        { cat "$T/publish.out" >&2; die "publish failed"; }
    PACKBENCH_APT_KEY=$other bash "$SELF" publish "$DEB" "$T/www/other" >"$T/publish.out" 2>&1 ||
        { cat "$T/publish.out" >&2; die "publish with the impostor's key failed"; }
    local f
    for f in dists/stable/InRelease dists/stable/Release.gpg $KEYRING_NAME packbench.sources packbench.list; do
        [ -s "$T/www/good/$f" ] || fail "publish: $f missing"
    done
    if grep -qx "Signed-By: $KEYRING_PATH" "$T/www/good/packbench.sources" &&
        grep -qF "[arch=$ARCH signed-by=$KEYRING_PATH] $URL/good stable main" "$T/www/good/packbench.list" &&
        cmp -s "$T/www/good/$KEYRING_NAME" "$T/archive-keyring.gpg"; then
        pass "publish: InRelease, Release.gpg, the binary keyring and the sources entry (signed-by $KEYRING_PATH)"
    else
        fail "publish: the sources entry or the exported keyring is not as expected"
        cat "$T/www/good/packbench.sources" "$T/www/good/packbench.list"
    fi

    # Variants of the good repository (hard links; tampering writes new files, so the good
    # repository's stay intact).
    cp -al "$T/www/good" "$T/www/unsigned"
    rm "$T/www/unsigned/dists/stable/InRelease" "$T/www/unsigned/dists/stable/Release.gpg"
    cp -al "$T/www/good" "$T/www/tampered"
    tamper_packages "$T/www/tampered"
    cp -al "$T/www/good" "$T/www/forged"
    rm "$T/www/forged/dists/stable/main/binary-$ARCH/Packages"*
    cp "$T/www/tampered/dists/stable/main/binary-$ARCH/Packages"* "$T/www/forged/dists/stable/main/binary-$ARCH/"
    forge_release "$T/www/forged" "$T/www/good"
    cp -al "$T/www/good" "$T/www/baddeb"
    local pooled
    pooled=$(find "$T/www/baddeb/pool" -name '*.deb')
    cp "$pooled" "$pooled.copy"
    mv "$pooled.copy" "$pooled" # its own file now, not the good repository's
    flip_byte "$pooled"

    # The origin signature inside the pool's .deb, checked by debsig-verify with the policy and
    # keyring publish wrote; the .deb given to publish (the updater's) is left as it was.
    local pol="$T/www/good/debsig/policies" krs="$T/www/good/debsig/keyrings" pool_deb
    pool_deb=$(find "$T/www/good/pool" -name '*.deb')
    if [ "$(sha256sum <"$DEB")" = "$deb_sum" ] && ! ar t "$DEB" | grep -q '^_gpg' &&
        ar t "$pool_deb" | grep -qx _gpgorigin &&
        debsig-verify --policies-dir "$pol" --keyrings-dir "$krs" "$pool_deb" >"$T/debsig.out" 2>&1; then
        pass "origin signature: debsig-verify accepts the pool's .deb (_gpgorigin); the given .deb is unchanged"
    else
        fail "origin signature: the pool's .deb does not verify, or the given .deb was changed"
        cat "$T/debsig.out"
    fi
    local refused=()
    debsig-verify --policies-dir "$pol" --keyrings-dir "$krs" "$(find "$T/www/other/pool" -name '*.deb')" \
        >/dev/null 2>&1 || refused+=("the impostor's")
    debsig-verify --policies-dir "$pol" --keyrings-dir "$krs" "$pooled" >/dev/null 2>&1 || refused+=("a tampered one")
    debsig-verify --policies-dir "$pol" --keyrings-dir "$krs" "$DEB" >/dev/null 2>&1 || refused+=("an unsigned one")
    if [ ${#refused[@]} -eq 3 ]; then
        pass "origin signature: debsig-verify refuses the impostor's .deb, a tampered one and an unsigned one"
    else
        fail "origin signature: debsig-verify refused only: ${refused[*]:-none} (of the impostor's, a tampered one, an unsigned one)"
    fi

    # 1. The good repository: the signature verifies, the package installs into the root.
    apt_root good good "$T/archive-keyring.gpg"
    if apt_in good apt-get update && lists_accepted good &&
        ! grep -Eq '^(W|E):' "$T/roots/good.out"; then
        pass "signed repository: apt-get update verified InRelease with the signed-by key (no warnings)"
    else
        fail "signed repository: apt-get update failed or warned"
        show_out good
    fi
    # apt's own install: it resolves packbench, downloads it (checking its size and SHA256
    # against the signed index) and runs dpkg with --root, so the files land in the temporary
    # root and its dpkg status records the package (maintainer scripts would run chrooted there:
    # the package has none). As non-root dpkg also needs --force-not-root.
    local dpkg_opts=(-o "DPkg::Options::=--root=$T/roots/good")
    [ "$(id -u)" -eq 0 ] || dpkg_opts+=(-o "DPkg::Options::=--force-not-root")
    if apt_in good apt-get install -y --no-install-recommends "${dpkg_opts[@]}" packbench &&
        [ -x "$T/roots/good/usr/bin/packbench" ] &&
        [ "$(dpkg-query --root="$T/roots/good" -W -f='${Status} ${Version}' packbench)" = "install ok installed $version" ] &&
        dpkg --root="$T/roots/good" --verify packbench >"$T/verify.out" 2>&1 && [ ! -s "$T/verify.out" ]; then
        pass "install: apt installed packbench $version into the temporary root (usr/bin/packbench present, dpkg --verify clean)"
    else
        fail "install: apt did not install packbench $version into the temporary root"
        show_out good
        cat "$T/verify.out" 2>/dev/null || true
    fi

    # 2-5. Repositories apt must refuse.
    apt_root other other "$T/archive-keyring.gpg"
    expect_refused other "repository signed by another key" "NO_PUBKEY [0-9A-F]+"
    apt_root unsigned unsigned "$T/archive-keyring.gpg"
    expect_refused unsigned "unsigned repository" "is not signed"
    apt_root tampered tampered "$T/archive-keyring.gpg"
    expect_refused tampered "tampered Packages (one byte changed, Packages.gz recompressed)" \
        "Hash Sum mismatch|unexpected size"
    apt_root forged forged "$T/archive-keyring.gpg"
    expect_refused forged "tampered Packages with Release rewritten to match" \
        "BADSIG [0-9A-F]+|signatures were invalid"

    # 6. A tampered .deb under a good signature: the index verifies, the download does not.
    apt_root baddeb baddeb "$T/archive-keyring.gpg"
    local rc=0
    apt_in baddeb apt-get update || rc=$?
    if [ "$rc" -eq 0 ]; then
        rc=0
        apt_in baddeb apt-get install -y --no-install-recommends \
            -o "DPkg::Options::=--root=$T/roots/baddeb" packbench || rc=$?
    fi
    if [ "$rc" -ne 0 ] && grep -q "Hash Sum mismatch" "$T/roots/baddeb.out" &&
        [ ! -e "$T/roots/baddeb/usr/bin/packbench" ]; then
        pass "tampered .deb (one bit, same size): apt refused to install it (exit $rc, Hash Sum mismatch)"
    else
        fail "tampered .deb: expected apt-get install to fail with a hash sum mismatch (exit $rc)"
        show_out baddeb
    fi

    echo "apt repository test: ${#results[@]} checks, $(printf '%s\n' "${results[@]}" | grep -c '^FAIL') failed, $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s ($package $version)"
    return "$failed"
}

case "${1:-}" in
    publish) shift; cmd_publish "$@" ;;
    test) shift; cmd_test "$@" ;;
    *) echo "usage: $0 publish DEB OUTDIR | test DEB (see the header)" >&2; exit 2 ;;
esac
