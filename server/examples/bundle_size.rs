//! What a browser downloads to wake a page, brotli-compressed as the server sends it (quality 11,
//! `server/src/precompress.rs`): the main module with its JavaScript, the CSS and the early
//! script for every page; for a lazy page also its own module and the chunks the split manifest
//! names for it. Prints one row per page, largest first, and fails when a first visit is over
//! the budget (docs/performance.md, "The hydrate bundle").
//!
//! `cargo run -p server --example bundle_size -- [pkg dir] [budget KB]`, after a release build
//! of the front end (`scripts/bundle-size.sh` does both).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything every page needs, besides the main WebAssembly module.
const SHARED: [&str; 3] = [
    "stms.js",
    "stms.css",
    "__wasm_split.______________________.js",
];

fn brotli_size(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params).expect("compressed");
    out.len()
}

fn kb(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

/// Each lazy page's own module and chunks, by the route's name in the manifest.
fn routes(pkg: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let text = std::fs::read_to_string(pkg.join("__wasm_split_manifest.json"))
        .expect("the split manifest (build with --split)");
    let manifest: BTreeMap<String, Vec<String>> = serde_json::from_str(&text).expect("manifest");
    manifest
        .into_iter()
        .map(|(name, chunks)| {
            let mut files: Vec<PathBuf> = chunks
                .iter()
                .map(|c| pkg.join(format!("{c}.wasm")))
                .collect();
            files.push(pkg.join(format!("split_{name}.wasm")));
            (name, files)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pkg = PathBuf::from(
        args.get(1)
            .map_or("target/site-release/pkg", String::as_str),
    );
    let budget_kb: usize = args.get(2).and_then(|b| b.parse().ok()).unwrap_or(350);
    let early = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/early.js");
    let mut main = brotli_size(&pkg.join("stms.wasm")) + brotli_size(&early);
    main += SHARED
        .iter()
        .map(|f| brotli_size(&pkg.join(f)))
        .sum::<usize>();
    let mut cache: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut rows: Vec<(String, usize)> = routes(&pkg)
        .into_iter()
        .map(|(name, files)| {
            let own = files
                .into_iter()
                .map(|f| *cache.entry(f.clone()).or_insert_with(|| brotli_size(&f)))
                .sum();
            let page = name.trim_start_matches("__lazy_");
            let page = page.rsplit_once("_view_").map_or(page, |(p, _)| p);
            (page.to_string(), own)
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    println!("| page | its own chunks KB | first visit KB |");
    println!("|---|---:|---:|");
    println!(
        "| home, sign-in, 404 (no lazy chunk) | 0.0 | {} |",
        kb(main)
    );
    for (page, own) in &rows {
        println!("| {page} | {} | {} |", kb(*own), kb(main + own));
    }
    let worst = rows.first().map_or(0, |r| r.1) + main;
    println!(
        "\nmain module and shared files: {} KB; the heaviest first visit: {} KB (budget {budget_kb} KB)",
        kb(main),
        kb(worst)
    );
    if worst > budget_kb * 1024 {
        eprintln!("a first visit is over the budget");
        std::process::exit(1);
    }
}
