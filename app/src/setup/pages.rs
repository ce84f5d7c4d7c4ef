//! The first administrator's account, created through the one-time link printed at start.

use domain::glossary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, term};
use crate::setup::api::CompleteSetup;
use crate::use_session;

#[component]
pub fn SetupPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let setup = ServerAction::<CompleteSetup>::new();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = action_error(setup.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = setup.value().get() {
            session.refresh();
            navigate("/admin/organisations", Default::default());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        setup.dispatch(CompleteSetup {
            token: query.get_untracked().get("token").unwrap_or_default(),
            display_name: name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    view! {
        <section class="panel narrow">
            <h1>{t("Thiết lập lần đầu", "First-time setup")}</h1>
            <p>{t(
                "Tạo tài khoản quản trị viên đầu tiên. Liên kết này chỉ dùng được một lần và có hạn.",
                "Create the first administrator account. This link works once and expires.",
            )}</p>
            <form on:submit=submit data-testid="setup-form" novalidate>
                <label for="name">{term(glossary::FULL_NAME)}</label>
                <input id="name" bind:value=name autocomplete="name" />
                <FieldError error=error field="display_name" />
                <label for="email">{term(glossary::EMAIL)}</label>
                <input id="email" type="email" bind:value=email autocomplete="username" />
                <FieldError error=error field="email" />
                <label for="password">{t("Mật khẩu", "Password")}</label>
                <input id="password" type="password" bind:value=password autocomplete="new-password" />
                <FieldError error=error field="password" />
                <ErrorBox error=error />
                <button type="submit" class="button" disabled=move || setup.pending().get()>
                    {t("Tạo quản trị viên", "Create administrator")}
                </button>
            </form>
        </section>
    }
}
