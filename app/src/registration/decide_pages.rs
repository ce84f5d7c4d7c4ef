//! Deciding requests: the department's officers on organisations that registered themselves
//! (`/registrations`), an organisation's representative on people asking to join it
//! (`/registrations/staff`). Pending first; approved and refused kept for the record.

use domain::format::format_date;
use domain::registration::{RequestState, Verdict};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{
    membership_requests, organisation_requests, DecideMembership, DecideOrganisation,
    MembershipRequestView, OrganisationRequestView,
};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};

/// The state the list shows, from `?state=`: pending unless another is named.
fn state_filter() -> Memo<RequestState> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("state")
            .and_then(|s| RequestState::from_code(&s))
            .unwrap_or(RequestState::Pending)
    })
}

#[component]
fn StateTabs(base: &'static str, current: Memo<RequestState>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="tabs" aria-label=move || lang.get().pick("Trạng thái", "State")>
            {RequestState::ALL.into_iter().map(|s| view! {
                <A href=format!("{base}?state={}", s.code()) attr:data-testid=format!("state-{}", s.code())
                    attr:aria-current=move || (current.get() == s).then_some("page")>
                    {move || s.label(lang.get())}
                </A>
            }).collect_view()}
        </nav>
    }
}

/// Approve, or refuse with a reason: the buttons of a pending request.
#[component]
pub(crate) fn Decision(
    on_decide: Callback<Verdict>,
    pending: Signal<bool>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    view! {
        <div class="decision">
            <button type="button" class="button" data-testid="approve" disabled=move || pending.get()
                on:click=move |_| on_decide.run(Verdict::Approve)>
                {t("Duyệt", "Approve")}
            </button>
            <label>
                {t("Lý do không duyệt", "Reason for refusing")}
                <input bind:value=reason data-testid="refuse-reason" />
            </label>
            <FieldError error=error field="reason" />
            <button type="button" class="button danger" data-testid="refuse" disabled=move || pending.get()
                on:click=move |_| on_decide.run(Verdict::Refuse { reason: reason.get_untracked() })>
                {t("Không duyệt", "Refuse")}
            </button>
        </div>
    }
}

#[component]
pub fn OrganisationRequestsPage() -> impl IntoView {
    let (_, page) = query_and_page();
    let state = state_filter();
    let decide = ServerAction::<DecideOrganisation>::new();
    let error = action_error(decide.value());
    let list = Resource::new(
        move || (state.get(), page.get(), decide.version().get()),
        |(s, p, _)| organisation_requests(s, p),
    );
    view! {
        <section class="panel">
            <h1>{t("Tổ chức đăng ký", "Organisations registering")}</h1>
            <StateTabs base="/registrations" current=state />
            <ErrorBox error=error />
            <PagedList list empty=("Không có yêu cầu nào.", "No requests.") empty_testid="requests-empty"
                render={move |items: Vec<OrganisationRequestView>| view! {
                    <ul class="requests">
                        {items.into_iter().map(|r| view! { <OrganisationRow r decide error /> }).collect_view()}
                    </ul>
                }} />
        </section>
    }
}

#[component]
fn OrganisationRow(
    r: OrganisationRequestView,
    decide: ServerAction<DecideOrganisation>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = r.id;
    let state = r.state;
    let on_decide = Callback::new(move |verdict| {
        decide.dispatch(DecideOrganisation { id, verdict });
    });
    let pending = Signal::derive(move || decide.pending().get());
    view! {
        <li data-testid="organisation-request">
            <h2>{r.name.clone()}{(!r.short_name.is_empty()).then(|| format!(" ({})", r.short_name))}</h2>
            <dl class="facts">
                <dt>{t("Mã số thuế", "Tax code")}</dt><dd data-testid="request-tax-code">{r.tax_code}</dd>
                <dt>{t("Địa chỉ", "Address")}</dt><dd>{r.address}</dd>
                <dt>{t("Người đại diện", "Representative")}</dt>
                <dd>{r.representative}", "{r.representative_title}" — "{r.representative_email}", "{r.phone}</dd>
                <dt>{t("Ngày đăng ký", "Registered on")}</dt><dd>{format_date(r.created_at)}</dd>
                <dt>{t("Trạng thái", "State")}</dt>
                <dd data-testid="request-state">{move || state.label(lang.get())}{r.reason.map(|x| format!(" — {x}"))}</dd>
            </dl>
            {(state == RequestState::Pending).then(|| view! { <Decision on_decide pending error /> })}
        </li>
    }
}

#[component]
pub fn StaffRequestsPage() -> impl IntoView {
    let (_, page) = query_and_page();
    let state = state_filter();
    let decide = ServerAction::<DecideMembership>::new();
    let error = action_error(decide.value());
    let list = Resource::new(
        move || (state.get(), page.get(), decide.version().get()),
        |(s, p, _)| membership_requests(s, p),
    );
    view! {
        <section class="panel">
            <h1>{t("Xin gia nhập tổ chức", "Requests to join")}</h1>
            <StateTabs base="/registrations/staff" current=state />
            <ErrorBox error=error />
            <PagedList list empty=("Không có yêu cầu nào.", "No requests.") empty_testid="requests-empty"
                render={move |items: Vec<MembershipRequestView>| view! {
                    <ul class="requests">
                        {items.into_iter().map(|r| view! { <MembershipRow r decide error /> }).collect_view()}
                    </ul>
                }} />
        </section>
    }
}

#[component]
fn MembershipRow(
    r: MembershipRequestView,
    decide: ServerAction<DecideMembership>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = r.id;
    let state = r.state;
    let on_decide = Callback::new(move |verdict| {
        decide.dispatch(DecideMembership { id, verdict });
    });
    let pending = Signal::derive(move || decide.pending().get());
    view! {
        <li data-testid="membership-request">
            <h2>{r.person}</h2>
            <dl class="facts">
                <dt>{crate::i18n::term(domain::glossary::EMAIL)}</dt><dd>{r.email}</dd>
                <dt>{t("Tổ chức", "Organisation")}</dt><dd>{r.organisation}</dd>
                <dt>{t("Ngày gửi", "Sent on")}</dt><dd>{format_date(r.created_at)}</dd>
                <dt>{t("Trạng thái", "State")}</dt>
                <dd data-testid="request-state">{move || state.label(lang.get())}{r.reason.map(|x| format!(" — {x}"))}</dd>
            </dl>
            {(state == RequestState::Pending).then(|| view! { <Decision on_decide pending error /> })}
        </li>
    }
}
