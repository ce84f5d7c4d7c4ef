//! Reading proposals: one with its close records and the council's wording against the
//! proposer's; a round's list for officers and the leader; the proposer's own.

use std::collections::HashMap;

use domain::proposal::{ProposalAction, ProposalStatus, Wording};
use domain::roles::{Permission, Scope};
use domain::similarity::{diff_words, Change};
use domain::Lang;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::super::api::*;
use super::{readable, round, round_row, status_of};
use crate::db::entities::{organisation, proposal};
use crate::error::AppError;
use crate::kit::{display_names, now, organisation_names, require_user, state};
use crate::list::{count_rows, page_and_offset, search_titles, Page};

/// Rows with their proposers' and organisations' names: two queries whatever the page holds.
async fn rows(
    db: &impl ConnectionTrait,
    models: Vec<proposal::Model>,
) -> Result<Vec<ProposalRow>, AppError> {
    let people = display_names(db, models.iter().map(|m| m.proposer_id).collect()).await?;
    let orgs = organisation_names(
        db,
        models.iter().filter_map(|m| m.organisation_id).collect(),
    )
    .await?;
    models
        .into_iter()
        .map(|m| {
            Ok(ProposalRow {
                id: m.id,
                status: status_of(&m)?,
                receipt_code: m.receipt_code.clone(),
                proposer: people.get(&m.proposer_id).cloned().unwrap_or_default(),
                organisation: m.organisation_id.and_then(|o| orgs.get(&o).cloned()),
                method: m.form.0.wording.method,
                budget_dong: m.form.0.budget_dong,
                submitted_at: m.submitted_at,
                title: m.title,
            })
        })
        .collect()
}

pub async fn list(
    round_id: i32,
    query: String,
    status: Option<ProposalStatus>,
    page: u64,
) -> Result<RoundList, AppError> {
    let me = require_user()?;
    if !super::reads_all(&me) {
        return Err(AppError::Forbidden);
    }
    let db = &state()?.db;
    let r = round(db, round_id).await?;
    let mut select = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.ne(ProposalStatus::Draft.code()));
    if let Some(s) = status {
        select = select.filter(proposal::Column::Status.eq(s.code()));
    }
    let select = search_titles(
        select,
        proposal::Column::SearchFolded,
        proposal::Column::TitleKey,
        &query,
    );
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, PROPOSALS_PER_PAGE);
    let models = select
        .order_by_asc(proposal::Column::Id)
        .offset(offset)
        .limit(PROPOSALS_PER_PAGE)
        .all(db)
        .await?;
    let (councils, waiting) = crate::identification::server::view::of_round(db, round_id).await?;
    Ok(RoundList {
        round: round_row(&r, now()?),
        proposals: Page::new(rows(db, models).await?, page, PROPOSALS_PER_PAGE, total),
        undecided: super::rounds::count_in(db, round_id, ProposalStatus::Recommended).await?,
        ordered: super::rounds::count_in(db, round_id, ProposalStatus::Ordered).await?,
        councils,
        waiting,
    })
}

pub async fn mine(page: u64) -> Result<Page<ProposalRow>, AppError> {
    let me = super::proposer()?;
    let db = &state()?.db;
    let select = proposal::Entity::find().filter(proposal::Column::ProposerId.eq(me.user_id));
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, PROPOSALS_PER_PAGE);
    let models = select
        .order_by_desc(proposal::Column::Id)
        .offset(offset)
        .limit(PROPOSALS_PER_PAGE)
        .all(db)
        .await?;
    Ok(Page::new(
        rows(db, models).await?,
        page,
        PROPOSALS_PER_PAGE,
        total,
    ))
}

/// The council's wording against the proposer's, field by field (only the fields it changed).
fn diff(before: &Wording, after: &Wording, names: &HashMap<i32, String>) -> Vec<WordingDiff> {
    let method = |w: &Wording| {
        let host = w
            .designated_organisation_id
            .and_then(|o| i32::try_from(o).ok())
            .and_then(|o| names.get(&o).cloned())
            .map(|n| format!(" – {n}"))
            .unwrap_or_default();
        format!("{}{host}", w.method.label(Lang::Vi))
    };
    [
        ("title", before.title.clone(), after.title.clone()),
        (
            "objectives",
            before.objectives.clone(),
            after.objectives.clone(),
        ),
        ("products", before.products_text(), after.products_text()),
        ("method", method(before), method(after)),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(field, a, b)| WordingDiff {
        field: field.into(),
        changes: diff_words(&a, &b),
    })
    .filter(|d| d.changes.iter().any(|c| !matches!(c, Change::Same(_))))
    .collect()
}

pub async fn get(id: i32) -> Result<ProposalView, AppError> {
    let db = &state()?.db;
    let (me, row) = readable(db, id).await?;
    let now = now()?;
    let r = round(db, row.round_id).await?;
    let status = status_of(&row)?;
    let form = row.form.0.clone();
    let recommendation = row.recommendation.as_ref().map(|r| r.0.clone());
    let host_of = |w: &Wording| {
        w.designated_organisation_id
            .and_then(|o| i32::try_from(o).ok())
    };
    let mut org_ids: Vec<i32> = row.organisation_id.into_iter().collect();
    org_ids.extend(host_of(&form.wording));
    org_ids.extend(recommendation.as_ref().and_then(|r| host_of(&r.wording)));
    let orgs = organisation_names(db, org_ids).await?;
    let people = display_names(db, vec![row.proposer_id]).await?;
    let mine = row.proposer_id == me.user_id;
    let allows = |a| domain::proposal::next(status, a).is_ok();
    let officer = me.may(Permission::ManageProposals, Scope::Global);
    let leader = me.may(Permission::ApproveOrders, Scope::Global);
    let open_list = r.decided_at.is_none();
    let council = crate::identification::server::view::judged_by(db, &row).await?;
    let judged = council.as_ref().is_some_and(|c| c.count.is_some());
    let may = ProposalMay {
        edit: mine && allows(ProposalAction::Edit),
        withdraw: mine && allows(ProposalAction::Withdraw),
        recommend: officer
            && open_list
            && judged
            && allows(ProposalAction::Recommend { order: true }),
        decide: leader && !mine && open_list && allows(ProposalAction::Decide { approve: true }),
        open_call: officer && !open_list && allows(ProposalAction::OpenCall),
    };
    let similar = super::similar::close_to(db, row.id, &row.search_folded).await?;
    Ok(ProposalView {
        id: row.id,
        round: round_row(&r, now),
        status,
        issues: if may.edit { form.check() } else { Vec::new() },
        receipt_code: row.receipt_code.clone(),
        submitted_at: row.submitted_at,
        proposer: people.get(&row.proposer_id).cloned().unwrap_or_default(),
        organisation: row.organisation_id.and_then(|o| orgs.get(&o).cloned()),
        designated_organisation: host_of(&form.wording).and_then(|o| orgs.get(&o).cloned()),
        recommended_host: recommendation
            .as_ref()
            .and_then(|r| host_of(&r.wording))
            .and_then(|o| orgs.get(&o).cloned()),
        diff: recommendation
            .as_ref()
            .map(|r| diff(&form.wording, &r.wording, &orgs))
            .unwrap_or_default(),
        similar,
        recommendation,
        decision_reason: row.decision_reason.clone(),
        decided_at: row.decided_at,
        call_id: row.call_id,
        council,
        form,
        may,
    })
}

/// How many organisations the host picker offers at once.
const HOST_CHOICES: u64 = 20;

pub async fn hosts(query: String) -> Result<Vec<HostChoice>, AppError> {
    let me = require_user()?;
    let may = domain::roles::confers(&me.grants, Permission::ProposeTasks)
        || me.may(Permission::ManageProposals, Scope::Global);
    if !may {
        return Err(AppError::Forbidden);
    }
    let db = &state()?.db;
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    let q: String = query.trim().to_lowercase().replace(['%', '_', '\\'], "");
    let name = Expr::expr(Func::lower(Expr::col(organisation::Column::Name)));
    let rows: Vec<(i32, String)> = organisation::Entity::find()
        .select_only()
        .columns([organisation::Column::Id, organisation::Column::Name])
        .filter(name.like(format!("%{q}%")))
        .order_by_asc(organisation::Column::Name)
        .limit(HOST_CHOICES)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| HostChoice { id, name })
        .collect())
}
