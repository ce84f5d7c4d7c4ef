//! Proposal pages: `/proposals` (rounds, one's own proposals, opening a round), a round's list
//! with the leader's decision, the proposal form and one proposal.

mod decide;
pub mod editor;
pub mod round;
pub mod view;

use domain::format::format_datetime;
use domain::roles::{confers, Permission, Scope};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, refresh_on_success, ActionsHeader, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};
use crate::proposals::api::{
    list_rounds, my_proposals, ProposalRow, RoundForm, RoundRow, SaveRound,
};

/// What the signed-in person is, for this page: a proposer, an officer, the leader.
fn standing() -> (bool, bool, bool) {
    let me = crate::use_session()
        .info
        .get()
        .and_then(Result::ok)
        .and_then(|s| s.me);
    let may = |p| {
        me.as_ref()
            .is_some_and(|m| domain::roles::allows(&m.grants, p, Scope::Global))
    };
    (
        me.as_ref()
            .is_some_and(|m| confers(&m.grants, Permission::ProposeTasks)),
        may(Permission::ManageProposals),
        may(Permission::ApproveOrders),
    )
}

#[component]
fn Rounds(
    list: Resource<Result<crate::list::Page<RoundRow>, crate::error::AppError>>,
    proposer: bool,
    reader: bool,
) -> impl IntoView {
    view! {
        <PagedList list empty=("Chưa có đợt đề xuất nào.", "No proposal round yet.") empty_testid="rounds-empty"
            render={move |items: Vec<RoundRow>| view! {
                <table class="table" data-testid="round-list">
                    <thead><tr>
                        <th>{t("Đợt đề xuất", "Round")}</th>
                        <th>{t("Hạn nộp", "Deadline")}</th>
                        <th>{t("Danh mục đặt hàng", "Ordered list")}</th>
                        <ActionsHeader />
                    </tr></thead>
                    <tbody>{items.into_iter().map(|r| view! {
                        <tr data-testid="round">
                            <td>{if reader {
                                view! { <A href=format!("/proposals/rounds/{}", r.id)>{r.title.clone()}</A> }.into_any()
                            } else { view! { <span>{r.title.clone()}</span> }.into_any() }}</td>
                            <td>{format_datetime(r.closes_at)}</td>
                            <td>{r.decision_number.clone().unwrap_or_else(|| "—".into())}</td>
                            <td>{(proposer && r.open).then(|| view! {
                                <A href=format!("/proposals/new?round={}", r.id) attr:class="button" attr:data-testid="new-proposal">{t("Đề xuất nhiệm vụ", "Propose a task")}</A>
                            })}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }} />
    }
}

#[component]
fn Mine() -> impl IntoView {
    let lang = use_lang();
    let (_, page) = query_and_page();
    let list = Resource::new(move || page.get(), my_proposals);
    view! {
        <section class="panel">
            <h2>{t("Đề xuất của tôi", "My proposals")}</h2>
            <PagedList list empty=("Bạn chưa có đề xuất nào.", "You have no proposal yet.") empty_testid="mine-empty"
                render={move |items: Vec<ProposalRow>| view! {
                    <table class="table" data-testid="my-proposals">
                        <thead><tr><th>{t("Số tiếp nhận", "Receipt")}</th><th>{t("Tên nhiệm vụ", "Title")}</th><th>{t("Trạng thái", "Status")}</th></tr></thead>
                        <tbody>{items.into_iter().map(|p| view! {
                            <tr data-testid="my-proposal">
                                <td>{p.receipt_code.clone().unwrap_or_else(|| "—".into())}</td>
                                <td><A href=format!("/proposals/{}", p.id)>{p.title.clone()}</A></td>
                                <td>{move || p.status.label(lang.get())}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }} />
        </section>
    }
}

/// An officer opens a round: its title and deadline (Vietnam time).
#[component]
fn OpenRound(changed: RwSignal<u32>) -> impl IntoView {
    use domain::format::{parse_vietnam_local, vietnam_local_input};
    let action = ServerAction::<SaveRound>::new();
    refresh_on_success(action, changed);
    let error = action_error(action.value());
    let now = chrono::Utc::now();
    let title = RwSignal::new(String::new());
    let opens = RwSignal::new(vietnam_local_input(now));
    let closes = RwSignal::new(vietnam_local_input(now + chrono::Duration::days(30)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let at = |s: RwSignal<String>| parse_vietnam_local(&s.get_untracked()).unwrap_or_default();
        action.dispatch(SaveRound {
            id: None,
            form: RoundForm {
                title: title.get_untracked(),
                opens_at: at(opens),
                closes_at: at(closes),
            },
        });
    };
    view! {
        <section class="panel">
            <h2>{t("Mở đợt đề xuất", "Open a proposal round")}</h2>
            <form novalidate data-testid="round-form" on:submit=submit>
                <label for="round-title">{t("Tên đợt", "Title")}</label>
                <input id="round-title" data-testid="round-title" bind:value=title />
                <FieldError error field="title" />
                <label for="round-opens">{t("Mở nhận đề xuất (giờ Việt Nam)", "Opens (Vietnam time)")}</label>
                <input id="round-opens" type="datetime-local" step="1" bind:value=opens />
                <label for="round-closes">{t("Hạn nộp đề xuất (giờ Việt Nam)", "Deadline (Vietnam time)")}</label>
                <input id="round-closes" data-testid="round-closes" type="datetime-local" step="1" bind:value=closes />
                <FieldError error field="closes_at" />
                <ErrorBox error />
                <button type="submit" class="button" data-testid="open-round" disabled=move || action.pending().get()>{t("Mở đợt", "Open")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let changed = RwSignal::new(0u32);
    let (_, page) = query_and_page();
    let rounds = Resource::new(move || (page.get(), changed.get()), |(p, _)| list_rounds(p));
    // The person's standing reads the session resource: inside a Transition, so the server
    // waits for it and hydration finds the same page.
    view! {
        <Transition fallback=|| ()>{move || {
            let (proposer, officer, leader) = standing();
            view! {
                <section class="panel">
                    <h1>{t("Đề xuất nhiệm vụ đặt hàng", "Proposals for ordered tasks")}</h1>
                    <p class="hint">{t(
                        "Sở, ngành, UBND cấp huyện, xã, doanh nghiệp, tổ chức và nhà khoa học đề xuất nhiệm vụ để tỉnh đặt hàng trong thời hạn của đợt.",
                        "Departments, district and commune committees, enterprises, organisations and researchers propose tasks for the province to order, by the round's deadline.",
                    )}</p>
                    <Rounds list=rounds proposer reader=officer || leader />
                </section>
                {proposer.then(|| view! { <Mine /> })}
                {officer.then(|| view! { <OpenRound changed /> })}
            }
        }}</Transition>
    }
}
