//! Inputs bound to one field of a structured form kept in a signal (the thuyết minh, the CV):
//! each input's id and `data-testid` is its path (`team.2.days` → `team-2-days`), which the
//! pre-submit check links to, and the message of its issue shows beside it.

use domain::issue::{FormProblem, Issue};
use leptos::prelude::*;

use crate::i18n::use_lang;

/// The element id of a form path, matching the links of the pre-submit check.
pub fn anchor(path: &str) -> String {
    path.replace('.', "-")
}

/// The message for one path, except "missing" (the check list shows those).
#[component]
pub fn Problem(issues: Memo<Vec<Issue>>, path: String) -> impl IntoView {
    let lang = use_lang();
    move || {
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
