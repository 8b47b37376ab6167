//! Writes a mirror folder of decompression bombs shaped like list files (see
//! `tests/support/bombs.rs`), for measuring what `zeef update --from DIR` costs on them:
//!
//! ```text
//! cargo run --release -p zeef-lists --example bombs -- /tmp/bombs
//! /usr/bin/time -v zeef --data /tmp/bomb-data update --from /tmp/bombs
//! ```

#[path = "../tests/support/bombs.rs"]
mod bombs;

fn main() -> std::io::Result<()> {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bombs DIR [INFLATED_MIB]");
        std::process::exit(2);
    };
    let size = std::env::args()
        .nth(2)
        .and_then(|m| m.parse::<u64>().ok())
        .map_or(bombs::INFLATED, |m| m << 20);
    let dir = std::path::Path::new(&dir);
    bombs::mirror(dir, size)?;
    for entry in std::fs::read_dir(dir)? {
        let source = entry?.path();
        for file in std::fs::read_dir(&source)? {
            let path = file?.path();
            let bytes = std::fs::metadata(&path)?.len();
            println!(
                "{}: {bytes} bytes, inflating to {} MiB",
                path.display(),
                size >> 20
            );
        }
    }
    Ok(())
}
