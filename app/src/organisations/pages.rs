//! `/organisations/:id`: the legal details, as a form for those who keep them.

use domain::organisation::OrganisationDetails;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{action_error, route_id, ErrorBox, FieldError};
use crate::fields::text_input;
use crate::i18n::t;
use crate::organisations::api::{get_organisation, UpdateOrganisation};

/// Each detail: its path, Vietnamese and English label, and how to read and write it.
type Accessor = (
    &'static str,
    &'static str,
    &'static str,
    fn(&OrganisationDetails) -> String,
    fn(&mut OrganisationDetails, String),
);

const DETAILS: [Accessor; 10] = [
    (
        "name",
        "Tên tổ chức",
        "Name",
        |d| d.name.clone(),
        |d, v| d.name = v,
    ),
    (
        "short_name",
        "Tên viết tắt",
        "Short name",
        |d| d.short_name.clone(),
        |d, v| d.short_name = v,
    ),
    (
        "tax_code",
        "Mã số thuế",
        "Tax code",
        |d| d.tax_code.clone(),
        |d, v| d.tax_code = v,
    ),
    (
        "address",
        "Địa chỉ",
        "Address",
        |d| d.address.clone(),
        |d, v| d.address = v,
    ),
    (
        "representative",
        "Người đại diện theo pháp luật",
        "Legal representative",
        |d| d.representative.clone(),
        |d, v| d.representative = v,
    ),
    (
        "representative_title",
        "Chức vụ người đại diện",
        "Representative's title",
        |d| d.representative_title.clone(),
        |d, v| d.representative_title = v,
    ),
    (
        "phone",
        "Điện thoại",
        "Phone",
        |d| d.phone.clone(),
        |d, v| d.phone = v,
    ),
    (
        "email",
        "Thư điện tử",
        "E-mail",
        |d| d.email.clone(),
        |d, v| d.email = v,
    ),
    (
        "bank_account",
        "Số tài khoản",
        "Account number",
        |d| d.bank_account.clone(),
        |d, v| d.bank_account = v,
    ),
    (
        "bank_name",
        "Mở tại (ngân hàng, Kho bạc)",
        "Held at (bank, State Treasury)",
        |d| d.bank_name.clone(),
        |d, v| d.bank_name = v,
    ),
];

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = route_id();
    let loaded = Resource::new(move || id.get(), get_organisation);
    view! {
        <Transition fallback=|| ()>
            {move || loaded.get().map(|r| match r {
                Err(e) => view! { <ErrorBox error=Signal::stored(Some(e)) /> }.into_any(),
                Ok(o) if o.editable => view! { <DetailsForm id=o.id initial=o.details /> }.into_any(),
                Ok(o) => view! {
                    <section class="panel" data-testid="organisation">
                        <h1>{o.details.name.clone()}</h1>
                        <dl class="facts">
                            {DETAILS.iter().skip(1).map(|(_, vi, en, get, _)| view! {
                                <dt>{t(vi, en)}</dt><dd>{get(&o.details)}</dd>
                            }).collect_view()}
                        </dl>
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn DetailsForm(id: i32, initial: OrganisationDetails) -> impl IntoView {
    let form = RwSignal::new(initial);
    let save = ServerAction::<UpdateOrganisation>::new();
    let error = action_error(save.value());
    let saved = move || save.value().get().is_some_and(|r| r.is_ok()) && !save.pending().get();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(UpdateOrganisation {
            id,
            details: form.get_untracked(),
        });
    };
    view! {
        <form class="panel" on:submit=submit data-testid="organisation-form" novalidate>
            <h1>{t("Thông tin pháp lý của tổ chức", "Organisation's legal details")}</h1>
            <p class="hint">{t(
                "Dùng trên hồ sơ, hợp đồng và chứng từ thanh toán. Mã số thuế: 10 chữ số (đơn vị phụ thuộc: 10 chữ số-3 chữ số).",
                "Used on dossiers, contracts and payment documents. Tax code: 10 digits (dependent units: 10 digits-3 digits).",
            )}</p>
            {DETAILS.iter().map(|(path, vi, en, get, set)| {
                let (get, set) = (*get, *set);
                view! {
                    <label for=*path>{t(vi, en)}</label>
                    {text_input(form, path.to_string(), get, set)}
                    <FieldError error field=*path />
                }
            }).collect_view()}
            <ErrorBox error />
            <Show when=saved>
                <p class="alert ok" role="status" data-testid="organisation-saved">{t("Đã lưu.", "Saved.")}</p>
            </Show>
            <button type="submit" class="button" data-testid="save-organisation" disabled=move || save.pending().get()>{t("Lưu", "Save")}</button>
        </form>
    }
}
