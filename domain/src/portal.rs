//! The public portal's search (docs/portal.md): what a funded task is found by, the filters
//! people choose and the orders it is listed in. Matching ignores diacritics and ranks matches
//! with the query's own diacritics first (`crate::text`).

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::format::vietnam_offset;

/// The first and last year a filter may name: well around any task the fund can have signed.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The text a task is found by: its title, field, host, leader, and once registered its
/// results and keywords, one line.
pub fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The order of the list.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Most recently signed first (by default; with a query, the closest matches first).
    #[default]
    Newest,
    /// By title, A to Z.
    Title,
    /// The largest grant first.
    Granted,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::Title, Sort::Granted];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Title => "title",
            Sort::Granted => "granted",
        }
    }

    pub fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Sort::Newest => lang.pick("Mới ký trước", "Newest first"),
            Sort::Title => lang.pick("Theo tên nhiệm vụ", "By title"),
            Sort::Granted => lang.pick("Kinh phí lớn trước", "Largest grant first"),
        }
    }
}

/// The moments a year (in Vietnam) starts and the next one starts: a task signed in `year` was
/// signed in `[from, to)`. `None` for a year outside `YEARS`.
pub fn year_span(year: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if !YEARS.contains(&year) {
        return None;
    }
    let start = |y: i32| {
        vietnam_offset()
            .with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .single()
            .map(|d| d.with_timezone(&Utc))
    };
    Some((start(year)?, start(year + 1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_text_joins_what_there_is_on_one_line() {
        assert_eq!(
            search_text(&["Chế biến  sâu\ncà phê", "", "Viện Nông nghiệp", "  "]),
            "Chế biến sâu cà phê · Viện Nông nghiệp"
        );
    }

    #[test]
    fn a_year_is_counted_in_vietnam() {
        let (from, to) = year_span(2027).unwrap();
        assert_eq!(from.to_rfc3339(), "2026-12-31T17:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2027-12-31T17:00:00+00:00");
        assert_eq!(year_span(1999), None);
        assert_eq!(year_span(2101), None);
    }

    #[test]
    fn orders_read_back_from_their_codes() {
        for s in Sort::ALL {
            assert_eq!(Sort::from_code(s.code()), Some(s));
        }
        assert_eq!(Sort::from_code("random"), None);
    }
}
