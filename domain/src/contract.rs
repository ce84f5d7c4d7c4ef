//! Contracts (docs/lifecycle.md): a funded task's total from the fund, paid in tranches, each with an
//! amount, a due date and a condition. The tranches add up to the total exactly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::issue::{issue, FormProblem, Issue};
use crate::Lang;

pub const MAX_TRANCHES: usize = 12;

/// A budget line as contracted: what the fund pays on it after appraisal, and whether it is
/// lump-sum (settled by products) or settled by documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ContractLine {
    pub kind: crate::application::BudgetLineKind,
    pub description: String,
    pub fund_dong: i64,
    pub lump_sum: bool,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum ContractStatus {
    /// Drafted by the officer, not signed: nothing committed. A contract begins here.
    #[default]
    Draft,
    /// Signed: its total is committed from the fund; tranches may be paid.
    Active,
    Terminated,
    Closed,
}

impl ContractStatus {
    pub fn code(self) -> &'static str {
        match self {
            ContractStatus::Draft => "draft",
            ContractStatus::Active => "active",
            ContractStatus::Terminated => "terminated",
            ContractStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<ContractStatus> {
        [
            ContractStatus::Draft,
            ContractStatus::Active,
            ContractStatus::Terminated,
            ContractStatus::Closed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ContractStatus::Draft => lang.pick("Dự thảo, chưa ký", "Draft, unsigned"),
            ContractStatus::Active => lang.pick("Đã ký, đang thực hiện", "Signed, in progress"),
            ContractStatus::Terminated => lang.pick("Đã chấm dứt", "Terminated"),
            ContractStatus::Closed => lang.pick("Đã thanh lý", "Closed"),
        }
    }
}

/// A tranche payment: prepared (pending, its money reserved), then posted by the director or
/// voided with a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum PaymentStatus {
    Pending,
    Posted,
    Voided,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 3] = [
        PaymentStatus::Pending,
        PaymentStatus::Posted,
        PaymentStatus::Voided,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Posted => "posted",
            PaymentStatus::Voided => "voided",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentStatus> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PaymentStatus::Pending => lang.pick("Chờ Giám đốc duyệt", "Awaiting the director"),
            PaymentStatus::Posted => lang.pick("Đã duyệt, đã chi", "Approved, paid"),
            PaymentStatus::Voided => lang.pick("Bị từ chối", "Rejected"),
        }
    }

    /// Pending and posted payments hold their tranche; a voided one frees it.
    pub fn live(self) -> bool {
        self != PaymentStatus::Voided
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tranche {
    pub amount_dong: i64,
    pub due_at: DateTime<Utc>,
    /// What must be done before it is paid ("on signing", "after the mid-term report"…).
    pub condition: String,
}

/// Every problem with a contract's tranches against its total, by path.
pub fn check_tranches(total_dong: i64, tranches: &[Tranche]) -> Vec<Issue> {
    let mut out = Vec::new();
    if tranches.is_empty() {
        out.push(issue("tranches", FormProblem::Required));
    }
    if tranches.len() > MAX_TRANCHES {
        out.push(issue(
            "tranches",
            FormProblem::TooManyRows {
                max_rows: MAX_TRANCHES,
            },
        ));
    }
    for (i, t) in tranches.iter().enumerate() {
        if t.amount_dong <= 0 {
            out.push(issue(
                format!("tranches.{i}.amount_dong"),
                FormProblem::AmountNotPositive,
            ));
        }
        if i > 0 && t.due_at < tranches[i - 1].due_at {
            out.push(issue(
                format!("tranches.{i}.due_at"),
                FormProblem::EndsBeforeStart,
            ));
        }
        if t.condition.chars().count() > 500 {
            out.push(issue(
                format!("tranches.{i}.condition"),
                FormProblem::TooLong { max_chars: 500 },
            ));
        }
    }
    let sum = tranches
        .iter()
        .try_fold(0i64, |acc, t| acc.checked_add(t.amount_dong));
    if !tranches.is_empty() && sum != Some(total_dong) {
        out.push(issue(
            "tranches",
            FormProblem::TranchesDoNotAddUp {
                total_dong,
                sum_dong: sum.unwrap_or(i64::MAX),
            },
        ));
    }
    out
}

/// The contract's number, e.g. HĐ-2027-0012.
pub fn contract_code(year: i32, id: i32) -> String {
    format!("HĐ-{year}-{id:04}")
}

/// What a contract binds the task to beyond its money: the products, the budget lines as
/// appraised and the duration. An approved amendment writes a new version of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Terms {
    pub products: Vec<crate::application::ExpectedProduct>,
    pub lines: Vec<ContractLine>,
    pub duration_months: u32,
}

impl Terms {
    /// What a contract binds an approved dossier to: its products, its budget lines at the
    /// appraised amounts (`appraisal::approved_lines`) and its duration.
    pub fn of_approved(
        form: &crate::application::ApplicationForm,
        changes: &[crate::appraisal::LineChange],
    ) -> Terms {
        let lines = form
            .budget
            .iter()
            .zip(crate::appraisal::approved_lines(&form.budget, changes))
            .map(|(l, fund_dong)| ContractLine {
                kind: l.kind,
                description: l.description.clone(),
                fund_dong,
                lump_sum: l.lump_sum,
            })
            .collect();
        Terms {
            products: form.products.clone(),
            lines,
            duration_months: form.duration_months,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(amount: i64, month: u32) -> Tranche {
        Tranche {
            amount_dong: amount,
            due_at: Utc.with_ymd_and_hms(2027, month, 1, 0, 0, 0).unwrap(),
            condition: String::new(),
        }
    }

    #[test]
    fn tranches_add_up_to_the_total_exactly() {
        assert_eq!(check_tranches(1_000, &[t(400, 1), t(600, 6)]), vec![]);
        let p = check_tranches(1_000, &[t(400, 1), t(599, 6)]);
        assert_eq!(
            p[0].problem,
            FormProblem::TranchesDoNotAddUp {
                total_dong: 1_000,
                sum_dong: 999
            }
        );
        let paths: Vec<String> = check_tranches(1_000, &[t(1_000, 6), t(0, 1)])
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(paths, ["tranches.1.amount_dong", "tranches.1.due_at"]);
        assert_eq!(check_tranches(1, &[])[0].path, "tranches");
        // No overflow, whatever is typed.
        assert!(!check_tranches(1, &[t(i64::MAX, 1), t(i64::MAX, 2)]).is_empty());
        assert_eq!(contract_code(2027, 12), "HĐ-2027-0012");
        for st in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::from_code(st.code()), Some(st));
        }
        assert!(!PaymentStatus::Voided.live() && PaymentStatus::Pending.live());
    }

    #[test]
    fn a_contract_binds_the_appraised_lines_and_the_dossiers_products() {
        use crate::application::{ApplicationForm, BudgetLine};
        use crate::appraisal::LineChange;
        let line = |description: &str, fund_dong: i64, lump_sum: bool| BudgetLine {
            kind: crate::application::BudgetLineKind::Labour,
            description: description.into(),
            amount_dong: fund_dong,
            fund_dong,
            counterpart_dong: 0,
            lump_sum,
        };
        let form = ApplicationForm {
            budget: vec![line("Công lao động", 60, true), line("Vật tư", 40, false)],
            duration_months: 18,
            ..ApplicationForm::default()
        };
        let lowered = LineChange {
            line: 1,
            approved_fund_dong: 30,
            reason: "Giá vật tư cao".into(),
        };
        let terms = Terms::of_approved(&form, &[lowered]);
        let funded: Vec<(i64, bool)> = terms
            .lines
            .iter()
            .map(|l| (l.fund_dong, l.lump_sum))
            .collect();
        assert_eq!(funded, vec![(60, true), (30, false)]);
        assert_eq!(terms.duration_months, 18);
        assert_eq!(terms.products, form.products);
    }
}
