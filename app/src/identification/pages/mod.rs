//! Pages of identification councils: forming one from a round's page, the council's page
//! (`/proposals/councils/:id`) and a member's ballot (`…/ballots/:proposal`).

mod ballot;
mod council;

pub use ballot::BallotPage;
pub use council::IdentificationPage;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{action_error, refresh_on_success, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::identification::api::{CreateIdentification, IdentificationRow, WaitingProposal};

/// On a round's page, for the officer: the round's councils, and a new one for the proposals
/// that wait (all ticked to start with).
#[component]
pub fn FormCouncilPanel(
    round: i32,
    councils: Vec<IdentificationRow>,
    waiting: Vec<WaitingProposal>,
    changed: RwSignal<u32>,
    manage: bool,
) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<CreateIdentification>::new();
    refresh_on_success(action, changed);
    let error = action_error(action.value());
    let name = RwSignal::new(String::new());
    let picked: Vec<(WaitingProposal, RwSignal<bool>)> = waiting
        .into_iter()
        .map(|w| (w, RwSignal::new(true)))
        .collect();
    let chosen = picked.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let proposal_ids = chosen
            .iter()
            .filter(|(_, on)| on.get_untracked())
            .map(|(w, _)| w.id)
            .collect();
        action.dispatch(CreateIdentification {
            round_id: round,
            name: name.get_untracked(),
            proposal_ids,
        });
    };
    view! {
        <section class="panel" data-testid="identification-panel">
            <h2>{t("Hội đồng tư vấn xác định nhiệm vụ", "Identification councils")}</h2>
            <ul data-testid="identification-councils">
                {councils.into_iter().map(|c| view! {
                    <li><A href=format!("/proposals/councils/{}", c.id) attr:data-testid="identification-link">{c.name.clone()}</A>
                        " · "{move || c.status.label(lang.get())}</li>
                }).collect_view()}
            </ul>
            {(manage && !picked.is_empty()).then(|| view! {
                <form novalidate on:submit=submit>
                    <h3>{t("Thành lập hội đồng cho các đề xuất đang chờ", "Form a council for the proposals waiting")}</h3>
                    <fieldset data-testid="waiting-proposals">
                        <legend>{t("Đề xuất hội đồng xem xét", "Proposals it judges")}</legend>
                        {picked.into_iter().map(|(w, on)| view! {
                            <label class="check"><input type="checkbox" data-testid="waiting-proposal" prop:checked=move || on.get() on:change:target=move |ev| on.set(ev.target().checked()) />
                                {format!("{} · {}", w.receipt_code.unwrap_or_default(), w.title)}</label>
                        }).collect_view()}
                    </fieldset>
                    <FieldError error field="proposal_ids" />
                    <label for="identification-name">{t("Tên hội đồng", "Council name")}</label>
                    <input id="identification-name" data-testid="identification-name" bind:value=name />
                    <FieldError error field="name" />
                    <ErrorBox error />
                    <button type="submit" class="button" data-testid="form-identification" disabled=move || action.pending().get()>{t("Thành lập hội đồng", "Form the council")}</button>
                </form>
            })}
        </section>
    }
}
