//! Inputs bound to one field of a structured form kept in a signal (the thuyết minh, the CV):
//! each input's id and `data-testid` is its path (`team.2.days` → `team-2-days`), which the
//! pre-submit check links to, and the message of its issue shows beside it.

use domain::issue::{FormProblem, Issue};
use leptos::prelude::*;
use std::collections::HashSet;

use crate::i18n::use_lang;

/// The element id of a form path, matching the links of the pre-submit check.
pub fn anchor(path: &str) -> String {
    path.replace('.', "-")
}

/// Which fields of a structured form the person has changed and left (by element id), or all of
/// them once they have pressed save: a field's message shows only then, never on a row just
/// added or a form not yet touched. A message that shows goes as soon as the field is right.
#[derive(Clone, Copy)]
pub struct Touched {
    ids: RwSignal<HashSet<String>>,
    all: RwSignal<bool>,
}

impl Touched {
    /// A new record for the form of this page, for its `Problem`s to read.
    pub fn provide() -> Self {
        let touched = Self {
            ids: RwSignal::new(HashSet::new()),
            all: RwSignal::new(false),
        };
        provide_context(touched);
        touched
    }

    /// The field an event (`focusout`, `change`) came from has been touched.
    pub fn mark(&self, ev: &web_sys::Event) {
        use wasm_bindgen::JsCast;
        let id = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| el.id())
            .filter(|id| !id.is_empty());
        if let Some(id) = id {
            if !self.ids.with_untracked(|ids| ids.contains(&id)) {
                self.ids.update(|ids| {
                    ids.insert(id);
                });
            }
        }
    }

    /// Save was pressed: every message shows.
    pub fn all(&self) {
        self.all.set(true);
    }

    /// Whether the message of `path` (a field, or a list such as `team`) may show.
    fn shows(&self, path: &str) -> bool {
        let id = anchor(path);
        let row = format!("{id}-");
        self.all.get()
            || self
                .ids
                .with(|ids| ids.iter().any(|i| *i == id || i.starts_with(&row)))
    }
}

/// The message for one path, except "missing" (the check list shows those), once the field is
/// touched when the form keeps a [`Touched`].
#[component]
pub fn Problem(issues: Memo<Vec<Issue>>, path: String) -> impl IntoView {
    let lang = use_lang();
    let touched = use_context::<Touched>();
    move || {
        if touched.is_some_and(|t| !t.shows(&path)) {
            return None;
        }
        issues.with(|list| {
            list.iter()
                .find(|i| i.path == path && i.problem != FormProblem::Required)
                .map(|i| {
                    let msg = i.problem.message(lang.get());
                    view! { <p class="field-error" data-testid=format!("problem-{}", anchor(&path))>{msg}</p> }
                })
        })
    }
}

pub fn text_input<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    path: String,
    get: impl Fn(&T) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <input id=anchor(&path) data-testid=anchor(&path) prop:value=move || form.with(get)
            on:input:target=move |ev| form.update(|f| set(f, ev.target().value())) />
    }
}

pub fn text_area<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    path: String,
    get: impl Fn(&T) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut T, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <textarea id=anchor(&path) data-testid=anchor(&path) rows="3" prop:value=move || form.with(get)
            on:input:target=move |ev| form.update(|f| set(f, ev.target().value()))></textarea>
    }
}

/// The button that removes row `i` of a list, named with its row ("Xóa nội dung 2", test id
/// `remove-contents-1`) so that a list's buttons are told apart by screen readers and tests.
pub fn remove_row(
    list: &'static str,
    row: (&'static str, &'static str),
    i: usize,
    remove: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let name = move || {
        let l = lang.get();
        format!(
            "{} {} {}",
            l.pick("Xóa", "Remove"),
            l.pick(row.0, row.1),
            i + 1
        )
    };
    view! {
        <button type="button" class="button small danger" data-testid=format!("remove-{list}-{i}")
            aria-label=name on:click=move |_| remove()>{move || lang.get().pick("Xóa", "Remove")}</button>
    }
}

/// A whole number typed by a person: dots and spaces between thousands are fine.
pub fn number(s: &str) -> Option<i64> {
    s.replace(['.', ' ', ','], "").parse().ok()
}

/// Regroups an amount field's text as it is typed (`1250000` → `1.250.000`) and keeps the caret
/// after the same digit; returns the text now shown. See `domain::format::amount_as_typed`.
fn regroup(el: &web_sys::HtmlInputElement) -> String {
    let typed = el.value();
    let caret = el
        .selection_start()
        .ok()
        .flatten()
        .map_or(typed.len(), |c| c as usize);
    let (shown, at) = domain::format::amount_as_typed(&typed, caret);
    if shown != typed {
        el.set_value(&shown);
        let _ = el.set_selection_range(at as u32, at as u32);
    }
    shown
}

/// An amount in đồng, shown with its thousands grouped as it is typed; `value` holds the text
/// (read with [`number`]).
#[component]
pub fn AmountInput(
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    #[prop(into, optional)] id: Option<String>,
    #[prop(into, optional)] label: Option<Signal<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <input id=id data-testid=testid inputmode="numeric" autocomplete="off" aria-label=label
            disabled=disabled prop:value=move || value.get()
            on:input:target=move |ev| value.set(regroup(&ev.target())) />
    }
}

/// An amount in đồng that is one field of a structured form (a budget line), grouped as typed.
pub fn amount_input<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    path: String,
    get: impl Fn(&T) -> i64 + Copy + Send + Sync + 'static,
    set: impl Fn(&mut T, i64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let shown = move || domain::format::group_thousands(form.with(get));
    view! {
        <input id=anchor(&path) data-testid=anchor(&path) inputmode="numeric" autocomplete="off"
            prop:value=shown
            on:input:target=move |ev| {
                let text = regroup(&ev.target());
                form.update(|f| set(f, number(&text).unwrap_or(0)));
            } />
    }
}
