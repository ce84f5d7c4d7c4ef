//! The appraisal form on a recommended dossier's page, and `/tasks`, where the leader approves
//! or rejects appraised tasks and anyone concerned prints a call's approval decision.

use domain::appraisal::LineChange;
use domain::format::{format_datetime, format_dong};
use domain::glossary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, ActionsHeader, ErrorBox, FieldError};
use crate::error::{AppError, Problem};
use crate::fields::{number, AmountInput};
use crate::i18n::{t, term, use_lang};
use crate::list::{query_and_page, PagedList};
use crate::tasks::api::{
    get_task_approval, list_tasks, AppraiseTask, DecideTask, TaskApprovalView,
};

/// Where the task stands, in words.
fn standing(v: &TaskApprovalView, lang: domain::Lang) -> String {
    match (v.approved, v.approved_fund_dong) {
        (Some(true), Some(a)) => match lang {
            domain::Lang::Vi => format!("Đã phê duyệt, kinh phí từ Quỹ {}", format_dong(a)),
            domain::Lang::En => format!("Approved, {} from the fund", format_dong(a)),
        },
        (Some(false), _) => match lang {
            domain::Lang::Vi => format!("Không phê duyệt: {}", v.reasons),
            domain::Lang::En => format!("Rejected: {}", v.reasons),
        },
        (None, Some(a)) => match lang {
            domain::Lang::Vi => {
                format!("Đã thẩm định ({}), chờ lãnh đạo phê duyệt", format_dong(a))
            }
            domain::Lang::En => format!("Appraised ({}), awaiting the leader", format_dong(a)),
        },
        (Some(true), None) | (None, None) => lang
            .pick(
                "Được hội đồng đề nghị, chờ thẩm định kinh phí",
                "Recommended, awaiting budget appraisal",
            )
            .into(),
    }
}

/// On a dossier's page once a council passed it: the appraisal, editable by officers until the
/// leader decides.
#[component]
pub fn TaskPanel(application_id: i32) -> impl IntoView {
    let appraise = ServerAction::<AppraiseTask>::new();
    let saved = Memo::new(move |_| appraise.value().get().and_then(|r| r.ok()));
    let task = Resource::new(
        move || saved.get(),
        move |_| get_task_approval(application_id),
    );
    view! {
        <Transition fallback=|| ()>
            {move || task.get().and_then(Result::ok).flatten().map(|v| view! { <Appraisal v appraise /> })}
        </Transition>
    }
}

#[component]
fn Appraisal(v: TaskApprovalView, appraise: ServerAction<AppraiseTask>) -> impl IntoView {
    let lang = use_lang();
    let id = v.application_id;
    let editable = v.may_appraise;
    let amounts: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .map(|l| RwSignal::new(domain::format::group_thousands(l.approved_fund_dong)))
        .collect();
    let reasons: Vec<RwSignal<String>> = v
        .lines
        .iter()
        .map(|l| RwSignal::new(l.reason.clone()))
        .collect();
    let local = RwSignal::new(None::<AppError>);
    let server = action_error(appraise.value());
    let error = Signal::derive(move || local.get().or(server.get()));
    let asked: Vec<i64> = v.lines.iter().map(|l| l.asked_fund_dong).collect();
    let (amounts2, reasons2) = (amounts.clone(), reasons.clone());
    let v2 = v.clone();
    view! {
        <section class="panel" data-testid="appraisal">
            <h2>{t("Thẩm định kinh phí và phê duyệt", "Budget appraisal and approval")}</h2>
            <p data-testid="task-standing">{move || standing(&v2, lang.get())}</p>
            <form novalidate on:submit=move |ev| {
                ev.prevent_default();
                local.set(None);
                let mut changes = Vec::new();
                for (i, asked) in asked.iter().enumerate() {
                    let Some(amount) = number(&amounts2[i].get_untracked()) else {
                        return local.set(Some(AppError::invalid(&format!("changes.{i}.approved_fund_dong"), Problem::NotANumber)));
                    };
                    if amount != *asked {
                        changes.push(LineChange { line: i, approved_fund_dong: amount, reason: reasons2[i].get_untracked() });
                    }
                }
                // Paths name the change, not the line: map them back for the fields below.
                appraise.dispatch(AppraiseTask { application_id: id, changes });
            }>
                <table class="table">
                    <thead><tr><th>{term(glossary::BUDGET_LINE)}</th><th class="num">{t("Đề nghị từ Quỹ", "Asked from the fund")}</th><th>{t("Thẩm định", "Appraised")}</th><th>{t("Lý do điều chỉnh", "Reason for the change")}</th></tr></thead>
                    <tbody>
                        {v.lines.iter().enumerate().map(|(i, l)| {
                            let kind = l.kind;
                            let (amount, reason) = (amounts[i], reasons[i]);
                            view! {
                                <tr>
                                    <td>{move || kind.label(lang.get())}{format!(" — {}", l.description)}</td>
                                    <td class="num">{format_dong(l.asked_fund_dong)}</td>
                                    <td><AmountInput value=amount testid=format!("appraise-amount-{i}") disabled=!editable
                                        label=Signal::derive(move || format!("{} — {}", kind.label(lang.get()), lang.get().pick("thẩm định (đồng)", "appraised (đồng)"))) /></td>
                                    <td><input data-testid=format!("appraise-reason-{i}") disabled=!editable bind:value=reason
                                        aria-label=move || format!("{} — {}", kind.label(lang.get()), lang.get().pick("lý do điều chỉnh", "reason for the change")) /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <ErrorBox error with_fields=true />
                {editable.then(|| view! { <button type="submit" class="button" data-testid="save-appraisal">{t("Lưu kết quả thẩm định", "Save the appraisal")}</button> })}
            </form>
        </section>
    }
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let lang = use_lang();
    let decide = ServerAction::<DecideTask>::new();
    let (_, page) = query_and_page();
    let list = Resource::new(
        move || (page.get(), decide.version().get()),
        |(p, _)| list_tasks(p),
    );
    let reasons = RwSignal::new(String::new());
    let error = action_error(decide.value());
    view! {
        <section class="panel">
            <h1>{t("Phê duyệt nhiệm vụ", "Task approval")}</h1>
            <label for="decision-reasons">{t("Lý do (bắt buộc khi không phê duyệt)", "Reasons (required to reject)")}</label>
            <input id="decision-reasons" data-testid="decision-reasons" bind:value=reasons />
            <FieldError error field="reasons" />
            <ErrorBox error />
            <PagedList list empty=("Chưa có nhiệm vụ nào được thẩm định.", "No task has been appraised yet.") empty_testid="tasks-empty"
                render={move |items: Vec<TaskApprovalView>| view! {
                    <table class="table" data-testid="task-list">
                        <thead><tr><th>{t("Hồ sơ", "Dossier")}</th><th class="num">{term(glossary::REQUESTED)}</th><th class="num">{t("Thẩm định", "Appraised")}</th><th>{term(glossary::STATUS)}</th><ActionsHeader /></tr></thead>
                        <tbody>
                            {items.into_iter().map(|v| {
                                let id = v.application_id;
                                let revision = v.revision.unwrap_or_default();
                                let call_id = v.call_id;
                                let v2 = v.clone();
                                view! {
                                    <tr data-testid="task">
                                        <td><A href=format!("/applications/{id}")>{v.receipt_code.clone()}</A>{format!(" · {}", v.title)}</td>
                                        <td class="num">{format_dong(v.asked_fund_dong)}</td>
                                        <td class="num">{v.approved_fund_dong.map(format_dong).unwrap_or_default()}</td>
                                        <td>{move || standing(&v2, lang.get())}{v.decided_at.map(|d| format!(" · {}", format_datetime(d)))}</td>
                                        <td>
                                            {v.may_decide.then(|| view! {
                                                <button class="button" data-testid="approve-task" on:click=move |_| { decide.dispatch(DecideTask { application_id: id, revision, approve: true, reasons: reasons.get_untracked() }); }>{t("Phê duyệt", "Approve")}</button>
                                                " "
                                                <button class="button secondary" data-testid="reject-task" on:click=move |_| { decide.dispatch(DecideTask { application_id: id, revision, approve: false, reasons: reasons.get_untracked() }); }>{t("Không phê duyệt", "Reject")}</button>
                                            })}
                                            {(v.approved == Some(true)).then(|| view! {
                                                <a rel="external" download data-testid="decision-pdf" href=format!("/exports/calls/{call_id}/approval.pdf")>{t("Quyết định (PDF)", "Decision (PDF)")}</a>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }} />
        </section>
    }
}
