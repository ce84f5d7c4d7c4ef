//! `/admin/rulebook`: the rules in force, line by line (a level; a managing unit's own
//! grassroots line; a task type's own line within either: docs/rulebook.md); administrators
//! publish a new version from them.

mod tables;
mod view;

use domain::call::{TaskKind, TaskLevel};
use leptos::prelude::*;

use crate::components::ErrorBox;
use crate::i18n::{t, use_lang};
use crate::rulebooks::api::{current_rulebook, PublishRulebook};

/// The page's address for a line.
fn href(level: TaskLevel, unit: Option<i32>, kind: Option<TaskKind>) -> String {
    let mut out = format!("/admin/rulebook?level={}", level.code());
    if let Some(u) = unit {
        out.push_str(&format!("&unit={u}"));
    }
    if let Some(k) = kind {
        out.push_str(&format!("&kind={}", k.code()));
    }
    out
}

#[component]
pub fn RulebookPage() -> impl IntoView {
    let publish = ServerAction::<PublishRulebook>::new();
    // Reloaded after a successful publication only: a refused one keeps what was typed.
    let published = Memo::new(move |_| publish.value().get().and_then(|r| r.ok()));
    let query = leptos_router::hooks::use_query_map();
    let level = Memo::new(move |_| {
        query
            .read()
            .get("level")
            .and_then(|l| TaskLevel::from_code(&l))
            .unwrap_or(TaskLevel::Provincial)
    });
    // A managing unit's own line is a grassroots one.
    let unit = Memo::new(move |_| {
        query
            .read()
            .get("unit")
            .and_then(|u| u.parse::<i32>().ok())
            .filter(|_| level.get() == TaskLevel::Grassroots)
    });
    let kind = Memo::new(move |_| {
        query
            .read()
            .get("kind")
            .and_then(|k| TaskKind::from_code(&k))
    });
    let loaded = Resource::new(
        move || (published.get(), level.get(), unit.get(), kind.get()),
        |(_, level, unit, kind)| current_rulebook(Some(level), unit, kind),
    );
    let lang = use_lang();
    view! {
        <Transition fallback=|| ()>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(v) => view! {
                    <nav class="tabs" aria-label=move || lang.get().pick("Cấp, đơn vị", "Level, unit")>
                        {[TaskLevel::Provincial, TaskLevel::Grassroots].into_iter().map(|l| view! {
                            <a href=href(l, None, kind.get_untracked()) data-testid=format!("rulebook-{}", l.code())
                                aria-current=move || (level.get() == l && unit.get().is_none()).then_some("page")>{move || l.label(lang.get())}</a>
                        }).collect_view()}
                        {v.units.clone().into_iter().map(|(id, name)| view! {
                            <a href=href(TaskLevel::Grassroots, Some(id), kind.get_untracked()) data-testid="rulebook-unit"
                                aria-current=move || (unit.get() == Some(id)).then_some("page")>{format!("{} – {name}", TaskLevel::Grassroots.label(lang.get()))}</a>
                        }).collect_view()}
                    </nav>
                    <nav class="tabs" aria-label=move || lang.get().pick("Loại nhiệm vụ", "Task type")>
                        <a href=href(level.get_untracked(), unit.get_untracked(), None) data-testid="rulebook-kind-all"
                            aria-current=move || kind.get().is_none().then_some("page")>{t("Mọi loại nhiệm vụ", "Every task type")}</a>
                        {TaskKind::ALL.iter().map(|k| view! {
                            <a href=href(level.get_untracked(), unit.get_untracked(), Some(*k)) data-testid=format!("rulebook-kind-{}", k.code())
                                aria-current=move || (kind.get() == Some(*k)).then_some("page")>{move || k.label(lang.get())}</a>
                        }).collect_view()}
                    </nav>
                    <view::RulebookView view=v publish unit=unit.get_untracked() kind=kind.get_untracked() />
                }.into_any(),
            })}
        </Transition>
    }
}
