//! The thuyết minh keeps itself (docs/browser.md): saved as a draft a few seconds after the
//! researcher stops typing, saved once more when they leave for another page of the app, and
//! the browser asks before a tab with changes not yet saved is closed or reloaded.

use domain::application::ApplicationForm;
use domain::format::format_datetime;
use domain::Lang;
use leptos::prelude::*;

use crate::applications::api::SaveApplication;
use crate::i18n::use_lang;

/// Quiet after the last change before the draft is saved.
#[cfg(not(feature = "ssr"))]
const QUIET: std::time::Duration = std::time::Duration::from_secs(3);

/// Keeps `form` saved and says how it stands: changes not saved yet, saving, saved at a time.
/// `main` is the editor's own save: once it has been pressed, leaving saves nothing more.
#[component]
pub fn Autosave(
    id: i32,
    form: RwSignal<ApplicationForm>,
    initial: ApplicationForm,
    main: ServerAction<SaveApplication>,
) -> impl IntoView {
    let lang = use_lang();
    let saved = RwSignal::new(initial);
    let dirty = Memo::new(move |_| form.with(|f| saved.with(|s| f != s)));
    let save = ServerAction::<SaveApplication>::new();
    let sending = StoredValue::new(None::<ApplicationForm>);
    let saved_at = RwSignal::new(None::<chrono::DateTime<chrono::Utc>>);
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            if let Some(f) = sending.try_update_value(Option::take).flatten() {
                saved.set(f);
                saved_at.set(Some(chrono::Utc::now()));
            }
        }
    });
    #[cfg(not(feature = "ssr"))]
    keep(id, form, dirty, save, sending, main);
    #[cfg(feature = "ssr")]
    let _ = (id, main);
    let status = move || {
        let l = lang.get();
        let refused = save.value().with(|v| match v {
            Some(Err(e)) => Some(e.message(l)),
            _ => None,
        });
        if save.pending().get() {
            l.pick("Đang tự động lưu…", "Saving…").to_string()
        } else if let Some(why) = refused.filter(|_| dirty.get()) {
            format!(
                "{} {why}",
                l.pick("Chưa tự động lưu được:", "Not saved automatically:")
            )
        } else if dirty.get() {
            l.pick("Có thay đổi chưa lưu.", "Changes not saved yet.")
                .to_string()
        } else {
            match (saved_at.get(), l) {
                (Some(at), Lang::Vi) => format!("Đã tự động lưu lúc {}.", format_datetime(at)),
                (Some(at), Lang::En) => format!("Saved automatically at {}.", format_datetime(at)),
                (None, _) => l.pick("Chưa có thay đổi.", "No changes yet.").to_string(),
            }
        }
    };
    view! { <p class="hint" role="status" data-testid="autosave" data-dirty=move || dirty.get().to_string()>{status}</p> }
}

/// The browser's part: the save after a quiet spell, the question before the tab closes, the
/// save on leaving the editor.
#[cfg(not(feature = "ssr"))]
fn keep(
    id: i32,
    form: RwSignal<ApplicationForm>,
    dirty: Memo<bool>,
    save: ServerAction<SaveApplication>,
    sending: StoredValue<Option<ApplicationForm>>,
    main: ServerAction<SaveApplication>,
) {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let send = move || {
        if dirty.get_untracked()
            && !save.pending().get_untracked()
            && !main.pending().get_untracked()
        {
            let f = form.get_untracked();
            sending.set_value(Some(f.clone()));
            save.dispatch(SaveApplication { id, form: f });
        }
    };
    Effect::new(move |_| {
        form.track();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(set_timeout_with_handle(send, QUIET).ok());
    });
    let ask = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if dirty.try_get_untracked().unwrap_or(false) {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        ask.remove();
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let pressed = main.pending().try_get_untracked().unwrap_or(false)
            || main
                .value()
                .try_with_untracked(|v| v.is_some())
                .unwrap_or(false);
        if dirty.try_get_untracked().unwrap_or(false) && !pressed {
            if let Some(f) = form.try_get_untracked() {
                leptos::task::spawn_local(async move {
                    let _ = crate::applications::api::save_application(id, f).await;
                });
            }
        }
    });
}
