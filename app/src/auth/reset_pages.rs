//! A forgotten password: asking for the link (`/forgot-password`) and choosing the new password
//! from it (`/reset-password?token=…`).

use domain::glossary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::auth::api::{RequestReset, ResetPassword};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, term};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let ask = ServerAction::<RequestReset>::new();
    let email = RwSignal::new(String::new());
    let error = action_error(ask.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        ask.dispatch(RequestReset {
            email: email.get_untracked(),
        });
    };
    let sent = move || matches!(ask.value().get(), Some(Ok(())));
    view! {
        <section class="panel narrow">
            <h1>{t("Quên mật khẩu", "Forgotten password")}</h1>
            <Show when=sent fallback=move || view! {
                <p>{t(
                    "Nhập thư điện tử của tài khoản. Chúng tôi gửi tới đó một liên kết để đặt mật khẩu mới.",
                    "Enter your account's e-mail. We send it a link to choose a new password.",
                )}</p>
                <form on:submit=submit data-testid="forgot-form" novalidate>
                    <label for="email">{term(glossary::EMAIL)}</label>
                    <input id="email" type="email" autocomplete="username" bind:value=email data-testid="forgot-email" />
                    <FieldError error=error field="email" />
                    <ErrorBox error=error />
                    <button type="submit" class="button" data-testid="forgot-submit" disabled=move || ask.pending().get()>
                        {t("Gửi liên kết", "Send the link")}
                    </button>
                </form>
            }>
                <p class="alert success" role="status" data-testid="forgot-sent">{t(
                    "Nếu địa chỉ này có tài khoản, thư có liên kết đặt lại mật khẩu đã được gửi. Liên kết dùng được một lần và có hạn.",
                    "If this address has an account, a mail with a reset link is on its way. The link works once and expires.",
                )}</p>
            </Show>
            <p><A href="/login">{t("Quay lại đăng nhập", "Back to sign in")}</A></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let reset = ServerAction::<ResetPassword>::new();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = action_error(reset.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        reset.dispatch(ResetPassword {
            token: query.get_untracked().get("token").unwrap_or_default(),
            new_password: password.get_untracked(),
            repeat: repeat.get_untracked(),
        });
    };
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <section class="panel narrow">
            <h1>{t("Đặt mật khẩu mới", "Choose a new password")}</h1>
            <Show when=done fallback=move || view! {
                <form on:submit=submit data-testid="reset-form" novalidate>
                    <FieldError error=error field="token" />
                    <label for="new-password">{t("Mật khẩu mới", "New password")}</label>
                    <input id="new-password" type="password" autocomplete="new-password"
                        bind:value=password data-testid="reset-password" />
                    <FieldError error=error field="new_password" />
                    <label for="repeat">{t("Nhập lại mật khẩu mới", "New password again")}</label>
                    <input id="repeat" type="password" autocomplete="new-password"
                        bind:value=repeat data-testid="reset-repeat" />
                    <FieldError error=error field="repeat" />
                    <ErrorBox error=error />
                    <button type="submit" class="button" data-testid="reset-submit" disabled=move || reset.pending().get()>
                        {t("Đặt mật khẩu", "Set the password")}
                    </button>
                </form>
            }>
                <p class="alert success" role="status" data-testid="reset-done">{t(
                    "Đã đặt mật khẩu mới. Mọi phiên đăng nhập và mã truy cập API cũ đã bị hủy.",
                    "The new password is set. Every earlier sign-in and API token has been ended.",
                )}</p>
                <p><A href="/login" attr:data-testid="reset-login">{t("Đăng nhập", "Sign in")}</A></p>
            </Show>
        </section>
    }
}
