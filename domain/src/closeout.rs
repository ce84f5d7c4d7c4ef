//! From a running task to a closed one (docs/lifecycle.md): the final report, the host's
//! self-evaluation, the acceptance council's verdict, for a task rated Không đạt or terminated
//! the cause and the leader's exemption decision, the settlement declared and approved, the
//! refund received, results registered, closing. One table says which step each state allows;
//! every server function asks it and refuses with its reason.

use serde::{Deserialize, Serialize};

use crate::acceptance::Rating;
use crate::contract::ContractStatus;
use crate::settlement::{check_closing, ClosingProblem};
use crate::Lang;

/// The documents a funded task's leader attaches to its dossier while it runs: the evidence of
/// its products for acceptance, and the documents behind the lines settled by documents.
pub const EVIDENCE_DOCUMENT: &str = "Minh chứng sản phẩm (hồ sơ nghiệm thu)";
pub const SETTLEMENT_DOCUMENT: &str = "Chứng từ quyết toán";
pub const DOCUMENTS: [&str; 2] = [EVIDENCE_DOCUMENT, SETTLEMENT_DOCUMENT];

/// What is known of a task's close-out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Facts {
    pub status: ContractStatus,
    pub final_report: bool,
    pub self_evaluated: bool,
    pub council_named: bool,
    /// The acceptance council's verdict on the task.
    pub verdict: Option<Rating>,
    pub cause_recorded: bool,
    /// The leader's exemption decision: granted or refused.
    pub exemption: Option<bool>,
    pub declared: bool,
    pub settled: bool,
    pub refund_outstanding_dong: i64,
    pub registered: bool,
    /// Payments prepared and not yet decided by the fund's director.
    pub payments_pending: u32,
    /// The final payment the settlement left owed to the host and not yet paid.
    #[serde(default)]
    pub final_payment_due_dong: i64,
}

impl Facts {
    /// A task signed and nothing more.
    pub fn running() -> Facts {
        Facts {
            status: ContractStatus::Active,
            final_report: false,
            self_evaluated: false,
            council_named: false,
            verdict: None,
            cause_recorded: false,
            exemption: None,
            declared: false,
            settled: false,
            refund_outstanding_dong: 0,
            registered: false,
            payments_pending: 0,
            final_payment_due_dong: 0,
        }
    }

    /// Rated Không đạt or terminated: the cause decides the refund.
    pub fn not_completed(&self) -> bool {
        self.verdict == Some(Rating::Fail) || self.status == ContractStatus::Terminated
    }

    pub fn accepted(&self) -> bool {
        self.verdict.is_some_and(|v| v >= Rating::Pass)
    }

    /// Periodic progress reports are expected (and can be overdue) while the task runs and its
    /// final report is not in.
    pub fn expects_reports(&self) -> bool {
        self.status == ContractStatus::Active && !self.final_report && self.verdict.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Step {
    FileReport,
    RequestAmendment,
    DecideAmendment,
    SubmitFinalReport,
    SelfEvaluate,
    NameCouncil,
    Vote,
    Conclude,
    Terminate,
    RecordCause,
    DecideExemption,
    DeclareSettlement,
    ApproveSettlement,
    ReceiveRefund,
    Register,
    Close,
}

impl Step {
    pub const ALL: [Step; 16] = [
        Step::FileReport,
        Step::RequestAmendment,
        Step::DecideAmendment,
        Step::SubmitFinalReport,
        Step::SelfEvaluate,
        Step::NameCouncil,
        Step::Vote,
        Step::Conclude,
        Step::Terminate,
        Step::RecordCause,
        Step::DecideExemption,
        Step::DeclareSettlement,
        Step::ApproveSettlement,
        Step::ReceiveRefund,
        Step::Register,
        Step::Close,
    ];
}

/// Why a step cannot be taken now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Blocked {
    NotRunning,
    /// A payment prepared before termination would still be postable after it.
    PaymentsPending,
    FinalReportMissing,
    FinalReportAlreadySubmitted,
    SelfEvaluationMissing,
    AlreadySelfEvaluated,
    CouncilMissing,
    AlreadyConcluded,
    /// The acceptance minutes exist once the council's verdict is recorded.
    NotConcluded,
    /// Cause and exemption are for tasks rated Không đạt or terminated.
    NotFailed,
    CauseMissing,
    ExemptionAlreadyDecided,
    /// Settlement follows the verdict (and, for a task not completed, the exemption decision).
    NotReadyToSettle,
    AlreadySettled,
    DeclarationMissing,
    NoRefundDue,
    /// Results are registered for accepted tasks.
    NotAccepted,
    AlreadyRegistered,
    /// Rated Không đạt: no more tranches; what was paid is settled by the recorded cause.
    FailedVerdict,
    /// Once the settlement is declared, what the host is still owed is settled there.
    SettlementUnderway,
    /// A payment prepared before the settlement would change what it settles.
    PaymentsAwaitDecision,
    /// The settlement left a final payment owed to the host: paid first, then closed.
    FinalPaymentDue,
    Closing(ClosingProblem),
    AlreadyClosed,
}

impl Blocked {
    #[expect(
        clippy::too_many_lines,
        reason = "a message table: one pair of sentences per reason, in the enum's order"
    )]
    pub fn message(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            Blocked::NotRunning => (
                "Hợp đồng không ở trạng thái đang thực hiện.",
                "The contract is not running.",
            ),
            Blocked::PaymentsPending => (
                "Hợp đồng còn khoản chi chờ Giám đốc Quỹ duyệt: duyệt hoặc từ chối trước khi chấm dứt.",
                "Payments still await the fund director: approve or reject them before terminating.",
            ),
            Blocked::FinalReportMissing => (
                "Chủ nhiệm chưa nộp báo cáo tổng hợp và hồ sơ sản phẩm.",
                "The final report and product evidence are not submitted yet.",
            ),
            Blocked::FinalReportAlreadySubmitted => (
                "Đã nộp hồ sơ đề nghị nghiệm thu.",
                "The acceptance dossier is already submitted.",
            ),
            Blocked::SelfEvaluationMissing => (
                "Tổ chức chủ trì chưa tự đánh giá kết quả.",
                "The host organisation has not evaluated the results yet.",
            ),
            Blocked::AlreadySelfEvaluated => (
                "Tổ chức chủ trì đã tự đánh giá.",
                "The host organisation already evaluated the results.",
            ),
            Blocked::CouncilMissing => (
                "Chưa thành lập hội đồng nghiệm thu.",
                "No acceptance council is named yet.",
            ),
            Blocked::AlreadyConcluded => (
                "Hội đồng nghiệm thu đã kết luận.",
                "The acceptance council has concluded.",
            ),
            Blocked::NotConcluded => (
                "Hội đồng nghiệm thu chưa kết luận: biên bản có sau khi có kết luận.",
                "The acceptance council has not concluded: the minutes follow its verdict.",
            ),
            Blocked::NotFailed => (
                "Chỉ xem xét miễn trừ trách nhiệm với nhiệm vụ Không đạt hoặc bị chấm dứt.",
                "Exemption applies to tasks rated Fail or terminated only.",
            ),
            Blocked::CauseMissing => (
                "Chưa ghi nhận nguyên nhân và danh sách kiểm tra tuân thủ.",
                "The cause and the compliance checklist are not recorded yet.",
            ),
            Blocked::ExemptionAlreadyDecided => (
                "Lãnh đạo đã quyết định về miễn trừ trách nhiệm.",
                "The leader has already decided on the exemption.",
            ),
            Blocked::NotReadyToSettle => (
                "Chưa quyết toán được: cần kết luận nghiệm thu (và quyết định miễn trừ nếu nhiệm vụ không hoàn thành).",
                "Not ready to settle: the acceptance verdict (and, for a task not completed, the exemption decision) comes first.",
            ),
            Blocked::AlreadySettled => ("Đã phê duyệt quyết toán.", "The settlement is approved."),
            Blocked::DeclarationMissing => (
                "Chủ nhiệm chưa kê khai quyết toán.",
                "The settlement is not declared yet.",
            ),
            Blocked::NoRefundDue => (
                "Không còn khoản phải nộp trả.",
                "Nothing is due back.",
            ),
            Blocked::NotAccepted => (
                "Chỉ đăng ký kết quả của nhiệm vụ được nghiệm thu Đạt trở lên.",
                "Only results of accepted tasks are registered.",
            ),
            Blocked::AlreadyRegistered => (
                "Kết quả đã được đăng ký và cấp giấy chứng nhận.",
                "The results are already registered.",
            ),
            Blocked::FailedVerdict => (
                "Nhiệm vụ được nghiệm thu Không đạt: không cấp thêm kinh phí.",
                "The task was rated Fail: no more tranches are paid.",
            ),
            Blocked::SettlementUnderway => (
                "Đã kê khai quyết toán: khoản còn lại được xử lý trong quyết toán.",
                "The settlement is declared: what remains is settled there.",
            ),
            Blocked::FinalPaymentDue => (
                "Chưa thanh toán cho tổ chức chủ trì khoản còn lại sau quyết toán.",
                "The final payment the settlement owes the host is not paid yet.",
            ),
            Blocked::PaymentsAwaitDecision => (
                "Còn khoản chi chờ Giám đốc Quỹ duyệt: duyệt hoặc từ chối trước khi quyết toán.",
                "Payments still await the fund director: approve or reject them before the settlement.",
            ),
            Blocked::Closing(p) => return p.message(lang),
            Blocked::AlreadyClosed => ("Nhiệm vụ đã thanh lý.", "The task is closed."),
        };
        lang.pick(vi, en).into()
    }
}

/// Whether `step` may be taken now; the first reason it may not.
pub fn check(f: &Facts, step: Step) -> Result<(), Blocked> {
    use Blocked::*;
    let err = |b: Blocked| Err(b);
    if f.status == ContractStatus::Closed {
        return err(AlreadyClosed);
    }
    let active = f.status == ContractStatus::Active;
    let concluded = f.verdict.is_some();
    let settle_ready = f.accepted() || (f.not_completed() && f.exemption.is_some());
    match step {
        Step::FileReport
        | Step::RequestAmendment
        | Step::DecideAmendment
        | Step::SubmitFinalReport
        | Step::Terminate
            if !active =>
        {
            err(NotRunning)
        }
        // Amendments change what the task must deliver: not once it is handed in.
        Step::RequestAmendment | Step::DecideAmendment if f.final_report => {
            err(FinalReportAlreadySubmitted)
        }
        Step::FileReport | Step::RequestAmendment | Step::DecideAmendment | Step::Terminate
            if concluded =>
        {
            err(AlreadyConcluded)
        }
        Step::Terminate if f.payments_pending > 0 => err(PaymentsPending),
        Step::FileReport | Step::RequestAmendment | Step::DecideAmendment | Step::Terminate => {
            Ok(())
        }
        Step::SubmitFinalReport if f.final_report => err(FinalReportAlreadySubmitted),
        Step::SubmitFinalReport => Ok(()),
        Step::SelfEvaluate if !f.final_report => err(FinalReportMissing),
        Step::SelfEvaluate if f.self_evaluated => err(AlreadySelfEvaluated),
        Step::SelfEvaluate => Ok(()),
        Step::NameCouncil | Step::Vote | Step::Conclude if concluded => err(AlreadyConcluded),
        Step::NameCouncil | Step::Vote | Step::Conclude if !f.self_evaluated => {
            err(SelfEvaluationMissing)
        }
        Step::NameCouncil => Ok(()),
        Step::Vote | Step::Conclude if !f.council_named => err(CouncilMissing),
        Step::Vote | Step::Conclude => Ok(()),
        Step::RecordCause | Step::DecideExemption if !f.not_completed() => err(NotFailed),
        Step::RecordCause | Step::DecideExemption if f.exemption.is_some() => {
            err(ExemptionAlreadyDecided)
        }
        Step::RecordCause => Ok(()),
        Step::DecideExemption if !f.cause_recorded => err(CauseMissing),
        Step::DecideExemption => Ok(()),
        Step::DeclareSettlement | Step::ApproveSettlement if f.settled => err(AlreadySettled),
        Step::DeclareSettlement | Step::ApproveSettlement if !settle_ready => err(NotReadyToSettle),
        Step::DeclareSettlement | Step::ApproveSettlement if f.payments_pending > 0 => {
            err(PaymentsAwaitDecision)
        }
        Step::DeclareSettlement => Ok(()),
        Step::ApproveSettlement if !f.declared => err(DeclarationMissing),
        Step::ApproveSettlement => Ok(()),
        Step::ReceiveRefund if f.refund_outstanding_dong <= 0 => err(NoRefundDue),
        Step::ReceiveRefund => Ok(()),
        Step::Register if !f.accepted() => err(NotAccepted),
        Step::Register if f.registered => err(AlreadyRegistered),
        Step::Register => Ok(()),
        Step::Close if f.final_payment_due_dong > 0 => err(FinalPaymentDue),
        Step::Close => check_closing(
            f.settled,
            f.refund_outstanding_dong,
            // Results are registered for accepted tasks only.
            f.registered || !f.accepted(),
        )
        .map_err(Closing),
    }
}

/// Whether a tranche may be paid now, prepared or approved (docs/lifecycle.md, "Payments"):
/// while the task runs, not after a Không đạt verdict, and not once its settlement is declared
/// (the settlement decides what is still owed) — except the final tranche the approved
/// settlement added (`is_final`), which is paid after it. Rejecting a pending payment is
/// always allowed.
pub fn check_payment(f: &Facts, is_final: bool) -> Result<(), Blocked> {
    if f.status != ContractStatus::Active {
        Err(Blocked::NotRunning)
    } else if f.verdict == Some(Rating::Fail) {
        Err(Blocked::FailedVerdict)
    } else if is_final && f.settled {
        Ok(())
    } else if f.declared || f.settled {
        Err(Blocked::SettlementUnderway)
    } else {
        Ok(())
    }
}

/// Whether the task takes (or lets go of) `document` now, one of [`DOCUMENTS`]: the evidence
/// of its products until the acceptance council's verdict (the council judged what was there),
/// the settlement's documents until the settlement is approved; nothing before signing or once
/// closed.
pub fn check_document(
    status: ContractStatus,
    concluded: bool,
    settled: bool,
    document: &str,
) -> Result<(), Blocked> {
    match status {
        ContractStatus::Closed => Err(Blocked::AlreadyClosed),
        ContractStatus::Draft => Err(Blocked::NotRunning),
        _ if document == EVIDENCE_DOCUMENT && concluded => Err(Blocked::AlreadyConcluded),
        _ if document == SETTLEMENT_DOCUMENT && settled => Err(Blocked::AlreadySettled),
        _ => Ok(()),
    }
}

/// The steps open now, in order: what the task page offers and the to-do lists name.
pub fn open_steps(f: &Facts) -> Vec<Step> {
    Step::ALL
        .into_iter()
        .filter(|s| check(f, *s).is_ok())
        .collect()
}

/// The steps a task's page offers: the open ones, and termination while only pending payments
/// hold it back, so that taking it says what to wait for instead of the form being missing.
pub fn offered_steps(f: &Facts) -> Vec<Step> {
    open_steps(&Facts {
        payments_pending: 0,
        ..*f
    })
}

/// Who takes a step (docs/lifecycle.md §5): one table, beside the one of when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Actor {
    /// The task's own leader: the researcher who wrote its dossier.
    TaskLeader,
    /// Whoever speaks for the task's host organisation.
    Host,
    /// A member of the task's acceptance council.
    AcceptanceCouncil,
    /// A department officer following tasks.
    Officer,
    /// The department's leader.
    DepartmentLeader,
    /// The fund's accountant.
    FundAccountant,
    /// Depends on the amendment's size: [`may_decide_amendment`].
    AmendmentDecider,
}

pub fn actor(step: Step) -> Actor {
    match step {
        Step::FileReport
        | Step::RequestAmendment
        | Step::SubmitFinalReport
        | Step::DeclareSettlement => Actor::TaskLeader,
        Step::DecideAmendment => Actor::AmendmentDecider,
        Step::SelfEvaluate => Actor::Host,
        Step::Vote => Actor::AcceptanceCouncil,
        Step::NameCouncil | Step::Conclude | Step::RecordCause | Step::Register | Step::Close => {
            Actor::Officer
        }
        Step::Terminate | Step::DecideExemption | Step::ApproveSettlement => {
            Actor::DepartmentLeader
        }
        Step::ReceiveRefund => Actor::FundAccountant,
    }
}

/// Who a person is to one task, as far as its steps ask: the server finds each from the
/// person's grants and the task's data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub leads: bool,
    pub hosts: bool,
    pub judges: bool,
    pub officer: bool,
    pub department_leader: bool,
    pub accountant: bool,
}

impl Standing {
    pub fn is(&self, actor: Actor) -> bool {
        match actor {
            Actor::TaskLeader => self.leads,
            Actor::Host => self.hosts,
            Actor::AcceptanceCouncil => self.judges,
            Actor::Officer => self.officer,
            Actor::DepartmentLeader => self.department_leader,
            Actor::FundAccountant => self.accountant,
            // Each request says, by its size, who decides it.
            Actor::AmendmentDecider => false,
        }
    }
}

/// Whether the person takes `step`, apart from whether the task's state allows it now.
pub fn may_take(who: &Standing, step: Step) -> bool {
    who.is(actor(step))
}

/// An officer decides small amendments, the department's leader any.
pub fn may_decide_amendment(who: &Standing, size: crate::amendment::Size) -> bool {
    who.department_leader || (size == crate::amendment::Size::Small && who.officer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_frozen_by_the_verdict_and_settlement_documents_by_the_settlement() {
        use ContractStatus::*;
        let (ev, st) = (EVIDENCE_DOCUMENT, SETTLEMENT_DOCUMENT);
        assert_eq!(check_document(Active, false, false, ev), Ok(()));
        assert_eq!(
            check_document(Active, true, false, ev),
            Err(Blocked::AlreadyConcluded)
        );
        assert_eq!(check_document(Active, true, false, st), Ok(()));
        assert_eq!(check_document(Terminated, false, false, st), Ok(()));
        assert_eq!(
            check_document(Active, true, true, st),
            Err(Blocked::AlreadySettled)
        );
        assert_eq!(
            check_document(Closed, false, false, st),
            Err(Blocked::AlreadyClosed)
        );
        assert_eq!(
            check_document(Draft, false, false, ev),
            Err(Blocked::NotRunning)
        );
    }

    #[test]
    fn tranches_are_paid_while_the_task_runs_and_not_after_a_fail_or_a_declaration() {
        let running = Facts::running();
        assert_eq!(check_payment(&running, false), Ok(()));
        let passed = Facts {
            verdict: Some(Rating::Pass),
            ..running
        };
        assert_eq!(
            check_payment(&passed, false),
            Ok(()),
            "the tranche due on acceptance"
        );
        let failed = Facts {
            verdict: Some(Rating::Fail),
            ..running
        };
        assert_eq!(check_payment(&failed, false), Err(Blocked::FailedVerdict));
        let declared = Facts {
            declared: true,
            ..passed
        };
        assert_eq!(
            check_payment(&declared, false),
            Err(Blocked::SettlementUnderway)
        );
        let settled = Facts {
            settled: true,
            final_payment_due_dong: 5,
            ..declared
        };
        assert_eq!(
            check_payment(&settled, false),
            Err(Blocked::SettlementUnderway)
        );
        assert_eq!(check_payment(&settled, true), Ok(()), "the final payment");
        assert_eq!(check(&settled, Step::Close), Err(Blocked::FinalPaymentDue));
        for status in [
            ContractStatus::Draft,
            ContractStatus::Terminated,
            ContractStatus::Closed,
        ] {
            let f = Facts { status, ..running };
            assert_eq!(check_payment(&f, false), Err(Blocked::NotRunning));
        }
        let pending = Facts {
            payments_pending: 1,
            ..passed
        };
        assert_eq!(
            check(&pending, Step::DeclareSettlement),
            Err(Blocked::PaymentsAwaitDecision)
        );
    }

    #[test]
    fn each_step_has_one_actor_and_nobody_else_takes_it() {
        let everyone = [
            Standing {
                leads: true,
                ..Standing::default()
            },
            Standing {
                hosts: true,
                ..Standing::default()
            },
            Standing {
                judges: true,
                ..Standing::default()
            },
            Standing {
                officer: true,
                ..Standing::default()
            },
            Standing {
                department_leader: true,
                ..Standing::default()
            },
            Standing {
                accountant: true,
                ..Standing::default()
            },
        ];
        for step in Step::ALL {
            let takers = everyone.iter().filter(|w| may_take(w, step)).count();
            let expected = usize::from(actor(step) != Actor::AmendmentDecider);
            assert_eq!(takers, expected, "{step:?}");
        }
        let leader = everyone[0];
        assert!(may_take(&leader, Step::DeclareSettlement));
        assert!(
            !may_take(&leader, Step::ApproveSettlement),
            "nobody approves their own"
        );
        assert!(may_take(&everyone[4], Step::ApproveSettlement));
        assert!(may_take(&everyone[5], Step::ReceiveRefund));
    }

    #[test]
    fn amendments_are_decided_by_their_size() {
        use crate::amendment::Size;
        let officer = Standing {
            officer: true,
            ..Standing::default()
        };
        let leader = Standing {
            department_leader: true,
            ..Standing::default()
        };
        let researcher = Standing {
            leads: true,
            ..Standing::default()
        };
        assert!(may_decide_amendment(&officer, Size::Small));
        assert!(!may_decide_amendment(&officer, Size::Large));
        assert!(may_decide_amendment(&leader, Size::Small));
        assert!(may_decide_amendment(&leader, Size::Large));
        assert!(!may_decide_amendment(&researcher, Size::Small));
    }

    #[test]
    fn a_pending_payment_holds_termination_back() {
        let mut f = Facts::running();
        assert_eq!(check(&f, Step::Terminate), Ok(()));
        f.payments_pending = 1;
        assert_eq!(check(&f, Step::Terminate), Err(Blocked::PaymentsPending));
        assert!(!open_steps(&f).contains(&Step::Terminate));
        assert!(offered_steps(&f).contains(&Step::Terminate));
        assert_eq!(check(&f, Step::FileReport), Ok(()));
    }

    #[test]
    fn the_accepted_path_from_running_to_closed() {
        let mut f = Facts::running();
        assert!(f.expects_reports());
        assert_eq!(
            open_steps(&f),
            [
                Step::FileReport,
                Step::RequestAmendment,
                Step::DecideAmendment,
                Step::SubmitFinalReport,
                Step::Terminate
            ]
        );
        f.final_report = true;
        assert!(!f.expects_reports());
        assert_eq!(
            check(&f, Step::RequestAmendment),
            Err(Blocked::FinalReportAlreadySubmitted)
        );
        assert_eq!(
            check(&f, Step::NameCouncil),
            Err(Blocked::SelfEvaluationMissing)
        );
        assert_eq!(
            open_steps(&f),
            [Step::FileReport, Step::SelfEvaluate, Step::Terminate]
        );
        f.self_evaluated = true;
        assert_eq!(check(&f, Step::Vote), Err(Blocked::CouncilMissing));
        f.council_named = true;
        assert!(check(&f, Step::Vote).is_ok());
        f.verdict = Some(Rating::Pass);
        assert_eq!(check(&f, Step::Vote), Err(Blocked::AlreadyConcluded));
        assert_eq!(check(&f, Step::RecordCause), Err(Blocked::NotFailed));
        assert_eq!(
            check(&f, Step::ApproveSettlement),
            Err(Blocked::DeclarationMissing)
        );
        assert_eq!(open_steps(&f), [Step::DeclareSettlement, Step::Register]);
        f.declared = true;
        f.settled = true;
        f.refund_outstanding_dong = 10;
        assert_eq!(
            check(&f, Step::Close),
            Err(Blocked::Closing(ClosingProblem::RefundOutstanding {
                due_dong: 10
            }))
        );
        f.refund_outstanding_dong = 0;
        assert_eq!(
            check(&f, Step::Close),
            Err(Blocked::Closing(ClosingProblem::NotRegistered))
        );
        assert_eq!(check(&f, Step::ReceiveRefund), Err(Blocked::NoRefundDue));
        f.registered = true;
        assert_eq!(open_steps(&f), [Step::Close]);
        f.status = ContractStatus::Closed;
        assert!(open_steps(&f).is_empty());
    }

    #[test]
    fn a_task_not_completed_settles_after_the_exemption_decision_and_registers_nothing() {
        let mut f = Facts::running();
        f.status = ContractStatus::Terminated;
        assert_eq!(check(&f, Step::FileReport), Err(Blocked::NotRunning));
        assert_eq!(check(&f, Step::DecideExemption), Err(Blocked::CauseMissing));
        assert_eq!(
            check(&f, Step::DeclareSettlement),
            Err(Blocked::NotReadyToSettle)
        );
        f.cause_recorded = true;
        f.exemption = Some(true);
        assert_eq!(
            check(&f, Step::RecordCause),
            Err(Blocked::ExemptionAlreadyDecided)
        );
        assert!(check(&f, Step::DeclareSettlement).is_ok());
        assert_eq!(check(&f, Step::Register), Err(Blocked::NotAccepted));
        f.declared = true;
        f.settled = true;
        // Not accepted: no registration is needed to close.
        assert_eq!(check(&f, Step::Close), Ok(()));
        for s in Step::ALL {
            // Every refusal has a message in both languages.
            if let Err(b) = check(&Facts::running(), s) {
                assert!(!b.message(Lang::Vi).is_empty() && !b.message(Lang::En).is_empty());
            }
        }
    }
}
