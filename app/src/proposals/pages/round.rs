//! `/proposals/rounds/:id`: a round's proposals for officers and the leader, filtered by title
//! and state, its identification councils (and forming one), and the leader's decision
//! issuing the ordered list.

use domain::format::{format_date, format_dong};
use domain::proposal::ProposalStatus;
use leptos::prelude::*;
use leptos_router::components::{Form, A};

use crate::components::{action_error, refresh_on_success, route_id, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::identification::pages::FormCouncilPanel;
use crate::list::query_and_page;
use crate::proposals::api::{list_proposals, IssueList, RoundList};

#[component]
fn IssuePanel(round: i32, changed: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<IssueList>::new();
    refresh_on_success(action, changed);
    let error = action_error(action.value());
    let number = RwSignal::new(String::new());
    view! {
        <section class="panel" data-testid="issue-panel">
            <h2>{t("Ban hành quyết định phê duyệt danh mục nhiệm vụ đặt hàng", "Issue the decision approving the ordered list")}</h2>
            <form novalidate on:submit=move |ev| {
                ev.prevent_default();
                action.dispatch(IssueList { round_id: round, decision_number: number.get_untracked() });
            }>
                <label for="decision-number">{t("Số quyết định", "Decision number")}</label>
                <input id="decision-number" data-testid="decision-number" bind:value=number />
                <FieldError error field="decision_number" />
                <ErrorBox error />
                <button type="submit" class="button" data-testid="issue-list" disabled=move || action.pending().get()>{t("Ban hành", "Issue")}</button>
            </form>
        </section>
    }
}

#[component]
fn Rows(list: RoundList) -> impl IntoView {
    let lang = use_lang();
    let p = list.proposals;
    view! {
        <p class="muted" data-testid="round-counts">{move || match lang.get() {
            domain::Lang::Vi => format!("{} đề xuất · {} được phê duyệt · {} chờ quyết định", p.total, list.ordered, list.undecided),
            domain::Lang::En => format!("{} proposals · {} ordered · {} awaiting a decision", p.total, list.ordered, list.undecided),
        }}</p>
        <table class="table" data-testid="round-proposals">
            <thead><tr>
                <th>{t("Số tiếp nhận", "Receipt")}</th><th>{t("Tên nhiệm vụ", "Title")}</th>
                <th>{t("Người đề xuất", "Proposed by")}</th><th>{t("Phương thức", "Method")}</th>
                <th>{t("Kinh phí", "Budget")}</th><th>{t("Trạng thái", "Status")}</th>
            </tr></thead>
            <tbody>{p.items.into_iter().map(|r| view! {
                <tr data-testid="round-proposal">
                    <td>{r.receipt_code.clone().unwrap_or_default()}</td>
                    <td><A href=format!("/proposals/{}", r.id)>{r.title.clone()}</A></td>
                    <td>{r.organisation.clone().unwrap_or(r.proposer.clone())}</td>
                    <td>{move || r.method.label(lang.get())}</td>
                    <td class="num">{format_dong(r.budget_dong)}</td>
                    <td>{move || r.status.label(lang.get())}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
        <crate::components::Pager page=p.page pages=p.pages total=p.total />
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let (q, page) = query_and_page();
    let query = leptos_router::hooks::use_query_map();
    let status = Memo::new(move |_| {
        query
            .read()
            .get("status")
            .and_then(|s| ProposalStatus::from_code(&s))
    });
    let changed = RwSignal::new(0u32);
    let list = Resource::new(
        move || (id.get(), q.get(), status.get(), page.get(), changed.get()),
        |(id, q, s, p, _)| list_proposals(id, q, s, p),
    );
    let holds = move |permission| {
        crate::use_session()
            .info
            .get()
            .and_then(Result::ok)
            .and_then(|s| s.me)
            .is_some_and(|m| {
                domain::roles::allows(&m.grants, permission, domain::roles::Scope::Global)
            })
    };
    let leader = move || holds(domain::roles::Permission::ApproveOrders);
    let officer = move || holds(domain::roles::Permission::ManageProposals);
    view! {
        <Transition fallback=|| ()>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(l) => {
                    let round = l.round.clone();
                    let undecided_list = round.decided_at.is_none() && leader();
                    let (councils, waiting) = (l.councils.clone(), l.waiting.clone());
                    let manage = round.decided_at.is_none() && officer();
                    view! {
                        <section class="panel">
                            <h1>{round.title.clone()}</h1>
                            {round.decision_number.clone().map(|n| view! {
                                <p class="alert ok" data-testid="list-issued">
                                    {t("Danh mục đã được phê duyệt theo Quyết định số", "Ordered list approved by decision no.")}" "{n}
                                    {round.decided_at.map(|d| format!(" ({})", format_date(d)))}
                                    " · "
                                    <a href=format!("/exports/rounds/{}/ordered-list.pdf", round.id) data-testid="ordered-list-pdf" download>
                                        {t("Tải quyết định (PDF)", "Download the decision (PDF)")}
                                    </a>
                                </p>
                            })}
                            <Form method="GET" action="">
                                <div class="inline filters">
                                    <label>{t("Tìm theo tên", "Search by title")}<input type="search" name="q" prop:value=move || q.get() /></label>
                                    <label>{t("Trạng thái", "Status")}
                                        <select name="status">
                                            <option value="">{t("Tất cả", "All")}</option>
                                            {ProposalStatus::ALL.iter().filter(|s| **s != ProposalStatus::Draft).map(|s| {
                                                let s = *s;
                                                view! { <option value=s.code() selected=move || status.get() == Some(s)>{move || s.label(lang.get())}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <button type="submit" class="button secondary">{t("Lọc", "Filter")}</button>
                                </div>
                            </Form>
                            <Rows list=l />
                        </section>
                        <FormCouncilPanel round=round.id councils waiting changed manage />
                        {undecided_list.then(|| view! { <IssuePanel round=round.id changed /> })}
                    }.into_any()
                }
            })}
        </Transition>
    }
}
