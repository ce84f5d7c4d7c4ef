//! Vietnamese conventions for showing numbers, money and time.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for
/// Asia/Ho_Chi_Minh and spares a time-zone database in the browser bundle.
pub const VIETNAM_OFFSET_SECONDS: i32 = 7 * 3600;

pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(VIETNAM_OFFSET_SECONDS).expect("UTC+7 is a valid offset")
}

/// The year in Vietnam at `at`: what receipt and contract numbers and a CV's dates count by.
pub fn year_in_vietnam(at: DateTime<Utc>) -> i32 {
    at.with_timezone(&vietnam_offset()).year()
}

/// A range as a sentence says it: "từ 5 đến 9" / "between 5 and 9", or "đúng 5" / "exactly 5"
/// when its ends meet (never "từ 1 đến 1").
pub fn span(min: impl std::fmt::Display, max: impl std::fmt::Display, lang: crate::Lang) -> String {
    let (min, max) = (min.to_string(), max.to_string());
    match (min == max, lang) {
        (true, crate::Lang::Vi) => format!("đúng {min}"),
        (true, crate::Lang::En) => format!("exactly {min}"),
        (false, crate::Lang::Vi) => format!("từ {min} đến {max}"),
        (false, crate::Lang::En) => format!("between {min} and {max}"),
    }
}

/// Groups digits by thousands with dots, as Vietnamese writes numbers: `1250000` → `1.250.000`.
pub fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// An amount as a person types it, regrouped by thousands with dots as they go: `1250000` →
/// `1.250.000`, with the caret (`caret`: characters before it) kept after the same digit. Only
/// digits and separators (dots, spaces, commas) are regrouped; anything else is left as typed,
/// for the form's check to name. Leading zeros go; an empty field stays empty.
pub fn amount_as_typed(input: &str, caret: usize) -> (String, usize) {
    let separator = |c: char| matches!(c, '.' | ' ' | ',');
    if !input.chars().all(|c| c.is_ascii_digit() || separator(c)) {
        return (input.to_string(), caret);
    }
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let before = input
        .chars()
        .take(caret)
        .filter(char::is_ascii_digit)
        .count();
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let zeros = zeros.min(digits.len().saturating_sub(1));
    let digits = &digits[zeros..];
    let before = before.saturating_sub(zeros);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let mut at = 0;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
        if i + 1 == before {
            at = out.len();
        }
    }
    (out, at)
}

/// Money is whole đồng (VND has no minor unit in use): `1250000` → `1.250.000 đ`.
pub fn format_dong(amount_dong: i64) -> String {
    format!("{} đ", group_thousands(amount_dong))
}

// Written out rather than through chrono's strftime, whose format parser would otherwise be
// shipped to every browser.

/// A date as dd/mm/yyyy in Vietnam time.
pub fn format_date(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&vietnam_offset());
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// A moment as dd/mm/yyyy HH:MM:SS in Vietnam time (deadlines are enforced to the second).
pub fn format_datetime(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&vietnam_offset());
    format!(
        "{} {:02}:{:02}:{:02}",
        format_date(at),
        d.hour(),
        d.minute(),
        d.second()
    )
}

/// Reads a date-time typed in Vietnam time, as a browser's `datetime-local` input sends it
/// (`2026-12-31T17:00` or `2026-12-31T17:00:00`).
pub fn parse_vietnam_local(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()?;
    naive
        .and_local_timezone(vietnam_offset())
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// The value for a `datetime-local` input showing `at` in Vietnam time, to the second.
pub fn vietnam_local_input(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&vietnam_offset());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

#[cfg(test)]
mod tests {
    use super::span;
    use crate::Lang;

    #[test]
    fn a_range_whose_ends_meet_is_one_number() {
        assert_eq!(span(5, 9, Lang::Vi), "từ 5 đến 9");
        assert_eq!(span(1, 1, Lang::Vi), "đúng 1");
        assert_eq!(span("1.000", "1.000", Lang::En), "exactly 1.000");
        assert_eq!(span(2000, 2030, Lang::En), "between 2000 and 2030");
    }

    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn groups_thousands_with_dots() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1.000");
        assert_eq!(group_thousands(1_250_000_000), "1.250.000.000");
        assert_eq!(group_thousands(-1_250_000), "-1.250.000");
        assert_eq!(group_thousands(i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(format_dong(1_250_000), "1.250.000 đ");
    }

    #[test]
    fn dates_are_shown_in_vietnam_time() {
        // 17:30 UTC on 31/12 is already 00:30 on 01/01 in Hà Nội.
        let at = Utc.with_ymd_and_hms(2025, 12, 31, 17, 30, 5).unwrap();
        assert_eq!(format_date(at), "01/01/2026");
        assert_eq!(format_datetime(at), "01/01/2026 00:30:05");
    }

    #[test]
    fn browser_date_times_are_read_in_vietnam_time() {
        let at = parse_vietnam_local("2026-12-31T17:00").unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 31, 10, 0, 0).unwrap());
        assert_eq!(
            parse_vietnam_local("2026-12-31T17:00:05").unwrap() - at,
            chrono::Duration::seconds(5)
        );
        assert_eq!(vietnam_local_input(at), "2026-12-31T17:00:00");
        assert_eq!(parse_vietnam_local("31/12/2026"), None);
        assert_eq!(parse_vietnam_local(""), None);
    }

    proptest! {
        #[test]
        fn local_input_round_trips(secs in 0i64..4_000_000_000) {
            let at = Utc.timestamp_opt(secs, 0).unwrap();
            prop_assert_eq!(parse_vietnam_local(&vietnam_local_input(at)), Some(at));
        }

        #[test]
        fn grouping_round_trips(n in any::<i64>()) {
            let shown = group_thousands(n);
            let back: i128 = shown.replace('.', "").parse().unwrap();
            prop_assert_eq!(back, n as i128);
            for group in shown.trim_start_matches('-').split('.').skip(1) {
                prop_assert_eq!(group.len(), 3);
            }
        }
    }

    #[test]
    fn the_year_turns_at_midnight_in_vietnam() {
        use chrono::TimeZone;
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 31, h, 0, 0).unwrap();
        assert_eq!(year_in_vietnam(at(16)), 2026);
        assert_eq!(year_in_vietnam(at(17)), 2027);
    }

    #[test]
    fn an_amount_is_regrouped_as_it_is_typed() {
        assert_eq!(amount_as_typed("", 0), (String::new(), 0));
        assert_eq!(amount_as_typed("1250", 4), ("1.250".into(), 5));
        assert_eq!(amount_as_typed("1.2500", 6), ("12.500".into(), 6));
        // A digit typed in the middle: the caret stays after it.
        assert_eq!(amount_as_typed("1.2550.000", 5), ("12.550.000".into(), 5));
        // A separator deleted: the digits regroup, the caret stays between the same digits.
        assert_eq!(amount_as_typed("1250.000", 3), ("1.250.000".into(), 4));
        assert_eq!(amount_as_typed("007", 3), ("7".into(), 1));
        assert_eq!(amount_as_typed("000", 3), ("0".into(), 1));
        assert_eq!(amount_as_typed("1 250 000", 0), ("1.250.000".into(), 0));
        // Not an amount: left for the check to name.
        assert_eq!(amount_as_typed("12a", 3), ("12a".into(), 3));
        assert_eq!(amount_as_typed("-5", 2), ("-5".into(), 2));
    }

    proptest! {
        #[test]
        fn regrouping_keeps_the_digits_and_the_caret_after_the_same_digit(
            typed in "[0-9. ,]{0,24}", caret in 0usize..30,
        ) {
            let caret = caret.min(typed.len());
            let (out, at) = amount_as_typed(&typed, caret);
            let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
            let all = digits(&typed);
            let kept = all.trim_start_matches('0');
            let kept = if kept.is_empty() && !all.is_empty() { "0" } else { kept };
            prop_assert_eq!(digits(&out), kept);
            // Grouped: a dot before every third digit from the right, nothing else.
            if !kept.is_empty() {
                prop_assert_eq!(out.replace('.', "").len(), kept.len());
                prop_assert!(out.split('.').skip(1).all(|g| g.len() == 3));
                prop_assert!((1..=3).contains(&out.split('.').next().unwrap().len()));
            }
            // As many digits before the caret as before it was regrouped (less leading zeros).
            let zeros = all.len() - kept.len();
            let before = digits(&typed[..caret]).len().saturating_sub(zeros);
            prop_assert_eq!(digits(&out[..at]).len(), before.min(kept.len()));
            // Retyping what was shown changes nothing.
            prop_assert_eq!(amount_as_typed(&out, at), (out.clone(), at));
            prop_assert!(at <= out.len());
        }
    }
}
