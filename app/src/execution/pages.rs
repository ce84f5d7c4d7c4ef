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
use crate::fields::number;
use crate::i18n::{t, use_lang};

#[derive(Clone, Copy)]
struct Actions {
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

#[component]
fn Progress(v: ExecutionView, a: Actions, may_file: bool) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let officer_reviews = v.may_supervise;
    let review_note = RwSignal::new(String::new());
    let review_error = action_error(a.review.value());
    view! {
        <section class="panel" data-testid="progress">
            <h2>{t("Tiến độ thực hiện", "Progress")}</h2>
            <table class="table" data-testid="periods">
                <thead><tr><th>{t("Kỳ", "Period")}</th><th>{t("Kết thúc", "Ends")}</th><th>{t("Hạn nộp", "Due")}</th><th>{t("Tình trạng", "State")}</th></tr></thead>
                <tbody>{v.periods.iter().map(|p| {
                    let filed = v.reports.iter().rev().find(|r| r.period == p.number).map(|r| r.status);
                    let overdue = p.overdue;
                    view! {
                        <tr data-testid=format!("period-{}", p.number)>
                            <td>{p.number}</td><td>{format_date(p.ends_at)}</td><td>{format_date(p.due_at)}</td>
                            <td>{move || match (filed, overdue) {
                                (_, true) => view! { <span class="badge warn" data-testid="overdue">{lang.get().pick("Quá hạn", "Overdue")}</span> }.into_any(),
                                (Some(s), _) => s.label(lang.get()).into_any(),
                                (None, _) => lang.get().pick("Chưa nộp", "Not filed").into_any(),
                            }}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
            {v.reports.iter().rev().map(|r| {
                let rid = r.id;
                let submitted = r.status == ReportStatus::Submitted;
                let status = r.status;
                let period = r.period;
                view! {
                    <article class="report" data-testid="progress-report">
                        <h3>{move || format!("{} {} · {}", lang.get().pick("Báo cáo kỳ", "Report for period"), period, status.label(lang.get()))}</h3>
                        <p class="hint">{format!("{} · {}", r.filed_by, format_datetime(r.filed_at))}</p>
                        <p>{r.report.work_done.clone()}</p>
                        <ul>{r.report.products.iter().map(|p| view! { <li>{format!("{}: {} %{}", p.name, p.percent, if p.note.is_empty() { String::new() } else { format!(" — {}", p.note) })}</li> }).collect_view()}</ul>
                        <p>{t("Đã chi", "Spent")}": "{format_dong(r.report.spent_dong)}</p>
                        {(!r.report.problems.is_empty()).then(|| view! { <p>{t("Khó khăn", "Problems")}": "{r.report.problems.clone()}</p> })}
                        {(!r.review_note.is_empty()).then(|| view! { <p class="hint">{t("Ý kiến", "Review")}": "{r.review_note.clone()}</p> })}
                        {(submitted && officer_reviews).then(|| view! {
                            <button class="button" data-testid="accept-report" on:click=move |_| { a.review.dispatch(ReviewReport { report_id: rid, accept: true, note: review_note.get_untracked() }); }>{t("Chấp nhận", "Accept")}</button>
                            " "
                            <button class="button secondary" data-testid="return-report" on:click=move |_| { a.review.dispatch(ReviewReport { report_id: rid, accept: false, note: review_note.get_untracked() }); }>{t("Yêu cầu bổ sung", "Send back")}</button>
                        })}
                    </article>
                }
            }).collect_view()}
            {(officer_reviews && v.reports.iter().any(|r| r.status == ReportStatus::Submitted)).then(|| view! {
                <label for="review-note">{t("Ý kiến (bắt buộc khi yêu cầu bổ sung)", "Note (required to send back)")}</label>
                <input id="review-note" data-testid="review-note" bind:value=review_note />
                <FieldError error=review_error field="note" />
                <StepError error=review_error />
                <ErrorBox error=review_error />
            })}
            {may_file.then(|| view! { <ReportForm id products=v.products.clone() next=v.next_period.unwrap_or(1) a /> })}
        </section>
        <Inspections v a show_form=officer_reviews />
    }
}

#[component]
fn Amendments(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_request = v.mine.contains(&Step::RequestAmendment);
    if v.amendments.is_empty() && !may_request {
        return ().into_any();
    }
    let note = RwSignal::new(String::new());
    let decide_error = action_error(a.decide_amendment.value());
    let extension = RwSignal::new("0".to_string());
    let amounts: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .map(|l| RwSignal::new(l.fund_dong.to_string()))
        .collect();
    let others = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let local = RwSignal::new(None::<AppError>);
    let request_error = action_error(a.request_amendment.value());
    let shown = Signal::derive(move || local.get().or_else(|| request_error.get()));
    let reads = amounts.clone();
    let any_decidable = v.amendments.iter().any(|x| x.may_decide);
    let version = v.version;
    view! {
        <section class="panel" data-testid="amendments">
            <h2>{t("Điều chỉnh hợp đồng", "Amendments")}</h2>
            <p data-testid="contract-version">{move || format!("{} {version}", lang.get().pick("Phiên bản hợp đồng hiện hành:", "Contract version in force:"))}</p>
            {v.amendments.iter().rev().map(|x| {
                let (aid, size, status, requested_at) = (x.id, x.size, x.status, x.requested_at);
                let r = x.request.clone();
                let base = x.baseline.clone();
                view! {
                    <article class="amendment" data-testid="amendment">
                        <h3>{move || format!("{} · {} · {}", format_datetime(requested_at), size.label(lang.get()), status.label(lang.get()))}</h3>
                        <table class="table">
                            <thead><tr><th></th><th class="num">{t("Hợp đồng khi đề nghị", "Baseline")}</th><th class="num">{t("Đề nghị", "Requested")}</th></tr></thead>
                            <tbody>
                                {base.lines.iter().zip(r.lines_dong.clone()).map(|(l, n)| {
                                    let kind = l.kind;
                                    let changed = n != l.fund_dong;
                                    view! {
                                        <tr class:changed=changed>
                                            <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                                            <td class="num">{format_dong(l.fund_dong)}</td><td class="num">{format_dong(n)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                                <tr class:changed=r.extension_months != 0>
                                    <td>{t("Thời gian thực hiện (tháng)", "Duration (months)")}</td>
                                    <td class="num">{base.duration_months}</td><td class="num">{base.duration_months + r.extension_months}</td>
                                </tr>
                            </tbody>
                        </table>
                        {(!r.other_changes.is_empty()).then(|| view! { <p>{t("Thay đổi khác", "Other changes")}": "{r.other_changes.clone()}</p> })}
                        <p>{t("Lý do", "Reason")}": "{r.reason.clone()}</p>
                        {x.decided_by.clone().map(|d| view! { <p class="hint">{format!("{d} · {}", x.decided_at.map(format_datetime).unwrap_or_default())}{x.version.map(|v| format!(" · v{v}"))}{(!x.decision_note.is_empty()).then(|| format!(" — {}", x.decision_note))}</p> })}
                        {x.may_decide.then(|| view! {
                            <button class="button" data-testid="approve-amendment" on:click=move |_| { a.decide_amendment.dispatch(DecideAmendment { amendment_id: aid, approve: true, note: note.get_untracked() }); }>{t("Duyệt điều chỉnh", "Approve")}</button>
                            " "
                            <button class="button secondary" data-testid="reject-amendment" on:click=move |_| { a.decide_amendment.dispatch(DecideAmendment { amendment_id: aid, approve: false, note: note.get_untracked() }); }>{t("Không duyệt", "Reject")}</button>
                        })}
                    </article>
                }
            }).collect_view()}
            {any_decidable.then(|| view! {
                <label for="amendment-note">{t("Ý kiến (bắt buộc khi không duyệt)", "Note (required to reject)")}</label>
                <input id="amendment-note" data-testid="amendment-note" bind:value=note />
                <FieldError error=decide_error field="note" />
                <ErrorBox error=decide_error with_fields=true />
            })}
            {may_request.then(|| view! {
                <form data-testid="amendment-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    local.set(None);
                    let Ok(extension_months) = extension.get_untracked().trim().parse::<u32>() else {
                        return local.set(Some(AppError::invalid("extension_months", crate::error::Problem::NotANumber)));
                    };
                    let mut lines_dong = Vec::new();
                    for (i, s) in reads.iter().enumerate() {
                        match number(&s.get_untracked()) {
                            Some(n) => lines_dong.push(n),
                            None => return local.set(Some(AppError::invalid(&format!("lines_dong.{i}"), crate::error::Problem::NotANumber))),
                        }
                    }
                    a.request_amendment.dispatch(RequestAmendment { contract_id: id, request: domain::amendment::Request { extension_months, lines_dong, other_changes: others.get_untracked(), reason: reason.get_untracked() } });
                }>
                    <h3>{t("Đề nghị điều chỉnh", "Request an amendment")}</h3>
                    <label for="extension-months">{t("Gia hạn thêm (tháng)", "Extension (months)")}</label>
                    <input id="extension-months" data-testid="extension-months" inputmode="numeric" bind:value=extension />
                    <FieldError error=shown field="extension_months" />
                    {v.lines.iter().zip(amounts).enumerate().map(|(i, (l, s))| {
                        let kind = l.kind;
                        view! {
                            <label for=format!("amend-line-{i}")>{move || kind.label(lang.get())}{format!(" — {} ({})", l.description, format_dong(l.fund_dong))}</label>
                            <input id=format!("amend-line-{i}") data-testid=format!("amend-line-{i}") inputmode="numeric" bind:value=s />
                            <FieldError error=shown field=format!("lines_dong.{i}") />
                        }
                    }).collect_view()}
                    <FieldError error=shown field="lines_dong" />
                    <label for="other-changes">{t("Thay đổi thành viên, sản phẩm (nếu có)", "Changes of members or products (if any)")}</label>
                    <textarea id="other-changes" data-testid="other-changes" bind:value=others></textarea>
                    <FieldError error=shown field="other_changes" />
                    <label for="amendment-reason">{t("Lý do", "Reason")}</label>
                    <textarea id="amendment-reason" data-testid="amendment-reason" bind:value=reason></textarea>
                    <FieldError error=shown field="reason" />
                    <StepError error=shown />
                    <ErrorBox error=shown />
                    <button class="button" type="submit" data-testid="request-amendment">{t("Gửi đề nghị", "Send the request")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn ReportForm(id: i32, products: Vec<String>, next: u32, a: Actions) -> impl IntoView {
    let work = RwSignal::new(String::new());
    let problems = RwSignal::new(String::new());
    let spent = RwSignal::new(String::new());
    let percents: Vec<RwSignal<String>> = products
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let lang = use_lang();
    let error = action_error(a.report.value());
    let local = RwSignal::new(None::<AppError>);
    let shown = Signal::derive(move || local.get().or_else(|| error.get()));
    let names = products.clone();
    let inputs = percents.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        local.set(None);
        let Some(spent_dong) = number(&spent.get_untracked()) else {
            return local.set(Some(AppError::invalid(
                "spent_dong",
                crate::error::Problem::NotANumber,
            )));
        };
        let mut items = Vec::new();
        for (i, (name, p)) in names.iter().zip(&inputs).enumerate() {
            let Ok(percent) = p.get_untracked().trim().parse::<u32>() else {
                return local.set(Some(AppError::invalid(
                    &format!("products.{i}.percent"),
                    crate::error::Problem::NotANumber,
                )));
            };
            items.push(ProductProgress {
                name: name.clone(),
                percent,
                note: String::new(),
            });
        }
        a.report.dispatch(FileReport {
            contract_id: id,
            report: ProgressReport {
                work_done: work.get_untracked(),
                products: items,
                spent_dong,
                problems: problems.get_untracked(),
            },
        });
    };
    view! {
        <form on:submit=submit data-testid="report-form" novalidate>
            <h3>{move || format!("{} {next}", lang.get().pick("Nộp báo cáo tiến độ kỳ", "File the progress report for period"))}</h3>
            <label for="work-done">{t("Nội dung công việc đã thực hiện", "Work done")}</label>
            <textarea id="work-done" data-testid="work-done" bind:value=work></textarea>
            <FieldError error=shown field="work_done" />
            {products.iter().zip(percents).enumerate().map(|(i, (p, s))| {
                let fid = format!("product-percent-{i}");
                view! {
                    <label for=fid.clone()>{format!("{p} (%)")}</label>
                    <input id=fid.clone() data-testid=fid inputmode="numeric" bind:value=s />
                    <FieldError error=shown field=format!("products.{i}.percent") />
                }
            }).collect_view()}
            <label for="spent">{t("Kinh phí đã chi đến nay (đồng)", "Spent so far (đồng)")}</label>
            <input id="spent" data-testid="spent" inputmode="numeric" bind:value=spent />
            <FieldError error=shown field="spent_dong" />
            <label for="problems">{t("Khó khăn, kiến nghị", "Problems, proposals")}</label>
            <textarea id="problems" data-testid="problems" bind:value=problems></textarea>
            <StepError error=shown />
            <ErrorBox error=shown />
            <button class="button" type="submit" data-testid="file-report">{t("Nộp báo cáo", "File the report")}</button>
        </form>
    }
}

#[component]
fn Inspections(v: ExecutionView, a: Actions, show_form: bool) -> impl IntoView {
    let id = v.contract_id;
    let on = RwSignal::new(String::new());
    let findings = RwSignal::new(String::new());
    let error = action_error(a.inspect.value());
    view! {
        <section class="panel" data-testid="inspections">
            <h2>{t("Kiểm tra, đánh giá định kỳ", "Inspections")}</h2>
            {v.inspections.is_empty().then(|| view! { <p class="empty">{t("Chưa có đợt kiểm tra nào.", "No inspection yet.")}</p> })}
            <ul>{v.inspections.iter().map(|i| view! {
                <li data-testid="inspection">{format!("{} — {} ({})", format_date(i.inspected_on), i.findings, i.recorded_by)}</li>
            }).collect_view()}</ul>
            {show_form.then(|| view! {
                <form data-testid="inspection-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.inspect.dispatch(RecordInspection { contract_id: id, inspected_on: on.get_untracked(), findings: findings.get_untracked() });
                }>
                    <label for="inspected-on">{t("Ngày kiểm tra", "Date")}</label>
                    <input id="inspected-on" type="date" data-testid="inspected-on" bind:value=on />
                    <FieldError error field="inspected_on" />
                    <label for="findings">{t("Kết quả kiểm tra", "Findings")}</label>
                    <textarea id="findings" data-testid="findings" bind:value=findings></textarea>
                    <FieldError error field="findings" />
                    <StepError error=error />
                    <ErrorBox error />
                    <button class="button" type="submit" data-testid="record-inspection">{t("Ghi nhận", "Record")}</button>
                </form>
            })}
        </section>
    }
}

/// Ratings for each product and the task, with a comment: the host's self-evaluation and each
/// member's ballot.
#[component]
fn BallotForm(
    products: Vec<String>,
    prefix: &'static str,
    error: Signal<Option<AppError>>,
    submit_label: (&'static str, &'static str),
    on_ballot: Callback<Ballot>,
) -> impl IntoView {
    let lang = use_lang();
    let ratings: Vec<RwSignal<String>> = products
        .iter()
        .map(|_| RwSignal::new("pass".to_string()))
        .collect();
    let task = RwSignal::new("pass".to_string());
    let comment = RwSignal::new(String::new());
    let select = move |sig: RwSignal<String>, tid: String| {
        view! {
            <select id=tid.clone() data-testid=tid prop:value=move || sig.get() on:change:target=move |ev| sig.set(ev.target().value())>
                {Rating::ALL.into_iter().map(|r| view! { <option value=r.code()>{move || r.label(lang.get())}</option> }).collect_view()}
            </select>
        }
    };
    let read = ratings.clone();
    view! {
        <form data-testid=format!("{prefix}-form") novalidate on:submit=move |ev| {
            ev.prevent_default();
            let products = read.iter().map(|s| Rating::from_code(&s.get_untracked()).unwrap_or(Rating::Fail)).collect();
            on_ballot.run(Ballot { products, task: Rating::from_code(&task.get_untracked()).unwrap_or(Rating::Fail), comment: comment.get_untracked() });
        }>
            {products.iter().zip(ratings).enumerate().map(|(i, (p, s))| view! {
                <label for=format!("{prefix}-product-{i}")>{p.clone()}</label>
                {select(s, format!("{prefix}-product-{i}"))}
            }).collect_view()}
            <label for=format!("{prefix}-task")>{t("Xếp loại nhiệm vụ", "The task's rating")}</label>
            {select(task, format!("{prefix}-task"))}
            <label for=format!("{prefix}-comment")>{t("Ý kiến", "Comment")}</label>
            <textarea id=format!("{prefix}-comment") data-testid=format!("{prefix}-comment") bind:value=comment></textarea>
            <ErrorBox error with_fields=true />
            <button class="button" type="submit" data-testid=format!("{prefix}-submit")>{move || lang.get().pick(submit_label.0, submit_label.1)}</button>
        </form>
    }
}

fn ballot_summary(products: &[String], b: &Ballot) -> impl IntoView {
    let task = b.task;
    view! {
        <ul>
            {products.iter().zip(b.products.clone()).map(|(p, r)| view! { <li>{format!("{p}: ")}{rating_label(r)}</li> }).collect_view()}
            <li><strong>{t("Nhiệm vụ", "Task")}": "</strong>{rating_label(task)}</li>
        </ul>
        {(!b.comment.is_empty()).then(|| view! { <p>{b.comment.clone()}</p> })}
    }
}

#[component]
fn Acceptance(v: ExecutionView, a: Actions) -> impl IntoView {
    let id = v.contract_id;
    let may = |s: Step| v.mine.contains(&s);
    let final_report = RwSignal::new(String::new());
    let evidence: Vec<RwSignal<String>> = v
        .products
        .iter()
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let final_error = action_error(a.submit_final.value());
    let emails = RwSignal::new(String::new());
    let council_error = action_error(a.name_council.value());
    let conclude_error = action_error(a.conclude.value());
    let ev_read = evidence.clone();
    let lang = use_lang();
    let ballots = v.ballots;
    view! {
        <section class="panel" data-testid="acceptance">
            <h2>{t("Nghiệm thu", "Acceptance")}</h2>
            {v.submitted_at.map(|at| view! {
                <h3>{t("Báo cáo tổng hợp", "Final report")}" · "{format_datetime(at)}</h3>
                <p data-testid="final-report">{v.final_report.clone()}</p>
                <table class="table">
                    <thead><tr><th>{t("Sản phẩm", "Product")}</th><th>{t("Minh chứng", "Evidence")}</th></tr></thead>
                    <tbody>{v.products.iter().zip(v.evidence.clone()).map(|(p, e)| view! { <tr><td>{p.clone()}</td><td>{e}</td></tr> }).collect_view()}</tbody>
                </table>
            })}
            {may(Step::SubmitFinalReport).then(|| view! {
                <form data-testid="final-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.submit_final.dispatch(SubmitFinal { contract_id: id, final_report: final_report.get_untracked(), evidence: ev_read.iter().map(|s| s.get_untracked()).collect() });
                }>
                    <h3>{t("Đề nghị nghiệm thu", "Request acceptance")}</h3>
                    <label for="final-report">{t("Báo cáo tổng hợp kết quả", "Final report")}</label>
                    <textarea id="final-report" data-testid="final-report-input" bind:value=final_report></textarea>
                    <FieldError error=final_error field="final_report" />
                    {v.products.iter().zip(evidence).enumerate().map(|(i, (p, s))| view! {
                        <label for=format!("evidence-{i}")>{format!("{p}: ")}{t("minh chứng (số hiệu, nơi lưu, đường dẫn)", "evidence (reference, where kept, link)")}</label>
                        <input id=format!("evidence-{i}") data-testid=format!("evidence-{i}") bind:value=s />
                        <FieldError error=final_error field=format!("evidence.{i}") />
                    }).collect_view()}
                    <StepError error=final_error />
                    <ErrorBox error=final_error />
                    <button class="button" type="submit" data-testid="submit-final">{t("Nộp hồ sơ nghiệm thu", "Submit for acceptance")}</button>
                </form>
            })}
            {v.self_evaluation.as_ref().map(|b| view! {
                <h3>{t("Tổ chức chủ trì tự đánh giá", "The host's self-evaluation")}</h3>
                <div data-testid="self-evaluation">{ballot_summary(&v.products, b)}</div>
            })}
            {may(Step::SelfEvaluate).then(|| view! {
                <h3>{t("Tự đánh giá của tổ chức chủ trì", "Self-evaluation by the host")}</h3>
                <BallotForm products=v.products.clone() prefix="self" error=action_error(a.self_evaluate.value())
                    submit_label=("Gửi tự đánh giá", "Send the self-evaluation")
                    on_ballot=Callback::new(move |ballot| { a.self_evaluate.dispatch(SelfEvaluate { contract_id: id, ballot }); }) />
            })}
            {(!v.members.is_empty()).then(|| view! {
                <h3>{t("Hội đồng nghiệm thu", "Acceptance council")}</h3>
                <table class="table" data-testid="acceptance-members">
                    <thead><tr><th>{t("Thành viên", "Member")}</th><th>{t("Vai trò", "Role")}</th><th>{t("Đã bỏ phiếu", "Voted")}</th></tr></thead>
                    <tbody>{v.members.iter().map(|m| {
                        let role = m.role.clone();
                        let voted = m.voted;
                        view! {
                            <tr><td>{m.name.clone()}</td>
                            <td>{move || match role.as_str() { "chair" => lang.get().pick("Chủ tịch", "Chair"), "secretary" => lang.get().pick("Thư ký", "Secretary"), _ => lang.get().pick("Ủy viên", "Member") }}</td>
                            <td>{move || if voted { lang.get().pick("Đã bỏ phiếu", "Yes") } else { lang.get().pick("Chưa", "Not yet") }}</td></tr>
                        }
                    }).collect_view()}</tbody>
                </table>
                <p class="hint" data-testid="ballot-count">{move || format!("{} {}", ballots, lang.get().pick("phiếu đã gửi", "ballots cast"))}</p>
            })}
            {may(Step::NameCouncil).then(|| view! {
                <form data-testid="council-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let list = emails.get_untracked().lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                    a.name_council.dispatch(NameCouncil { contract_id: id, emails: list });
                }>
                    <label for="council-emails">{t("Thư điện tử các thành viên, mỗi dòng một người (người đầu là Chủ tịch, thứ hai là Thư ký)", "Members' e-mails, one per line (first the chair, second the secretary)")}</label>
                    <textarea id="council-emails" data-testid="council-emails" bind:value=emails></textarea>
                    <ErrorBox error=council_error with_fields=true />
                    <button class="button" type="submit" data-testid="name-council">{t("Thành lập hội đồng nghiệm thu", "Name the acceptance council")}</button>
                </form>
            })}
            {v.my_ballot.as_ref().map(|b| view! {
                <h3>{t("Phiếu của bạn", "Your ballot")}</h3>
                <div data-testid="my-ballot">{ballot_summary(&v.products, b)}</div>
            })}
            {may(Step::Vote).then(|| view! {
                <h3>{t("Phiếu đánh giá nghiệm thu", "Your acceptance ballot")}</h3>
                <BallotForm products=v.products.clone() prefix="ballot" error=action_error(a.vote.value())
                    submit_label=("Gửi phiếu", "Cast the ballot")
                    on_ballot=Callback::new(move |ballot| { a.vote.dispatch(Vote { contract_id: id, ballot }); }) />
            })}
            {may(Step::Conclude).then(|| view! {
                <ErrorBox error=conclude_error with_fields=true />
                <button class="button" data-testid="conclude" on:click=move |_| { a.conclude.dispatch(Conclude { contract_id: id }); }>
                    {t("Kết luận nghiệm thu", "Conclude")}
                </button>
            })}
            {v.verdict.as_ref().map(|verdict| {
                let task = verdict.task;
                view! {
                    <h3>{t("Kết luận của hội đồng", "The council's verdict")}</h3>
                    <p data-testid="verdict"><strong>{rating_label(task)}</strong>{format!(" · {} ", verdict.ballots)}{t("phiếu", "ballots")}</p>
                    <ul>{v.products.iter().zip(verdict.products.clone()).map(|(p, r)| view! { <li>{format!("{p}: ")}{rating_label(r)}</li> }).collect_view()}</ul>
                    <p><leptos_router::components::A href=format!("/contracts/{id}/acceptance") attr:data-testid="acceptance-minutes-link">{t("Biên bản họp hội đồng nghiệm thu", "Minutes of the acceptance council")}</leptos_router::components::A></p>
                }
            })}
        </section>
    }
}

#[component]
fn TerminateForm(id: i32, a: Actions) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = action_error(a.terminate.value());
    view! {
        <section class="panel">
            <h2>{t("Chấm dứt hợp đồng", "Terminate the contract")}</h2>
            <label for="terminate-reason">{t("Lý do chấm dứt", "Reasons")}</label>
            <textarea id="terminate-reason" data-testid="terminate-reason" bind:value=reason></textarea>
            <FieldError error field="reason" />
            <StepError error=error />
            <ErrorBox error />
            <button class="button secondary" data-testid="terminate" on:click=move |_| { a.terminate.dispatch(Terminate { contract_id: id, reason: reason.get_untracked() }); }>
                {t("Chấm dứt hợp đồng", "Terminate")}
            </button>
        </section>
    }
}

#[component]
fn Exemption(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_record = v.mine.contains(&Step::RecordCause);
    let may_decide = v.mine.contains(&Step::DecideExemption);
    if v.failure_cause.is_none() && !may_record {
        return ().into_any();
    }
    let cause = RwSignal::new(
        v.failure_cause
            .unwrap_or(FailureCause::TargetsMissedDespiteCompliance)
            .code()
            .to_string(),
    );
    let c = v.compliance.unwrap_or_default();
    let checks = [
        RwSignal::new(c.procedures_followed),
        RwSignal::new(c.no_fraud),
        RwSignal::new(c.no_intentional_violation),
        RwSignal::new(c.funds_used_on_purpose),
    ];
    let labels = [
        (
            "Tuân thủ đầy đủ quy trình, quy định",
            "Procedures fully followed",
        ),
        ("Không có gian lận", "No fraud"),
        ("Không cố ý vi phạm", "No intentional violation"),
        (
            "Sử dụng kinh phí đúng mục đích, đúng phạm vi",
            "Funds used on purpose and in scope",
        ),
    ];
    let evidence = RwSignal::new(v.cause_evidence.clone());
    let reason = RwSignal::new(String::new());
    let record_error = action_error(a.record_cause.value());
    let decide_error = action_error(a.decide_exemption.value());
    let shown_cause = v.failure_cause;
    let exemption = v.exemption;
    view! {
        <section class="panel" data-testid="exemption">
            <h2>{t("Miễn trừ trách nhiệm (Luật 93/2025, Điều 9)", "Liability exemption (Law 93/2025, Art. 9)")}</h2>
            {shown_cause.map(|c| view! {
                <dl class="facts">
                    <dt>{t("Nguyên nhân", "Cause")}</dt><dd data-testid="failure-cause">{move || c.label(lang.get())}</dd>
                    <dt>{t("Căn cứ, minh chứng", "Evidence")}</dt><dd>{v.cause_evidence.clone()}</dd>
                    <dt>{t("Quyết định", "Decision")}</dt>
                    <dd data-testid="exemption-decision">{move || match exemption {
                        Some(true) => lang.get().pick("Được miễn trừ: chỉ nộp trả phần chưa chi", "Exempted: only the unspent money is refunded"),
                        Some(false) => lang.get().pick("Không miễn trừ: nộp trả phần chưa chi và một phần đã chi theo quy định", "Not exempted: the unspent money and the rulebook's share of what was spent are refunded"),
                        None => lang.get().pick("Chờ lãnh đạo quyết định", "Awaiting the leader"),
                    }}{(!v.exemption_reason.is_empty()).then(|| format!(" — {}", v.exemption_reason))}</dd>
                </dl>
            })}
            {may_record.then(|| view! {
                <form data-testid="cause-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let compliance = Compliance {
                        procedures_followed: checks[0].get_untracked(),
                        no_fraud: checks[1].get_untracked(),
                        no_intentional_violation: checks[2].get_untracked(),
                        funds_used_on_purpose: checks[3].get_untracked(),
                    };
                    let cause = FailureCause::from_code(&cause.get_untracked()).unwrap_or(FailureCause::Subjective);
                    a.record_cause.dispatch(RecordCause { contract_id: id, cause, compliance, evidence: evidence.get_untracked() });
                }>
                    <label for="failure-cause">{t("Nguyên nhân", "Cause")}</label>
                    <select id="failure-cause" data-testid="failure-cause-input" prop:value=move || cause.get() on:change:target=move |ev| cause.set(ev.target().value())>
                        {FailureCause::ALL.into_iter().map(|c| view! { <option value=c.code()>{move || c.label(lang.get())}</option> }).collect_view()}
                    </select>
                    <fieldset>
                        <legend>{t("Danh sách kiểm tra tuân thủ", "Compliance checklist")}</legend>
                        {checks.into_iter().zip(labels).enumerate().map(|(i, (s, (vi, en)))| view! {
                            <label class="check"><input type="checkbox" data-testid=format!("compliance-{i}") prop:checked=move || s.get() on:change:target=move |ev| s.set(ev.target().checked()) />{move || lang.get().pick(vi, en)}</label>
                        }).collect_view()}
                    </fieldset>
                    <label for="cause-evidence">{t("Căn cứ, minh chứng", "Evidence")}</label>
                    <textarea id="cause-evidence" data-testid="cause-evidence" bind:value=evidence></textarea>
                    <FieldError error=record_error field="evidence" />
                    <StepError error=record_error />
                    <ErrorBox error=record_error />
                    <button class="button" type="submit" data-testid="record-cause">{t("Ghi nhận nguyên nhân", "Record the cause")}</button>
                </form>
            })}
            {may_decide.then(|| view! {
                <label for="exemption-reason">{t("Lý do quyết định", "Reasons for the decision")}</label>
                <textarea id="exemption-reason" data-testid="exemption-reason" bind:value=reason></textarea>
                <FieldError error=decide_error field="reason" />
                <ErrorBox error=decide_error with_fields=true />
                <button class="button" data-testid="grant-exemption" on:click=move |_| { a.decide_exemption.dispatch(DecideExemption { contract_id: id, grant: true, reason: reason.get_untracked() }); }>{t("Miễn trừ trách nhiệm", "Grant exemption")}</button>
                " "
                <button class="button secondary" data-testid="refuse-exemption" on:click=move |_| { a.decide_exemption.dispatch(DecideExemption { contract_id: id, grant: false, reason: reason.get_untracked() }); }>{t("Không miễn trừ", "Refuse")}</button>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Settlement(v: ExecutionView, a: Actions) -> impl IntoView {
    let lang = use_lang();
    let id = v.contract_id;
    let may_declare = v.mine.contains(&Step::DeclareSettlement);
    let may_settle = v.mine.contains(&Step::ApproveSettlement);
    let may_refund = v.mine.contains(&Step::ReceiveRefund);
    if v.declaration.is_none() && v.statement.is_none() && !may_declare {
        return ().into_any();
    }
    let previous = v.declaration.clone().unwrap_or_default();
    let documented: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .enumerate()
        .map(|(i, _)| {
            RwSignal::new(
                previous
                    .documented_dong
                    .get(i)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let documents = RwSignal::new(previous.documents.clone());
    let spent = RwSignal::new(if v.declaration.is_some() {
        previous.spent_dong.to_string()
    } else {
        String::new()
    });
    let not_completed = v.verdict.as_ref().is_some_and(|x| x.task == Rating::Fail)
        || v.status == domain::contract::ContractStatus::Terminated;
    let local = RwSignal::new(None::<AppError>);
    let declare_error = action_error(a.declare.value());
    let shown = Signal::derive(move || local.get().or_else(|| declare_error.get()));
    let settle_error = action_error(a.settle.value());
    let settle_key = StoredValue::new(None::<String>);
    let refund_key = StoredValue::new(None::<String>);
    let refund_amount = RwSignal::new(v.refund_outstanding_dong.to_string());
    let refund_document = RwSignal::new(String::new());
    let refund_error = action_error(a.refund.value());
    let lines = v.lines.clone();
    let reads = documented.clone();
    let preview = move || a.declare.value().get().and_then(Result::ok);
    view! {
        <section class="panel" data-testid="settlement">
            <h2>{t("Quyết toán", "Settlement")}</h2>
            {v.statement.map(|s| view! {
                <dl class="facts" data-testid="statement">
                    <dt>{t("Đã cấp", "Paid")}</dt><dd>{format_dong(v.paid_dong)}</dd>
                    <dt>{t("Được quyết toán", "Settled")}</dt><dd data-testid="settled">{format_dong(s.settled_dong)}</dd>
                    <dt>{t("Phải nộp trả", "Refund due")}</dt><dd data-testid="refund">{format_dong(s.refund_dong)}</dd>
                    <dt>{t("Kinh phí cam kết chưa cấp, giải phóng về Quỹ", "Committed, never paid, released")}</dt><dd data-testid="released">{format_dong(s.release_dong)}</dd>
                    <dt>{t("Còn phải nộp trả", "Still due")}</dt><dd data-testid="refund-outstanding">{format_dong(v.refund_outstanding_dong)}</dd>
                </dl>
            })}
            {(v.statement.is_none()).then(|| v.declaration.as_ref().map(|d| view! {
                <p class="hint" data-testid="declared">{t("Đã kê khai, chờ lãnh đạo phê duyệt.", "Declared, awaiting the leader's approval.")}" "{d.documents.clone()}</p>
            }))}
            {may_declare.then(|| view! {
                <form data-testid="declare-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    local.set(None);
                    let mut documented_dong = Vec::new();
                    for (i, (l, s)) in lines.iter().zip(&reads).enumerate() {
                        let text = s.get_untracked();
                        let amount = if l.lump_sum || text.trim().is_empty() { Some(0) } else { number(&text) };
                        match amount {
                            Some(x) => documented_dong.push(x),
                            None => return local.set(Some(AppError::invalid(&format!("documented_dong.{i}"), crate::error::Problem::NotANumber))),
                        }
                    }
                    let spent_text = spent.get_untracked();
                    let spent_dong = if spent_text.trim().is_empty() { Some(0) } else { number(&spent_text) };
                    let Some(spent_dong) = spent_dong else {
                        return local.set(Some(AppError::invalid("spent_dong", crate::error::Problem::NotANumber)));
                    };
                    a.declare.dispatch(DeclareSettlement { contract_id: id, declaration: Declaration { documented_dong, documents: documents.get_untracked(), spent_dong } });
                }>
                    <h3>{t("Kê khai quyết toán", "Declare the settlement")}</h3>
                    <table class="table">
                        <thead><tr><th>{t("Khoản chi", "Line")}</th><th class="num">{t("Theo hợp đồng", "Contracted")}</th><th>{t("Số có chứng từ (đồng)", "Documented (đồng)")}</th></tr></thead>
                        <tbody>{v.lines.iter().zip(documented).enumerate().map(|(i, (l, s))| {
                            let (kind, lump) = (l.kind, l.lump_sum);
                            view! {
                                <tr>
                                    <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                                    <td class="num">{format_dong(l.fund_dong)}</td>
                                    <td>{if lump {
                                        view! { <span>{t("Khoán: quyết toán theo sản phẩm được nghiệm thu", "Lump-sum: settled by the accepted products")}</span> }.into_any()
                                    } else {
                                        view! {
                                            <input data-testid=format!("documented-{i}") aria-label=format!("documented {i}") inputmode="numeric" bind:value=s />
                                            <FieldError error=shown field=format!("documented_dong.{i}") />
                                        }.into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    <label for="documents">{t("Chứng từ kèm theo (số, ngày, nội dung)", "Documents (number, date, content)")}</label>
                    <textarea id="documents" data-testid="documents" bind:value=documents></textarea>
                    <FieldError error=shown field="documents" />
                    {not_completed.then(|| view! {
                        <label for="spent-total">{t("Kinh phí đã chi thực tế (đồng)", "Actually spent (đồng)")}</label>
                        <input id="spent-total" data-testid="spent-total" inputmode="numeric" bind:value=spent />
                        <FieldError error=shown field="spent_dong" />
                    })}
                    <StepError error=shown />
                    <ErrorBox error=shown />
                    <button class="button" type="submit" data-testid="declare">{t("Gửi kê khai", "Send the declaration")}</button>
                </form>
                {move || preview().map(|s| view! {
                    <p class="hint" data-testid="declared-statement">{move || format!("{} {} · {} {} · {} {}",
                        lang.get().pick("Được quyết toán", "Settled"), format_dong(s.settled_dong),
                        lang.get().pick("phải nộp trả", "refund due"), format_dong(s.refund_dong),
                        lang.get().pick("giải phóng", "released"), format_dong(s.release_dong))}</p>
                })}
            })}
            {may_settle.then(|| view! {
                <ErrorBox error=settle_error with_fields=true />
                <button class="button" data-testid="approve-settlement" on:click=move |_| { a.settle.dispatch(ApproveSettlement { contract_id: id, key: key_for(settle_key, "settle") }); }>
                    {t("Phê duyệt quyết toán", "Approve the settlement")}
                </button>
            })}
            {may_refund.then(|| view! {
                <form data-testid="refund-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    let amount_dong = number(&refund_amount.get_untracked()).unwrap_or(0);
                    a.refund.dispatch(RecordRefund { contract_id: id, key: key_for(refund_key, "refund"), amount_dong, document: refund_document.get_untracked() });
                }>
                    <h3>{t("Ghi nhận kinh phí nộp trả", "Record the refund received")}</h3>
                    <label for="refund-amount">{t("Số tiền (đồng)", "Amount (đồng)")}</label>
                    <input id="refund-amount" data-testid="refund-amount" inputmode="numeric" bind:value=refund_amount />
                    <label for="refund-document">{t("Chứng từ (giấy nộp tiền, ủy nhiệm chi)", "Document (payment slip)")}</label>
                    <input id="refund-document" data-testid="refund-document" bind:value=refund_document />
                    <FieldError error=refund_error field="document" />
                    <ErrorBox error=refund_error with_fields=true />
                    <button class="button" type="submit" data-testid="record-refund">{t("Ghi nhận", "Record")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Registration(v: ExecutionView, a: Actions) -> impl IntoView {
    let id = v.contract_id;
    let may = v.mine.contains(&Step::Register);
    let number_in = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let application = RwSignal::new(String::new());
    let keywords = RwSignal::new(String::new());
    let error = action_error(a.register.value());
    if v.registration.is_none() && !may {
        return ().into_any();
    }
    view! {
        <section class="panel" data-testid="registration">
            <h2>{t("Đăng ký kết quả (TT 14/2014)", "Result registration (TT 14/2014)")}</h2>
            {v.registration.as_ref().map(|r| view! {
                <dl class="facts">
                    <dt>{t("Số giấy chứng nhận", "Certificate number")}</dt><dd data-testid="certificate">{v.certificate_number.clone().unwrap_or_default()}</dd>
                    <dt>{t("Tóm tắt kết quả", "Summary")}</dt><dd>{r.summary.clone()}</dd>
                    <dt>{t("Địa chỉ ứng dụng", "Where applied")}</dt><dd>{r.application.clone()}</dd>
                    <dt>{t("Từ khóa", "Keywords")}</dt><dd>{r.keywords.clone()}</dd>
                </dl>
            })}
            {may.then(|| view! {
                <form data-testid="register-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    a.register.dispatch(RegisterResults { contract_id: id, certificate_number: number_in.get_untracked(), registration: Registration { summary: summary.get_untracked(), application: application.get_untracked(), keywords: keywords.get_untracked() } });
                }>
                    <label for="certificate-number">{t("Số giấy chứng nhận đăng ký kết quả", "Registration certificate number")}</label>
                    <input id="certificate-number" data-testid="certificate-number" bind:value=number_in />
                    <FieldError error field="certificate_number" />
                    <label for="results-summary">{t("Tóm tắt kết quả", "Summary of the results")}</label>
                    <textarea id="results-summary" data-testid="results-summary" bind:value=summary></textarea>
                    <FieldError error field="summary" />
                    <label for="results-application">{t("Địa chỉ ứng dụng", "Where the results are applied")}</label>
                    <input id="results-application" data-testid="results-application" bind:value=application />
                    <label for="results-keywords">{t("Từ khóa", "Keywords")}</label>
                    <input id="results-keywords" data-testid="results-keywords" bind:value=keywords />
                    <StepError error=error />
                    <ErrorBox error />
                    <button class="button" type="submit" data-testid="register">{t("Đăng ký kết quả", "Register")}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
