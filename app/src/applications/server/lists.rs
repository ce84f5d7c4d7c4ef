//! Lists of dossiers: the researcher's own, the officer's (filtered in the database), the host organisation's queue.

use super::*;

/// The columns a list shows, without the form: sorting whole rows with their JSON would
/// read every dossier to show twenty.
#[derive(Debug, sea_orm::FromQueryResult)]
pub(super) struct ListRow {
    id: i32,
    applicant_id: i32,
    title: String,
    status: String,
    correction_deadline: Option<DateTime<Utc>>,
    receipt_code: Option<String>,
    submitted_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    call_code: Option<String>,
}

pub(super) async fn rows(
    db: &impl ConnectionTrait,
    select: sea_orm::Select<application::Entity>,
) -> Result<Vec<ApplicationRow>, AppError> {
    use sea_orm::{JoinType, RelationTrait};
    let list = select
        .select_only()
        .columns([
            application::Column::Id,
            application::Column::ApplicantId,
            application::Column::Title,
            application::Column::Status,
            application::Column::CorrectionDeadline,
            application::Column::ReceiptCode,
            application::Column::SubmittedAt,
            application::Column::UpdatedAt,
        ])
        .column_as(call::Column::Code, "call_code")
        .join(JoinType::LeftJoin, application::Relation::Call.def())
        .into_model::<ListRow>()
        .all(db)
        .await?;
    list.into_iter()
        .map(|r| {
            let status = ApplicationState::from_parts(&r.status, r.correction_deadline)
                .ok_or(AppError::Internal)?;
            Ok(ApplicationRow {
                id: r.id,
                applicant_id: r.applicant_id,
                read_only: false,
                call_code: r.call_code.unwrap_or_default(),
                title: r.title,
                status,
                receipt_code: r.receipt_code,
                submitted_at: r.submitted_at,
                updated_at: r.updated_at,
            })
        })
        .collect()
}

pub async fn mine(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    // Their own, and those whose team names them (read-only).
    let select = application::Entity::find().filter(
        sea_orm::Condition::any()
            .add(application::Column::ApplicantId.eq(me.user_id))
            .add(
                application::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(application_member::Column::ApplicationId)
                        .from(application_member::Entity)
                        .and_where(application_member::Column::UserId.eq(me.user_id))
                        .to_owned(),
                ),
            ),
    );
    let total = crate::list::count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
    let select = select
        .order_by_desc(application::Column::UpdatedAt)
        .order_by_desc(application::Column::Id)
        .offset(offset)
        .limit(APPLICATIONS_PER_PAGE);
    let mut items = rows(db, select).await?;
    for row in &mut items {
        row.read_only = row.applicant_id != me.user_id;
    }
    Ok(Page::new(items, page, APPLICATIONS_PER_PAGE, total))
}

/// The officer's selection of submitted dossiers (never drafts), unordered.
pub(crate) fn filtered(
    filter: &ListFilter,
    reach: &Reach,
) -> Result<sea_orm::Select<application::Entity>, AppError> {
    let select = reach.narrow(application::Entity::find(), application::Column::CallId);
    let mut select = select
        // Received by the department (never a draft, nor one awaiting its host's
        // confirmation): the (received_at, id) index answers both the count and the
        // newest-first page.
        .filter(application::Column::ReceivedAt.is_not_null());
    if let Some(cid) = filter.call_id {
        select = select.filter(application::Column::CallId.eq(cid));
    }
    if let Some(code) = filter.status.as_deref().filter(|c| !c.is_empty()) {
        if !ApplicationState::SUBMITTED_CODES.contains(&code) {
            return Err(AppError::invalid("status", Problem::UnknownChoice));
        }
        select = select.filter(application::Column::Status.eq(code));
    }
    Ok(crate::list::search_titles(
        select,
        application::Column::TitleFolded,
        application::Column::TitleKey,
        &filter.query,
    ))
}

pub async fn list(filter: ListFilter, page: u64) -> Result<Page<ApplicationRow>, AppError> {
    let reach = Reach::of(&*crate::kit::require_user()?, Permission::CheckApplications)?;
    let db = &state()?.db;
    let select = filtered(&filter, &reach)?;
    let total = crate::list::count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
    let select = select
        .order_by_desc(application::Column::ReceivedAt)
        .order_by_desc(application::Column::Id)
        .offset(offset)
        .limit(APPLICATIONS_PER_PAGE);
    Ok(Page::new(
        rows(db, select).await?,
        page,
        APPLICATIONS_PER_PAGE,
        total,
    ))
}

pub async fn host_queue(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    let me = crate::auth::server::require_user()?;
    let orgs = host_organisations(&me);
    if orgs.is_empty() {
        return Err(AppError::Forbidden);
    }
    let db = &state()?.db;
    let select = application::Entity::find()
        .filter(application::Column::OrganisationId.is_in(orgs))
        .filter(application::Column::Status.eq(ApplicationState::AwaitingHostConfirmation.code()));
    let total = crate::list::count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, APPLICATIONS_PER_PAGE);
    let select = select
        .order_by_asc(application::Column::SubmittedAt)
        .order_by_asc(application::Column::Id)
        .offset(offset)
        .limit(APPLICATIONS_PER_PAGE);
    Ok(Page::new(
        rows(db, select).await?,
        page,
        APPLICATIONS_PER_PAGE,
        total,
    ))
}

/// The published calls, newest first, for officers to narrow the dossiers to one.
pub async fn call_choices() -> Result<Vec<CallChoice>, AppError> {
    let reach = Reach::of(&*crate::kit::require_user()?, Permission::CheckApplications)?;
    let db = &state()?.db;
    let calls = reach.narrow(
        crate::db::entities::call::Entity::find(),
        crate::db::entities::call::Column::Id,
    );
    let rows: Vec<(i32, String, String)> = calls
        .select_only()
        .columns([
            crate::db::entities::call::Column::Id,
            crate::db::entities::call::Column::Code,
            crate::db::entities::call::Column::Title,
        ])
        .filter(
            crate::db::entities::call::Column::Status
                .eq(domain::call::CallStatus::Published.code()),
        )
        .order_by_desc(crate::db::entities::call::Column::OpensAt)
        .order_by_desc(crate::db::entities::call::Column::Id)
        .limit(MAX_CALL_CHOICES)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, title)| CallChoice { id, code, title })
        .collect())
}
