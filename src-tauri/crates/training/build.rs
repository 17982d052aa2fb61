//! Rebuilds the crate when a training migration changes: `sqlx::migrate!` embeds them, and
//! cargo does not see files a macro reads.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
