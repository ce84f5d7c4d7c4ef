//! `/notifications`: my notifications, newest first, unread ones marked, each linking to its
//! page; and how each kind reaches me by mail.

use domain::format::format_datetime;
use domain::notice::Delivery;
use leptos::prelude::*;
use leptos_router::components::A;

use super::api::{
    list_notifications, notification_preferences, MarkNotificationsRead, NotificationView,
    PreferenceView, SetNotificationPreference,
};
use crate::components::{action_error, ErrorBox};
use crate::i18n::{t, use_lang};
use crate::list::{query_and_page, PagedList};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let (_, page) = query_and_page();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(
        move || (page.get(), mark.version().get()),
        |(p, _)| list_notifications(p),
    );
    // The header's unread count comes with the session: counted again once marked.
    let session = crate::use_session();
    Effect::new(move |_| {
        if let Some(Ok(_)) = mark.value().get() {
            session.refresh();
        }
    });
    view! {
        <section class="panel">
            <h1>{t("Thông báo", "Notifications")}</h1>
            <button class="button secondary" data-testid="mark-all-read"
                on:click=move |_| { mark.dispatch(MarkNotificationsRead { id: None }); }>
                {t("Đánh dấu tất cả là đã đọc", "Mark all as read")}
            </button>
            <PagedList list empty=("Chưa có thông báo nào.", "No notifications yet.") empty_testid="notifications-empty"
                render={move |items: Vec<NotificationView>| view! {
                    <ul class="notifications" data-testid="notifications">
                        {items.into_iter().map(|n| view! { <Item n mark /> }).collect_view()}
                    </ul>
                }} />
        </section>
        <Preferences />
    }
}

#[component]
fn Item(n: NotificationView, mark: ServerAction<MarkNotificationsRead>) -> impl IntoView {
    let lang = use_lang();
    let id = n.id;
    let (vi, en) = (n.text_vi.clone(), n.text_en.clone());
    let text = move || match lang.get() {
        domain::Lang::Vi => vi.clone(),
        domain::Lang::En => en.clone(),
    };
    let read = n.read;
    view! {
        <li data-testid="notification" class:unread=!read>
            <p>
                {(!read).then(|| view! { <span class="badge warn" data-testid="unread">{t("Mới", "New")}</span>" " })}
                <A href=n.link.clone() on:click=move |_| { if !read { mark.dispatch(MarkNotificationsRead { id: Some(id) }); } }>
                    {text}
                </A>
            </p>
            <p class="muted">{format_datetime(n.created_at)}</p>
        </li>
    }
}

#[component]
fn Preferences() -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SetNotificationPreference>::new();
    let error = action_error(save.value());
    let prefs = Resource::new(move || save.version().get(), |_| notification_preferences());
    view! {
        <section class="panel" data-testid="notification-preferences">
            <h2>{t("Nhận thông báo qua thư điện tử", "Notifications by e-mail")}</h2>
            <p class="muted">{t(
                "Mọi thông báo đều có trong hệ thống; ở đây bạn chọn có gửi thư ngay, gộp vào thư tổng hợp lúc 7 giờ sáng hằng ngày, hay không gửi thư.",
                "Every notification is in the app; here you choose whether it is mailed at once, in a digest at 7 a.m. each day, or not mailed.",
            )}</p>
            <ErrorBox error=error with_fields=true />
            <Transition fallback=|| ()>
                {move || prefs.get().map(|r| match r {
                    Ok(list) => view! {
                        <table class="table">
                            <thead><tr><th>{t("Loại thông báo", "Kind")}</th><th>{t("Cách nhận", "Delivery")}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|p| view! { <PreferenceRow p save lang /> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn PreferenceRow(
    p: PreferenceView,
    save: ServerAction<SetNotificationPreference>,
    lang: crate::i18n::UiLang,
) -> impl IntoView {
    let kind = p.kind;
    let testid = format!("prefer-{}", kind.code());
    let choices = Delivery::ALL
        .into_iter()
        .filter(move |d| !(p.mandatory && *d == Delivery::Off));
    view! {
        <tr>
            <td><label for=testid.clone()>{move || kind.label(lang.get())}</label></td>
            <td>
                <select id=testid.clone() data-testid=testid.clone()
                    on:change=move |ev| {
                        if let Some(delivery) = Delivery::from_code(&event_target_value(&ev)) {
                            save.dispatch(SetNotificationPreference { kind, delivery });
                        }
                    }>
                    {choices.map(|d| view! {
                        <option value=d.code() selected=d == p.delivery>{move || d.label(lang.get())}</option>
                    }).collect_view()}
                </select>
            </td>
        </tr>
    }
}
