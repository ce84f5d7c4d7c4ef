//! Registering oneself (`/register`), confirming the address (`/confirm-email?token=…`), and
//! one's organisation (`/my-organisation`): register a new one, or ask to join one.

use domain::format::format_date;
use domain::glossary;
use domain::registration::{OrganisationApplication, RequestState};
use domain::Lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{
    find_organisations, my_standing, ConfirmEmail, OrganisationStanding, Register,
    RequestMembership, RequestOrganisation,
};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, term, use_lang};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let lang = RwSignal::new("vi".to_string());
    let error = action_error(register.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        register.dispatch(Register {
            display_name: name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            repeat: repeat.get_untracked(),
            lang: Lang::from_code(&lang.get_untracked()),
        });
    };
    let sent = move || matches!(register.value().get(), Some(Ok(())));
    view! {
        <section class="panel narrow">
            <h1>{t("Đăng ký tài khoản", "Register")}</h1>
            <Show when=sent fallback=move || view! {
                <p>{t(
                    "Nhà khoa học đăng ký để nộp hồ sơ. Sau khi đăng ký, mở thư xác nhận gửi tới địa chỉ của bạn để kích hoạt tài khoản.",
                    "Researchers register to apply. After registering, open the confirmation mail sent to your address to activate the account.",
                )}</p>
                <form on:submit=submit data-testid="register-form" novalidate>
                    <label for="display-name">{t("Họ và tên", "Full name")}</label>
                    <input id="display-name" autocomplete="name" bind:value=name data-testid="register-name" />
                    <FieldError error=error field="display_name" />
                    <label for="email">{term(glossary::EMAIL)}</label>
                    <input id="email" type="email" autocomplete="email" bind:value=email data-testid="register-email" />
                    <FieldError error=error field="email" />
                    <label for="password">{t("Mật khẩu", "Password")}</label>
                    <input id="password" type="password" autocomplete="new-password" bind:value=password data-testid="register-password" />
                    <FieldError error=error field="password" />
                    <label for="repeat">{t("Nhập lại mật khẩu", "Password again")}</label>
                    <input id="repeat" type="password" autocomplete="new-password" bind:value=repeat data-testid="register-repeat" />
                    <FieldError error=error field="repeat" />
                    <label for="mail-lang">{t("Ngôn ngữ của thư gửi tới bạn", "Language of your mail")}</label>
                    <select id="mail-lang" bind:value=lang data-testid="register-lang">
                        <option value="vi">"Tiếng Việt"</option>
                        <option value="en">"English"</option>
                    </select>
                    <ErrorBox error=error />
                    <button type="submit" class="button" data-testid="register-submit" disabled=move || register.pending().get()>
                        {t("Đăng ký", "Register")}
                    </button>
                </form>
            }>
                <p class="alert success" role="status" data-testid="register-sent">{t(
                    "Đã gửi thư xác nhận. Mở liên kết trong thư (có hạn 24 giờ) để kích hoạt tài khoản. Nếu địa chỉ này đã có tài khoản, thư sẽ hướng dẫn đặt lại mật khẩu.",
                    "A confirmation mail is on its way. Open its link (valid 24 hours) to activate the account. If this address already has an account, the mail explains how to reset its password.",
                )}</p>
            </Show>
            <p><A href="/login">{t("Đã có tài khoản? Đăng nhập", "Have an account? Sign in")}</A></p>
        </section>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmEmail>::new();
    let error = action_error(confirm.value());
    // A button, not an automatic confirmation: a mail scanner opening the link must not
    // confirm on the person's behalf.
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        confirm.dispatch(ConfirmEmail {
            token: query.get_untracked().get("token").unwrap_or_default(),
        });
    };
    let done = move || matches!(confirm.value().get(), Some(Ok(())));
    view! {
        <section class="panel narrow">
            <h1>{t("Xác nhận địa chỉ thư điện tử", "Confirm your e-mail address")}</h1>
            <Show when=done fallback=move || view! {
                <form on:submit=submit data-testid="confirm-form" novalidate>
                    <FieldError error=error field="token" />
                    <ErrorBox error=error />
                    <button type="submit" class="button" data-testid="confirm-submit" disabled=move || confirm.pending().get()>
                        {t("Xác nhận và kích hoạt tài khoản", "Confirm and activate the account")}
                    </button>
                </form>
            }>
                <p class="alert success" role="status" data-testid="confirm-done">{t(
                    "Tài khoản đã được kích hoạt. Đăng nhập bằng địa chỉ và mật khẩu đã đăng ký để nộp hồ sơ.",
                    "The account is active. Sign in with the address and password you registered to apply.",
                )}</p>
                <p><A href="/login" attr:data-testid="confirm-login">{t("Đăng nhập", "Sign in")}</A></p>
            </Show>
        </section>
    }
}

#[component]
pub fn MyOrganisationPage() -> impl IntoView {
    let ask_org = ServerAction::<RequestOrganisation>::new();
    let ask_join = ServerAction::<RequestMembership>::new();
    // Read again only once a request is made: a refused one keeps the form and what was typed.
    let made = RwSignal::new(0u32);
    Effect::new(move |_| {
        let org = matches!(ask_org.value().get(), Some(Ok(_)));
        let join = matches!(ask_join.value().get(), Some(Ok(_)));
        if org || join {
            made.update(|n| *n += 1);
        }
    });
    let standing = Resource::new(move || made.get(), |_| my_standing());
    view! {
        <section class="panel">
            <h1>{t("Tổ chức của tôi", "My organisation")}</h1>
            <Transition fallback=|| ()>
                {move || standing.get().map(|r| match r {
                    Ok(s) => view! { <Standing s ask_org ask_join /> }.into_any(),
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Standing(
    s: OrganisationStanding,
    ask_org: ServerAction<RequestOrganisation>,
    ask_join: ServerAction<RequestMembership>,
) -> impl IntoView {
    let lang = use_lang();
    let pending = |st: RequestState| st == RequestState::Pending;
    let waiting = s
        .organisation_request
        .as_ref()
        .is_some_and(|r| pending(r.state))
        || s.membership_request
            .as_ref()
            .is_some_and(|r| pending(r.state));
    let org = s.organisation_request.map(|r| {
        let state = r.state;
        view! {
            <p data-testid="organisation-request">
                {t("Đăng ký tổ chức", "Organisation registration")}" «"{r.name}"» ("{r.tax_code}"): "
                <strong data-testid="organisation-request-state">{move || state.label(lang.get())}</strong>
                {r.reason.map(|x| view! { " — "{x} })}
                " ("{format_date(r.created_at)}")"
            </p>
        }
    });
    let join = s.membership_request.map(|r| {
        let state = r.state;
        view! {
            <p data-testid="membership-request">
                {t("Xin gia nhập", "Request to join")}" «"{r.organisation}"»: "
                <strong data-testid="membership-request-state">{move || state.label(lang.get())}</strong>
                {r.reason.map(|x| view! { " — "{x} })}
                " ("{format_date(r.created_at)}")"
            </p>
        }
    });
    let free = s.organisation.is_none() && !waiting;
    view! {
        {match s.organisation {
            Some(name) => view! { <p data-testid="my-organisation">{t("Bạn là thành viên của", "You belong to")}" «"{name}"»."</p> }.into_any(),
            None => view! { <p data-testid="my-organisation">{t("Bạn chưa thuộc tổ chức nào.", "You belong to no organisation yet.")}</p> }.into_any(),
        }}
        {org}
        {join}
        {free.then(|| view! { <JoinForm ask_join /> <OrganisationForm ask_org /> })}
    }
}

#[component]
fn JoinForm(ask_join: ServerAction<RequestMembership>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let error = action_error(ask_join.value());
    let found = Resource::new(move || query.get(), find_organisations);
    let ask = move |id: i32| {
        ask_join.dispatch(RequestMembership {
            organisation_id: id,
        });
    };
    view! {
        <section class="panel" data-testid="join-form">
            <h2>{t("Xin gia nhập một tổ chức", "Ask to join an organisation")}</h2>
            <p class="muted">{t(
                "Người đại diện của tổ chức sẽ duyệt yêu cầu. Tổ chức của bạn sẽ chủ trì hồ sơ bạn nộp.",
                "The organisation's representative approves the request. Your organisation hosts the dossiers you submit.",
            )}</p>
            <label for="join-query">{t("Tìm theo tên hoặc mã số thuế (ít nhất 2 ký tự)", "Search by name or tax code (2 characters or more)")}</label>
            <input id="join-query" type="search" bind:value=query data-testid="join-query" />
            <FieldError error=error field="organisation_id" />
            <ErrorBox error=error />
            <Transition fallback=|| ()>
                {move || found.get().and_then(Result::ok).map(|list| view! {
                    <ul class="choices">
                        {list.into_iter().map(|o| {
                            let id = o.id;
                            view! {
                                <li data-testid="join-choice">
                                    {o.name}" ("{o.tax_code}") "
                                    <button type="button" class="button secondary" disabled=move || ask_join.pending().get()
                                        on:click=move |_| ask(id)>
                                        {t("Xin gia nhập", "Ask to join")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </Transition>
        </section>
    }
}

#[component]
fn OrganisationForm(ask_org: ServerAction<RequestOrganisation>) -> impl IntoView {
    let fields: [(&'static str, (&'static str, &'static str)); 6] = [
        ("tax_code", ("Mã số thuế", "Tax code")),
        ("name", ("Tên tổ chức", "Name")),
        ("short_name", ("Tên viết tắt", "Short name")),
        ("address", ("Địa chỉ", "Address")),
        (
            "representative_title",
            (
                "Chức vụ của bạn (người đại diện)",
                "Your title (the representative)",
            ),
        ),
        ("phone", ("Điện thoại", "Phone")),
    ];
    let values: [RwSignal<String>; 6] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let error = action_error(ask_org.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let v = |i: usize| values[i].get_untracked();
        ask_org.dispatch(RequestOrganisation {
            application: OrganisationApplication {
                tax_code: v(0),
                name: v(1),
                short_name: v(2),
                address: v(3),
                representative_title: v(4),
                phone: v(5),
            },
        });
    };
    view! {
        <section class="panel" data-testid="organisation-form">
            <h2>{t("Đăng ký tổ chức mới", "Register a new organisation")}</h2>
            <p class="muted">{t(
                "Bạn đăng ký với tư cách người đại diện của tổ chức. Sở Khoa học và Công nghệ duyệt đăng ký; sau đó bạn xác nhận hồ sơ và duyệt thành viên cho tổ chức.",
                "You register as the organisation's representative. The department approves the registration; you then confirm dossiers and approve staff for it.",
            )}</p>
            <form on:submit=submit novalidate>
                {fields.into_iter().zip(values).map(|((field, (vi, en)), value)| {
                    let id = format!("org-{field}");
                    view! {
                        <label for=id.clone()>{t(vi, en)}</label>
                        <input id=id bind:value=value data-testid=format!("org-{field}") />
                        <FieldError error=error field=field />
                    }
                }).collect_view()}
                <ErrorBox error=error />
                <button type="submit" class="button" data-testid="org-submit" disabled=move || ask_org.pending().get()>
                    {t("Gửi đăng ký tổ chức", "Send the registration")}
                </button>
            </form>
        </section>
    }
}
