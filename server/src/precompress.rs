//! Built assets compressed once at brotli's best quality, beside the originals (`x.wasm.br`),
//! so the static route serves them as they are. Compressing per request at quality 11 would
//! cost far too much CPU, and at the quality used for pages the WebAssembly comes out a quarter
//! larger (main module: 322,796 bytes at 11, 403,361 at 4).

use std::path::Path;

/// The kinds of built file worth compressing.
const EXTENSIONS: [&str; 3] = ["wasm", "js", "css"];

/// Removes every `name.br` older than its `name` (or without it): what a rebuild left behind.
pub fn remove_stale(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let br = entry?.path();
        if br.extension().and_then(|e| e.to_str()) != Some("br") {
            continue;
        }
        let source = br.with_extension("");
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let fresh = matches!((modified(&source), modified(&br)), (Some(s), Some(b)) if b >= s);
        if !fresh {
            std::fs::remove_file(&br)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes `name.br` for each asset in `dir` that lacks one at least as new as itself; returns
/// how many were written. Each is written under a temporary name and renamed, so a reader
/// (or another server starting at the same time) never sees half a file.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut written = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !wanted {
            continue;
        }
        let mut br = path.clone().into_os_string();
        br.push(".br");
        let br = std::path::PathBuf::from(br);
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        if let (Some(src), Some(done)) = (modified(&path), modified(&br)) {
            if done >= src {
                continue;
            }
        }
        let input = std::fs::read(&path)?;
        let mut output = Vec::with_capacity(input.len() / 3);
        brotli::BrotliCompress(&mut input.as_slice(), &mut output, &params)?;
        let tmp = br.with_extension(format!("br.{}.tmp", std::process::id()));
        std::fs::write(&tmp, &output)?;
        std::fs::rename(&tmp, &br)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_get_a_fresh_compressed_twin_once() {
        let dir = std::env::temp_dir().join(format!("stms-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.js"), "console.log('xin chào');\n".repeat(200)).unwrap();
        std::fs::write(dir.join("notes.txt"), "không nén").unwrap();
        assert_eq!(precompress(&dir).unwrap(), 1);
        let br = std::fs::read(dir.join("app.js.br")).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut back).unwrap();
        assert_eq!(back, "console.log('xin chào');\n".repeat(200).into_bytes());
        // Fresh already: nothing to do.
        assert_eq!(precompress(&dir).unwrap(), 0);
        assert_eq!(remove_stale(&dir).unwrap(), 0);
        // A rebuilt asset makes its twin stale: removed before anyone is served it.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.join("app.js"), "console.log('mới');").unwrap();
        assert_eq!(remove_stale(&dir).unwrap(), 1);
        assert!(!dir.join("app.js.br").exists());
        assert!(!dir.join("notes.txt.br").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
