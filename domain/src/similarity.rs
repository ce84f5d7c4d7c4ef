//! Finding duplicates before a council sits (docs/lifecycle.md "Where tasks come from"): a
//! proposal beside the earlier tasks and proposals whose titles and keywords are close,
//! diacritics ignored, closest first; and a wording beside the council's, word by word.
//!
//! Vietnamese writes a word as one or more syllables separated by spaces ("cà phê", "nghiên
//! cứu"), so texts are compared as sets of folded syllables and of adjacent syllable pairs:
//! a shared pair ("ca phe") says more than a shared syllable ("ca"). Syllables every title
//! carries ("nghiên cứu", "ứng dụng", "tỉnh") count for nothing on their own.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::text::fold;

/// Syllables (folded) too common in task titles to say two tasks are alike.
const COMMON: &[&str] = &[
    "nghien", "cuu", "ung", "dung", "xay", "phat", "trien", "giai", "phap", "tinh", "tai", "tren",
    "dia", "ban", "cua", "va", "cho", "cac", "nhung", "mot", "trong", "theo", "huong", "de", "voi",
    "nham", "tu", "den", "ve", "the", "nang", "cao", "hieu", "qua", "danh", "gia", "thuc", "hien",
    "mo", "hinh", "quy", "trinh", "nhiem", "vu", "san", "xuat", "khoa", "hoc", "cong", "nghe",
];

/// The features of a text: its uncommon syllables and every adjacent pair of syllables.
pub fn features(text: &str) -> BTreeSet<String> {
    let folded = fold(text);
    let syllables: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect();
    let mut out: BTreeSet<String> = syllables
        .iter()
        .filter(|s| !COMMON.contains(s))
        .map(|s| (*s).to_string())
        .collect();
    for pair in syllables.windows(2) {
        if !(COMMON.contains(&pair[0]) && COMMON.contains(&pair[1])) {
            out.insert(format!("{} {}", pair[0], pair[1]));
        }
    }
    out
}

/// The pairs of syllables a database may look for first (`LIKE '%ca phe%'`), longest first:
/// any text that shares none of them scores low.
pub fn probes(text: &str, at_most: usize) -> Vec<String> {
    let mut pairs: Vec<String> = features(text)
        .into_iter()
        .filter(|f| f.contains(' '))
        .collect();
    pairs.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    pairs.truncate(at_most);
    pairs
}

/// How alike two feature sets are, in thousandths (Dice's coefficient): 1000 the same, 0 nothing
/// shared.
pub fn likeness(a: &BTreeSet<String>, b: &BTreeSet<String>) -> u32 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0;
    }
    let shared = a.intersection(b).count();
    u32::try_from(2000 * shared / total).unwrap_or(1000)
}

/// An earlier record the proposal is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Earlier {
    pub kind: EarlierKind,
    pub id: i64,
    pub title: String,
    /// The title and keywords the likeness is measured on.
    pub text: String,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum EarlierKind {
    Proposal,
    Task,
}

/// One close record, with its likeness in thousandths.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Close {
    pub kind: EarlierKind,
    pub id: i64,
    pub title: String,
    pub likeness: u32,
}

/// Below this likeness (thousandths) two texts are not worth a reader's attention: one shared
/// pair in titles of a dozen syllables each scores about 80.
pub const FLAG_FROM: u32 = 200;

/// The `at_most` records closest to `text`, closest first (then tasks before proposals, then by
/// id), leaving out those below [`FLAG_FROM`].
pub fn rank(text: &str, earlier: &[Earlier], at_most: usize) -> Vec<Close> {
    let mine = features(text);
    let mut out: Vec<Close> = earlier
        .iter()
        .map(|e| Close {
            kind: e.kind,
            id: e.id,
            title: e.title.clone(),
            likeness: likeness(&mine, &features(&e.text)),
        })
        .filter(|c| c.likeness >= FLAG_FROM)
        .collect();
    out.sort_by(|a, b| {
        b.likeness
            .cmp(&a.likeness)
            .then(b.kind.cmp(&a.kind))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(at_most);
    out
}

/// A piece of a word-by-word comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Change {
    Same(String),
    Removed(String),
    Added(String),
}

/// `before` against `after`, word by word (whitespace kept with the word before it).
pub fn diff_words(before: &str, after: &str) -> Vec<Change> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(before, after);
    let mut out: Vec<Change> = Vec::new();
    for c in diff.iter_all_changes() {
        let piece = c.value().to_string();
        match (c.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Change::Same(s)))
            | (ChangeTag::Delete, Some(Change::Removed(s)))
            | (ChangeTag::Insert, Some(Change::Added(s))) => s.push_str(&piece),
            (ChangeTag::Equal, _) => out.push(Change::Same(piece)),
            (ChangeTag::Delete, _) => out.push(Change::Removed(piece)),
            (ChangeTag::Insert, _) => out.push(Change::Added(piece)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn earlier(id: i64, kind: EarlierKind, title: &str) -> Earlier {
        Earlier {
            kind,
            id,
            title: title.into(),
            text: title.into(),
        }
    }

    #[test]
    fn a_near_duplicate_ranks_first_whatever_its_diacritics() {
        let list = [
            earlier(
                1,
                EarlierKind::Task,
                "Nghiên cứu quy trình nuôi tôm thẻ chân trắng",
            ),
            earlier(
                2,
                EarlierKind::Proposal,
                "NGHIEN CUU CHE BIEN CA PHE DAK LAK",
            ),
            earlier(3, EarlierKind::Task, "Ứng dụng công nghệ sấy cà phê"),
            earlier(
                4,
                EarlierKind::Task,
                "Xây dựng cơ sở dữ liệu di sản văn hóa",
            ),
        ];
        let got = rank("Nghiên cứu chế biến sâu cà phê Đắk Lắk", &list, 5);
        let ids: Vec<i64> = got.iter().map(|c| c.id).collect();
        assert_eq!(ids[0], 2, "{got:?}");
        assert!(!ids.contains(&1) && !ids.contains(&4), "{got:?}");
        assert!(got.windows(2).all(|w| w[0].likeness >= w[1].likeness));
    }

    #[test]
    fn common_words_alone_flag_nothing() {
        let list = [earlier(
            1,
            EarlierKind::Task,
            "Nghiên cứu ứng dụng khoa học công nghệ",
        )];
        assert!(rank("Nghiên cứu ứng dụng khoa học và công nghệ tỉnh", &list, 5).is_empty());
    }

    #[test]
    fn probes_are_pairs_longest_first() {
        let p = probes("Chế biến cà phê", 2);
        assert_eq!(p, vec!["che bien".to_string(), "bien ca".to_string()]);
    }

    #[test]
    fn a_diff_keeps_both_texts() {
        let d = diff_words("Nuôi tôm thẻ", "Nuôi tôm sú");
        let before: String = d
            .iter()
            .filter_map(|c| match c {
                Change::Same(s) | Change::Removed(s) => Some(s.as_str()),
                Change::Added(_) => None,
            })
            .collect();
        assert_eq!(before, "Nuôi tôm thẻ");
        assert!(d.contains(&Change::Added("sú".into())), "{d:?}");
    }

    proptest! {
        #[test]
        fn likeness_is_symmetric_and_bounded(a in "[a-zđê ]{0,40}", b in "[a-zđê ]{0,40}") {
            let (fa, fb) = (features(&a), features(&b));
            prop_assert_eq!(likeness(&fa, &fb), likeness(&fb, &fa));
            prop_assert!(likeness(&fa, &fb) <= 1000);
            if !fa.is_empty() {
                prop_assert_eq!(likeness(&fa, &fa), 1000);
            }
        }

        #[test]
        fn a_diff_rebuilds_both_sides(a in "[a-zơ ]{0,30}", b in "[a-zơ ]{0,30}") {
            let d = diff_words(&a, &b);
            let side = |old: bool| d.iter().filter_map(|c| match c {
                Change::Same(s) => Some(s.clone()),
                Change::Removed(s) if old => Some(s.clone()),
                Change::Added(s) if !old => Some(s.clone()),
                _ => None,
            }).collect::<String>();
            prop_assert_eq!(side(true), a);
            prop_assert_eq!(side(false), b);
        }

        #[test]
        fn ranking_is_ordered_and_bounded(titles in proptest::collection::vec("[a-e ]{0,20}", 0..30)) {
            let list: Vec<Earlier> = titles.iter().enumerate()
                .map(|(i, t)| earlier(i as i64, EarlierKind::Task, t)).collect();
            let got = rank("a b c d e", &list, 5);
            prop_assert!(got.len() <= 5);
            prop_assert!(got.iter().all(|c| c.likeness >= FLAG_FROM));
            prop_assert!(got.windows(2).all(|w| w[0].likeness >= w[1].likeness));
        }
    }
}
