//! Administration pages: accounts, roles and organisations.

use domain::format::format_date;
use domain::glossary;
use domain::roles::Role;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::{Form, A};

use crate::admin::api::{
    get_user, list_organisations, list_users, CreateOrganisation, CreateUser, GrantRole,
    OrganisationRow, RevokeRole, SetUserActive, UserRow,
};
use crate::admin::units::SetManagingUnit;
use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::i18n::{t, term, terms, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
fn SearchBox(q: Memo<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Form method="GET" action="">
            <div class="inline">
                <label for="q" class="sr-only">{t("Tìm kiếm", "Search")}</label>
                <input id="q" name="q" type="search" prop:value=move || q.get()
                    placeholder=move || lang.get().pick("Tìm theo tên, thư điện tử…", "Search by name, e-mail…") />
                <button type="submit" class="button secondary">{t("Tìm", "Search")}</button>
            </div>
        </Form>
    }
}

fn role_select_options(lang: crate::i18n::UiLang) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.code()>{move || r.label(lang.get())}</option> })
        .collect_view()
}

/// Organisations to pick from, narrowed by a search box so no page lists them all.
#[component]
pub(crate) fn OrganisationPicker(selected: RwSignal<String>, id: &'static str) -> impl IntoView {
    let lang = use_lang();
    let search = RwSignal::new(String::new());
    let orgs = Resource::new(move || search.get(), |q| list_organisations(q, 1));
    view! {
        <div class="inline">
            <input type="search" bind:value=search
                aria-label=move || lang.get().pick("Lọc danh sách tổ chức", "Filter organisations")
                placeholder=move || lang.get().pick("Gõ để lọc tổ chức…", "Type to filter…") />
            <select id=id on:change:target=move |ev| selected.set(ev.target().value())>
                <option value="">{t("— Không —", "— None —")}</option>
                <Transition fallback=|| ()>
                    {move || orgs.get().and_then(|r| r.ok()).map(|p| p.items.into_iter().map(|o| {
                        let value = o.id.to_string();
                        let is_selected = selected.get_untracked() == value;
                        view! { <option value=value selected=is_selected>{o.name}</option> }
                    }).collect_view())}
                </Transition>
            </select>
        </div>
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let (q, page) = query_and_page();
    let create = ServerAction::<CreateUser>::new();
    let users = Resource::new(
        move || (q.get(), page.get(), create.version().get()),
        |(q, p, _)| list_users(q, p),
    );
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let org = RwSignal::new(String::new());
    let error = action_error(create.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateUser {
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            organisation_id: org.get_untracked().parse().ok(),
            role: Role::from_code(&role.get_untracked()),
        });
    };
    view! {
        <section class="panel">
            <h1>{t("Người dùng", "Users")}</h1>
            <SearchBox q />
            <PagedList list=users empty=("Không có người dùng nào khớp.", "No matching users.")
                empty_testid="users-empty" render={move |items: Vec<UserRow>| view! {
                        <table class="table" data-testid="user-list">
                            <thead><tr>
                                <th>{term(glossary::FULL_NAME)}</th>
                                <th>{term(glossary::EMAIL)}</th>
                                <th>{term(glossary::ORGANISATION)}</th>
                                <th>{terms(glossary::ROLE)}</th>
                                <th>{t("Trạng thái", "Status")}</th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|u| {
                                    let roles = u.roles.clone();
                                    view! {
                                        <tr>
                                            <td><A href=format!("/admin/users/{}", u.id)>{u.display_name}</A></td>
                                            <td>{u.email}</td>
                                            <td>{u.organisation.unwrap_or_default()}</td>
                                            <td>{move || roles.iter().map(|r| r.label(lang.get())).collect::<Vec<_>>().join(", ")}</td>
                                            <td>{move || if u.active { lang.get().pick("Hoạt động", "Active") } else { lang.get().pick("Đã khóa", "Disabled") }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                }} />
        </section>
        <section class="panel">
            <h2>{term(glossary::CREATE_ACCOUNT)}</h2>
            <form on:submit=submit data-testid="create-user-form" novalidate>
                <label for="new-email">{term(glossary::EMAIL)}</label>
                <input id="new-email" type="email" bind:value=email />
                <FieldError error=error field="email" />
                <label for="new-name">{term(glossary::FULL_NAME)}</label>
                <input id="new-name" bind:value=name />
                <FieldError error=error field="display_name" />
                <label for="new-org">{term(glossary::ORGANISATION)}</label>
                <OrganisationPicker selected=org id="new-org" />
                <FieldError error=error field="organisation_id" />
                <label for="new-role">{t("Vai trò ban đầu", "Initial role")}</label>
                <select id="new-role" on:change:target=move |ev| role.set(ev.target().value())>
                    <option value="">{t("— Chưa gán —", "— None yet —")}</option>
                    {role_select_options(lang)}
                </select>
                <FieldError error=error field="role" />
                <ErrorBox error=error />
                <button type="submit" class="button" disabled=move || create.pending().get()>
                    {term(glossary::CREATE_ACCOUNT)}
                </button>
            </form>
            {move || create.value().get().and_then(|r| r.ok()).map(|c| view! {
                <div class="alert ok" role="status">
                    <p>{t(
                        "Đã tạo tài khoản. Mật khẩu tạm thời (trao cho người dùng; họ phải đổi khi đăng nhập lần đầu):",
                        "Account created. Temporary password (give it to the user; they must change it at first sign-in):",
                    )}</p>
                    <code class="secret" data-testid="temporary-password">{c.temporary_password}</code>
                    <A href=format!("/admin/users/{}", c.id)>{t("Mở tài khoản", "Open account")}</A>
                </div>
            })}
        </section>
    }
}

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn UserPage() -> impl IntoView {
    let lang = use_lang();
    let id = route_id();
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let user = Resource::new(
        move || {
            (
                id.get(),
                grant.version().get(),
                revoke.version().get(),
                set_active.version().get(),
            )
        },
        |(id, ..)| get_user(id),
    );
    let role = RwSignal::new(Role::Researcher.code().to_string());
    let org = RwSignal::new(String::new());
    let grant_error = action_error(grant.value());
    let revoke_error = action_error(revoke.value());
    let active_error = action_error(set_active.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if let Some(r) = Role::from_code(&role.get_untracked()) {
            grant.dispatch(GrantRole {
                user_id: id.get_untracked(),
                role: r,
                organisation_id: org.get_untracked().parse().ok(),
            });
        }
    };
    view! {
        <Transition fallback=|| ()>
            {move || user.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(u) => {
                    let active = u.active;
                    view! {
                        <section class="panel">
                            <h1>{u.display_name.clone()}</h1>
                            <dl class="facts">
                                <dt>{term(glossary::EMAIL)}</dt><dd>{u.email.clone()}</dd>
                                <dt>{term(glossary::ORGANISATION)}</dt><dd>{u.organisation.clone().unwrap_or_default()}</dd>
                                <dt>{t("Tạo ngày", "Created")}</dt><dd>{format_date(u.created_at)}</dd>
                                <dt>{t("Trạng thái", "Status")}</dt>
                                <dd>{move || if active { lang.get().pick("Hoạt động", "Active") } else { lang.get().pick("Đã khóa", "Disabled") }}</dd>
                            </dl>
                            <button class="button secondary" on:click=move |_| { set_active.dispatch(SetUserActive { id: id.get_untracked(), active: !active }); }>
                                {move || if active { lang.get().pick("Khóa tài khoản", "Disable account") } else { lang.get().pick("Mở khóa tài khoản", "Enable account") }}
                            </button>
                            <FieldError error=active_error field="active" />
                            <ErrorBox error=active_error />
                        </section>
                        <section class="panel">
                            <h2>{terms(glossary::ROLE)}</h2>
                            <ul class="grant-list" data-testid="grant-list">
                                {u.grants.into_iter().map(|g| {
                                    let grant_id = g.id;
                                    let scope = g.scope_name.clone();
                                    view! {
                                        <li>
                                            {move || g.grant.label(lang.get())}
                                            {scope.map(|s| format!(" — {s}"))}
                                            " "
                                            <button class="button small danger" on:click=move |_| { revoke.dispatch(RevokeRole { grant_id }); }>
                                                {t("Gỡ", "Remove")}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <FieldError error=revoke_error field="role" />
                            <ErrorBox error=revoke_error />
                            <form on:submit=submit data-testid="grant-form" novalidate>
                                <label for="grant-role">{t("Thêm vai trò", "Add a role")}</label>
                                <select id="grant-role" on:change:target=move |ev| role.set(ev.target().value())>
                                    {role_select_options(lang)}
                                </select>
                                <label for="grant-org">{t("Phạm vi: tổ chức (tổ chức chủ trì; chuyên viên, lãnh đạo, kế toán, chủ tài khoản của một đơn vị quản lý)", "Scope: organisation (a host organisation; a managing unit's officer, leader, accountant or account holder)")}</label>
                                <OrganisationPicker selected=org id="grant-org" />
                                <FieldError error=grant_error field="role" />
                                <FieldError error=grant_error field="organisation_id" />
                                <ErrorBox error=grant_error />
                                <button type="submit" class="button" disabled=move || grant.pending().get()>{t("Gán vai trò", "Grant role")}</button>
                            </form>
                        </section>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// The organisations of one page, each with its managing-unit mark and the button that
/// changes it.
#[component]
fn OrganisationTable(
    items: Vec<OrganisationRow>,
    mark: ServerAction<SetManagingUnit>,
) -> impl IntoView {
    view! {
        <table class="table" data-testid="organisation-list">
            <thead><tr>
                <th>{t("Tên", "Name")}</th>
                <th>{t("Tên viết tắt", "Short name")}</th>
                <th>{t("Mã số thuế", "Tax code")}</th>
                <th>{t("Địa chỉ", "Address")}</th>
                <th>{t("Đơn vị quản lý nhiệm vụ cơ sở", "Managing unit")}</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|o| {
                    let (id, manages) = (o.id, o.manages_tasks);
                    view! {
                    <tr>
                        <td><A href=format!("/organisations/{}", o.id)>{o.name}</A></td>
                        <td>{o.short_name.unwrap_or_default()}</td>
                        <td>{o.tax_code.unwrap_or_default()}</td>
                        <td>{o.address.unwrap_or_default()}</td>
                        <td>
                            {manages.then(|| t("Có", "Yes"))}
                            " "
                            <button class="button small secondary" data-testid=format!("managing-{id}")
                                on:click=move |_| { mark.dispatch(SetManagingUnit { organisation_id: id, manages: !manages }); }>
                                {if manages { t("Bỏ đánh dấu", "Unmark") } else { t("Đánh dấu", "Mark") }}
                            </button>
                        </td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let (q, page) = query_and_page();
    let create = ServerAction::<CreateOrganisation>::new();
    let mark = ServerAction::<SetManagingUnit>::new();
    let mark_error = action_error(mark.value());
    let orgs = Resource::new(
        move || {
            (
                q.get(),
                page.get(),
                create.version().get(),
                mark.version().get(),
            )
        },
        |(q, p, ..)| list_organisations(q, p),
    );
    let name = RwSignal::new(String::new());
    let short_name = RwSignal::new(String::new());
    let tax_code = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let error = action_error(create.value());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateOrganisation {
            name: name.get_untracked(),
            short_name: short_name.get_untracked(),
            tax_code: tax_code.get_untracked(),
            address: address.get_untracked(),
        });
    };
    view! {
        <section class="panel">
            <h1>{terms(glossary::ORGANISATION)}</h1>
            <SearchBox q />
            <FieldError error=mark_error field="manages" />
            <ErrorBox error=mark_error />
            <PagedList list=orgs empty=("Chưa có tổ chức nào khớp.", "No matching organisations.")
                empty_testid="organisations-empty" render={move |items: Vec<OrganisationRow>| view! {
                    <OrganisationTable items mark />
                }} />
        </section>
        <section class="panel">
            <h2>{t("Thêm tổ chức", "Add an organisation")}</h2>
            <form on:submit=submit data-testid="create-organisation-form" novalidate>
                <label for="org-name">{t("Tên tổ chức", "Name")}</label>
                <input id="org-name" bind:value=name />
                <FieldError error=error field="name" />
                <label for="org-short">{t("Tên viết tắt", "Short name")}</label>
                <input id="org-short" bind:value=short_name />
                <FieldError error=error field="short_name" />
                <label for="org-tax">{t("Mã số thuế", "Tax code")}</label>
                <input id="org-tax" bind:value=tax_code />
                <FieldError error=error field="tax_code" />
                <label for="org-address">{t("Địa chỉ", "Address")}</label>
                <input id="org-address" bind:value=address />
                <FieldError error=error field="address" />
                <ErrorBox error=error />
                <button type="submit" class="button" disabled=move || create.pending().get()>{t("Thêm", "Add")}</button>
            </form>
        </section>
    }
}
