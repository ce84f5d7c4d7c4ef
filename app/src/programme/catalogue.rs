//! The administrator's editor of the indicator catalogue (docs/programme.md, "Catalogue"): pick
//! an indicator to change, or none to add one; every field refused at its place.

use domain::programme::{format_figure, Comparison, Metric, Source};
use leptos::prelude::*;

use super::api::{IndicatorInput, IndicatorView, SaveIndicator};
use crate::admin::pages::OrganisationPicker;
use crate::components::{action_error, ErrorBox, FieldError};
use crate::i18n::{t, use_lang};

/// The form's fields, as text the person edits.
#[derive(Clone, Copy)]
struct Fields {
    code: RwSignal<String>,
    name: RwSignal<String>,
    name_en: RwSignal<String>,
    unit: RwSignal<String>,
    unit_en: RwSignal<String>,
    comparison: RwSignal<String>,
    target: RwSignal<String>,
    target_year: RwSignal<String>,
    source: RwSignal<String>,
    responsible: RwSignal<String>,
    public: RwSignal<bool>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            name_en: RwSignal::new(String::new()),
            unit: RwSignal::new(String::new()),
            unit_en: RwSignal::new(String::new()),
            comparison: RwSignal::new(Comparison::AtLeast.code().into()),
            target: RwSignal::new(String::new()),
            target_year: RwSignal::new("2030".into()),
            source: RwSignal::new(Source::Entered.code().into()),
            responsible: RwSignal::new(String::new()),
            public: RwSignal::new(true),
        }
    }

    fn load(&self, i: Option<&IndicatorView>) {
        let text = |s: &str| s.to_string();
        self.code.set(i.map_or_else(String::new, |i| text(&i.code)));
        self.name.set(i.map_or_else(String::new, |i| text(&i.name)));
        self.name_en
            .set(i.map_or_else(String::new, |i| text(&i.name_en)));
        self.unit.set(i.map_or_else(String::new, |i| text(&i.unit)));
        self.unit_en
            .set(i.map_or_else(String::new, |i| text(&i.unit_en)));
        self.comparison.set(
            i.map_or(Comparison::AtLeast, |i| i.comparison)
                .code()
                .into(),
        );
        self.target.set(i.map_or_else(String::new, |i| {
            format_figure(i.target, domain::Lang::Vi).replace('.', "")
        }));
        self.target_year
            .set(i.map_or(2030, |i| i.target_year).to_string());
        self.source
            .set(i.map_or(Source::Entered, |i| i.source).code().into());
        self.responsible.set(
            i.and_then(|i| i.responsible_unit_id)
                .map(|u| u.to_string())
                .unwrap_or_default(),
        );
        self.public.set(i.is_none_or(|i| i.public));
    }

    fn input(&self, id: Option<i32>) -> IndicatorInput {
        IndicatorInput {
            id,
            code: self.code.get_untracked(),
            name: self.name.get_untracked(),
            name_en: self.name_en.get_untracked(),
            unit: self.unit.get_untracked(),
            unit_en: self.unit_en.get_untracked(),
            comparison: self.comparison.get_untracked(),
            target: self.target.get_untracked(),
            target_year: self.target_year.get_untracked().trim().parse().unwrap_or(0),
            source: self.source.get_untracked(),
            responsible_unit_id: self.responsible.get_untracked().parse().ok(),
            public: self.public.get_untracked(),
        }
    }
}

#[component]
pub fn CatalogueEditor(
    indicators: Vec<IndicatorView>,
    done: WriteSignal<u32>,
    notice: super::entry::Notice,
) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveIndicator>::new();
    let error = action_error(save.value());
    let f = Fields::new();
    let editing = RwSignal::new(None::<i32>);
    let all = StoredValue::new(indicators.clone());
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            notice.set(Some((
                "Đã lưu chỉ tiêu.".into(),
                "The indicator is saved.".into(),
            )));
            done.update(|n| *n += 1);
        }
    });
    let pick = move |value: String| {
        let id = value.parse::<i32>().ok();
        editing.set(id);
        all.with_value(|list| f.load(id.and_then(|id| list.iter().find(|i| i.id == id))));
    };
    let text =
        move |label: (&'static str, &'static str), field: &'static str, value: RwSignal<String>| {
            view! {
                <label>{move || lang.get().pick(label.0, label.1)}
                    <input bind:value=value data-testid=format!("indicator-{field}") />
                </label>
                <FieldError error field=field />
            }
        };
    let sources =
        std::iter::once(Source::Entered).chain(Metric::ALL.into_iter().map(Source::Computed));
    view! {
        <section class="panel" data-testid="catalogue-editor">
            <h2>{t("Danh mục chỉ tiêu", "Indicator catalogue")}</h2>
            <label>{t("Chỉ tiêu cần sửa", "Indicator to change")}
                <select data-testid="indicator-pick" on:change:target=move |ev| pick(ev.target().value())>
                    <option value="">{t("— Thêm chỉ tiêu mới —", "— Add an indicator —")}</option>
                    {indicators.into_iter().map(|i| view! { <option value=i.id.to_string()>{i.name.clone()}</option> }).collect_view()}
                </select>
            </label>
            <form class="stack" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(SaveIndicator { input: f.input(editing.get_untracked()) });
            }>
                {text(("Mã (chữ thường không dấu, số, gạch dưới)", "Code (lowercase, digits, underscores)"), "code", f.code)}
                {text(("Tên chỉ tiêu", "Name"), "name", f.name)}
                {text(("Tên tiếng Anh", "Name in English"), "name_en", f.name_en)}
                {text(("Đơn vị tính", "Unit"), "unit", f.unit)}
                {text(("Đơn vị tính (tiếng Anh)", "Unit in English"), "unit_en", f.unit_en)}
                <label>{t("So với mục tiêu", "Compared with the target")}
                    <select data-testid="indicator-comparison" on:change:target=move |ev| f.comparison.set(ev.target().value())>
                        {Comparison::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=move || f.comparison.get() == c.code()>{move || format!("{} {}", c.symbol(), c.label(lang.get()))}</option>
                        }).collect_view()}
                    </select>
                </label>
                {text(("Mục tiêu (ví dụ 2,5)", "Target (e.g. 2.5)"), "target", f.target)}
                {text(("Năm đạt mục tiêu", "Target year"), "target_year", f.target_year)}
                <label>{t("Nguồn số liệu", "Source")}
                    <select data-testid="indicator-source" on:change:target=move |ev| f.source.set(ev.target().value())>
                        {sources.map(|s| view! {
                            <option value=s.code() selected=move || f.source.get() == s.code()>{move || s.label(lang.get())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label for="indicator-unit">{t("Đơn vị chịu trách nhiệm nhập số liệu", "Unit responsible for the figures")}</label>
                {move || { editing.track(); view! { <OrganisationPicker selected=f.responsible id="indicator-unit" /> } }}
                <FieldError error field="responsible_unit_id" />
                <label class="check"><input type="checkbox" bind:checked=f.public data-testid="indicator-public" />
                    {t(" Công khai trên cổng thông tin", " Public on the portal")}</label>
                <ErrorBox error with_fields=true />
                <button type="submit" class="button" data-testid="indicator-save" disabled=move || save.pending().get()>
                    {t("Lưu chỉ tiêu", "Save the indicator")}
                </button>
            </form>
        </section>
    }
}
