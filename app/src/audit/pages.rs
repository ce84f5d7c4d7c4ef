//! The history panel on a dossier's and a task's page, and `/admin/audit`: the chain's check
//! and the whole trail.

use domain::audit::label;
use domain::format::format_datetime;
use leptos::prelude::*;

use super::api::{dossier_history, list_audit, HistoryEntry, VerifyAudit};
use crate::components::{action_error, ErrorBox};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};

/// What the event's code means, in the reader's language (the code itself if unlabelled).
fn what(e: &HistoryEntry, lang: domain::Lang) -> String {
    label(&e.action).map_or_else(
        || e.action.clone(),
        |(vi, en)| lang.pick(vi, en).to_string(),
    )
}

#[component]
fn Events(items: Vec<HistoryEntry>, #[prop(optional)] subjects: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <table class="table" data-testid="history">
            <thead><tr>
                <th>{t("Thời điểm", "When")}</th>
                <th>{t("Người thực hiện", "Who")}</th>
                <th>{t("Việc", "What")}</th>
                {subjects.then(|| view! { <th>{t("Đối tượng", "Record")}</th> })}
                <th>{t("Lý do", "Why")}</th>
            </tr></thead>
            <tbody>{items.into_iter().map(|e| {
                let record = format!("{} #{}", e.subject_type, e.subject_id);
                let actor = if e.actor.is_empty() { "—".to_string() } else { e.actor.clone() };
                let e2 = e.clone();
                view! {
                    <tr data-testid="history-event">
                        <td>{format_datetime(e.at)}</td>
                        <td>{actor}</td>
                        <td>{move || what(&e2, lang.get())}</td>
                        {subjects.then(|| view! { <td>{record}</td> })}
                        <td>{e.why}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

/// The history of a dossier and its task, newest first, a page at a time.
#[component]
pub fn History(application_id: i32) -> impl IntoView {
    let page = RwSignal::new(1u64);
    let list = Resource::new(
        move || page.get(),
        move |p| dossier_history(application_id, p),
    );
    view! {
        <section class="panel" data-testid="history-panel">
            <h2>{t("Lịch sử hồ sơ và nhiệm vụ", "History of the dossier and its task")}</h2>
            <Transition fallback=|| ()>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(p) => {
                        let (now, pages) = (p.page, p.pages);
                        view! {
                            <Events items=p.items />
                            <p class="pager">
                                <button class="button secondary" disabled=now <= 1 on:click=move |_| page.set(now - 1)>{t("Mới hơn", "Newer")}</button>
                                {format!(" {now}/{} ", pages.max(1))}
                                <button class="button secondary" disabled=now >= pages on:click=move |_| page.set(now + 1)>{t("Cũ hơn", "Older")}</button>
                            </p>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// `/admin/audit`: the chain's check (administrators) and the whole trail.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), |p| list_audit(None, None, p));
    let verify = ServerAction::<VerifyAudit>::new();
    let error = action_error(verify.value());
    view! {
        <section class="panel">
            <h1>{t("Nhật ký kiểm toán", "Audit trail")}</h1>
            <p class="hint">{t(
                "Mỗi sự kiện lưu mã băm của sự kiện trước nó: sửa hoặc xóa một dòng làm đứt chuỗi tại đó.",
                "Each event stores the hash of the one before it: editing or deleting a row breaks the chain there.",
            )}</p>
            <button class="button" data-testid="verify-audit" on:click=move |_| { verify.dispatch(VerifyAudit {}); }>
                {t("Kiểm tra toàn bộ chuỗi", "Verify the whole chain")}
            </button>
            <ErrorBox error />
            {move || verify.value().get().and_then(Result::ok).map(|r| {
                let whole = r.broken.is_none();
                let broken = r.broken.clone();
                view! {
                    <p class=if whole { "alert ok" } else { "alert error" } role="status" data-testid="audit-verdict">
                        {move || match &broken {
                            None => match lang.get() {
                                domain::Lang::Vi => format!("Chuỗi nguyên vẹn: {} sự kiện, kiểm tra lúc {}.", r.verified, format_datetime(r.checked_at)),
                                domain::Lang::En => format!("The chain is whole: {} events, checked at {}.", r.verified, format_datetime(r.checked_at)),
                            },
                            Some(b) => b.message(lang.get()),
                        }}
                    </p>
                }
            })}
        </section>
        <section class="panel">
            <PagedList list empty=("Chưa có sự kiện nào.", "No events yet.") empty_testid="audit-empty"
                render={|items: Vec<HistoryEntry>| view! { <Events items subjects=true /> }} />
        </section>
    }
}
