//! Registering oneself as an expert (`/experts/apply`), and the officers' list of those who
//! wait (on `/experts`).

use domain::registration::RequestState;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use super::applying::{
    expert_applications, my_expert_entry, ApplyAsExpert, DecideExpert, ExpertApplication,
};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};

#[component]
pub fn ApplyExpertPage() -> impl IntoView {
    let apply = ServerAction::<ApplyAsExpert>::new();
    // Read again once the registration is made: a refused one keeps what was typed.
    let made = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = apply.value().get() {
            made.update(|n| *n += 1);
        }
    });
    let entry = Resource::new(move || made.get(), |_| my_expert_entry());
    view! {
        <section class="panel">
            <h1>{t("Đăng ký làm chuyên gia", "Register as an expert")}</h1>
            <p class="muted">{t(
                "Thông tin lấy từ lý lịch khoa học của bạn; Sở Khoa học và Công nghệ xem xét và chấp nhận đăng ký. Chuyên gia được mời vào các hội đồng tuyển chọn, nghiệm thu.",
                "Your entry is drawn from your scientific CV; the department reviews and accepts it. Experts are invited onto selection and acceptance councils.",
            )}</p>
            <Transition fallback=|| ()>
                {move || entry.get().map(|r| match r {
                    Ok(Some(e)) if e.state != RequestState::Refused => view! { <Entry e /> }.into_any(),
                    Ok(previous) => view! {
                        {previous.map(|e| view! { <Entry e /> })}
                        <ApplyForm apply />
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Entry(e: ExpertApplication) -> impl IntoView {
    let lang = use_lang();
    let state = e.state;
    view! {
        <dl class="facts" data-testid="expert-entry">
            <dt>{t("Trạng thái", "State")}</dt>
            <dd data-testid="expert-entry-state">{move || state.label(lang.get())}{e.reason.map(|r| format!(" — {r}"))}</dd>
            <dt>{t("Chuyên ngành", "Fields")}</dt><dd>{e.fields.join("; ")}</dd>
            <dt>{t("Từ khóa chuyên môn", "Keywords")}</dt><dd>{e.keywords}</dd>
        </dl>
    }
}

#[component]
fn ApplyForm(apply: ServerAction<ApplyAsExpert>) -> impl IntoView {
    let fields = RwSignal::new(String::new());
    let keywords = RwSignal::new(String::new());
    let error = action_error(apply.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        apply.dispatch(ApplyAsExpert {
            fields: fields
                .get_untracked()
                .split(';')
                .map(str::to_string)
                .collect(),
            keywords: keywords.get_untracked(),
        });
    };
    view! {
        <form on:submit=submit data-testid="expert-apply-form" novalidate>
            <label for="apply-fields">{t("Chuyên ngành (cách nhau bằng dấu ;; để trống: theo lý lịch)", "Fields (separated by ;; empty: from your CV)")}</label>
            <input id="apply-fields" bind:value=fields data-testid="apply-fields" />
            <FieldError error=error field="fields" />
            <label for="apply-keywords">{t("Từ khóa chuyên môn", "Expertise keywords")}</label>
            <input id="apply-keywords" bind:value=keywords data-testid="apply-keywords" />
            <FieldError error=error field="keywords" />
            <ErrorBox error=error />
            <p class="muted"><A href="/profile/cv">{t("Xem, cập nhật lý lịch khoa học", "See or update your scientific CV")}</A></p>
            <button type="submit" class="button" data-testid="apply-submit" disabled=move || apply.pending().get()>
                {t("Gửi đăng ký", "Send the registration")}
            </button>
        </form>
    }
}

/// Experts waiting for the department, for whoever may decide (others see nothing).
#[component]
pub fn PendingExperts(decide: ServerAction<DecideExpert>) -> impl IntoView {
    let error = action_error(decide.value());
    let list = Resource::new(move || decide.version().get(), |_| expert_applications(1));
    view! {
        <Transition fallback=|| ()>
            {move || list.get().and_then(Result::ok).filter(|p| p.total > 0).map(|p| view! {
                <section class="panel" data-testid="expert-applications">
                    <h2>{t("Chuyên gia tự đăng ký chờ duyệt", "Experts waiting for acceptance")}</h2>
                    <ErrorBox error=error />
                    <ul class="requests">
                        {p.items.into_iter().map(|e| view! { <Pending e decide error /> }).collect_view()}
                    </ul>
                </section>
            })}
        </Transition>
    }
}

#[component]
fn Pending(
    e: ExpertApplication,
    decide: ServerAction<DecideExpert>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let id = e.id;
    let on_decide = Callback::new(move |verdict| {
        decide.dispatch(DecideExpert { id, verdict });
    });
    let pending = Signal::derive(move || decide.pending().get());
    view! {
        <li data-testid="expert-application">
            <h3>{e.name}" — "{e.degree}</h3>
            <p>{e.email}", "{e.organisation}</p>
            <p>{t("Chuyên ngành", "Fields")}": "{e.fields.join("; ")}". "{t("Từ khóa", "Keywords")}": "{e.keywords}</p>
            <crate::registration::decide_pages::Decision on_decide pending error />
        </li>
    }
}
