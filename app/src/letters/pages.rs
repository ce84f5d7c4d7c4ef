//! `/calls/:id/letters`: the officer writes one letter to every applicant of the call, with the
//! fields filled from each dossier, confirms, and reads what was sent to whom and when; any
//! letter can be sent again.

use domain::format::format_datetime;
use domain::letter::{default_template, FIELDS};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api::{list_letters, LetterView, ResendLetter, SendLetters};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
pub fn LettersPage() -> impl IntoView {
    let params = use_params_map();
    let call_id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let (_, page) = query_and_page();
    let send = ServerAction::<SendLetters>::new();
    let resend = ServerAction::<ResendLetter>::new();
    let list = Resource::new(
        move || {
            (
                call_id(),
                page.get(),
                send.version().get(),
                resend.version().get(),
            )
        },
        |(id, p, _, _)| list_letters(id, p),
    );
    view! {
        <section class="panel">
            <h1>{t("Gửi thư cho người nộp hồ sơ", "Letters to the applicants")}</h1>
            <p><A href=move || format!("/calls/{}", call_id())>{t("← Về trang đợt", "← Back to the call")}</A></p>
            <Compose call_id=Signal::derive(call_id) send />
        </section>
        <section class="panel">
            <h2>{t("Thư đã gửi", "Letters sent")}</h2>
            <ErrorBox error=action_error(resend.value()) />
            <PagedList list empty=("Chưa gửi thư nào.", "No letters sent yet.") empty_testid="letters-empty"
                render={move |items: Vec<LetterView>| view! { <Sent items resend /> }} />
        </section>
    }
}

#[component]
fn Compose(call_id: Signal<i32>, send: ServerAction<SendLetters>) -> impl IntoView {
    let lang = use_lang();
    let (subject0, body0) = default_template();
    let subject = RwSignal::new(subject0);
    let body = RwSignal::new(body0);
    let confirming = RwSignal::new(false);
    let error = action_error(send.value());
    let go = move |_| {
        confirming.set(false);
        send.dispatch(SendLetters {
            call_id: call_id.get_untracked(),
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        });
    };
    let sent = move || match send.value().get() {
        Some(Ok(n)) => Some(n),
        _ => None,
    };
    view! {
        <label for="letter-subject">{t("Tiêu đề", "Subject")}</label>
        <input id="letter-subject" bind:value=subject data-testid="letter-subject" />
        <FieldError error=error field="subject" />
        <label for="letter-body">{t("Nội dung (các đoạn cách nhau một dòng trống)", "Text (paragraphs separated by a blank line)")}</label>
        <textarea id="letter-body" rows="10" bind:value=body data-testid="letter-body"></textarea>
        <FieldError error=error field="body" />
        <FieldError error=error field="call_id" />
        <details>
            <summary>{t("Các trường điền tự động", "Fields filled in for each")}</summary>
            <dl class="facts">
                {FIELDS.into_iter().map(|(name, vi, en)| view! {
                    <dt><code>{format!("{{{name}}}")}</code></dt>
                    <dd>{move || lang.get().pick(vi, en)}</dd>
                }).collect_view()}
            </dl>
        </details>
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="button" data-testid="letters-send" disabled=move || send.pending().get()
                on:click=move |_| confirming.set(true)>
                {t("Gửi cho mọi người nộp hồ sơ", "Send to every applicant")}
            </button>
        }>
            <p class="alert warn" role="alert">{t(
                "Thư sẽ được gửi tới mọi người đã nộp hồ sơ trong đợt (trừ hồ sơ nháp và đã rút). Gửi?",
                "The letter goes to everyone who sent a dossier to the call (not drafts, not withdrawn). Send it?",
            )}</p>
            <button type="button" class="button" data-testid="letters-confirm" on:click=go>{t("Xác nhận gửi", "Confirm and send")}</button>
            <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>{t("Hủy", "Cancel")}</button>
        </Show>
        {move || sent().map(|n| view! {
            <p class="alert success" role="status" data-testid="letters-sent">
                {move || lang.get().pick("Đã gửi", "Sent")}" "{n}" "{move || lang.get().pick("thư.", "letters.")}
            </p>
        })}
    }
}

#[component]
fn Sent(items: Vec<LetterView>, resend: ServerAction<ResendLetter>) -> impl IntoView {
    view! {
        <table class="table" data-testid="letters">
            <thead><tr>
                <th>{t("Người nhận", "To")}</th>
                <th>{t("Tiêu đề", "Subject")}</th>
                <th>{t("Gửi lúc", "Sent")}</th>
                <th>{t("Gửi lại", "Sent again")}</th>
                <th><span class="sr-only">{t("Thao tác", "Actions")}</span></th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|l| {
                    let id = l.id;
                    view! {
                        <tr data-testid="letter">
                            <td>{l.person}<br /><span class="muted">{l.to_address}</span></td>
                            <td><details><summary>{l.subject}</summary><pre class="letter">{l.body}</pre></details></td>
                            <td>{format_datetime(l.sent_at)}</td>
                            <td data-testid="letter-resent">{l.resent}{(l.resent > 0).then(|| format!(" ({})", format_datetime(l.last_sent_at)))}</td>
                            <td>
                                <button type="button" class="button secondary" data-testid="letter-resend"
                                    disabled=move || resend.pending().get()
                                    on:click=move |_| { resend.dispatch(ResendLetter { id }); }>
                                    {t("Gửi lại", "Send again")}
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
