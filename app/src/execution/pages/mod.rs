//! The execution panel on a contract's page: progress reports and inspections, acceptance,
//! termination and exemption, settlement, registration and closing. Each form shows only for
//! the person whose step is open now (the server decides again on every request).

use domain::acceptance::{Ballot, Rating};
use domain::closeout::Step;
use domain::execution::{ProductProgress, ProgressReport, ReportStatus};
use domain::format::{format_date, format_datetime, format_dong};
use domain::settlement::{Compliance, FailureCause};
use leptos::prelude::*;

use crate::components::key_for;
use crate::components::{action_error, refresh_on_success, ErrorBox, FieldError};
use crate::error::AppError;
use crate::execution::api::*;
use crate::fields::{number, AmountInput};
use crate::i18n::{t, term, use_lang};

mod acceptance;
mod amendments;
mod closing;
mod progress;
mod settlement;
use acceptance::*;
use amendments::*;
use closing::*;
use progress::*;
use settlement::*;

#[derive(Clone, Copy)]
pub(crate) struct Actions {
    report: ServerAction<FileReport>,
    review: ServerAction<ReviewReport>,
    inspect: ServerAction<RecordInspection>,
    submit_final: ServerAction<SubmitFinal>,
    self_evaluate: ServerAction<SelfEvaluate>,
    name_council: ServerAction<NameCouncil>,
    vote: ServerAction<Vote>,
    conclude: ServerAction<Conclude>,
    terminate: ServerAction<Terminate>,
    record_cause: ServerAction<RecordCause>,
    decide_exemption: ServerAction<DecideExemption>,
    request_amendment: ServerAction<RequestAmendment>,
    decide_amendment: ServerAction<DecideAmendment>,
    declare: ServerAction<DeclareSettlement>,
    settle: ServerAction<ApproveSettlement>,
    refund: ServerAction<RecordRefund>,
    register: ServerAction<RegisterResults>,
    close: ServerAction<CloseTask>,
}

/// Everything after signing, for whoever may read the contract.
#[component]
pub fn ExecutionPanel(contract_id: i32) -> impl IntoView {
    let a = Actions {
        report: ServerAction::new(),
        review: ServerAction::new(),
        inspect: ServerAction::new(),
        submit_final: ServerAction::new(),
        self_evaluate: ServerAction::new(),
        name_council: ServerAction::new(),
        vote: ServerAction::new(),
        conclude: ServerAction::new(),
        terminate: ServerAction::new(),
        record_cause: ServerAction::new(),
        decide_exemption: ServerAction::new(),
        request_amendment: ServerAction::new(),
        decide_amendment: ServerAction::new(),
        declare: ServerAction::new(),
        settle: ServerAction::new(),
        refund: ServerAction::new(),
        register: ServerAction::new(),
        close: ServerAction::new(),
    };
    // Reloaded after a step that succeeds; a refused one keeps what was typed.
    let changed = RwSignal::new(0u32);
    refresh_on_success(a.report, changed);
    refresh_on_success(a.review, changed);
    refresh_on_success(a.inspect, changed);
    refresh_on_success(a.submit_final, changed);
    refresh_on_success(a.self_evaluate, changed);
    refresh_on_success(a.name_council, changed);
    refresh_on_success(a.vote, changed);
    refresh_on_success(a.conclude, changed);
    refresh_on_success(a.terminate, changed);
    refresh_on_success(a.record_cause, changed);
    refresh_on_success(a.decide_exemption, changed);
    refresh_on_success(a.request_amendment, changed);
    refresh_on_success(a.decide_amendment, changed);
    refresh_on_success(a.declare, changed);
    refresh_on_success(a.settle, changed);
    refresh_on_success(a.refund, changed);
    refresh_on_success(a.register, changed);
    refresh_on_success(a.close, changed);
    let view_of = Resource::new(move || changed.get(), move |_| get_execution(contract_id));
    view! {
        <Transition fallback=|| ()>
            {move || view_of.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(v) => view! { <Execution v a /> }.into_any(),
            })}
        </Transition>
    }
}

fn rating_label(r: Rating) -> impl Fn() -> &'static str {
    let lang = use_lang();
    move || r.label(lang.get())
}

/// Refusals that belong to the step rather than to one input: the task's state, the period, a
/// pending amendment, the lines as a whole, the evidence as a whole.
#[component]
fn StepError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    [
        "step",
        "period",
        "report",
        "amendment",
        "documented_dong",
        "evidence",
    ]
    .into_iter()
    .map(|field| view! { <FieldError error field=field /> })
    .collect_view()
}

#[component]
fn Execution(v: ExecutionView, a: Actions) -> impl IntoView {
    let may = |s: Step| v.mine.contains(&s);
    let id = v.contract_id;
    view! {
        <Progress v=v.clone() a may_file=may(Step::FileReport) />
        <Amendments v=v.clone() a />
        <section class="panel" data-testid="task-files">
            <p class="hint">{t(
                "Minh chứng sản phẩm và chứng từ quyết toán: chủ nhiệm tải lên khi nhiệm vụ đang thực hiện; hội đồng nghiệm thu xem được.",
                "Product evidence and settlement documents: the task's leader uploads them while the task runs; the acceptance council reads them.",
            )}</p>
            <crate::attachments::Attachments
                application_id=v.application_id
                required_documents=domain::closeout::DOCUMENTS.iter().map(|d| d.to_string()).collect()
                attachments=v.files.clone()
                editable=v.may_attach
                max_upload_bytes=v.max_upload_bytes
                listed_only=true />
        </section>
        <Acceptance v=v.clone() a />
        {(may(Step::Terminate)).then(|| view! { <TerminateForm id a /> })}
        {(!v.termination_reason.is_empty()).then(|| view! {
            <section class="panel" data-testid="termination">
                <h2>{t("Chấm dứt hợp đồng", "Termination")}</h2>
                <p>{v.termination_reason.clone()}</p>
            </section>
        })}
        <Exemption v=v.clone() a />
        <Settlement v=v.clone() a />
        <Registration v=v.clone() a />
        {may(Step::Close).then(|| {
            let error = action_error(a.close.value());
            view! {
                <section class="panel">
                    <h2>{t("Thanh lý hợp đồng", "Closing the contract")}</h2>
                    <ErrorBox error with_fields=true />
                    <button class="button" data-testid="close-task" on:click=move |_| { a.close.dispatch(CloseTask { contract_id: id }); }>
                        {t("Thanh lý hợp đồng", "Close the contract")}
                    </button>
                </section>
            }
        })}
        {v.closed_at.map(|at| view! {
            <section class="panel" data-testid="closed">
                <h2>{t("Đã thanh lý", "Closed")}</h2>
                <p>{format_datetime(at)}</p>
            </section>
        })}
    }
}
