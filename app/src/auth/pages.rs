//! Sign-in page and the account page (password and personal API tokens).

use domain::format::format_datetime;
use domain::glossary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::auth::api::{list_tokens, ChangePassword, CreateToken, Login, RevokeToken};
use crate::components::{action_error, ErrorBox, FieldError};
use crate::error::AppError;
use crate::i18n::{t, term, terms, use_lang};
use crate::use_session;

#[component]
pub fn LoginPage() -> impl IntoView {
    crate::components::mark_page_ready();
    let session = use_session();
    let login = ServerAction::<Login>::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = action_error(login.value());
    let navigate = use_navigate();
    let query = use_query_map();
    Effect::new(move |_| {
        if let Some(Ok(_)) = login.value().get() {
            session.refresh();
            // Only same-site paths, so the link cannot send people elsewhere.
            let next = query
                .get_untracked()
                .get("next")
                .filter(|n| domain::session::safe_next(n).is_some())
                .unwrap_or_else(|| "/".into());
            navigate(&next, Default::default());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        login.dispatch(Login {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    // A sign-in posted before the page woke up comes back with its reason's code.
    let refused = move || {
        query.read().get("error").map(|code| match code.as_str() {
            "credentials" => t(
                "Thư điện tử hoặc mật khẩu không đúng.",
                "Wrong e-mail or password.",
            ),
            "missing" => t(
                "Hãy nhập thư điện tử và mật khẩu.",
                "Enter your e-mail and password.",
            ),
            "throttled" => t(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
                "Too many failed attempts. Try again in a few minutes.",
            ),
            sso if sso.starts_with("sso_") => {
                let (vi, en) = sign_on_refusal(sso);
                t(vi, en)
            }
            _ => t(
                "Chưa đăng nhập được lúc này. Vui lòng thử lại.",
                "Could not sign in just now. Please try again.",
            ),
        })
    };
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <section class="panel narrow">
            <h1>{t("Đăng nhập", "Sign in")}</h1>
            {move || (login.value().get().is_none()).then(refused).flatten().map(|m| view! {
                <p class="alert error" role="alert" data-testid="login-refused">{m}</p>
            })}
            // Before hydration the browser posts the form to /login (never a GET with the
            // password in the address); once hydrated, `submit` calls the server function.
            <form method="post" action="/login" on:submit=submit data-testid="login-form" novalidate>
                <input type="hidden" name="next" value=next />
                <label for="email">{term(glossary::EMAIL)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required
                    bind:value=email data-testid="login-email" />
                <FieldError error=error field="email" />
                <label for="password">{t("Mật khẩu", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required
                    bind:value=password data-testid="login-password" />
                <FieldError error=error field="password" />
                <ErrorBox error=error />
                <button type="submit" class="button" data-testid="login-submit" disabled=move || login.pending().get()>
                    {t("Đăng nhập", "Sign in")}
                </button>
            </form>
            <SignOnLink next=next />
            <p><A href="/forgot-password" attr:data-testid="forgot-password">{t("Quên mật khẩu?", "Forgotten your password?")}</A></p>
            <p><A href="/register" attr:data-testid="register-link">{t("Chưa có tài khoản? Đăng ký", "No account yet? Register")}</A></p>
        </section>
    }
}

/// Why a single sign-on came back refused (docs/sign-on.md).
fn sign_on_refusal(code: &str) -> (&'static str, &'static str) {
    match code {
        "sso_unverified" => (
            "Nhà cung cấp định danh chưa xác minh địa chỉ thư điện tử của bạn, nên chưa thể đăng nhập. Hãy xác minh địa chỉ ở đó rồi thử lại, hoặc đăng nhập bằng mật khẩu.",
            "The identity provider has not verified your e-mail address, so you cannot sign in with it yet. Verify it there and try again, or sign in with your password.",
        ),
        "sso_no_email" => (
            "Nhà cung cấp định danh không cho biết địa chỉ thư điện tử của bạn. Hãy cho phép chia sẻ địa chỉ thư điện tử rồi thử lại.",
            "The identity provider did not share your e-mail address. Allow it to and try again.",
        ),
        "sso_disabled" => (
            "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.",
            "This account is disabled. Please contact the administrator.",
        ),
        "sso_linked" => (
            "Tài khoản có địa chỉ này đã được liên kết với một định danh khác của nhà cung cấp. Hãy đăng nhập bằng định danh đó hoặc bằng mật khẩu.",
            "The account with this address is already linked to another identity at the provider. Sign in with that identity or with your password.",
        ),
        "sso_expired" => (
            "Phiên đăng nhập một lần đã hết hạn hoặc đã được dùng. Vui lòng bấm đăng nhập lại.",
            "This single sign-on has expired or was already used. Please start again.",
        ),
        "sso_denied" => (
            "Bạn đã hủy đăng nhập tại nhà cung cấp định danh.",
            "The sign-in was cancelled at the identity provider.",
        ),
        "sso_unavailable" => (
            "Chưa kết nối được nhà cung cấp định danh. Vui lòng thử lại sau hoặc đăng nhập bằng mật khẩu.",
            "The identity provider cannot be reached. Try again later or sign in with your password.",
        ),
        _ => (
            "Nhà cung cấp định danh không xác nhận được lần đăng nhập này. Vui lòng thử lại.",
            "The identity provider could not confirm this sign-in. Please try again.",
        ),
    }
}

/// "Sign in with …" when a single sign-on provider is configured: a plain link the browser
/// follows (to the server, then the provider), before or after hydration alike.
#[component]
fn SignOnLink(next: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let session = use_session();
    let label = move || {
        session
            .info
            .get()
            .and_then(|r| r.ok())
            .and_then(|s| s.sign_on)
    };
    view! {
        <Transition fallback=|| ()>
            {move || label().map(|name| {
                let href = format!("/auth/sso/start?next={}", domain::session::query_value(&next()));
                view! {
                    <p class="sign-on">
                        <a class="button secondary" href=href rel="external" data-testid="sso-login">
                            {t("Đăng nhập bằng ", "Sign in with ")}{name}
                        </a>
                    </p>
                }
            })}
        </Transition>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    view! {
        <Transition fallback=|| ()>
            {move || session.info.get().map(|r| match r.ok().and_then(|s| s.me) {
                None => view! { <ErrorBox error=Signal::stored(Some(AppError::Unauthenticated)) /> }.into_any(),
                Some(me) => {
                    let roles = me.roles();
                    view! {
                        <section class="panel">
                            <h1>{t("Tài khoản của tôi", "My account")}</h1>
                            <dl class="facts">
                                <dt>{term(glossary::FULL_NAME)}</dt><dd>{me.display_name.clone()}</dd>
                                <dt>{term(glossary::EMAIL)}</dt><dd>{me.email.clone()}</dd>
                                <dt>{terms(glossary::ROLE)}</dt>
                                <dd>{move || roles.iter().map(|r| r.label(lang.get())).collect::<Vec<_>>().join(", ")}</dd>
                            </dl>
                            <p><A href="/profile/cv" attr:data-testid="cv-link">{t("Lý lịch khoa học của tôi", "My scientific CV")}</A></p>
                            <p><A href="/experts/apply" attr:data-testid="expert-apply-link">{t("Đăng ký làm chuyên gia (hội đồng tuyển chọn, nghiệm thu)", "Register as an expert (selection and acceptance councils)")}</A></p>
                            <p><A href="/my-organisation" attr:data-testid="my-organisation-link">{t("Tổ chức của tôi: đăng ký tổ chức hoặc xin gia nhập", "My organisation: register one or ask to join")}</A></p>
                        </section>
                        <ChangePasswordForm email=me.email.clone() />
                        <ApiTokens />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn ChangePasswordForm(email: String) -> impl IntoView {
    let lang = use_lang();
    let change = ServerAction::<ChangePassword>::new();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let server_error = action_error(change.value());
    // The same policy the server applies, checked as the user types.
    let policy = domain::password::PasswordPolicy::default();
    let live_problem = Memo::new(move |_| {
        let p = new_password.get();
        (!p.is_empty())
            .then(|| policy.check(&p, &email).err())
            .flatten()
    });
    let error = Signal::derive(move || {
        server_error.get().or_else(|| {
            live_problem
                .get()
                .map(|p| AppError::invalid("new_password", crate::error::Problem::Password(p)))
        })
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            current.set(String::new());
            new_password.set(String::new());
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        change.dispatch(ChangePassword {
            current: current.get_untracked(),
            new_password: new_password.get_untracked(),
        });
    };
    let done = move || matches!(change.value().get(), Some(Ok(())));
    view! {
        <section class="panel">
            <h2>{t("Đổi mật khẩu", "Change password")}</h2>
            <form on:submit=submit data-testid="password-form" novalidate>
                <label for="current">{t("Mật khẩu hiện tại", "Current password")}</label>
                <input id="current" type="password" autocomplete="current-password" bind:value=current />
                <FieldError error=error field="current" />
                <label for="new_password">{t("Mật khẩu mới", "New password")}</label>
                <input id="new_password" type="password" autocomplete="new-password" bind:value=new_password
                    aria-describedby="password-hint" />
                <p id="password-hint" class="hint">{move || match lang.get() {
                    domain::Lang::Vi => format!("Ít nhất {} ký tự; nên dùng một câu dễ nhớ.", policy.min_chars),
                    domain::Lang::En => format!("At least {} characters; a memorable phrase works well.", policy.min_chars),
                }}</p>
                <FieldError error=error field="new_password" />
                <ErrorBox error=server_error />
                <Show when=done>
                    <p class="alert ok" role="status" data-testid="password-changed">
                        {t("Đã đổi mật khẩu. Các phiên đăng nhập khác đã được kết thúc.", "Password changed. Your other sessions were signed out.")}
                    </p>
                </Show>
                <button type="submit" class="button" disabled=move || change.pending().get() || live_problem.get().is_some()>
                    {t("Đổi mật khẩu", "Change password")}
                </button>
            </form>
        </section>
    }
}

#[component]
fn ApiTokens() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let name = RwSignal::new(String::new());
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_tokens(),
    );
    let create_error = action_error(create.value());
    let revoke_error = action_error(revoke.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateToken {
            name: name.get_untracked(),
        });
    };
    view! {
        <section class="panel">
            <h2>{t("Mã truy cập API cá nhân", "Personal API tokens")}</h2>
            <p class="hint">{t(
                "Hệ thống khác và tập lệnh dùng mã này trong tiêu đề “Authorization: Bearer …” để làm mọi việc bạn làm được trên giao diện. Mã chỉ hiện một lần.",
                "Other systems and scripts send this token as “Authorization: Bearer …” to do whatever you can do in the interface. It is shown only once.",
            )}</p>
            <form on:submit=submit class="inline" data-testid="token-form" novalidate>
                <label for="token-name">{t("Tên mã (để nhận biết)", "Token name (to recognise it)")}</label>
                <input id="token-name" bind:value=name data-testid="token-name" />
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    {t("Tạo mã", "Create token")}
                </button>
            </form>
            <FieldError error=create_error field="name" />
            <ErrorBox error=create_error />
            <ErrorBox error=revoke_error />
            {move || create.value().get().and_then(|r| r.ok()).map(|n| view! {
                <div class="alert ok" role="status">
                    <p>{t("Mã mới (sao chép ngay, sẽ không hiện lại):", "New token (copy it now, it will not be shown again):")}</p>
                    <code class="secret" data-testid="new-token">{n.token}</code>
                </div>
            })}
            <Transition fallback=|| ()>
                {move || tokens.get().map(|r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">{t("Chưa có mã nào.", "No tokens yet.")}</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <table class="table" data-testid="token-list">
                            <thead><tr>
                                <th>{t("Tên", "Name")}</th>
                                <th>{t("Mã", "Token")}</th>
                                <th>{t("Tạo lúc", "Created")}</th>
                                <th>{t("Dùng lần cuối", "Last used")}</th>
                                <th>{t("Trạng thái", "Status")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|tok| {
                                    let id = tok.id;
                                    let live = tok.revoked_at.is_none();
                                    view! {
                                        <tr>
                                            <td>{tok.name}</td>
                                            <td><code>{tok.prefix}"…"</code></td>
                                            <td>{format_datetime(tok.created_at)}</td>
                                            <td>{tok.last_used_at.map(format_datetime).unwrap_or_default()}</td>
                                            <td>{move || if live {
                                                view! {
                                                    <button class="button small danger" on:click=move |_| { revoke.dispatch(RevokeToken { id }); }>
                                                        {t("Thu hồi", "Revoke")}
                                                    </button>
                                                }.into_any()
                                            } else {
                                                view! { <span class="muted">{lang.get().pick("Đã thu hồi", "Revoked")}</span> }.into_any()
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
