//! The CV editor (`/profile/cv`), checked in the browser as the person types, and the read-only
//! summary officers and reviewers see beside a dossier.

use domain::cv::{
    check, AcademicTitle, Degree, DegreeLevel, PastTask, Position, Publication, ScientificCv,
};
use domain::glossary;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{action_error, ErrorBox, FieldError};
use crate::cv::api::{my_cv, SaveCv};
use crate::fields::{anchor, number, remove_row, text_area, text_input, Problem, Touched};
use crate::i18n::{t, term, use_lang};

type Form = RwSignal<ScientificCv>;

/// A year field; an empty or unreadable entry is 0, which the check flags.
fn year_input(
    form: Form,
    path: String,
    get: impl Fn(&ScientificCv) -> Option<i32> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut ScientificCv, Option<i32>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <input id=anchor(&path) data-testid=anchor(&path) inputmode="numeric" maxlength="4" class="year"
            prop:value=move || form.with(|f| get(f).filter(|y| *y != 0).map(|y| y.to_string()).unwrap_or_default())
            on:input:target=move |ev| {
                let v = ev.target().value();
                let y = if v.trim().is_empty() { None } else { Some(number(&v).unwrap_or(0) as i32) };
                form.update(|f| set(f, y));
            } />
    }
}

#[component]
pub fn CvPage() -> impl IntoView {
    let loaded = Resource::new(|| (), |_| my_cv());
    view! {
        <Transition fallback=|| ()>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(v) => view! { <CvEditor initial=v.cv this_year=v.this_year /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn CvEditor(initial: ScientificCv, this_year: i32) -> impl IntoView {
    let lang = use_lang();
    let form: Form = RwSignal::new(initial);
    let touched = Touched::provide();
    let issues = Memo::new(move |_| form.with(|f| check(f, this_year)));
    let save = ServerAction::<SaveCv>::new();
    let error = action_error(save.value());
    let saved = move || save.value().get().is_some_and(|r| r.is_ok()) && !save.pending().get();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        touched.all();
        save.dispatch(SaveCv {
            cv: form.get_untracked(),
        });
    };
    view! {
        <form on:submit=submit on:focusout=move |ev| touched.mark(&ev) on:change=move |ev| touched.mark(&ev) class="editor" data-testid="cv-form" novalidate>
            <section class="panel">
                <h1>{t("Lý lịch khoa học", "Scientific CV")}</h1>
                <p class="hint">{t(
                    "Lý lịch dùng chung cho mọi hồ sơ bạn làm chủ nhiệm; mỗi lần nộp, hệ thống lưu kèm bản lý lịch lúc đó.",
                    "One CV for every application you lead; each submission keeps a copy of the CV as it was then.",
                )}</p>
                <label for="birth_year">{t("Năm sinh", "Year of birth")}</label>
                {year_input(form, "birth_year".into(), |f| Some(f.birth_year), |f, y| f.birth_year = y.unwrap_or(0))}
                <Problem issues path="birth_year".into() />
                <label for="academic_title">{t("Học hàm", "Academic title")}</label>
                <select id="academic_title" data-testid="academic_title" on:change:target=move |ev| {
                    let a = AcademicTitle::ALL.get(ev.target().selected_index().max(0) as usize).copied();
                    form.update(|f| if let Some(a) = a { f.academic_title = a });
                }>
                    {AcademicTitle::ALL.into_iter().map(|a| view! {
                        <option selected=move || form.with(|f| f.academic_title == a)>{move || a.label(lang.get())}</option>
                    }).collect_view()}
                </select>
                <label for="specialisation">{term(glossary::SPECIALISATION)}</label>
                {text_input(form, "specialisation".into(), |f| f.specialisation.clone(), |f, v| f.specialisation = v)}
            </section>

            <section class="panel" id="degrees">
                <h2>{t("Quá trình đào tạo (học vị)", "Degrees")}</h2>
                <For each=move || 0..form.with(|f| f.degrees.len()) key=|i| *i let:i>
                    <div class="row">
                        <select aria-label="Học vị / Degree" data-testid=format!("degrees-{i}-level") on:change:target=move |ev| {
                            let l = DegreeLevel::ALL.get(ev.target().selected_index().max(0) as usize).copied();
                            form.update(|f| if let (Some(d), Some(l)) = (f.degrees.get_mut(i), l) { d.level = l });
                        }>
                            {DegreeLevel::ALL.into_iter().map(|l| view! {
                                <option selected=move || form.with(|f| f.degrees.get(i).map(|d| d.level) == Some(l))>{move || l.label(lang.get())}</option>
                            }).collect_view()}
                        </select>
                        <label for=anchor(&format!("degrees.{i}.field"))>{term(glossary::SPECIALISATION)}</label>
                        {text_input(form, format!("degrees.{i}.field"), move |f| f.degrees.get(i).map(|d| d.field.clone()).unwrap_or_default(), move |f, v| if let Some(d) = f.degrees.get_mut(i) { d.field = v })}
                        <label for=anchor(&format!("degrees.{i}.institution"))>{t("Cơ sở đào tạo", "Institution")}</label>
                        {text_input(form, format!("degrees.{i}.institution"), move |f| f.degrees.get(i).map(|d| d.institution.clone()).unwrap_or_default(), move |f, v| if let Some(d) = f.degrees.get_mut(i) { d.institution = v })}
                        <label for=anchor(&format!("degrees.{i}.year"))>{t("Năm cấp", "Year")}</label>
                        {year_input(form, format!("degrees.{i}.year"), move |f| f.degrees.get(i).map(|d| d.year), move |f, y| if let Some(d) = f.degrees.get_mut(i) { d.year = y.unwrap_or(0) })}
                        <Problem issues path=format!("degrees.{i}.year") />
                        {remove_row("degrees", ("học vị", "degree"), i, move || form.update(|f| { if i < f.degrees.len() { f.degrees.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-degree"
                    on:click=move |_| form.update(|f| f.degrees.push(Degree::default()))>{t("+ Thêm học vị", "+ Add a degree")}</button>
            </section>

            <section class="panel" id="positions">
                <h2>{t("Quá trình công tác", "Positions")}</h2>
                <For each=move || 0..form.with(|f| f.positions.len()) key=|i| *i let:i>
                    <div class="row">
                        <label for=anchor(&format!("positions.{i}.title"))>{t("Chức danh, vị trí", "Position")}</label>
                        {text_input(form, format!("positions.{i}.title"), move |f| f.positions.get(i).map(|p| p.title.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.positions.get_mut(i) { p.title = v })}
                        <label for=anchor(&format!("positions.{i}.organisation"))>{t("Cơ quan", "Organisation")}</label>
                        {text_input(form, format!("positions.{i}.organisation"), move |f| f.positions.get(i).map(|p| p.organisation.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.positions.get_mut(i) { p.organisation = v })}
                        <label for=anchor(&format!("positions.{i}.from_year"))>{t("Từ năm", "From")}</label>
                        {year_input(form, format!("positions.{i}.from_year"), move |f| f.positions.get(i).map(|p| p.from_year), move |f, y| if let Some(p) = f.positions.get_mut(i) { p.from_year = y.unwrap_or(0) })}
                        <Problem issues path=format!("positions.{i}.from_year") />
                        <label for=anchor(&format!("positions.{i}.to_year"))>{t("Đến năm (để trống nếu hiện nay)", "To (empty if current)")}</label>
                        {year_input(form, format!("positions.{i}.to_year"), move |f| f.positions.get(i).and_then(|p| p.to_year), move |f, y| if let Some(p) = f.positions.get_mut(i) { p.to_year = y })}
                        <Problem issues path=format!("positions.{i}.to_year") />
                        {remove_row("positions", ("quá trình công tác", "position"), i, move || form.update(|f| { if i < f.positions.len() { f.positions.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-position"
                    on:click=move |_| form.update(|f| f.positions.push(Position::default()))>{t("+ Thêm quá trình công tác", "+ Add a position")}</button>
            </section>

            <section class="panel" id="publications">
                <h2>{t("Công trình công bố", "Publications")}</h2>
                <For each=move || 0..form.with(|f| f.publications.len()) key=|i| *i let:i>
                    <div class="row">
                        <label for=anchor(&format!("publications.{i}.citation"))>{t("Tác giả, tên công trình, nơi công bố", "Authors, title, venue")}</label>
                        {text_area(form, format!("publications.{i}.citation"), move |f| f.publications.get(i).map(|p| p.citation.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.publications.get_mut(i) { p.citation = v })}
                        <label for=anchor(&format!("publications.{i}.year"))>{t("Năm", "Year")}</label>
                        {year_input(form, format!("publications.{i}.year"), move |f| f.publications.get(i).map(|p| p.year), move |f, y| if let Some(p) = f.publications.get_mut(i) { p.year = y.unwrap_or(0) })}
                        <Problem issues path=format!("publications.{i}.year") />
                        {remove_row("publications", ("công trình", "publication"), i, move || form.update(|f| { if i < f.publications.len() { f.publications.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-publication"
                    on:click=move |_| form.update(|f| f.publications.push(Publication::default()))>{t("+ Thêm công trình", "+ Add a publication")}</button>
            </section>

            <section class="panel" id="past_tasks">
                <h2>{t("Nhiệm vụ KH&CN đã chủ trì hoặc tham gia", "S&T tasks led or joined")}</h2>
                <For each=move || 0..form.with(|f| f.past_tasks.len()) key=|i| *i let:i>
                    <div class="row">
                        <label for=anchor(&format!("past_tasks.{i}.title"))>{term(glossary::TASK_TITLE)}</label>
                        {text_input(form, format!("past_tasks.{i}.title"), move |f| f.past_tasks.get(i).map(|p| p.title.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.past_tasks.get_mut(i) { p.title = v })}
                        <label for=anchor(&format!("past_tasks.{i}.level"))>{t("Cấp quản lý", "Level")}</label>
                        {text_input(form, format!("past_tasks.{i}.level"), move |f| f.past_tasks.get(i).map(|p| p.level.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.past_tasks.get_mut(i) { p.level = v })}
                        <label for=anchor(&format!("past_tasks.{i}.role"))>{term(glossary::ROLE)}</label>
                        {text_input(form, format!("past_tasks.{i}.role"), move |f| f.past_tasks.get(i).map(|p| p.role.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.past_tasks.get_mut(i) { p.role = v })}
                        <label for=anchor(&format!("past_tasks.{i}.from_year"))>{t("Từ năm", "From")}</label>
                        {year_input(form, format!("past_tasks.{i}.from_year"), move |f| f.past_tasks.get(i).map(|p| p.from_year), move |f, y| if let Some(p) = f.past_tasks.get_mut(i) { p.from_year = y.unwrap_or(0) })}
                        <Problem issues path=format!("past_tasks.{i}.from_year") />
                        <label for=anchor(&format!("past_tasks.{i}.to_year"))>{t("Đến năm", "To")}</label>
                        {year_input(form, format!("past_tasks.{i}.to_year"), move |f| f.past_tasks.get(i).and_then(|p| p.to_year), move |f, y| if let Some(p) = f.past_tasks.get_mut(i) { p.to_year = y })}
                        <Problem issues path=format!("past_tasks.{i}.to_year") />
                        <label for=anchor(&format!("past_tasks.{i}.result"))>{term(glossary::RESULT)}</label>
                        {text_input(form, format!("past_tasks.{i}.result"), move |f| f.past_tasks.get(i).map(|p| p.result.clone()).unwrap_or_default(), move |f, v| if let Some(p) = f.past_tasks.get_mut(i) { p.result = v })}
                        {remove_row("past_tasks", ("nhiệm vụ đã chủ trì", "past task"), i, move || form.update(|f| { if i < f.past_tasks.len() { f.past_tasks.remove(i); } }))}
                    </div>
                </For>
                <button type="button" class="button secondary" data-testid="add-past-task"
                    on:click=move |_| form.update(|f| f.past_tasks.push(PastTask::default()))>{t("+ Thêm nhiệm vụ", "+ Add a task")}</button>
            </section>

            <section class="panel">
                <p data-testid="cv-issue-count">{move || {
                    let n = issues.with(Vec::len);
                    match (n, lang.get()) {
                        (0, l) => l.pick("Lý lịch đã đủ để nộp kèm hồ sơ.", "The CV is complete enough to accompany an application.").to_string(),
                        (n, domain::Lang::Vi) => format!("Còn {n} mục cần hoàn thiện (cần ít nhất học vị và quá trình công tác)."),
                        (n, domain::Lang::En) => format!("{n} item(s) to complete (degrees and positions are needed)."),
                    }
                }}</p>
                <FieldError error field="cv" />
                <ErrorBox error with_fields=true />
                <Show when=saved>
                    <p class="alert ok" role="status" data-testid="cv-saved">{t("Đã lưu lý lịch khoa học.", "CV saved.")}</p>
                </Show>
                <button type="submit" class="button" data-testid="save-cv" disabled=move || save.pending().get()>{t("Lưu lý lịch", "Save CV")}</button>
            </section>
        </form>
    }
}

/// A CV read-only, as officers and reviewers see it.
#[component]
pub fn CvSummary(cv: ScientificCv) -> impl IntoView {
    let lang = use_lang();
    let highest = domain::cv::highest_degree(&cv);
    let title = cv.academic_title;
    let span = |from: i32, to: Option<i32>| match to {
        Some(to) => format!("{from}–{to}"),
        None => format!("{from}–nay"),
    };
    view! {
        <div class="cv" data-testid="cv-summary">
            <dl class="facts">
                <dt>{t("Năm sinh", "Year of birth")}</dt><dd>{cv.birth_year}</dd>
                <dt>{term(glossary::TITLE_AND_DEGREE)}</dt>
                <dd>{move || {
                    let l = lang.get();
                    let mut parts = Vec::new();
                    if title != AcademicTitle::None { parts.push(title.label(l)); }
                    if let Some(d) = highest { parts.push(d.label(l)); }
                    parts.join(", ")
                }}</dd>
                <dt>{term(glossary::SPECIALISATION)}</dt><dd>{cv.specialisation.clone()}</dd>
            </dl>
            <h3>{t("Quá trình công tác", "Positions")}</h3>
            <ul>{cv.positions.iter().map(|p| view! { <li>{span(p.from_year, p.to_year)}": "{p.title.clone()}", "{p.organisation.clone()}</li> }).collect_view()}</ul>
            <h3>{t("Nhiệm vụ đã chủ trì, tham gia", "Tasks led or joined")}</h3>
            <ul>{cv.past_tasks.iter().map(|p| view! { <li>{span(p.from_year, p.to_year)}": "{p.title.clone()}" ("{p.level.clone()}", "{p.role.clone()}") "{p.result.clone()}</li> }).collect_view()}</ul>
            <h3>{t("Công trình công bố", "Publications")}</h3>
            <ul>{cv.publications.iter().map(|p| view! { <li>{p.year}": "{p.citation.clone()}</li> }).collect_view()}</ul>
        </div>
    }
}
