//! Council pages: the list, one council (members, dossiers, conflict flags, constitution), a
//! member's score sheet (checked as they type), and the explained results.

use domain::council::CouncilRole;
use domain::glossary;
use domain::scoring::{
    check_sheet, format_halves, parse_halves, Exclusion, ScoringRules, SheetEntry, TieBreak,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::{action_error, refresh_on_success, route_id, ErrorBox, FieldError};
use crate::councils::api::{
    council_calibration, council_results, evaluation_summary, get_council, get_sheet,
    list_councils, paper_sheet, AddMember, AnswerInvitation, Certify, CloseScoring, Constitute,
    CouncilView, CreateCouncil, DecideConflict, DeclareConflict, EnterPaperSheet, InviteMembers,
    ReopenSheet, SaveSheet, SetAttendance,
};
use crate::i18n::{t, term, terms, use_lang};

mod council;
mod results;
mod sheets;
use council::*;
pub use results::*;
pub use sheets::*;

#[component]
pub fn CouncilsPage() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| list_councils(None));
    view! {
        <section class="panel">
            <h1>{t("Hội đồng tư vấn tuyển chọn", "Selection councils")}</h1>
            <Transition fallback=|| ()>
                {move || list.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p class="empty" data-testid="councils-empty">{t("Chưa có hội đồng nào.", "No council yet.")}</p> }.into_any(),
                    Ok(rows) => view! {
                        <ul data-testid="council-list">
                            {rows.into_iter().map(|c| view! {
                                <li><A href=format!("/councils/{}", c.id)>{c.name}</A>" · "{move || c.status.label(lang.get())}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The "form a council" form on a call's page, for officers.
#[component]
pub fn NewCouncil(call_id: i32) -> impl IntoView {
    let create = ServerAction::<CreateCouncil>::new();
    let name = RwSignal::new(String::new());
    let codes = RwSignal::new(String::new());
    let error = action_error(create.value());
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/councils/{id}"), Default::default());
        }
    });
    view! {
        <form class="inline" on:submit=move |ev| { ev.prevent_default(); create.dispatch(CreateCouncil {
            call_id,
            name: name.get_untracked(),
            receipt_codes: Some(codes.get_untracked().split([',', ';', ' ']).map(str::to_string).filter(|c| !c.is_empty()).collect()),
        }); }>
            <label for="council-name">{t("Lập hội đồng cho các hồ sơ hợp lệ", "Form a council for the valid dossiers")}</label>
            <input id="council-name" data-testid="council-name" bind:value=name />
            <label for="council-codes">{t("Chỉ các hồ sơ (mã, cách nhau bằng dấu phẩy; để trống: mọi hồ sơ hợp lệ chưa có hội đồng)", "Only these dossiers (receipt codes, comma-separated; empty: every valid one without a council)")}</label>
            <input id="council-codes" data-testid="council-codes" bind:value=codes />
            <button type="submit" class="button secondary" data-testid="create-council">{t("Lập hội đồng", "Form council")}</button>
        </form>
        <FieldError error field="name" />
        <FieldError error field="receipt_codes" />
        <ErrorBox error />
    }
}

#[component]
pub fn CouncilPage() -> impl IntoView {
    let id = route_id();
    let add = ServerAction::<AddMember>::new();
    let decide = ServerAction::<DecideConflict>::new();
    let constitute = ServerAction::<Constitute>::new();
    let close = ServerAction::<CloseScoring>::new();
    let declare = ServerAction::<DeclareConflict>::new();
    let attend = ServerAction::<SetAttendance>::new();
    let invite = ServerAction::<InviteMembers>::new();
    let answer = ServerAction::<AnswerInvitation>::new();
    let reopen = ServerAction::<ReopenSheet>::new();
    // Reloaded after each action that succeeds; a refused one keeps what was typed and shows
    // why beside it.
    let changed = RwSignal::new(0u32);
    refresh_on_success(add, changed);
    refresh_on_success(decide, changed);
    refresh_on_success(constitute, changed);
    refresh_on_success(close, changed);
    refresh_on_success(declare, changed);
    refresh_on_success(attend, changed);
    refresh_on_success(invite, changed);
    refresh_on_success(answer, changed);
    refresh_on_success(reopen, changed);
    let view_res = Resource::new(move || (id.get(), changed.get()), |(id, _)| get_council(id));
    let actions = Actions {
        add,
        decide,
        constitute,
        close,
        declare,
        attend,
        invite,
        answer,
        reopen,
    };
    view! {
        <Transition fallback=|| ()>
            {move || view_res.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(c) => view! { <Council c actions /> }.into_any(),
            })}
        </Transition>
    }
}

/// The council page's actions: each refreshes the council when it succeeds.
#[derive(Clone, Copy)]
pub(crate) struct Actions {
    add: ServerAction<AddMember>,
    decide: ServerAction<DecideConflict>,
    constitute: ServerAction<Constitute>,
    close: ServerAction<CloseScoring>,
    declare: ServerAction<DeclareConflict>,
    attend: ServerAction<SetAttendance>,
    invite: ServerAction<InviteMembers>,
    answer: ServerAction<AnswerInvitation>,
    reopen: ServerAction<ReopenSheet>,
}
