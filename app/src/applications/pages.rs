//! The researcher's applications (list, structured editor, submission) and the officer's
//! validity check.

use chrono::Duration;
use domain::format::{format_datetime, format_dong, parse_vietnam_local, vietnam_local_input};
use domain::glossary;
use domain::lifecycle::ApplicationState;
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::applications::api::{
    application_versions, call_choices, get_application, host_queue, list_applications,
    my_applications, ApplicationRow, ApplicationView, CreateApplication, DecideApplication,
    Decision, HostDecide, HostDecision, ListFilter, SubmitApplication, WithdrawApplication,
};
use crate::attachments::Attachments;
use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::confirm::{ConfirmButton, Done};
use crate::cv::pages::CvSummary;
use crate::i18n::{t, term, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
fn ApplicationTable(items: Vec<ApplicationRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="application-list">
            <thead><tr>
                <th>{t("Mã hồ sơ", "Receipt")}</th>
                <th>{term(glossary::TASK_TITLE)}</th>
                <th>{term(glossary::CALL)}</th>
                <th>{t("Trạng thái", "Status")}</th>
                <th>{t("Nộp lúc", "Submitted")}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|a| view! {
                    <tr>
                        <td>{a.receipt_code.unwrap_or_else(|| "—".into())}</td>
                        <td>
                            <A href=format!("/applications/{}", a.id)>{if a.title.is_empty() { "(chưa đặt tên)".to_string() } else { a.title }}</A>
                            {a.read_only.then(|| view! { " " <span class="badge" data-testid="read-only">{t("thành viên, chỉ xem", "team member, read-only")}</span> })}
                        </td>
                        <td>{a.call_code}</td>
                        <td data-testid="application-status">{move || a.status.label(lang.get())}</td>
                        <td>{a.submitted_at.map(format_datetime).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), my_applications);
    view! {
        <section class="panel">
            <h1>{t("Hồ sơ của tôi", "My applications")}</h1>
            <p class="hint">{t("Bắt đầu hồ sơ mới từ trang của một đợt đang mở.", "Start a new application from an open call's page.")}</p>
            <PagedList list empty=("Bạn chưa có hồ sơ nào.", "You have no applications yet.")
                empty_testid="applications-empty" render=|items| view! { <ApplicationTable items /> } />
        </section>
    }
}

#[component]
pub fn ReviewListPage() -> impl IntoView {
    let lang = use_lang();
    let (q, page) = query_and_page();
    let query = leptos_router::hooks::use_query_map();
    let status = Memo::new(move |_| query.read().get("status").unwrap_or_default());
    let call = Memo::new(move |_| query.read().get("call").and_then(|c| c.parse::<i32>().ok()));
    let filter = move || ListFilter {
        call_id: call.get(),
        status: Some(status.get()).filter(|s| !s.is_empty()),
        query: q.get(),
    };
    let list = Resource::new(
        move || (filter(), page.get()),
        |(f, p)| list_applications(f, p),
    );
    // Loaded by the browser after the page shows: the server renders the list itself without
    // a second query per request (64 officers at once on 2 cores, see bench_lists).
    let calls = LocalResource::new(call_choices);
    let export_href = move || {
        call.get().map(|c| {
            let mut href = format!("/exports/calls/{c}/applications.xlsx");
            if !status.get().is_empty() {
                href.push_str(&format!("?status={}", status.get()));
            }
            href
        })
    };
    view! {
        <section class="panel">
            <h1>{t("Hồ sơ đã nộp", "Submitted applications")}</h1>
            <leptos_router::components::Form method="GET" action="">
                <div class="inline filters">
                    <label>{term(glossary::CALL)}
                        <select name="call" data-testid="filter-call">
                            <option value="">{t("Tất cả các đợt", "All calls")}</option>
                            <Transition fallback=|| ()>
                                {move || calls.get().and_then(Result::ok).map(|cs| cs.into_iter().map(|c| {
                                    let selected = call.get() == Some(c.id);
                                    view! { <option value=c.id.to_string() selected=selected>{c.code}" · "{c.title}</option> }
                                }).collect_view())}
                            </Transition>
                        </select>
                    </label>
                    <label>{t("Trạng thái", "Status")}
                        <select name="status" data-testid="filter-status">
                            <option value="">{t("Mọi trạng thái", "Any status")}</option>
                            {ApplicationState::SUBMITTED_CODES.into_iter().map(|code| {
                                let selected = move || status.get() == code;
                                view! { <option value=code selected=selected>{move || ApplicationState::label_of_code(code, lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>{term(glossary::TASK_TITLE)}
                        <input name="q" type="search" prop:value=move || q.get() />
                    </label>
                    <button type="submit" class="button secondary" data-testid="filter-apply">{t("Lọc", "Filter")}</button>
                    {move || export_href().map(|href| view! {
                        <a class="button secondary" href=href rel="external" data-testid="export-xlsx">{t("Xuất Excel", "Export to Excel")}</a>
                    })}
                </div>
            </leptos_router::components::Form>
            <PagedList list empty=("Không có hồ sơ đã nộp nào khớp.", "No submitted application matches.")
                empty_testid="review-empty" render=|items| view! { <ApplicationTable items /> } />
        </section>
    }
}

/// The host organisation's queue: its researchers' dossiers waiting for its confirmation.
#[component]
pub fn HostQueuePage() -> impl IntoView {
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), host_queue);
    view! {
        <section class="panel">
            <h1>{t("Hồ sơ chờ tổ chức chủ trì xác nhận", "Dossiers awaiting the host organisation's confirmation")}</h1>
            <p class="hint">{t(
                "Quy định hiện hành yêu cầu tổ chức chủ trì xác nhận trước khi Sở tiếp nhận hồ sơ.",
                "The rules in force require the host organisation's confirmation before the department receives a dossier.",
            )}</p>
            <PagedList list empty=("Không có hồ sơ nào chờ xác nhận.", "No dossier is waiting for confirmation.")
                empty_testid="host-queue-empty" render=|items| view! { <ApplicationTable items /> } />
        </section>
    }
}

#[component]
fn HostDecisionForm(id: i32, action: ServerAction<HostDecide>) -> impl IntoView {
    let reasons = RwSignal::new(String::new());
    let error = action_error(action.value());
    view! {
        <section class="panel" data-testid="host-decision-form">
            <h2>{t("Xác nhận của tổ chức chủ trì", "Host organisation's confirmation")}</h2>
            <label for="host-reasons">{t("Lý do (bắt buộc khi không xác nhận)", "Reasons (required when declining)")}</label>
            <textarea id="host-reasons" rows="3" bind:value=reasons></textarea>
            <FieldError error field="reasons" />
            <FieldError error field="status" />
            <ErrorBox error />
            <div class="actions">
                <button class="button" data-testid="host-confirm"
                    on:click=move |_| { action.dispatch(HostDecide { id, decision: HostDecision::Confirm }); }>
                    {t("Xác nhận hồ sơ", "Confirm")}
                </button>
                <button class="button danger" data-testid="host-decline"
                    on:click=move |_| { action.dispatch(HostDecide { id, decision: HostDecision::Decline { reasons: reasons.get_untracked() } }); }>
                    {t("Không xác nhận, trả về chủ nhiệm", "Decline, back to the applicant")}
                </button>
            </div>
        </section>
    }
}

/// The "apply" button on a call's page, for researchers while the call is open.
#[component]
pub fn StartApplication(call_id: i32) -> impl IntoView {
    let create = ServerAction::<CreateApplication>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/applications/{id}/edit"), Default::default());
        }
    });
    let error = action_error(create.value());
    view! {
        <button class="button" data-testid="start-application" disabled=move || create.pending().get()
            on:click=move |_| { create.dispatch(CreateApplication { call_id }); }>
            {t("Lập hồ sơ đăng ký", "Start an application")}
        </button>
        <ErrorBox error with_fields=true />
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn ApplicationPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let submit = ServerAction::<SubmitApplication>::new();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let decide = ServerAction::<DecideApplication>::new();
    let host = ServerAction::<HostDecide>::new();
    let changed = RwSignal::new(0u32);
    let view_res = Resource::new(
        move || {
            (
                id.get(),
                changed.get(),
                submit.version().get(),
                withdraw.version().get(),
                decide.version().get(),
                host.version().get(),
            )
        },
        |(id, ..)| get_application(id),
    );
    let submit_error = action_error(submit.value());
    let withdraw_error = action_error(withdraw.value());
    view! {
        <Transition fallback=|| ()>
            {move || view_res.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(a) => {
                    let st = a.status;
                    let editable = a.is_owner && matches!(st, ApplicationState::Draft | ApplicationState::ReturnedForCorrection { .. });
                    let can_withdraw = a.is_owner && !st.is_final();
                    let ready = a.issues.is_empty();
                    let issues = a.issues.clone();
                    let app_id = a.id;
                    let resubmitted = a.version >= 2;
                    view! {
                        <section class="panel" data-testid="application">
                            <p class="muted">{a.call_code.clone()}" · "{a.call_title.clone()}</p>
                            <h1>{if a.form.title.is_empty() { "(chưa đặt tên)".to_string() } else { a.form.title.clone() }}</h1>
                            <dl class="facts">
                                <dt>{t("Trạng thái", "Status")}</dt>
                                <dd data-testid="application-state">{move || st.label(lang.get())}</dd>
                                <dt>{t("Mã hồ sơ", "Receipt")}</dt>
                                <dd data-testid="receipt-code">{a.receipt_code.clone().unwrap_or_else(|| "—".into())}</dd>
                                <dt>{t("Nộp lúc (giờ máy chủ)", "Submitted (server time)")}</dt>
                                <dd>{a.submitted_at.map(format_datetime).unwrap_or_else(|| "—".into())}</dd>
                                <dt>{t("Hạn nộp của đợt", "Call deadline")}</dt>
                                <dd>{format_datetime(a.call_closes_at)}</dd>
                                {match st {
                                    ApplicationState::ReturnedForCorrection { deadline } => Some(view! {
                                        <dt>{t("Hạn bổ sung", "Correction deadline")}</dt><dd>{format_datetime(deadline)}</dd>
                                    }),
                                    _ => None,
                                }}
                                <dt>{t("Tổng kinh phí", "Total budget")}</dt>
                                <dd>{a.totals.map(|t| format_dong(t.total_dong)).unwrap_or_default()}</dd>
                                <dt>{t("Từ Quỹ / đối ứng", "Fund / counterpart")}</dt>
                                <dd>{a.totals.map(|t| format!("{} / {}", format_dong(t.fund_dong), format_dong(t.counterpart_dong))).unwrap_or_default()}</dd>
                            </dl>
                            <Decisions a=a.clone() />
                            <Show when=move || editable>
                                <A href=format!("/applications/{app_id}/edit") attr:class="button secondary" attr:data-testid="edit-application">{t("Sửa hồ sơ", "Edit")}</A>
                            </Show>
                        </section>
                        {(!editable).then(|| view! { <crate::applications::content::Content form=a.form.clone() /> })}
                        {(!a.is_owner).then(|| a.cv.clone().map(|cv| view! {
                            <section class="panel">
                                <h2>{t("Lý lịch khoa học của chủ nhiệm (bản nộp kèm)", "Applicant's scientific CV (as submitted)")}</h2>
                                <CvSummary cv />
                            </section>
                        }))}
                        <section class="panel">
                            <Attachments application_id=app_id required_documents=a.required_documents.clone()
                                attachments=a.attachments.clone() editable max_upload_bytes=a.max_upload_bytes />
                        </section>
                        <crate::audit::pages::History application_id=app_id />
                        <Show when=move || editable>
                            <section class="panel" data-testid="presubmit-check">
                                <h2>{t("Kiểm tra trước khi nộp", "Check before submitting")}</h2>
                                <IssueList issues=issues.clone() base=format!("/applications/{app_id}/edit") />
                                <ErrorBox error=submit_error with_fields=true />
                                <button class="button" data-testid="submit-application" disabled=move || !ready || submit.pending().get()
                                    on:click=move |_| { submit.dispatch(SubmitApplication { id: app_id }); }>
                                    {t("Nộp hồ sơ", "Submit")}
                                </button>
                            </section>
                        </Show>
                        {move || submit.value().get().and_then(|r| r.ok()).map(|rc| view! {
                            <p class="alert ok" role="status" data-testid="receipt">
                                {move || match lang.get() {
                                    Lang::Vi => format!("Đã nộp hồ sơ {} lúc {} (giờ máy chủ).", rc.code, format_datetime(rc.submitted_at)),
                                    Lang::En => format!("Submitted as {} at {} (server time).", rc.code, format_datetime(rc.submitted_at)),
                                }}
                            </p>
                        })}
                        <Show when=move || can_withdraw>
                            <section class="panel">
                                <ErrorBox error=withdraw_error with_fields=true />
                                <ConfirmButton id="withdraw-application" class="button danger" label=("Rút hồ sơ", "Withdraw")
                                    question=("Rút hồ sơ này? Hồ sơ đã rút không được xét tiếp.", "Withdraw this dossier? A withdrawn dossier is not considered further.")
                                    on_confirm=move || { withdraw.dispatch(WithdrawApplication { id: app_id }); } />
                            </section>
                        </Show>
                        <Done value=withdraw.value() id="withdrawn" message=("Đã rút hồ sơ.", "The dossier was withdrawn.") />
                        <crate::councils::pages::EvaluationPanel application_id=app_id />
                        <crate::applications::revision::RevisionPanel id=app_id revision=a.revision.clone()
                            can_request=a.can_request_revision is_owner=a.is_owner changed />
                        <crate::tasks::pages::TaskPanel application_id=app_id />
                        <crate::fund::pages::ContractPanel application_id=app_id may_draft=a.can_draft_contract />
                        <Show when=move || a.can_decide>
                            <DecisionForm id=app_id action=decide />
                        </Show>
                        <Done value=decide.value() id="decision-recorded" message=("Đã ghi kết luận; người nộp hồ sơ được thông báo.", "Decision recorded; the applicant is notified.") />
                        <Show when=move || a.can_host_decide>
                            <HostDecisionForm id=app_id action=host />
                        </Show>
                        <Show when=move || resubmitted>
                            <Versions id=app_id />
                        </Show>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn IssueList(issues: Vec<domain::issue::Issue>, base: String) -> impl IntoView {
    let lang = use_lang();
    if issues.is_empty() {
        return view! { <p class="alert ok" data-testid="no-issues">{t("Hồ sơ đủ điều kiện nộp.", "Ready to submit.")}</p> }.into_any();
    }
    view! {
        <ul class="issues">
            {issues.into_iter().map(|i| {
                // The CV is kept on its own page, not in the dossier.
                let href = if i.path == "cv" {
                    "/profile/cv".to_string()
                } else {
                    format!("{base}#{}", i.path.replace('.', "-"))
                };
                view! { <li data-testid="issue"><A href=href>{section_label(&i.path, lang)}</A>": "{move || i.problem.message(lang.get())}</li> }
            }).collect_view()}
        </ul>
    }.into_any()
}

/// A readable name for an issue's path: `team.2.days` → "Nhóm thực hiện, dòng 3".
fn section_label(
    path: &str,
    lang: crate::i18n::UiLang,
) -> impl Fn() -> String + Send + Sync + 'static {
    let mut parts = path.split('.');
    let section = parts.next().unwrap_or_default().to_string();
    let row = parts.next().and_then(|r| r.parse::<usize>().ok());
    move || {
        let l = lang.get();
        let name = match section.as_str() {
            "title" => glossary::TASK_TITLE.pick(l),
            "field" => glossary::FIELD.pick(l),
            "duration_months" => l.pick("Thời gian thực hiện", "Duration"),
            "urgency" => l.pick("Tính cấp thiết", "Urgency"),
            "objectives" => l.pick("Mục tiêu", "Objectives"),
            "contents" => glossary::CONTENT.plural(l),
            "methods" => l.pick("Phương pháp", "Methods"),
            "products" => glossary::PRODUCT.plural(l),
            "risk_plan" => l.pick("Quản lý rủi ro", "Risk plan"),
            "team" => l.pick("Nhóm thực hiện", "Team"),
            "budget" => l.pick("Dự toán kinh phí", "Budget"),
            "attachments" => l.pick("Tài liệu đính kèm", "Attached documents"),
            "cv" => l.pick("Lý lịch khoa học", "Scientific CV"),
            other => return other.to_string(),
        };
        match row {
            Some(r) => format!("{name}, {} {}", l.pick("dòng", "row"), r + 1),
            None => name.to_string(),
        }
    }
}

#[component]
fn Decisions(a: ApplicationView) -> impl IntoView {
    let lang = use_lang();
    (!a.decisions.is_empty()).then(|| view! {
        <h2>{t("Kết luận kiểm tra hồ sơ", "Validity decisions")}</h2>
        <ul data-testid="decisions">
            {a.decisions.into_iter().map(|d| {
                let text = move || match (&d.decision, lang.get()) {
                    (Decision::Valid, l) => l.pick("Hợp lệ", "Valid").to_string(),
                    (Decision::Invalid { reasons }, Lang::Vi) => format!("Không hợp lệ: {reasons}"),
                    (Decision::Invalid { reasons }, Lang::En) => format!("Invalid: {reasons}"),
                    (Decision::Return { reasons, deadline }, Lang::Vi) => format!("Trả lại để bổ sung trước {}: {reasons}", format_datetime(*deadline)),
                    (Decision::Return { reasons, deadline }, Lang::En) => format!("Returned for correction by {}: {reasons}", format_datetime(*deadline)),
                    (Decision::HostConfirmed, l) => l.pick("Tổ chức chủ trì đã xác nhận", "Confirmed by the host organisation").to_string(),
                    (Decision::HostDeclined { reasons }, Lang::Vi) => format!("Tổ chức chủ trì không xác nhận, hồ sơ trở về bản nháp: {reasons}"),
                    (Decision::HostDeclined { reasons }, Lang::En) => format!("Not confirmed by the host organisation, back to draft: {reasons}"),
                };
                view! { <li>{format_datetime(d.decided_at)}" — "{text}</li> }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn DecisionForm(id: i32, action: ServerAction<DecideApplication>) -> impl IntoView {
    let reasons = RwSignal::new(String::new());
    let deadline = RwSignal::new(vietnam_local_input(chrono::Utc::now() + Duration::days(7)));
    let error = action_error(action.value());
    let send = move |decision: Decision| {
        action.dispatch(DecideApplication { id, decision });
    };
    view! {
        <section class="panel" data-testid="decision-form">
            <h2>{t("Kết luận tính hợp lệ", "Validity decision")}</h2>
            <label for="reasons">{t("Lý do (bắt buộc khi không hợp lệ hoặc trả lại)", "Reasons (required unless valid)")}</label>
            <textarea id="reasons" rows="3" bind:value=reasons></textarea>
            <FieldError error field="reasons" />
            <label for="correction_deadline">{t("Hạn bổ sung (khi trả lại)", "Correction deadline (when returning)")}</label>
            <input id="correction_deadline" type="datetime-local" step="1" bind:value=deadline />
            <FieldError error field="status" />
            <ErrorBox error />
            <div class="actions">
                <ConfirmButton id="decide-valid" class="button" label=("Hợp lệ", "Valid")
                    question=("Kết luận hồ sơ hợp lệ?", "Decide the dossier is valid?")
                    on_confirm=move || send(Decision::Valid) />
                <ConfirmButton id="decide-return" class="button secondary" label=("Trả lại để bổ sung", "Return for correction")
                    question=("Trả lại hồ sơ để bổ sung với lý do và hạn đã nhập?", "Return the dossier with the reasons and deadline given?")
                    on_confirm=move || {
                        if let Some(d) = parse_vietnam_local(&deadline.get_untracked()) {
                            send(Decision::Return { reasons: reasons.get_untracked(), deadline: d });
                        }
                    } />
                <ConfirmButton id="decide-invalid" class="button danger" label=("Không hợp lệ", "Invalid")
                    question=("Kết luận hồ sơ không hợp lệ với lý do đã nhập?", "Decide the dossier is invalid with the reasons given?")
                    on_confirm=move || send(Decision::Invalid { reasons: reasons.get_untracked() }) />
            </div>
        </section>
    }
}

/// Each resubmitted version beside the one before it, value by value.
#[component]
fn Versions(id: i32) -> impl IntoView {
    let lang = use_lang();
    let versions = Resource::new(move || id, application_versions);
    view! {
        <section class="panel" data-testid="versions">
            <h2>{t("Các lần nộp và thay đổi", "Submissions and what changed")}</h2>
            <Transition fallback=|| ()>
                {move || versions.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(list) => list.into_iter().map(|v| view! {
                        <h3>{move || format!("{} {} · {}", lang.get().pick("Lần", "Version"), v.version, format_datetime(v.submitted_at))}</h3>
                        {(!v.changes.is_empty()).then(|| view! {
                            <table class="table diff">
                                <thead><tr>
                                    <th>{t("Mục", "Item")}</th><th>{t("Trước", "Before")}</th><th>{t("Sau", "After")}</th>
                                </tr></thead>
                                <tbody>
                                    {v.changes.into_iter().map(|c| view! {
                                        <tr data-testid="change">
                                            <td>{section_label(&c.path, lang)}</td>
                                            <td class="before">{c.before.unwrap_or_else(|| "—".into())}</td>
                                            <td class="after">{c.after.unwrap_or_else(|| "—".into())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    }).collect_view().into_any(),
                })}
            </Transition>
        </section>
    }
}
