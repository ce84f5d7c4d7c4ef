//! The frame every page shares and the small pieces forms and lists reuse.

use domain::glossary;
use domain::roles::{Permission, Scope};
use domain::Lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::auth::api::{Logout, Me, SetLanguage};
use crate::error::AppError;
use crate::i18n::{t, terms, use_lang};
use crate::use_session;

/// Marks the page interactive (`data-hydrated="true"` on the app element, which end-to-end tests
/// wait for) once the calling view has hydrated. Every route's view calls it: a lazily loaded
/// page hydrates after the layout around it, so the layout cannot tell.
pub fn mark_page_ready() {
    Effect::new(move |_| {
        #[cfg(not(feature = "ssr"))]
        if let Ok(Some(app)) = document().query_selector("[data-testid=app]") {
            let _ = app.set_attribute("data-hydrated", "true");
        }
    });
}

/// The header of a table's column of buttons: named for screen readers, blank to the eye.
#[component]
pub fn ActionsHeader() -> impl IntoView {
    view! { <th><span class="sr-only">{t("Thao tác", "Actions")}</span></th> }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = use_session();
    let lang = use_lang();
    let demo = move || {
        session
            .info
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|s| s.demo)
    };
    view! {
        <div class="app" data-testid="app" data-hydrated="false">
            <a class="skip" href="#main">{t("Bỏ qua điều hướng", "Skip to content")}</a>
            // The session is read by the closure right under the Transition, so the server waits
            // for it before rendering the banner (a `Show` read it too late: now and then the
            // server sent no banner while the browser, holding the session, expected one, and
            // hydration stopped).
            <Transition fallback=|| ()>
                {move || demo().then(|| view! {
                    <section class="demo-banner" aria-label=move || lang.get().pick("Bản trình diễn", "Demonstration") data-testid="demo-banner">
                        <strong>"DEMO"</strong>
                        {t(
                            " · Dữ liệu mô phỏng một tỉnh, không phải dữ liệu thật. Tài khoản mẫu được liệt kê trong README.",
                            " · Simulated province data, not real. Demo accounts are listed in the README.",
                        )}
                    </section>
                })}
            </Transition>
            <Header />
            <main id="main" class="main">
                {children()}
            </main>
            <footer class="footer">
                {t(
                    "Sở Khoa học và Công nghệ · Quỹ phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                    "Department of Science and Technology · Science, Technology, Innovation and Digital Transformation Fund",
                )}
            </footer>
        </div>
    }
}

fn current_me() -> Option<Me> {
    use_session()
        .info
        .get()
        .and_then(|r| r.ok())
        .and_then(|s| s.me)
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    view! {
        <header class="header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"KH"</span>
                <span>{t("Nhiệm vụ KH&CN · Quỹ", "S&T tasks · Fund")}</span>
            </A>
            <nav aria-label=move || lang.get().pick("Điều hướng chính", "Main navigation") data-testid="nav">
                <Transition fallback=|| ()>{move || view! { <NavLinks me=current_me() /> }}</Transition>
            </nav>
            <div class="header-tools">
                <LangToggle />
                <Transition fallback=|| ()>{move || view! { <UserMenu me=current_me() /> }}</Transition>
            </div>
        </header>
    }
}

#[component]
fn NavLinks(me: Option<Me>) -> impl IntoView {
    let admin = me.as_ref().is_some_and(|m| {
        domain::roles::allows(&m.grants, Permission::ViewAdministration, Scope::Global)
    });
    let signed_in = me.is_some();
    let may = |p| {
        me.as_ref()
            .is_some_and(|m| domain::roles::holds_somewhere(&m.grants, p))
    };
    let officer = may(Permission::ManageCalls);
    let proposals = may(Permission::ManageProposals)
        || may(Permission::ApproveOrders)
        || me
            .as_ref()
            .is_some_and(|m| domain::roles::confers(&m.grants, Permission::ProposeTasks));
    let checks = may(Permission::CheckApplications);
    let applies = may(Permission::SubmitApplications);
    let experts = may(Permission::ManageCouncils);
    let fund = may(Permission::ViewFund);
    let approves = may(Permission::ApproveTasks) || may(Permission::DraftContracts);
    let director = may(Permission::ApprovePayments);
    let registrations = may(Permission::ApproveRegistrations);
    let programme = may(Permission::ViewProgramme) || may(Permission::ReportIndicators);
    let councils = may(Permission::ManageCouncils)
        || me
            .as_ref()
            .is_some_and(|m| m.has(domain::roles::Role::CouncilMember));
    // A host organisation's account keeps its own organisation's details.
    let own_organisation = me.as_ref().and_then(|m| {
        domain::roles::hosted_organisations(&m.grants)
            .first()
            .copied()
    });
    view! {
        <ul class="nav">
            <li><A href="/" attr:data-testid="nav-home">{t("Trang chủ", "Home")}</A></li>
            <Show when=move || proposals>
                <li><A href="/proposals" attr:data-testid="nav-proposals">{t("Đề xuất đặt hàng", "Proposals")}</A></li>
            </Show>
            <Show when=move || officer>
                <li><A href="/calls" attr:data-testid="nav-calls">{terms(glossary::CALL)}</A></li>
            </Show>
            <Show when=move || checks>
                <li><A href="/applications/review" attr:data-testid="nav-review">{t("Hồ sơ đã nộp", "Submitted applications")}</A></li>
            </Show>
            <Show when=move || councils>
                <li><A href="/councils" attr:data-testid="nav-councils">{t("Hội đồng", "Councils")}</A></li>
            </Show>
            <Show when=move || approves>
                <li><A href="/tasks" attr:data-testid="nav-tasks">{t("Phê duyệt nhiệm vụ", "Task approval")}</A></li>
            </Show>
            <Show when=move || fund>
                <li><A href="/fund" attr:data-testid="nav-fund">{t("Quỹ", "Fund")}</A></li>
            </Show>
            <Show when=move || director>
                <li><A href="/payments" attr:data-testid="nav-payments">{t("Chờ duyệt chi", "To approve")}</A></li>
            </Show>
            <Show when=move || experts>
                <li><A href="/experts" attr:data-testid="nav-experts">{t("Chuyên gia", "Experts")}</A></li>
            </Show>
            <Show when=move || programme>
                <li><A href="/programme" attr:data-testid="nav-programme">{t("Chỉ tiêu chương trình", "Programme")}</A></li>
            </Show>
            <Show when=move || registrations>
                <li><A href="/registrations" attr:data-testid="nav-registrations">{t("Tổ chức đăng ký", "Registrations")}</A></li>
            </Show>
            <Show when=move || applies>
                <li><A href="/applications" attr:data-testid="nav-applications">{t("Hồ sơ của tôi", "My applications")}</A></li>
            </Show>
            {own_organisation.map(|id| view! {
                <li><A href="/applications/host" attr:data-testid="nav-host-queue">{t("Hồ sơ chờ xác nhận", "Awaiting confirmation")}</A></li>
                <li><A href=format!("/organisations/{id}") attr:data-testid="nav-own-organisation">{t("Tổ chức của tôi", "My organisation")}</A></li>
                <li><A href="/registrations/staff" attr:data-testid="nav-staff-requests">{t("Xin gia nhập", "Join requests")}</A></li>
            })}
            <Show when=move || admin>
                <li><A href="/admin/users" attr:data-testid="nav-users">{t("Người dùng", "Users")}</A></li>
                <li><A href="/admin/organisations" attr:data-testid="nav-organisations">{terms(glossary::ORGANISATION)}</A></li>
                <li><A href="/admin/rulebook" attr:data-testid="nav-rulebook">{t("Quy định", "Rulebook")}</A></li>
                <li><A href="/admin/audit" attr:data-testid="nav-audit">{t("Nhật ký", "Audit trail")}</A></li>
            </Show>
            <Show when=move || signed_in>
                <li><A href="/profile" attr:data-testid="nav-profile">{t("Tài khoản", "Account")}</A></li>
            </Show>
            <li><A href="/public/tasks" attr:data-testid="nav-public">{t("Nhiệm vụ công khai", "Funded tasks")}</A></li>
            <li><A href="/api" attr:data-testid="nav-api">{t("API", "API")}</A></li>
        </ul>
    }
}

#[component]
fn UserMenu(me: Option<Me>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let logout = ServerAction::<Logout>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            session.refresh();
            navigate("/", Default::default());
        }
    });
    match me {
        None => view! {
            <A href="/login" attr:class="button secondary" attr:data-testid="nav-login">{t("Đăng nhập", "Sign in")}</A>
        }
        .into_any(),
        Some(me) => {
            let grants = me.grants.clone();
            let roles_text =
                move || domain::roles::role_labels(&grants, lang.get()).join(", ");
            view! {
                <div class="user-menu">
                    <span class="user-name" data-testid="user-name">{me.display_name.clone()}</span>
                    <span class="user-roles" data-testid="user-roles">{roles_text}</span>
                    <Unread />
                    <button class="button secondary" data-testid="logout"
                        on:click=move |_| { logout.dispatch(Logout {}); }>
                        {t("Đăng xuất", "Sign out")}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

/// The link to the person's notifications, with how many are unread (from the session, counted
/// again when it is refreshed).
#[component]
fn Unread() -> impl IntoView {
    let session = use_session();
    let unread = move || {
        session
            .info
            .get()
            .and_then(Result::ok)
            .map_or(0, |s| s.unread)
    };
    view! {
        <A href="/notifications" attr:class="button ghost" attr:data-testid="nav-notifications">
            <span>{t("Thông báo", "Notifications")}</span>
            <Show when=move || { unread() > 0 }>
                <span class="badge count" data-testid="unread-count">{unread}</span>
            </Show>
        </A>
    }
}

#[component]
fn LangToggle() -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SetLanguage>::new();
    let toggle = move |_| {
        let next = lang.get_untracked().other();
        lang.set(next);
        #[cfg(not(feature = "ssr"))]
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", next.code());
        }
        save.dispatch(SetLanguage { lang: next });
    };
    view! {
        <button class="button ghost" data-testid="lang-toggle" on:click=toggle
            aria-label=move || lang.get().pick("Switch to English", "Chuyển sang tiếng Việt")>
            {move || match lang.get() { Lang::Vi => "EN", Lang::En => "VI" }}
        </button>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::mark_page_ready();
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="panel narrow" data-testid="not-found">
            <h1>{t("Không tìm thấy trang", "Page not found")}</h1>
            <p>{t(
                "Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ.",
                "The page you are looking for does not exist or has moved. Check the address.",
            )}</p>
            <A href="/">{t("Về trang chủ", "Back to the home page")}</A>
        </section>
    }
}

/// Shows an error that does not belong to one field; nothing when there is none. With
/// `with_fields`, field errors too: for actions (submit, publish) whose field is not on the page.
#[component]
pub fn ErrorBox(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] with_fields: bool,
) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    // Back to this page after signing in.
    let sign_in_href = move || {
        let mut params = leptos_router::params::ParamsMap::new();
        params.insert("next", location.pathname.get());
        format!("/login{}", params.to_query_string())
    };
    move || {
        // A browser that leaves mid-render disposes the action's signal first: nothing to show.
        error
            .try_get()
            .flatten()
            .filter(|e| with_fields || !matches!(e, AppError::Invalid { .. }))
            .map(|e| {
                let sign_in = matches!(e, AppError::Unauthenticated);
                view! {
                    <div class="alert error" role="alert" data-testid="error">
                        <p>{e.message(lang.get())}</p>
                        <Show when=move || sign_in>
                            <A href=sign_in_href attr:data-testid="error-sign-in">
                                {t("Đăng nhập", "Sign in")}
                            </A>
                        </Show>
                    </div>
                }
            })
    }
}

/// The message for one input, shown right under it. While it shows, the input before it is
/// marked `aria-invalid` and described by the message (`aria-describedby`), so a screen reader
/// reads the message with the field; both are removed once the error is gone.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] field: String,
) -> impl IntoView {
    let lang = use_lang();
    let slot = NodeRef::<leptos::html::Div>::new();
    let message_id = format!("error-{field}-{}", next_error_id());
    let shown = {
        let field = field.clone();
        // A browser that leaves mid-render disposes the action's signal first: nothing to show.
        Memo::new(move |_| {
            error
                .try_get()
                .flatten()
                .and_then(|e| e.for_field(&field).cloned())
        })
    };
    #[cfg(not(feature = "ssr"))]
    {
        let message_id = message_id.clone();
        Effect::new(move |_| {
            let on = shown.with(Option::is_some);
            if let Some(input) = slot.get().and_then(|s| field_before(&s)) {
                let _ = if on {
                    input
                        .set_attribute("aria-invalid", "true")
                        .and_then(|()| input.set_attribute("aria-describedby", &message_id))
                } else {
                    input
                        .remove_attribute("aria-invalid")
                        .and_then(|()| input.remove_attribute("aria-describedby"))
                };
            }
        });
    }
    view! {
        <div class="field-error-slot" node_ref=slot>
            // `try_get`: the same race as above, for the memo itself.
            {move || shown.try_get().flatten().map(|p| view! {
                <p class="field-error" role="alert" id=message_id.clone() data-testid=format!("error-{field}")>
                    {p.message(lang.get())}
                </p>
            })}
        </div>
    }
}

/// A number for each field message on the page, so their ids never repeat.
fn next_error_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The input, select or text area a field's message follows: the nearest one before it among
/// its siblings (itself or inside one), past other fields' messages.
#[cfg(not(feature = "ssr"))]
fn field_before(slot: &web_sys::Element) -> Option<web_sys::Element> {
    const FIELDS: &str = "input, select, textarea";
    let mut at = slot.previous_element_sibling();
    while let Some(el) = at {
        if el.matches(FIELDS).unwrap_or(false) {
            return Some(el);
        }
        if !el
            .class_name()
            .split_whitespace()
            .any(|c| c == "field-error-slot")
        {
            return el.query_selector(FIELDS).ok().flatten();
        }
        at = el.previous_element_sibling();
    }
    None
}

/// Page links for a list: keeps the other query parameters.
#[component]
pub fn Pager(page: u64, pages: u64, total: u64) -> impl IntoView {
    let lang = use_lang();
    // The links keep every filter in the address (search, status, call…) and change the page.
    let current = leptos_router::hooks::use_query_map().get_untracked();
    let href = move |p: u64| {
        let mut params = current.clone();
        params.insert("page", p.to_string());
        params.to_query_string()
    };
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pager" aria-label=move || lang.get().pick("Phân trang", "Pagination")>
            <span data-testid="pager-summary">
                {move || match lang.get() {
                    Lang::Vi => format!("Trang {page}/{pages} · {} bản ghi", domain::format::group_thousands(total as i64)),
                    Lang::En => format!("Page {page} of {pages} · {} records", domain::format::group_thousands(total as i64)),
                }}
            </span>
            {prev.map(|h| view! { <A href=h>{t("‹ Trước", "‹ Previous")}</A> })}
            {next.map(|h| view! { <A href=h>{t("Sau ›", "Next ›")}</A> })}
        </nav>
    }
}

/// The `:id` of the current route; 0 when missing or not a number, which the server answers with
/// 404 like any unknown id.
pub fn route_id() -> Memo<i32> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    })
}

/// The error of a finished action, if it failed.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.try_get().flatten().and_then(|r| r.err()))
}

/// Counts `action`'s successes in `changed`, which the page's resource reads.
pub fn refresh_on_success<A>(action: ServerAction<A>, changed: RwSignal<u32>)
where
    A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    A::Output: Send + Sync + 'static,
    A::Error: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            changed.update(|n| *n += 1);
        }
    });
}

/// A new idempotency key, made in the browser when the person first submits a form; kept for
/// retries of the same submission, replaced after it succeeds.
fn new_key(kind: &str) -> String {
    let r = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    format!("{kind}-{}-{r:x}", chrono::Utc::now().timestamp_millis())
}

/// The key of the form's current submission.
pub fn key_for(slot: StoredValue<Option<String>>, kind: &str) -> String {
    slot.get_value().unwrap_or_else(|| {
        let k = new_key(kind);
        slot.set_value(Some(k.clone()));
        k
    })
}
