//! Vietnamese first, English second. Texts stay beside the markup that shows them as
//! `t("…", "…")` pairs: with two languages kept by the same developers, a pair at the use site is
//! easier to keep right than a key catalogue, and a missing translation cannot compile.

use domain::Lang;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct LangSignal(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<LangSignal>().0
}

/// A text that follows the interface language. (`try_get`: when a browser leaves mid-render the
/// server disposes the request's signals while the last texts are still written; the first
/// language then stands in instead of a panic.)
pub fn t(vi: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || lang.try_get().unwrap_or_default().pick(vi, en)
}

/// The language the page is first rendered in: the `lang` cookie on the server, and on the
/// client the `<html lang>` the server wrote, so hydration sees the same text.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                crate::auth::server::cookie(&p.headers, crate::auth::server::LANG_COOKIE)
                    .map(Lang::from_code)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }
}
