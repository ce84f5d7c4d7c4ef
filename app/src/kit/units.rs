//! Where a record is managed (S): a call, and everything that comes of it (its dossiers,
//! councils, tasks), belongs to the department or to the managing unit that runs it
//! (docs/roles.md). The department's staff see every unit's records and run their own; a
//! unit's staff see and run their unit's only (`domain::roles::manages`).

use domain::roles::{Permission, Scope};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::call;
use crate::error::AppError;
use crate::kit::Account;

/// The managing unit running a call (none: the department); `NotFound` for no such call.
pub async fn unit_of_call(
    db: &impl ConnectionTrait,
    call_id: i32,
) -> Result<Option<i32>, AppError> {
    call::Entity::find()
        .select_only()
        .column(call::Column::ManagingUnitId)
        .filter(call::Column::Id.eq(call_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the person sees the records of a call with `permission`: the department's staff
/// every call's, a unit's staff their unit's. Queries only for a unit's staff.
pub async fn oversees_call(
    db: &impl ConnectionTrait,
    me: &Account,
    permission: Permission,
    call_id: i32,
) -> Result<bool, AppError> {
    if me.may(permission, Scope::Global) {
        return Ok(true);
    }
    let units = me.units(permission);
    if units.is_empty() {
        return Ok(false);
    }
    Ok(unit_of_call(db, call_id)
        .await?
        .is_some_and(|u| units.contains(&u)))
}

/// `Ok` when the person runs the call's records with `permission`; `Forbidden` for one who
/// only sees them (the department, for a unit's call) or holds it elsewhere.
pub async fn manages_call(
    db: &impl ConnectionTrait,
    me: &Account,
    permission: Permission,
    call_id: i32,
) -> Result<(), AppError> {
    let unit = unit_of_call(db, call_id).await?;
    if me.manages(permission, unit) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Which calls' records a person's lists hold: all of them, or their units' only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reach {
    All,
    Units(Vec<i32>),
}

impl Reach {
    /// The person's reach with `permission`; `Forbidden` when they hold it nowhere.
    pub fn of(me: &Account, permission: Permission) -> Result<Reach, AppError> {
        if me.may(permission, Scope::Global) {
            return Ok(Reach::All);
        }
        let units = me.units(permission);
        if units.is_empty() {
            Err(AppError::Forbidden)
        } else {
            Ok(Reach::Units(units))
        }
    }

    /// A condition on a column holding a call's id (none for `All`): the call is one of the
    /// units'. A subquery on the calls' unit index, so lists stay one query.
    pub fn calls(&self, call_id: impl ColumnTrait) -> Option<SimpleExpr> {
        match self {
            Reach::All => None,
            Reach::Units(units) => Some(
                call_id.in_subquery(
                    Query::select()
                        .column(call::Column::Id)
                        .from(call::Entity)
                        .and_where(call::Column::ManagingUnitId.is_in(units.clone()))
                        .to_owned(),
                ),
            ),
        }
    }

    /// `select` narrowed to the reach, by its call-id column.
    pub fn narrow<E: EntityTrait>(
        &self,
        select: sea_orm::Select<E>,
        call_id: impl ColumnTrait,
    ) -> sea_orm::Select<E> {
        match self.calls(call_id) {
            Some(condition) => select.filter(condition),
            None => select,
        }
    }
}

/// The dossier, when the person runs its call's records with `permission`: `NotFound` for no
/// such dossier, `Forbidden` for anyone else.
pub async fn manages_dossier(
    db: &impl ConnectionTrait,
    me: &Account,
    permission: Permission,
    application_id: i32,
) -> Result<crate::db::entities::application::Model, AppError> {
    let a = crate::db::entities::application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    manages_call(db, me, permission, a.call_id).await?;
    Ok(a)
}

/// The managing units of a batch of calls, in one query (for lists of several calls' records).
pub async fn units_of_calls(
    db: &impl ConnectionTrait,
    mut ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, Option<i32>>, AppError> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(call::Entity::find()
        .select_only()
        .columns([call::Column::Id, call::Column::ManagingUnitId])
        .filter(call::Column::Id.is_in(ids))
        .into_tuple::<(i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A condition on a column holding a call's id: the calls whose records the person runs with
/// `permission` (the department's own, or their units'); none when they run none. For to-do
/// counts, which hold only what the person may act on.
pub fn managed_calls(
    me: &Account,
    permission: Permission,
    call_id: impl ColumnTrait,
) -> Option<SimpleExpr> {
    use sea_orm::sea_query::Cond;
    let mut units = Cond::any();
    if me.manages(permission, None) {
        units = units.add(call::Column::ManagingUnitId.is_null());
    }
    let own = me.units(permission);
    if !own.is_empty() {
        units = units.add(call::Column::ManagingUnitId.is_in(own));
    }
    if units.is_empty() {
        return None;
    }
    let calls = Query::select()
        .column(call::Column::Id)
        .from(call::Entity)
        .cond_where(units)
        .to_owned();
    Some(call_id.in_subquery(calls))
}

/// The ids of the dossiers of the calls that meet `calls` (a condition on the calls' table): a
/// subquery on the indexed call columns, for conditions on any record that comes of a call.
pub fn dossiers_of_calls(calls: SimpleExpr) -> sea_orm::sea_query::SelectStatement {
    use crate::db::entities::application;
    let calls = Query::select()
        .column(call::Column::Id)
        .from(call::Entity)
        .and_where(calls)
        .to_owned();
    Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::CallId.in_subquery(calls))
        .to_owned()
}

/// A condition on a column holding a dossier's id: the dossiers of the calls the person runs
/// with `permission` (see [`managed_calls`]).
pub fn managed_dossiers(
    me: &Account,
    permission: Permission,
    application_id: impl ColumnTrait,
) -> Option<SimpleExpr> {
    use crate::db::entities::application;
    let calls = managed_calls(me, permission, application::Column::CallId)?;
    Some(
        application_id.in_subquery(
            Query::select()
                .column(application::Column::Id)
                .from(application::Entity)
                .and_where(calls)
                .to_owned(),
        ),
    )
}

/// The managing unit running a dossier's call (none: the department).
pub async fn unit_of_dossier(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<i32>, AppError> {
    use crate::db::entities::application;
    let call_id: i32 = application::Entity::find()
        .select_only()
        .column(application::Column::CallId)
        .filter(application::Column::Id.eq(application_id))
        .into_tuple()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    unit_of_call(db, call_id).await
}
