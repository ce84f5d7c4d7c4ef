//! Vietnamese text for search: matching that ignores diacritics, ranking exact matches first
//! (a search for "dương" finds "Đường" too, but lists "Dương" before it).

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, diacritics removed, đ read as d: `"Đường Lâm"` → `"duong lam"`. Stored beside
/// searchable columns so the database can match folded text with an index.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower-case with diacritics kept, in one normal form, for the exact comparison.
pub fn exact_key(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).collect()
}

/// How a text matches a query; `Exact` sorts before `Folded`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum MatchRank {
    /// The query appears with its own diacritics (case ignored).
    Exact,
    /// The query appears once diacritics are ignored.
    Folded,
}

pub fn match_rank(query: &str, text: &str) -> Option<MatchRank> {
    let q = query.trim();
    if exact_key(text).contains(&exact_key(q)) {
        Some(MatchRank::Exact)
    } else if fold(text).contains(&fold(q)) {
        Some(MatchRank::Folded)
    } else {
        None
    }
}

/// A cell a spreadsheet reads as text: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would be taken for a formula, so it gets a leading apostrophe (OWASP's advice for CSV).
pub fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Đường Lâm"), "duong lam");
        assert_eq!(fold("NGHIÊN CỨU ỨNG DỤNG"), "nghien cuu ung dung");
        assert_eq!(fold("Quỹ phát triển KH&CN"), "quy phat trien kh&cn");
        // Decomposed input folds the same as precomposed.
        assert_eq!(fold("Vie\u{0302}\u{0323}t"), fold("Việt"));
    }

    #[test]
    fn exact_diacritics_rank_first() {
        assert_eq!(match_rank("dương", "Nguyễn Dương"), Some(MatchRank::Exact));
        assert_eq!(
            match_rank("dương", "Phố Đường Thành"),
            Some(MatchRank::Folded)
        );
        assert_eq!(
            match_rank("duong", "Phố Đường Thành"),
            Some(MatchRank::Folded)
        );
        assert_eq!(
            match_rank("đường", "phố đường thành"),
            Some(MatchRank::Exact)
        );
        assert_eq!(match_rank("lúa", "Cà phê"), None);
        let mut hits = [
            (match_rank("dương", "Đường"), "Đường"),
            (match_rank("dương", "Dương"), "Dương"),
        ];
        hits.sort();
        assert_eq!(hits[0].1, "Dương");
    }

    /// Vietnamese letters in both cases, with every tone and vowel mark, and ASCII.
    const VIETNAMESE: &str = "[a-zA-Z0-9 àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]";

    proptest! {
        #[test]
        fn folding_is_idempotent_and_exact_implies_folded(
            s in proptest::string::string_regex(&format!("{VIETNAMESE}{{0,20}}")).unwrap(),
            q in proptest::string::string_regex(&format!("{VIETNAMESE}{{0,5}}")).unwrap(),
        ) {
            let f = fold(&s);
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(f.is_ascii());
            if exact_key(&s).contains(&exact_key(q.trim())) {
                prop_assert!(fold(&s).contains(&fold(q.trim())));
            }
        }
    }

    #[test]
    fn cells_that_look_like_formulas_stay_text() {
        assert_eq!(
            spreadsheet_safe("=HYPERLINK(\"x\")".into()),
            "'=HYPERLINK(\"x\")"
        );
        for risky in ["+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(
                spreadsheet_safe(risky.into()).starts_with('\''),
                "{risky:?}"
            );
        }
        assert_eq!(spreadsheet_safe("Nhiệm vụ 1".into()), "Nhiệm vụ 1");
    }
}
