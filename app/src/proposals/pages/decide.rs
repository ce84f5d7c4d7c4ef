//! The department's panels on a proposal: the officer records the identification council's
//! conclusion in the council's wording; the leader approves or declines the item.

use domain::proposal::Recommendation;
use leptos::prelude::*;

use super::editor::{WordingFields, WordingSignals};
use crate::components::{action_error, refresh_on_success, ErrorBox, FieldError};
use crate::i18n::t;
use crate::proposals::api::{DecideProposal, ProposalView, RecommendProposal};

#[component]
pub fn RecommendPanel(p: ProposalView, changed: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<RecommendProposal>::new();
    refresh_on_success(action, changed);
    let error = action_error(action.value());
    // The council starts from its earlier conclusion, or from the proposer's words.
    let start = p
        .recommendation
        .clone()
        .map_or(p.form.wording.clone(), |r| r.wording);
    let w = WordingSignals::new(&start);
    // The conclusion follows the council's count; an earlier record shows as it was.
    let counted = p
        .council
        .as_ref()
        .and_then(|c| c.count.as_ref())
        .map(|n| n.order);
    let order = RwSignal::new(
        p.recommendation
            .as_ref()
            .map(|r| r.order)
            .or(counted)
            .unwrap_or(true),
    );
    let note = RwSignal::new(p.recommendation.map(|r| r.note).unwrap_or_default());
    let id = p.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(RecommendProposal {
            id,
            recommendation: Recommendation {
                order: order.get_untracked(),
                wording: w.read(),
                note: note.get_untracked(),
            },
        });
    };
    view! {
        <section class="panel" data-testid="recommend-panel">
            <h2>{t("Ghi kết luận của hội đồng tư vấn xác định nhiệm vụ", "Record the identification council's conclusion")}</h2>
            <form novalidate on:submit=submit>
                <fieldset>
                    <legend>{t("Hội đồng đề nghị", "The council recommends")}</legend>
                    <label class="check"><input type="radio" name="order" data-testid="order-yes" prop:checked=move || order.get() on:change=move |_| order.set(true) />{t("Đặt hàng", "Ordering it")}</label>
                    <label class="check"><input type="radio" name="order" data-testid="order-no" prop:checked=move || !order.get() on:change=move |_| order.set(false) />{t("Không đặt hàng", "Not ordering it")}</label>
                </fieldset>
                <p class="hint">{t("Tên, mục tiêu, sản phẩm và phương thức theo lời văn của hội đồng:", "The title, objectives, products and method as the council worded them:")}</p>
                <WordingFields w error />
                <label for="council-note">{t("Ý kiến, lý do của hội đồng", "The council's reasons")}</label>
                <textarea id="council-note" data-testid="council-note" rows="3" bind:value=note></textarea>
                <FieldError error field="note" />
                <FieldError error field="order" />
                <FieldError error field="status" />
                <ErrorBox error />
                <button type="submit" class="button" data-testid="save-recommendation" disabled=move || action.pending().get()>{t("Ghi kết luận", "Record")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn DecidePanel(id: i32, changed: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<DecideProposal>::new();
    refresh_on_success(action, changed);
    let error = action_error(action.value());
    let reason = RwSignal::new(String::new());
    let decide = move |approve: bool| {
        action.dispatch(DecideProposal {
            id,
            approve,
            reason: reason.get_untracked(),
        });
    };
    view! {
        <section class="panel" data-testid="decide-panel">
            <h2>{t("Phê duyệt nhiệm vụ đặt hàng", "Decide on the ordered item")}</h2>
            <label for="decide-reason">{t("Ý kiến (bắt buộc khi không phê duyệt)", "Reason (required to decline)")}</label>
            <textarea id="decide-reason" data-testid="decide-reason" rows="2" bind:value=reason></textarea>
            <FieldError error field="reason" />
            <FieldError error field="status" />
            <ErrorBox error />
            <button class="button" data-testid="approve-item" disabled=move || action.pending().get() on:click=move |_| decide(true)>
                {t("Phê duyệt vào danh mục", "Approve into the list")}
            </button>
            " "
            <button class="button secondary" data-testid="decline-item" disabled=move || action.pending().get() on:click=move |_| decide(false)>
                {t("Không phê duyệt", "Decline")}
            </button>
        </section>
    }
}
