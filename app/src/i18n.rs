//! Vietnamese first, English second. Texts stay beside the markup that shows them as
//! `t("…", "…")` pairs: with two languages kept by the same developers, a pair at the use site is
//! easier to keep right than a key catalogue, and a missing translation cannot compile.

use domain::glossary::Term;
use domain::Lang;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct LangSignal(pub RwSignal<Lang>);

/// The interface language as views read it. When a browser leaves mid-render, the server
/// disposes the request's signals while the last texts may still be written: reading then gives
/// the first language instead of panicking.
#[derive(Clone, Copy)]
pub struct UiLang(RwSignal<Lang>);

impl UiLang {
    /// The language, tracked.
    pub fn get(&self) -> Lang {
        self.0.try_get().unwrap_or_default()
    }

    pub fn get_untracked(&self) -> Lang {
        self.0.try_get_untracked().unwrap_or_default()
    }

    pub fn set(&self, lang: Lang) {
        self.0.set(lang);
    }
}

pub fn use_lang() -> UiLang {
    UiLang(expect_context::<LangSignal>().0)
}

/// A text that follows the interface language.
pub fn t(vi: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || lang.get().pick(vi, en)
}

/// A glossary term (`domain::glossary`) that follows the interface language.
pub fn term(term: Term) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || term.pick(lang.get())
}

/// A glossary term as the heading over several (a list of roles, a table of members).
pub fn terms(term: Term) -> impl Fn() -> &'static str + Copy + Send + Sync {
    let lang = use_lang();
    move || term.plural(lang.get())
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
