//! A call's fields of science, chosen from the classification (`domain::science_field`): the
//! six fields, each with its subfields folded under it until opened.

use domain::science_field::{top, ScienceField};
use leptos::prelude::*;

use crate::i18n::{t, use_lang};

#[component]
pub fn ScienceFieldChoice(chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let lang = use_lang();
    let tick = move |s: &'static ScienceField| {
        view! {
            <label class="check">
                <input type="checkbox" data-testid=format!("field-{}", s.code)
                    prop:checked=move || chosen.with(|v| v.iter().any(|x| x == s.vi))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        chosen.update(|v| {
                            v.retain(|x| x != s.vi);
                            if on { v.push(s.vi.to_string()) }
                        });
                    } />
                // The code for the eye; the name is what the box is called.
                <span class="muted" aria-hidden="true">{s.code}</span>
                {move || s.name(lang.get())}
            </label>
        }
    };
    view! {
        <fieldset class="science-fields" data-testid="call-fields">
            <legend>{t("Lĩnh vực khoa học và công nghệ", "Fields of science and technology")}</legend>
            <p class="hint">{t(
                "Theo Bảng phân loại lĩnh vực nghiên cứu khoa học và công nghệ; chọn lĩnh vực, hoặc mở để chọn chuyên ngành.",
                "From the classification of research fields; choose a field, or open it to choose subfields.",
            )}</p>
            // A name kept from before the catalogue (a call drafted from a proposal): shown ticked,
            // to be unticked and replaced by the classification's.
            {chosen.get_untracked().into_iter().filter(|x| domain::science_field::by_name(x).is_none()).map(|x| {
                let (name, shown) = (x.clone(), x.clone());
                view! {
                    <label class="check">
                        <input type="checkbox" data-testid="field-unknown"
                            prop:checked=move || chosen.with(|v| v.contains(&shown))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let x = x.clone();
                                chosen.update(|v| { v.retain(|y| *y != x); if on { v.push(x) } });
                            } />
                        {move || format!("{name} ({})", lang.get().pick("không có trong danh mục", "not in the classification"))}
                    </label>
                }
            }).collect_view()}
            {top().map(|f| {
                // Opened at first when one of its subfields is chosen.
                let open = chosen.with_untracked(|v| f.subfields().any(|s| v.iter().any(|x| x == s.vi)));
                view! {
                    <div class="science-field">
                        {tick(f)}
                        <details open=open>
                            <summary data-testid=format!("subfields-{}", f.code)>{t("Chuyên ngành", "Subfields")}</summary>
                            {f.subfields().map(tick).collect_view()}
                        </details>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
