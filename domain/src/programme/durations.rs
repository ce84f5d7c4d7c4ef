//! How long the steps take (docs/programme.md, "Durations"): from a dossier's submission to
//! its contract's signing, and from an acceptance's conclusion to the settlement. Each case
//! counts in the year its step ended, in whole calendar days in Vietnam; a year and level shows
//! the median of its cases, which one slow task does not drag as a mean would.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::call::TaskLevel;
use crate::format::{vietnam_offset, year_in_vietnam};
use crate::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Dossier submitted → contract signed.
    ApplicationToContract,
    /// Acceptance concluded → settlement recorded.
    AcceptanceToSettlement,
}

impl Step {
    pub const ALL: [Step; 2] = [Step::ApplicationToContract, Step::AcceptanceToSettlement];

    pub fn code(self) -> &'static str {
        match self {
            Step::ApplicationToContract => "application_to_contract",
            Step::AcceptanceToSettlement => "acceptance_to_settlement",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Step::ApplicationToContract => lang.pick(
                "Từ nộp hồ sơ đến ký hợp đồng",
                "From application to contract",
            ),
            Step::AcceptanceToSettlement => lang.pick(
                "Từ nghiệm thu đến quyết toán",
                "From acceptance to settlement",
            ),
        }
    }
}

/// One step's medians by year (the dashboard's years, oldest first): for all levels, for each
/// level, with the number of cases behind the first. A year without a case has none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StepDays {
    pub step: Step,
    pub all: Vec<Option<i64>>,
    pub provincial: Vec<Option<i64>>,
    pub grassroots: Vec<Option<i64>>,
    pub cases: Vec<u32>,
}

impl StepDays {
    pub fn of(&self, level: Option<TaskLevel>) -> &[Option<i64>] {
        match level {
            None => &self.all,
            Some(TaskLevel::Provincial) => &self.provincial,
            Some(TaskLevel::Grassroots) => &self.grassroots,
        }
    }
}

/// Calendar days in Vietnam from `from` to `to`: a step begun at 23:00 and ended at 01:00 took
/// one day; never below zero.
pub fn calendar_days(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let day = |at: DateTime<Utc>| at.with_timezone(&vietnam_offset()).date_naive();
    (day(to) - day(from)).num_days().max(0)
}

/// The median of some numbers of days, the two middle ones averaged and rounded half up;
/// none of nothing.
pub fn median(mut days: Vec<i64>) -> Option<i64> {
    days.sort_unstable();
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2]),
        _ => Some((days[n / 2 - 1] + days[n / 2] + 1).div_euclid(2)),
    }
}

/// A step's medians over `years` from its cases: each case's level, start and end.
pub fn step_days(
    step: Step,
    years: &[i32],
    cases: &[(TaskLevel, DateTime<Utc>, DateTime<Utc>)],
) -> StepDays {
    let of = |year: i32, level: Option<TaskLevel>| -> Vec<i64> {
        cases
            .iter()
            .filter(|(l, _, end)| year_in_vietnam(*end) == year && level.is_none_or(|x| x == *l))
            .map(|(_, start, end)| calendar_days(*start, *end))
            .collect()
    };
    let medians = |level| years.iter().map(|y| median(of(*y, level))).collect();
    StepDays {
        step,
        all: medians(None),
        provincial: medians(Some(TaskLevel::Provincial)),
        grassroots: medians(Some(TaskLevel::Grassroots)),
        cases: years
            .iter()
            .map(|y| u32::try_from(of(*y, None).len()).unwrap_or(u32::MAX))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use TaskLevel::{Grassroots as G, Provincial as P};

    /// A moment in Vietnam's time.
    fn vn(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        vietnam_offset()
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn days_are_calendar_days_in_vietnam() {
        assert_eq!(calendar_days(vn(2026, 3, 1, 23), vn(2026, 3, 2, 1)), 1);
        assert_eq!(calendar_days(vn(2026, 3, 1, 8), vn(2026, 3, 1, 17)), 0);
        assert_eq!(calendar_days(vn(2026, 2, 1, 8), vn(2026, 3, 1, 8)), 28);
        assert_eq!(calendar_days(vn(2026, 3, 2, 8), vn(2026, 3, 1, 8)), 0);
    }

    #[test]
    fn the_median_is_the_middle_case() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![40]), Some(40));
        assert_eq!(median(vec![90, 10, 30]), Some(30));
        // 30 and 45 in the middle: 37,5 → 38.
        assert_eq!(median(vec![300, 10, 30, 45]), Some(38));
    }

    #[test]
    fn each_case_counts_in_the_year_its_step_ended() {
        let cases = [
            // Provincial: 30, 60 and 200 days, ending in 2026; one ending 2025 (10 days).
            (P, vn(2026, 1, 10, 9), vn(2026, 2, 9, 9)),
            (P, vn(2026, 3, 1, 9), vn(2026, 4, 30, 9)),
            (P, vn(2026, 1, 1, 9), vn(2026, 7, 20, 9)),
            (P, vn(2025, 12, 20, 9), vn(2025, 12, 30, 9)),
            // Grassroots: 14 days, ending on 1 January 2026 at 00:30 in Vietnam (17:30 UTC on
            // the 31st): 2026.
            (G, vn(2025, 12, 18, 0), vn(2026, 1, 1, 0)),
        ];
        let d = step_days(Step::ApplicationToContract, &[2024, 2025, 2026], &cases);
        assert_eq!(d.provincial, vec![None, Some(10), Some(60)]);
        assert_eq!(d.grassroots, vec![None, None, Some(14)]);
        // 2026, all: 14, 30, 60, 200 → (30 + 60) / 2 = 45.
        assert_eq!(d.all, vec![None, Some(10), Some(45)]);
        assert_eq!(d.cases, vec![0, 1, 4]);
        assert_eq!(d.of(None), &d.all[..]);
    }
}
