//! Steps that cannot be taken back ask once more, and every step taken says so.

use leptos::html;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;

/// A button whose step cannot be undone (withdraw, approve a payment, decide validity): the
/// first press asks the question beside it with "Xác nhận" and "Hủy" (focus on "Xác nhận"), the
/// second takes the step. Test ids: `{id}`, then `{id}-confirm` and `{id}-cancel`.
#[component]
pub fn ConfirmButton(
    id: &'static str,
    /// The button's classes: `button`, `button danger`, `button secondary`.
    class: &'static str,
    label: (&'static str, &'static str),
    question: (&'static str, &'static str),
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let yes = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = yes.get() {
            let _ = button.focus();
        }
    });
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class=class data-testid=id disabled=move || disabled.get()
                on:click=move |_| asking.set(true)>{t(label.0, label.1)}</button>
        }>
            <span class="confirm" role="group" data-testid=format!("{id}-question")>
                <span>{t(question.0, question.1)}</span>
                " "
                <button type="button" class=class node_ref=yes data-testid=format!("{id}-confirm")
                    on:click=move |_| { asking.set(false); on_confirm.run(()); }>{t("Xác nhận", "Confirm")}</button>
                " "
                <button type="button" class="button ghost" data-testid=format!("{id}-cancel")
                    on:click=move |_| asking.set(false)>{t("Hủy", "Cancel")}</button>
            </span>
        </Show>
    }
}

/// What a step did, said once it succeeded (`role="status"`, read out by screen readers).
#[component]
pub fn Done<T>(
    /// The action's value.
    #[prop(into)]
    value: Signal<Option<Result<T, AppError>>>,
    /// The test id of the message.
    id: &'static str,
    message: (&'static str, &'static str),
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    move || {
        matches!(value.get(), Some(Ok(_))).then(|| {
            view! { <p class="alert ok" role="status" data-testid=id>{t(message.0, message.1)}</p> }
        })
    }
}
