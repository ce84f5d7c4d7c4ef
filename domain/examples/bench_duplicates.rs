//! How long ranking duplicates takes over 10,000 earlier tasks (domain::similarity), printed:
//! the whole set ranked in memory (what the server never does: it reads at most 300 rows of each
//! kind that share one of the proposal's longest syllable pairs), and that prefiltered set.
//! `cargo run --release -p domain --example bench_duplicates`

use std::time::Instant;

use domain::similarity::{probes, rank, Earlier, EarlierKind};
use domain::text::fold;

const SYLLABLES: &[&str] = &[
    "cà", "phê", "hồ", "tiêu", "sầu", "riêng", "chế", "biến", "sâu", "giống", "lúa", "chịu", "hạn",
    "mặn", "nuôi", "tôm", "thẻ", "cá", "tra", "số", "hóa", "di", "sản", "văn", "hóa", "du", "lịch",
    "cộng", "đồng", "y", "tế", "cơ", "sở", "tưới", "tiết", "kiệm", "nước", "phân", "bón", "hữu",
    "cơ", "vi", "sinh", "năng", "lượng", "mặt", "trời", "rác", "thải", "nhựa", "đất", "bazan",
    "rừng", "keo", "gỗ", "mật", "ong", "bơ", "mắc", "ca", "dược", "liệu", "sâm", "ngọc", "linh",
    "thông", "minh", "cảm", "biến", "giáo", "dục", "nghề",
];

/// A deterministic stream of numbers (no randomness in the crate; this is only the bench).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((self.0 >> 33) as usize) % n
    }
}

fn title(rng: &mut Lcg) -> String {
    let words: Vec<&str> = (0..8 + rng.next(8))
        .map(|_| SYLLABLES[rng.next(SYLLABLES.len())])
        .collect();
    format!("Nghiên cứu {}", words.join(" "))
}

fn main() {
    let mut rng = Lcg(2026);
    let earlier: Vec<Earlier> = (0..10_000)
        .map(|i| {
            let t = title(&mut rng);
            Earlier {
                kind: EarlierKind::Task,
                id: i,
                text: fold(&t),
                title: t,
            }
        })
        .collect();
    let queries: Vec<String> = (0..20).map(|_| title(&mut rng)).collect();
    let mut whole = Vec::new();
    let mut filtered = Vec::new();
    let mut kept = 0usize;
    for q in &queries {
        let t = Instant::now();
        let found = rank(q, &earlier, 5);
        whole.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(found);
        let pairs = probes(q, 6);
        let t = Instant::now();
        let candidates: Vec<Earlier> = earlier
            .iter()
            .filter(|e| pairs.iter().any(|p| e.text.contains(p.as_str())))
            .take(300)
            .cloned()
            .collect();
        kept += candidates.len();
        std::hint::black_box(rank(q, &candidates, 5));
        filtered.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let summary = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        format!("p50 {:.2} ms, max {:.2} ms", v[v.len() / 2], v[v.len() - 1])
    };
    println!(
        "duplicate ranking over {} earlier tasks, {} queries:",
        earlier.len(),
        queries.len()
    );
    println!("  all ranked in memory:        {}", summary(&mut whole));
    println!(
        "  prefiltered by pairs (≤300): {} ({} candidates a query on average)",
        summary(&mut filtered),
        kept / queries.len()
    );
}
