//! Carrying out a funded task (docs/lifecycle.md): periodic progress reports against the contract's
//! products, the officer's review, inspections, and which reports are overdue.
//!
//! Reporting periods run from the signing date in steps of the rulebook's interval; the report on
//! period `k` is due `grace_days` after the period ends. The last period ends with the contract.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};

use crate::issue::{issue, FormProblem, Issue};
use crate::Lang;

/// The rulebook's reporting rules. (How often periodic inspections happen is UNCONFIRMED in the
/// sources: a configurable default.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportingRules {
    pub interval_months: u32,
    pub grace_days: u32,
}

impl Default for ReportingRules {
    fn default() -> Self {
        ReportingRules {
            interval_months: 6,
            grace_days: 15,
        }
    }
}

/// One reporting period of a contract: numbered from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Period {
    pub number: u32,
    pub ends_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// Every reporting period from signing to the contract's end (the last one may be short).
pub fn periods(
    rules: &ReportingRules,
    signed_at: DateTime<Utc>,
    duration_months: u32,
) -> Vec<Period> {
    let Some(contract_end) = signed_at.checked_add_months(Months::new(duration_months)) else {
        return Vec::new();
    };
    let step = rules.interval_months.max(1);
    let mut out = Vec::new();
    let mut number = 1;
    while let Some(end) = signed_at.checked_add_months(Months::new(step * number)) {
        let ends_at = end.min(contract_end);
        out.push(Period {
            number,
            ends_at,
            due_at: ends_at + Duration::days(i64::from(rules.grace_days)),
        });
        if end >= contract_end || duration_months == 0 {
            break;
        }
        number += 1;
    }
    out
}

/// The periods whose report is past due and not filed, given the periods filed so far.
pub fn overdue(periods: &[Period], filed: &[u32], now: DateTime<Utc>) -> Vec<Period> {
    periods
        .iter()
        .filter(|p| p.due_at < now && !filed.contains(&p.number))
        .copied()
        .collect()
}

/// The period a report may be filed for now: the earliest unfiled one whose period has begun
/// (reports may be filed early, never for a period not yet begun).
pub fn next_to_file(
    periods: &[Period],
    filed: &[u32],
    signed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Period> {
    let mut begins = signed_at;
    for p in periods {
        if !filed.contains(&p.number) {
            return (begins <= now).then_some(*p);
        }
        begins = p.ends_at;
    }
    None
}

/// A product's progress against its contracted target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProductProgress {
    /// The product's name as in the contract.
    pub name: String,
    /// Share done, in percent.
    pub percent: u32,
    pub note: String,
}

/// A periodic progress report as the task's leader fills it in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProgressReport {
    pub work_done: String,
    pub products: Vec<ProductProgress>,
    /// Spent so far, by the host's books.
    pub spent_dong: i64,
    pub problems: String,
}

pub const MAX_TEXT: usize = 5_000;

impl ProgressReport {
    /// What is wrong with a report about to be filed, by path; `paid_dong` is what the fund
    /// has paid the task so far (spending cannot exceed it).
    pub fn check(&self, contract_products: &[String], paid_dong: i64) -> Vec<Issue> {
        let mut out = Vec::new();
        if self.work_done.trim().is_empty() {
            out.push(issue("work_done", FormProblem::Required));
        }
        for (path, text) in [("work_done", &self.work_done), ("problems", &self.problems)] {
            if text.chars().count() > MAX_TEXT {
                out.push(issue(
                    path,
                    FormProblem::TooLong {
                        max_chars: MAX_TEXT,
                    },
                ));
            }
        }
        for (i, p) in self.products.iter().enumerate() {
            if !contract_products.contains(&p.name) {
                out.push(issue(format!("products.{i}.name"), FormProblem::Required));
            }
            if p.percent > 100 {
                out.push(issue(
                    format!("products.{i}.percent"),
                    FormProblem::NumberOutOfRange { min: 0, max: 100 },
                ));
            }
            if p.note.chars().count() > 1_000 {
                out.push(issue(
                    format!("products.{i}.note"),
                    FormProblem::TooLong { max_chars: 1_000 },
                ));
            }
        }
        if !(0..=paid_dong).contains(&self.spent_dong) {
            out.push(issue(
                "spent_dong",
                FormProblem::NumberOutOfRange {
                    min: 0,
                    max: paid_dong.max(0),
                },
            ));
        }
        out
    }
}

/// The officer's review of a progress report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ReportStatus {
    Submitted,
    Accepted,
    /// Sent back: the leader files it again for the same period.
    ChangesRequested,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 3] = [
        ReportStatus::Submitted,
        ReportStatus::Accepted,
        ReportStatus::ChangesRequested,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Submitted => "submitted",
            ReportStatus::Accepted => "accepted",
            ReportStatus::ChangesRequested => "changes_requested",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReportStatus::Submitted => lang.pick("Chờ xem xét", "Awaiting review"),
            ReportStatus::Accepted => lang.pick("Đã chấp nhận", "Accepted"),
            ReportStatus::ChangesRequested => lang.pick("Yêu cầu bổ sung", "Changes requested"),
        }
    }

    /// A report counts as filed for its period unless it was sent back.
    pub fn counts_as_filed(self) -> bool {
        self != ReportStatus::ChangesRequested
    }
}

/// The result registration (TT 14/2014, Mẫu 5, in short).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Registration {
    /// Summary of the results.
    pub summary: String,
    /// Where and by whom they are or will be applied.
    pub application: String,
    pub keywords: String,
}

/// An inspection's day is refused when it falls outside the task: before the signing day or
/// after today, in Vietnam's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutsideTheTask;

/// The moment an inspection on `day` is recorded at (midnight in Vietnam), if the day lies
/// between the contract's signing day and today; an unsigned contract has no such day.
pub fn inspection_moment(
    day: chrono::NaiveDate,
    signed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, OutsideTheTask> {
    let vn = crate::format::vietnam_offset();
    let today = now.with_timezone(&vn).date_naive();
    let signed = signed_at
        .map(|s| s.with_timezone(&vn).date_naive())
        .ok_or(OutsideTheTask)?;
    if day > today || day < signed {
        return Err(OutsideTheTask);
    }
    day.and_hms_opt(0, 0, 0)
        .and_then(|d| d.and_local_timezone(vn).single())
        .map(|d| d.with_timezone(&Utc))
        .ok_or(OutsideTheTask)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn periods_step_from_signing_and_the_last_ends_with_the_contract() {
        let rules = ReportingRules::default();
        let ps = periods(&rules, day(2027, 1, 31), 15);
        let ends: Vec<_> = ps.iter().map(|p| p.ends_at).collect();
        // Month arithmetic clamps to the month's last day (31 Jan + 6 months = 31 Jul).
        assert_eq!(ends, [day(2027, 7, 31), day(2028, 1, 31), day(2028, 4, 30)]);
        assert_eq!(ps[0].due_at, day(2027, 8, 15));
        assert_eq!(periods(&rules, day(2027, 1, 1), 12).len(), 2);
        assert_eq!(periods(&rules, day(2027, 1, 1), 0).len(), 1);
    }

    #[test]
    fn a_report_is_overdue_from_the_second_after_its_due_date() {
        let rules = ReportingRules::default();
        let ps = periods(&rules, day(2027, 1, 1), 12);
        let due = ps[0].due_at;
        assert!(overdue(&ps, &[], due).is_empty());
        let late = overdue(&ps, &[], due + Duration::seconds(1));
        assert_eq!(late.iter().map(|p| p.number).collect::<Vec<_>>(), [1]);
        assert!(overdue(&ps, &[1], due + Duration::seconds(1)).is_empty());
    }

    #[test]
    fn the_next_report_is_the_earliest_unfiled_period_already_begun() {
        let rules = ReportingRules::default();
        let signed = day(2027, 1, 1);
        let ps = periods(&rules, signed, 12);
        assert_eq!(next_to_file(&ps, &[], signed, signed).unwrap().number, 1);
        // Period 2 begins when period 1 ends.
        assert!(next_to_file(&ps, &[1], signed, day(2027, 6, 30)).is_none());
        assert_eq!(
            next_to_file(&ps, &[1], signed, day(2027, 7, 1))
                .unwrap()
                .number,
            2
        );
        assert!(next_to_file(&ps, &[1, 2], signed, day(2030, 1, 1)).is_none());
    }

    #[test]
    fn a_report_names_contract_products_and_spends_no_more_than_was_paid() {
        let products = vec!["Quy trình".to_string()];
        let mut r = ProgressReport {
            work_done: "Đã khảo sát 3 huyện".into(),
            products: vec![ProductProgress {
                name: "Quy trình".into(),
                percent: 40,
                note: String::new(),
            }],
            spent_dong: 100,
            problems: String::new(),
        };
        assert!(r.check(&products, 100).is_empty());
        r.spent_dong = 101;
        r.products[0].percent = 101;
        r.products[0].name = "Khác".into();
        r.work_done = " ".into();
        let paths: Vec<_> = r
            .check(&products, 100)
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(
            paths,
            [
                "work_done",
                "products.0.name",
                "products.0.percent",
                "spent_dong"
            ]
        );
        assert!(ReportStatus::Accepted.counts_as_filed());
        assert!(!ReportStatus::ChangesRequested.counts_as_filed());
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn an_inspection_falls_between_signing_and_today_in_vietnam() {
        use chrono::{NaiveDate, TimeZone};
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        // Signed at 20:00 UTC on 1 March: 2 March in Vietnam.
        let signed = Some(Utc.with_ymd_and_hms(2026, 3, 1, 20, 0, 0).unwrap());
        // 18:00 UTC on 9 March is 01:00 on 10 March in Vietnam.
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 18, 0, 0).unwrap();
        assert_eq!(inspection_moment(day(1), signed, now), Err(OutsideTheTask));
        assert_eq!(
            inspection_moment(day(2), signed, now),
            Ok(Utc.with_ymd_and_hms(2026, 3, 1, 17, 0, 0).unwrap())
        );
        assert!(inspection_moment(day(10), signed, now).is_ok());
        assert_eq!(inspection_moment(day(11), signed, now), Err(OutsideTheTask));
        assert_eq!(inspection_moment(day(5), None, now), Err(OutsideTheTask));
    }
}
