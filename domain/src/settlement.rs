//! Simplified settlement (quyết toán, docs/rulebook.md, docs/ledger.md): lump-sum lines are settled by the accepted
//! products alone, with no invoices; the other lines by documented amounts, never beyond what the
//! contract gave them. What was paid and not settled is refunded; what was committed and never
//! paid is released back to the fund. A task not completed follows its recorded cause: after
//! full compliance with an objective cause (liability exemption, Law 93/2025 Art. 9) only the
//! unspent money is refunded; with a subjective cause, a configured share of what was spent too.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The rulebook's settlement rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SettlementRules {
    /// For a subjective failure: the share of the money spent that is refunded too, in ‰.
    /// (TTLT 93/2006 asked at least 30 %; the 2025 law's figure is UNCONFIRMED.)
    pub subjective_spent_share_permille: u32,
}

impl Default for SettlementRules {
    fn default() -> Self {
        SettlementRules {
            subjective_spent_share_permille: 300,
        }
    }
}

/// One contracted budget line at settlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Line {
    pub lump_sum: bool,
    /// What the contract gives this line from the fund.
    pub contracted_dong: i64,
    /// For lines settled by documents: the documented amount (ignored for lump-sum lines).
    pub documented_dong: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Cause {
    /// Full compliance, targets missed anyway; force majeure; host dissolved.
    Objective,
    Subjective,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Outcome {
    /// Accepted (Đạt or Xuất sắc): lines settle as above.
    Accepted,
    /// Rated Không đạt or terminated: the leader's recorded cause and what the host showed it
    /// spent.
    NotCompleted { cause: Cause, spent_dong: i64 },
}

/// The settlement statement: `settled + refund = disbursed + final_payment`,
/// `release + final_payment = total − disbursed`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Statement {
    /// What the task is settled at: its accepted cost, or what it may keep of what was paid.
    pub settled_dong: i64,
    /// Paid and not settled: due back from the host.
    pub refund_dong: i64,
    /// Committed and never to be paid: back to the fund's available money.
    pub release_dong: i64,
    /// Settled and not yet paid (an accepted task that earned more than its tranches brought):
    /// owed to the host as a final payment, prepared and approved under four eyes; it stays
    /// committed until then.
    #[serde(default)]
    pub final_payment_dong: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum SettlementProblem {
    /// Paid more than the contract's total: the ledger forbids it, so the figures are wrong.
    DisbursedAboveTotal,
    NegativeAmount,
    /// The host shows more spent than it was paid.
    SpentAbovePaid,
}

impl SettlementProblem {
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            SettlementProblem::DisbursedAboveTotal => lang.pick(
                "Số đã cấp vượt kinh phí hợp đồng.",
                "More was paid than the contract's total.",
            ),
            SettlementProblem::NegativeAmount => {
                lang.pick("Số tiền không được âm.", "Amounts cannot be negative.")
            }
            SettlementProblem::SpentAbovePaid => lang.pick(
                "Số đã chi vượt số đã được cấp.",
                "More is shown as spent than was paid.",
            ),
        }
    }
}

/// `value × permille / 1000`, rounded half up, in whole đồng.
fn share(value: i64, permille: u32) -> i64 {
    let v = i128::from(value) * i128::from(permille);
    ((v + 500) / 1000) as i64
}

pub fn settle(
    rules: &SettlementRules,
    total_dong: i64,
    disbursed_dong: i64,
    lines: &[Line],
    outcome: Outcome,
) -> Result<Statement, SettlementProblem> {
    if total_dong < 0
        || disbursed_dong < 0
        || lines
            .iter()
            .any(|l| l.contracted_dong < 0 || l.documented_dong < 0)
    {
        return Err(SettlementProblem::NegativeAmount);
    }
    if disbursed_dong > total_dong {
        return Err(SettlementProblem::DisbursedAboveTotal);
    }
    match outcome {
        Outcome::Accepted => {
            let earned: i64 = lines
                .iter()
                .map(|l| {
                    if l.lump_sum {
                        l.contracted_dong
                    } else {
                        l.documented_dong.min(l.contracted_dong)
                    }
                })
                .fold(0i64, |a, b| a.saturating_add(b))
                // Never more than the contract gives.
                .min(total_dong);
            // What was paid beyond what was earned comes back; what was earned beyond what
            // was paid is the host's final payment; the rest of the commitment is released.
            Ok(Statement {
                settled_dong: earned,
                refund_dong: (disbursed_dong - earned).max(0),
                final_payment_dong: (earned - disbursed_dong).max(0),
                release_dong: total_dong - earned.max(disbursed_dong),
            })
        }
        Outcome::NotCompleted { cause, spent_dong } => {
            if spent_dong < 0 {
                return Err(SettlementProblem::NegativeAmount);
            }
            if spent_dong > disbursed_dong {
                return Err(SettlementProblem::SpentAbovePaid);
            }
            let settled_dong = match cause {
                Cause::Objective => spent_dong,
                Cause::Subjective => {
                    spent_dong - share(spent_dong, rules.subjective_spent_share_permille)
                }
            };
            Ok(Statement {
                settled_dong,
                refund_dong: disbursed_dong - settled_dong,
                release_dong: total_dong - disbursed_dong,
                final_payment_dong: 0,
            })
        }
    }
}

/// The ledger transfers an approved settlement posts for contract `contract`, in order: what
/// was paid and settled moves to the contract's settled account, what is due back to its refund
/// account (until the host pays it in), what was committed and will never be paid back to
/// `available` (the book's: the fund's or the paying unit's). The final payment, if any, stays committed: it is paid as a payment and settled
/// when approved ([`final_payment_postings`]). Amounts of zero are left out.
pub fn postings(
    contract: i64,
    available: crate::ledger::Account,
    s: &Statement,
) -> Vec<(crate::ledger::Account, crate::ledger::Account, i64)> {
    use crate::ledger::Account;
    [
        (
            Account::Disbursed(contract),
            Account::Settled(contract),
            s.settled_dong - s.final_payment_dong,
        ),
        (
            Account::Disbursed(contract),
            Account::Refund(contract),
            s.refund_dong,
        ),
        (Account::Committed(contract), available, s.release_dong),
    ]
    .into_iter()
    .filter(|(_, _, amount)| *amount > 0)
    .collect()
}

/// What an approved final payment posts after the payment itself (committed → disbursed): the
/// same amount from disbursed to settled, for it was settled before it was paid.
pub fn final_payment_postings(
    contract: i64,
    amount_dong: i64,
) -> (crate::ledger::Account, crate::ledger::Account, i64) {
    use crate::ledger::Account;
    (
        Account::Disbursed(contract),
        Account::Settled(contract),
        amount_dong,
    )
}

/// What the officer records for a task rated Không đạt or terminated (Law 93/2025 Art. 9): the
/// cause as found, and the compliance checklist the exemption depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum FailureCause {
    /// Procedures fully followed, targets missed anyway.
    TargetsMissedDespiteCompliance,
    ForceMajeure,
    HostDissolved,
    /// The host's or the leader's own doing.
    Subjective,
}

impl FailureCause {
    pub const ALL: [FailureCause; 4] = [
        FailureCause::TargetsMissedDespiteCompliance,
        FailureCause::ForceMajeure,
        FailureCause::HostDissolved,
        FailureCause::Subjective,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FailureCause::TargetsMissedDespiteCompliance => "targets_missed",
            FailureCause::ForceMajeure => "force_majeure",
            FailureCause::HostDissolved => "host_dissolved",
            FailureCause::Subjective => "subjective",
        }
    }

    pub fn from_code(code: &str) -> Option<FailureCause> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FailureCause::TargetsMissedDespiteCompliance => lang.pick(
                "Khách quan: tuân thủ đầy đủ quy trình nhưng không đạt mục tiêu",
                "Objective: full compliance, targets missed",
            ),
            FailureCause::ForceMajeure => {
                lang.pick("Khách quan: bất khả kháng", "Objective: force majeure")
            }
            FailureCause::HostDissolved => lang.pick(
                "Khách quan: tổ chức chủ trì giải thể",
                "Objective: host organisation dissolved",
            ),
            FailureCause::Subjective => lang.pick("Chủ quan", "Subjective"),
        }
    }

    pub fn objective(self) -> bool {
        self != FailureCause::Subjective
    }
}

/// The compliance checklist (NĐ 77/2026's conditions, read as the model): all must hold for an
/// exemption.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Compliance {
    pub procedures_followed: bool,
    pub no_fraud: bool,
    pub no_intentional_violation: bool,
    pub funds_used_on_purpose: bool,
}

impl Compliance {
    pub fn complete(&self) -> bool {
        self.procedures_followed
            && self.no_fraud
            && self.no_intentional_violation
            && self.funds_used_on_purpose
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ExemptionProblem {
    /// Exemption is for objective causes only.
    CauseNotObjective,
    /// Every item of the checklist must hold.
    ComplianceIncomplete,
}

impl ExemptionProblem {
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            ExemptionProblem::CauseNotObjective => lang.pick(
                "Chỉ miễn trừ trách nhiệm khi nguyên nhân là khách quan.",
                "Liability is exempted for objective causes only.",
            ),
            ExemptionProblem::ComplianceIncomplete => lang.pick(
                "Chưa đủ điều kiện tuân thủ: mọi mục trong danh sách kiểm tra phải được xác nhận.",
                "Compliance is incomplete: every checklist item must hold.",
            ),
        }
    }
}

/// The settlement cause the leader's decision gives: exemption granted means objective (only
/// the unspent money is refunded); refused means subjective. Granting needs an objective cause
/// and a complete checklist.
pub fn decide_exemption(
    cause: FailureCause,
    compliance: &Compliance,
    grant: bool,
) -> Result<Cause, ExemptionProblem> {
    if !grant {
        return Ok(Cause::Subjective);
    }
    if !cause.objective() {
        return Err(ExemptionProblem::CauseNotObjective);
    }
    if !compliance.complete() {
        return Err(ExemptionProblem::ComplianceIncomplete);
    }
    Ok(Cause::Objective)
}

/// Why a task cannot be closed (thanh lý) yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ClosingProblem {
    NotSettled,
    RefundOutstanding { due_dong: i64 },
    NotRegistered,
}

impl ClosingProblem {
    pub fn message(&self, lang: Lang) -> String {
        use crate::format::format_dong;
        match (self, lang) {
            (ClosingProblem::NotSettled, l) => l
                .pick(
                    "Chưa phê duyệt quyết toán.",
                    "The settlement is not approved.",
                )
                .into(),
            (ClosingProblem::RefundOutstanding { due_dong }, Lang::Vi) => format!(
                "Tổ chức chủ trì chưa nộp trả đủ kinh phí: còn {}.",
                format_dong(*due_dong)
            ),
            (ClosingProblem::RefundOutstanding { due_dong }, Lang::En) => format!(
                "The host has not refunded everything: {} outstanding.",
                format_dong(*due_dong)
            ),
            (ClosingProblem::NotRegistered, l) => l
                .pick(
                    "Chưa đăng ký kết quả thực hiện nhiệm vụ.",
                    "The task's results are not registered.",
                )
                .into(),
        }
    }
}

/// Closing needs an approved settlement, every refund received and the results registered
/// (TT 14/2014: the certificate comes before closing).
pub fn check_closing(
    settled: bool,
    refund_outstanding_dong: i64,
    registered: bool,
) -> Result<(), ClosingProblem> {
    if !settled {
        return Err(ClosingProblem::NotSettled);
    }
    if refund_outstanding_dong > 0 {
        return Err(ClosingProblem::RefundOutstanding {
            due_dong: refund_outstanding_dong,
        });
    }
    if !registered {
        return Err(ClosingProblem::NotRegistered);
    }
    Ok(())
}

/// What the task's leader declares for settlement: the documented amount of each budget line
/// settled by documents (lump-sum lines are settled by the accepted products and ignore it), the
/// documents, and for a task not completed what was spent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Declaration {
    pub documented_dong: Vec<i64>,
    pub documents: String,
    pub spent_dong: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Vec<Line> {
        vec![
            Line {
                lump_sum: true,
                contracted_dong: 600,
                documented_dong: 0,
            },
            Line {
                lump_sum: false,
                contracted_dong: 400,
                documented_dong: 350,
            },
        ]
    }

    #[test]
    fn accepted_tasks_settle_lump_sums_by_products_and_the_rest_by_documents() {
        let rules = SettlementRules::default();
        let s = settle(&rules, 1_000, 1_000, &lines(), Outcome::Accepted).unwrap();
        assert_eq!(
            s,
            Statement {
                settled_dong: 950,
                refund_dong: 50,
                release_dong: 0,
                final_payment_dong: 0,
            }
        );
        // Documents beyond the line count only up to it. Earned 1.000 with 800 paid: the host
        // is owed 200 as a final payment, and nothing of the commitment is released.
        let mut over = lines();
        over[1].documented_dong = 900;
        let s = settle(&rules, 1_000, 800, &over, Outcome::Accepted).unwrap();
        assert_eq!(s.settled_dong, 1_000);
        assert_eq!(s.refund_dong, 0);
        assert_eq!(s.final_payment_dong, 200);
        assert_eq!(s.release_dong, 0);
        // Earned 950 with 500 paid: 450 owed, the 50 the documents did not cover released.
        let s = settle(&rules, 1_000, 500, &lines(), Outcome::Accepted).unwrap();
        assert_eq!(
            (s.final_payment_dong, s.release_dong, s.refund_dong),
            (450, 50, 0)
        );
    }

    #[test]
    fn exemption_needs_an_objective_cause_and_full_compliance() {
        let all = Compliance {
            procedures_followed: true,
            no_fraud: true,
            no_intentional_violation: true,
            funds_used_on_purpose: true,
        };
        for cause in FailureCause::ALL {
            assert_eq!(FailureCause::from_code(cause.code()), Some(cause));
            assert_eq!(decide_exemption(cause, &all, false), Ok(Cause::Subjective));
        }
        assert_eq!(
            decide_exemption(FailureCause::ForceMajeure, &all, true),
            Ok(Cause::Objective)
        );
        assert_eq!(
            decide_exemption(FailureCause::Subjective, &all, true),
            Err(ExemptionProblem::CauseNotObjective)
        );
        let mut missing = all;
        missing.no_fraud = false;
        assert_eq!(
            decide_exemption(FailureCause::HostDissolved, &missing, true),
            Err(ExemptionProblem::ComplianceIncomplete)
        );
    }

    #[test]
    fn closing_needs_settlement_refund_and_registration_in_that_order() {
        assert_eq!(
            check_closing(false, 5, false),
            Err(ClosingProblem::NotSettled)
        );
        assert_eq!(
            check_closing(true, 5, false),
            Err(ClosingProblem::RefundOutstanding { due_dong: 5 })
        );
        assert_eq!(
            check_closing(true, 0, false),
            Err(ClosingProblem::NotRegistered)
        );
        assert_eq!(check_closing(true, 0, true), Ok(()));
    }

    #[test]
    fn the_cause_decides_the_refund_of_a_task_not_completed() {
        let rules = SettlementRules::default();
        let objective = Outcome::NotCompleted {
            cause: Cause::Objective,
            spent_dong: 700,
        };
        let s = settle(&rules, 1_000, 800, &lines(), objective).unwrap();
        // Exempt: only the unspent 100 comes back.
        assert_eq!(
            (s.settled_dong, s.refund_dong, s.release_dong),
            (700, 100, 200)
        );
        let subjective = Outcome::NotCompleted {
            cause: Cause::Subjective,
            spent_dong: 700,
        };
        let s = settle(&rules, 1_000, 800, &lines(), subjective).unwrap();
        // Unspent 100 plus 30 % of the 700 spent = 310.
        assert_eq!(s.refund_dong, 310);
        // Boundaries: nothing spent refunds all; all spent with a 0 ‰ share refunds nothing.
        let none = Outcome::NotCompleted {
            cause: Cause::Subjective,
            spent_dong: 0,
        };
        assert_eq!(
            settle(&rules, 1_000, 800, &[], none).unwrap().refund_dong,
            800
        );
        let lenient = SettlementRules {
            subjective_spent_share_permille: 0,
        };
        let all = Outcome::NotCompleted {
            cause: Cause::Subjective,
            spent_dong: 800,
        };
        assert_eq!(
            settle(&lenient, 1_000, 800, &[], all).unwrap().refund_dong,
            0
        );
        // Half a đồng rounds up.
        let odd = Outcome::NotCompleted {
            cause: Cause::Subjective,
            spent_dong: 5,
        };
        let s = settle(&rules, 10, 5, &[], odd).unwrap();
        assert_eq!(s.refund_dong, 2, "30 % of 5 = 1,5 → 2");
        assert_eq!(
            settle(
                &rules,
                1_000,
                800,
                &[],
                Outcome::NotCompleted {
                    cause: Cause::Objective,
                    spent_dong: 801
                }
            ),
            Err(SettlementProblem::SpentAbovePaid)
        );
        assert_eq!(
            settle(&rules, 100, 101, &[], Outcome::Accepted),
            Err(SettlementProblem::DisbursedAboveTotal)
        );
    }
}
