//! Files attached to a dossier: uploaded as multipart form data (from the page or with a
//! token), accepted by their content (`domain::attachment`), kept through the `FileStore`,
//! removed by marking (submitted versions keep listing them), downloaded by whoever may read the
//! dossier.

use chrono::{DateTime, Utc};
use domain::glossary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{Json, MultipartData, MultipartFormData};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttachmentView {
    pub id: i32,
    /// The required document it answers; empty for other documents.
    pub document: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_at: DateTime<Utc>,
}

impl AttachmentView {
    pub fn href(&self) -> String {
        format!("/files/attachments/{}", self.id)
    }
}

/// Uploads one file. Fields, in this order: `application_id`, `document` (one of the call's
/// required documents, or empty for another document), `file`.
#[server(prefix = "/api", endpoint = "applications/attachments/upload", input = MultipartFormData)]
pub async fn upload_attachment(data: MultipartData) -> Result<AttachmentView, AppError> {
    crate::error::finish(server::upload(data).await)
}

#[server(prefix = "/api", endpoint = "applications/attachments/remove", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn remove_attachment(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::remove(id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::entities::{application, attachment};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::access::{editable, own, readable};
    use crate::kit::{audit, now, require};
    use domain::attachment::{accept, clean_file_name, AttachedFile, FileKind, FileProblem};
    use domain::roles::{Permission, Scope};
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder, QuerySelect, Set,
    };

    /// The kind a file's content is, whatever its name says.
    pub fn detect(bytes: &[u8]) -> Option<FileKind> {
        use infer::{archive, doc, odf};
        type Matcher = fn(&[u8]) -> bool;
        let matchers: [(Matcher, FileKind); 8] = [
            (archive::is_pdf, FileKind::Pdf),
            (doc::is_docx, FileKind::Docx),
            (doc::is_xlsx, FileKind::Xlsx),
            (doc::is_pptx, FileKind::Pptx),
            (doc::is_doc, FileKind::Doc),
            (doc::is_xls, FileKind::Xls),
            (odf::is_odt, FileKind::Odt),
            (odf::is_ods, FileKind::Ods),
        ];
        matchers
            .into_iter()
            .find(|(matches, _)| matches(bytes))
            .map(|(_, kind)| kind)
    }

    fn bad_form(field: &str) -> AppError {
        AppError::invalid(field, Problem::Form(domain::issue::FormProblem::Required))
    }

    /// What the multipart body carried; the file is read only up to one byte over the limit.
    struct Upload {
        application_id: i32,
        document: String,
        file_name: String,
        bytes: Vec<u8>,
    }

    fn unreadable(e: impl std::fmt::Display) -> AppError {
        tracing::info!(error = %e, "unreadable upload");
        bad_form("file")
    }

    async fn read(data: MultipartData, max_bytes: u64) -> Result<Upload, AppError> {
        let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
        let (mut application_id, mut document, mut file) = (None, String::new(), None);
        while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
            match field.name().unwrap_or_default() {
                "application_id" => {
                    let text = field.text().await.map_err(unreadable)?;
                    application_id = Some(text.trim().parse().map_err(|_| AppError::NotFound)?);
                }
                "document" => {
                    document = field.text().await.map_err(unreadable)?.trim().to_string();
                }
                "file" => {
                    let name = field.file_name().unwrap_or_default().to_string();
                    let mut bytes = Vec::new();
                    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                        bytes.extend_from_slice(&chunk);
                        if bytes.len() as u64 > max_bytes {
                            return Err(AppError::invalid(
                                "file",
                                Problem::File(FileProblem::TooLarge { max_bytes }),
                            ));
                        }
                    }
                    file = Some((name, bytes));
                }
                _ => {}
            }
        }
        let (file_name, bytes) = file.ok_or_else(|| bad_form("file"))?;
        Ok(Upload {
            application_id: application_id.ok_or(AppError::NotFound)?,
            document,
            file_name,
            bytes,
        })
    }

    pub async fn upload(data: MultipartData) -> Result<AttachmentView, AppError> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let st = state()?;
        let policy = st.settings.uploads;
        let up = read(data, policy.max_bytes).await?;
        let db = &st.db;
        let now = now()?;
        let (a, c) = own(db, &me, up.application_id).await?;
        if domain::closeout::DOCUMENTS.contains(&up.document.as_str()) {
            // A funded task's evidence and settlement documents, while it is not closed.
            crate::kit::access::files_open(db, a.id, &up.document).await?;
        } else {
            editable(&a, "upload")?;
            let documents: Vec<String> = c.required_documents.0.clone();
            if !(up.document.is_empty() || documents.contains(&up.document)) {
                return Err(AppError::invalid("document", Problem::UnknownChoice));
            }
        }
        let file_name = clean_file_name(&up.file_name);
        let kind = accept(
            &file_name,
            detect(&up.bytes),
            up.bytes.len() as u64,
            policy.max_bytes,
        )
        .map_err(|p| AppError::invalid("file", Problem::File(p)))?;
        let kept = attachment::Entity::find()
            .filter(attachment::Column::ApplicationId.eq(a.id))
            .filter(attachment::Column::RemovedAt.is_null())
            .count(db)
            .await?;
        if kept as usize >= policy.max_files {
            return Err(AppError::invalid(
                "file",
                Problem::File(FileProblem::TooManyFiles {
                    max_files: policy.max_files,
                }),
            ));
        }
        let sha256 = crate::db::storage::content_key(&up.bytes);
        // Content first: a row never points at a file that is not there.
        st.files
            .put(&sha256, &up.bytes)
            .await
            .map_err(|e| crate::error::internal(&e))?;
        let txn = crate::db::begin(db).await?;
        let row = attachment::ActiveModel {
            application_id: Set(a.id),
            document: Set(up.document),
            file_name: Set(file_name),
            content_type: Set(kind.mime().into()),
            size_bytes: Set(up.bytes.len() as i64),
            sha256: Set(sha256),
            uploaded_by: Set(me.user_id),
            uploaded_at: Set(now),
            removed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "attachment_added",
            ("application", a.id.into()),
            serde_json::json!({ "attachment": row.id, "file": row.file_name, "sha256": row.sha256 }),
        )
        .await?;
        txn.commit().await?;
        Ok(view(row))
    }

    pub async fn remove(id: i32) -> Result<(), AppError> {
        let me = require(Permission::SubmitApplications, Scope::Global)?;
        let db = &state()?.db;
        let now = now()?;
        let row = attachment::Entity::find_by_id(id)
            .filter(attachment::Column::RemovedAt.is_null())
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let (a, _) = own(db, &me, row.application_id).await?;
        if domain::closeout::DOCUMENTS.contains(&row.document.as_str()) {
            crate::kit::access::files_open(db, a.id, &row.document).await?;
        } else {
            editable(&a, "remove_attachment")?;
        }
        let txn = crate::db::begin(db).await?;
        let mut active: attachment::ActiveModel = row.into();
        active.removed_at = Set(Some(now));
        active.update(&txn).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "attachment_removed",
            ("application", a.id.into()),
            serde_json::json!({ "attachment": id }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub(crate) fn view(row: attachment::Model) -> AttachmentView {
        AttachmentView {
            id: row.id,
            document: row.document,
            file_name: row.file_name,
            content_type: row.content_type,
            size_bytes: row.size_bytes,
            uploaded_at: row.uploaded_at,
        }
    }

    /// The files a dossier carries now, oldest first (bounded by the upload policy).
    pub async fn current(
        db: &impl ConnectionTrait,
        application_id: i32,
    ) -> Result<Vec<attachment::Model>, AppError> {
        Ok(attachment::Entity::find()
            .filter(attachment::Column::ApplicationId.eq(application_id))
            .filter(attachment::Column::RemovedAt.is_null())
            .order_by_asc(attachment::Column::Id)
            .limit(1_000)
            .all(db)
            .await?)
    }

    pub async fn current_views(
        db: &impl ConnectionTrait,
        application_id: i32,
    ) -> Result<Vec<AttachmentView>, AppError> {
        Ok(current(db, application_id)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }

    /// The files as a submitted version records them.
    pub fn attached(rows: &[attachment::Model]) -> Vec<AttachedFile> {
        rows.iter()
            .map(|r| AttachedFile {
                document: r.document.clone(),
                file_name: r.file_name.clone(),
                sha256: r.sha256.clone(),
            })
            .collect()
    }

    /// A file to send: its record and content, for whoever may read the dossier (others get
    /// 404). Files removed from a draft stay readable: submitted versions list them.
    pub async fn download(id: i32) -> Result<(attachment::Model, Vec<u8>), AppError> {
        let me = crate::kit::require_user()?;
        let st = state()?;
        let row = attachment::Entity::find_by_id(id)
            .one(&st.db)
            .await?
            .ok_or(AppError::NotFound)?;
        let a = application::Entity::find_by_id(row.application_id)
            .one(&st.db)
            .await?
            .ok_or(AppError::NotFound)?;
        // A funded task's evidence is read by its acceptance council too.
        let judged = domain::closeout::DOCUMENTS.contains(&row.document.as_str())
            && crate::kit::access::judges(&st.db, &me, a.id).await?;
        if !judged {
            readable(&st.db, &me, &a).await?;
        }
        let bytes = st
            .files
            .get(&row.sha256)
            .await
            .map_err(|e| crate::error::internal(&e))?;
        Ok((row, bytes))
    }
}

/// The dossier's files against the call's required documents; with `editable`, the owner adds
/// and removes files here (the upload does not touch the form being edited around it).
#[component]
#[expect(
    clippy::too_many_lines,
    reason = "one page's markup in the order it shows; the parts other pages share are components"
)]
pub fn Attachments(
    application_id: i32,
    required_documents: Vec<String>,
    attachments: Vec<AttachmentView>,
    editable: bool,
    max_upload_bytes: u64,
    /// Only the listed documents (a funded task's evidence and settlement documents).
    #[prop(optional)]
    listed_only: bool,
) -> impl IntoView {
    use domain::attachment::{format_size, FileProblem};
    use wasm_bindgen::JsCast;

    let lang = crate::i18n::use_lang();
    let files = RwSignal::new(attachments);
    let error = RwSignal::new(None::<AppError>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let upload =
        Action::new_local(|data: &web_sys::FormData| upload_attachment(data.clone().into()));
    let remove = Action::new(|id: &i32| {
        let id = *id;
        async move { remove_attachment(id).await.map(|_| id) }
    });
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(f)) => {
            error.set(None);
            files.update(|fs| fs.push(f));
            if let Some(input) = file_input.get_untracked() {
                input.set_value("");
            }
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(id)) => {
            error.set(None);
            files.update(|fs| fs.retain(|f| f.id != id));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let too_large = file_input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|list| list.get(0))
            .is_some_and(|f| f.size() > max_upload_bytes as f64);
        if too_large {
            error.set(Some(AppError::invalid(
                "file",
                crate::error::Problem::File(FileProblem::TooLarge {
                    max_bytes: max_upload_bytes,
                }),
            )));
            return;
        }
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        if let Ok(data) = web_sys::FormData::new_with_form(&form) {
            upload.dispatch_local(data);
        }
    };
    let file_row = move |f: AttachmentView| {
        let id = f.id;
        view! {
            <li data-testid="attachment">
                <a href=f.href() rel="external" download>{f.file_name.clone()}</a>
                <span class="muted">" · "{format_size(f.size_bytes.max(0) as u64)}</span>
                {editable.then(|| view! {
                    " "
                    <button type="button" class="link danger" data-testid="attachment-remove"
                        disabled=move || remove.pending().get()
                        on:click=move |_| { remove.dispatch(id); }>
                        {crate::i18n::t("Bỏ tệp", "Remove")}
                    </button>
                })}
            </li>
        }
    };
    // Errors about the file or the document show at those fields; any other (the dossier was
    // submitted meanwhile, the session ended…) in a box.
    let other_error = Signal::derive(move || {
        error
            .get()
            .filter(|e| e.for_field("file").is_none() && e.for_field("document").is_none())
    });
    let docs = required_documents.clone();
    view! {
        <section class="attachments" data-testid="attachments">
            <h2>{crate::i18n::t("Tài liệu đính kèm", "Attached documents")}</h2>
            <ul class="checklist">
                {docs.into_iter().map(|doc| {
                    let d = doc.clone();
                    let mine = move || files.get().into_iter().filter(|f| f.document == d).collect::<Vec<_>>();
                    let has = {
                        let mine = mine.clone();
                        move || !mine().is_empty()
                    };
                    let has2 = has.clone();
                    view! {
                        <li data-testid="required-document" class:done=has2>
                            <strong>{doc.clone()}</strong>
                            {move || if has() {
                                view! { <ul>{mine().into_iter().map(file_row).collect_view()}</ul> }.into_any()
                            } else {
                                view! { <span class="muted">" — "{move || lang.get().pick("chưa có tệp", "no file yet")}</span> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
                {(!listed_only).then(|| view! {
                    <li>
                        <strong>{crate::i18n::term(glossary::OTHER_DOCUMENTS)}</strong>
                        <ul>{move || files.get().into_iter().filter(|f| f.document.is_empty()).map(file_row).collect_view()}</ul>
                    </li>
                })}
            </ul>
            {editable.then(|| view! {
                <form class="upload" on:submit=on_submit data-testid="upload-form">
                    <input type="hidden" name="application_id" value=application_id.to_string() />
                    <label>{crate::i18n::t("Tài liệu", "Document")}
                        <select name="document" data-testid="upload-document">
                            {required_documents.iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                            {(!listed_only).then(|| view! { <option value="">{crate::i18n::term(glossary::OTHER_DOCUMENTS)}</option> })}
                        </select>
                    </label>
                    <crate::components::FieldError error=error field="document" />
                    <label>{crate::i18n::t("Tệp", "File")}
                        <input type="file" name="file" required node_ref=file_input data-testid="upload-file"
                            accept=".pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods" />
                    </label>
                    <p class="hint">{move || match lang.get() {
                        domain::Lang::Vi => format!("PDF, Word, Excel, PowerPoint hoặc OpenDocument; tối đa {} mỗi tệp.", format_size(max_upload_bytes)),
                        domain::Lang::En => format!("PDF, Word, Excel, PowerPoint or OpenDocument; at most {} a file.", format_size(max_upload_bytes)),
                    }}</p>
                    <crate::components::FieldError error=error field="file" />
                    <crate::components::ErrorBox error=other_error with_fields=true />
                    <button type="submit" class="button secondary" data-testid="upload-submit"
                        disabled=move || upload.pending().get()>
                        {crate::i18n::t("Tải lên", "Upload")}
                    </button>
                </form>
            })}
        </section>
    }
}
