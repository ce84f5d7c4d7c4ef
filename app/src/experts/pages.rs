//! `/experts`: the expert database for officers: search, add by hand or from a researcher's
//! CV, correct an entry, and see who sat on which council.

use domain::expert::ExpertForm;
use domain::glossary;
use leptos::prelude::*;

use crate::components::{action_error, ActionsHeader, ErrorBox, FieldError};
use crate::experts::api::{list_experts, ExpertFromResearcher, ExpertRow, SaveExpert};
use crate::i18n::{t, term, terms, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn ExpertsPage() -> impl IntoView {
    let (q, page) = query_and_page();
    let save = ServerAction::<SaveExpert>::new();
    let import = ServerAction::<ExpertFromResearcher>::new();
    let decide = ServerAction::<super::applying::DecideExpert>::new();
    let list = Resource::new(
        move || {
            (
                q.get(),
                page.get(),
                save.version().get(),
                import.version().get(),
                decide.version().get(),
            )
        },
        |(q, p, ..)| list_experts(q, p),
    );
    // The entry being corrected (None: a new one), and the form's fields.
    let editing = RwSignal::new(None::<i32>);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let organisation = RwSignal::new(String::new());
    let fields = RwSignal::new(String::new());
    let degree = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let edit = move |row: ExpertRow| {
        editing.set(Some(row.id));
        name.set(row.form.name);
        email.set(row.form.email);
        organisation.set(row.form.organisation);
        fields.set(row.form.fields.join("; "));
        degree.set(row.form.degree);
        note.set(row.form.note);
    };
    let save_error = action_error(save.value());
    let import_error = action_error(import.value());
    let researcher = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            editing.set(None);
            for s in [name, email, organisation, fields, degree, note] {
                s.set(String::new());
            }
        }
    });
    view! {
        <section class="panel">
            <h1>{t("Cơ sở dữ liệu chuyên gia", "Expert database")}</h1>
            <leptos_router::components::Form method="GET" action="">
                <div class="inline filters">
                    <label>{t("Tìm theo tên, tổ chức, chuyên ngành", "Search by name, organisation, field")}
                        <input type="search" name="q" data-testid="expert-search" prop:value=move || q.get() />
                    </label>
                    <button type="submit" class="button secondary">{t("Tìm", "Search")}</button>
                </div>
            </leptos_router::components::Form>
            <PagedList list empty=("Chưa có chuyên gia nào phù hợp.", "No matching expert.") empty_testid="experts-empty"
                render={move |items: Vec<ExpertRow>| view! { <ExpertTable items edit /> }} />
        </section>
        <super::apply_pages::PendingExperts decide />
        <section class="panel">
            <h2>{move || if editing.get().is_some() { t("Sửa thông tin chuyên gia", "Correct an expert").into_any() } else { t("Thêm chuyên gia", "Add an expert").into_any() }}</h2>
            <form data-testid="expert-form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(SaveExpert {
                    id: editing.get_untracked(),
                    form: ExpertForm {
                        name: name.get_untracked(),
                        email: email.get_untracked(),
                        organisation: organisation.get_untracked(),
                        fields: fields.get_untracked().split(';').map(str::to_string).collect(),
                        degree: degree.get_untracked(),
                        note: note.get_untracked(),
                    },
                });
            }>
                <label for="expert-name">{term(glossary::FULL_NAME)}</label>
                <input id="expert-name" data-testid="expert-name" bind:value=name />
                <FieldError error=save_error field="name" />
                <label for="expert-degree">{term(glossary::TITLE_AND_DEGREE)}</label>
                <input id="expert-degree" data-testid="expert-degree" bind:value=degree />
                <label for="expert-organisation">{t("Cơ quan công tác", "Organisation")}</label>
                <input id="expert-organisation" data-testid="expert-organisation" bind:value=organisation />
                <label for="expert-fields">{t("Chuyên ngành (cách nhau bằng dấu ;)", "Fields (separated by ;)")}</label>
                <input id="expert-fields" data-testid="expert-fields" bind:value=fields />
                <FieldError error=save_error field="fields" />
                <label for="expert-email">{t("Thư điện tử của tài khoản (để mời vào hội đồng)", "Account e-mail (to seat them on councils)")}</label>
                <input id="expert-email" data-testid="expert-email" type="email" bind:value=email />
                <FieldError error=save_error field="email" />
                <label for="expert-note">{t("Ghi chú", "Note")}</label>
                <textarea id="expert-note" rows="2" prop:value=move || note.get() on:input:target=move |ev| note.set(ev.target().value())></textarea>
                <ErrorBox error=save_error />
                <button type="submit" class="button" data-testid="save-expert">{t("Lưu", "Save")}</button>
            </form>
        </section>
        <section class="panel">
            <h2>{t("Thêm từ lý lịch khoa học của nhà khoa học", "Add from a researcher's scientific CV")}</h2>
            <form class="inline filters" on:submit=move |ev| { ev.prevent_default(); import.dispatch(ExpertFromResearcher { email: researcher.get_untracked() }); }>
                <label>{t("Thư điện tử của nhà khoa học", "Researcher's e-mail")}
                    <input type="email" data-testid="researcher-email" bind:value=researcher />
                </label>
                <button type="submit" class="button secondary" data-testid="import-expert">{t("Thêm", "Add")}</button>
            </form>
            <FieldError error=import_error field="email" />
            <ErrorBox error=import_error />
        </section>
    }
}

#[component]
fn ExpertTable<F>(items: Vec<ExpertRow>, edit: F) -> impl IntoView
where
    F: Fn(ExpertRow) + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    view! {
        <table class="table" data-testid="expert-list">
            <thead><tr>
                <th>{term(glossary::FULL_NAME)}</th>
                <th>{t("Cơ quan", "Organisation")}</th>
                <th>{terms(glossary::SPECIALISATION)}</th>
                <th>{t("Hội đồng đã tham gia", "Councils sat on")}</th>
                <ActionsHeader />
            </tr></thead>
            <tbody>
                {items.into_iter().map(|e| {
                    let row = e.clone();
                    let count = e.council_count;
                    view! {
                        <tr data-testid="expert">
                            <td>
                                {if e.form.degree.is_empty() { e.form.name.clone() } else { format!("{} {}", e.form.degree, e.form.name) }}
                                {(!e.has_account).then(|| view! { " " <span class="badge">{t("chưa có tài khoản", "no account")}</span> })}
                            </td>
                            <td>{e.form.organisation.clone()}</td>
                            <td>{e.form.fields.join("; ")}</td>
                            <td data-testid="expert-councils">{move || match lang.get() {
                                domain::Lang::Vi => format!("{count} hội đồng"),
                                domain::Lang::En => format!("{count} councils"),
                            }}{(!e.councils.is_empty()).then(|| format!(": {}", e.councils.join("; ")))}</td>
                            <td><button class="link" data-testid="edit-expert" on:click=move |_| edit(row.clone())>{t("Sửa", "Edit")}</button></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
