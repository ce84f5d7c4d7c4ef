//! Budget appraisal (thẩm định kinh phí) and the leader's approval (docs/lifecycle.md): the
//! appraisal group may lower what a recommended dossier asks from the fund, line by line and
//! with a reason for each change, never raise it; the leader then approves the task with the
//! appraised amount, or rejects it with reasons.

use serde::{Deserialize, Serialize};

use crate::application::BudgetLine;
use crate::issue::{issue, FormProblem, Issue};

pub const MAX_REASON_CHARS: usize = 1_000;

/// One budget line's appraised amount from the fund.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LineChange {
    /// The line's index in the dossier's budget.
    pub line: usize,
    pub approved_fund_dong: i64,
    pub reason: String,
}

/// Every problem with the changes against the budget asked, by path (`changes.{i}.…`).
pub fn check(budget: &[BudgetLine], changes: &[LineChange]) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let Some(line) = budget.get(c.line) else {
            out.push(issue(format!("changes.{i}.line"), FormProblem::Required));
            continue;
        };
        if changes[..i].iter().any(|d| d.line == c.line) {
            out.push(issue(
                format!("changes.{i}.line"),
                FormProblem::TooManyRows { max_rows: 1 },
            ));
        }
        if c.approved_fund_dong < 0 || c.approved_fund_dong > line.fund_dong {
            out.push(issue(
                format!("changes.{i}.approved_fund_dong"),
                FormProblem::NumberOutOfRange {
                    min: 0,
                    max: line.fund_dong,
                },
            ));
        }
        if c.approved_fund_dong != line.fund_dong && c.reason.trim().is_empty() {
            out.push(issue(format!("changes.{i}.reason"), FormProblem::Required));
        }
        if c.reason.chars().count() > MAX_REASON_CHARS {
            out.push(issue(
                format!("changes.{i}.reason"),
                FormProblem::TooLong {
                    max_chars: MAX_REASON_CHARS,
                },
            ));
        }
    }
    out
}

/// Each line's amount from the fund after appraisal: its appraised amount, or what was asked.
pub fn approved_lines(budget: &[BudgetLine], changes: &[LineChange]) -> Vec<i64> {
    budget
        .iter()
        .enumerate()
        .map(|(i, line)| {
            changes
                .iter()
                .find(|c| c.line == i)
                .map_or(line.fund_dong, |c| c.approved_fund_dong)
        })
        .collect()
}

/// What the fund pays after appraisal: the sum of [`approved_lines`].
pub fn approved_fund_dong(budget: &[BudgetLine], changes: &[LineChange]) -> Option<i64> {
    approved_lines(budget, changes)
        .into_iter()
        .try_fold(0i64, |sum, amount| sum.checked_add(amount))
}

/// The leader's decision on an appraised task, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Decision {
    Approved,
    Rejected,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::Rejected => "rejected",
        }
    }

    pub fn of(approve: bool) -> Decision {
        if approve {
            Decision::Approved
        } else {
            Decision::Rejected
        }
    }

    /// Whether a stored decision (NULL while awaiting) approved the task.
    pub fn approves(stored: Option<&str>) -> bool {
        stored == Some(Decision::Approved.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::BudgetLineKind;

    fn line(fund: i64) -> BudgetLine {
        BudgetLine {
            kind: BudgetLineKind::Labour,
            description: String::new(),
            amount_dong: fund,
            fund_dong: fund,
            counterpart_dong: 0,
            lump_sum: true,
        }
    }

    fn change(line: usize, amount: i64, reason: &str) -> LineChange {
        LineChange {
            line,
            approved_fund_dong: amount,
            reason: reason.into(),
        }
    }

    #[test]
    fn appraisal_lowers_with_a_reason_and_never_raises() {
        let budget = [line(100), line(50)];
        assert_eq!(check(&budget, &[change(0, 80, "Định mức vật tư")]), vec![]);
        assert_eq!(
            approved_fund_dong(&budget, &[change(0, 80, "x")]),
            Some(130)
        );
        assert_eq!(approved_fund_dong(&budget, &[]), Some(150));
        assert_eq!(approved_lines(&budget, &[change(0, 80, "x")]), [80, 50]);
        let paths = |c: &[LineChange]| -> Vec<String> {
            check(&budget, c).into_iter().map(|i| i.path).collect()
        };
        assert_eq!(
            paths(&[change(0, 101, "x")]),
            ["changes.0.approved_fund_dong"]
        );
        assert_eq!(
            paths(&[change(0, -1, "x")]),
            ["changes.0.approved_fund_dong"]
        );
        assert_eq!(paths(&[change(1, 40, " ")]), ["changes.0.reason"]);
        // Unchanged needs no reason; an unknown line or one twice is named.
        assert_eq!(paths(&[change(1, 50, "")]), Vec::<String>::new());
        assert_eq!(paths(&[change(5, 0, "x")]), ["changes.0.line"]);
        assert_eq!(
            paths(&[change(1, 40, "x"), change(1, 30, "y")]),
            ["changes.1.line"]
        );
        // The boundary: exactly what was asked, and zero, are allowed.
        assert_eq!(
            paths(&[change(0, 100, ""), change(1, 0, "Không cần")]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn only_a_stored_approval_approves() {
        assert!(Decision::approves(Some(Decision::of(true).code())));
        assert!(!Decision::approves(Some(Decision::of(false).code())));
        assert!(!Decision::approves(None));
    }
}
