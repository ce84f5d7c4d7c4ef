//! Paged lists: the page every list server function returns, and the component that shows one
//! (its rows, an empty state, an error, the page links). Lists are paged in the database, never
//! loaded whole.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::components::{ErrorBox, Pager};
use crate::error::AppError;
use crate::i18n::t;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, page: u64, per_page: u64, total: u64) -> Page<T> {
        Page {
            items,
            page,
            pages: domain::paging::page_count(total, per_page),
            total,
        }
    }
}

pub use domain::paging::page_and_offset;

#[component]
pub fn PagedList<T, F, V>(
    list: Resource<Result<Page<T>, AppError>>,
    /// The search text, kept in the page links.
    #[prop(into)]
    query: Signal<String>,
    empty: (&'static str, &'static str),
    empty_testid: &'static str,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(Vec<T>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let empty_text = t(empty.0, empty.1);
    view! {
        <Transition fallback=|| ()>
            {move || {
                let render = render.clone();
                list.get().map(move |r| match r {
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                    Ok(p) if p.items.is_empty() => {
                        view! { <p class="empty" data-testid=empty_testid>{empty_text}</p> }.into_any()
                    }
                    Ok(p) => {
                        let (page, pages, total) = (p.page, p.pages, p.total);
                        view! {
                            {render(p.items)}
                            <Pager page pages total query=query.get_untracked() />
                        }
                        .into_any()
                    }
                })
            }}
        </Transition>
    }
}
