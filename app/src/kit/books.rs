//! Whose book a contract is paid from, and who keeps which book (docs/ledger.md, "Books"): the
//! fund's staff the fund's, a managing unit's accountant and account holder their unit's own.

use domain::ledger::Book;
use domain::roles::Permission;
use sea_orm::ColumnTrait;

use crate::auth::server::Account as Me;
use crate::db::entities::{contract, payment};
use crate::error::AppError;

/// The book a contract is paid from: its payer unit's, or the fund's.
pub fn book_of(c: &contract::Model) -> Book {
    Book::of_payer(c.payer_unit_id.map(i64::from))
}

/// `Ok` when the person keeps `book` with `permission`: the fund's staff the fund's, a unit's
/// accountant and account holder their unit's own. The department sees a unit's book and keeps
/// nothing in it; anyone else is refused (`Forbidden`).
pub fn keeps(me: &Me, permission: Permission, book: Book) -> Result<(), AppError> {
    let unit = book.unit().and_then(|u| i32::try_from(u).ok());
    if me.manages(permission, unit) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A condition on a column naming a row's book (NULL for the fund's, else the unit's id): the
/// rows in the books the person keeps with `permission` (the fund's, their units' own); none
/// when they keep none.
pub fn in_kept_books(
    me: &Me,
    permission: Permission,
    book_unit: impl ColumnTrait,
) -> Option<sea_orm::Condition> {
    let mut books = sea_orm::Condition::any();
    if me.manages(permission, None) {
        books = books.add(book_unit.is_null());
    }
    let units = me.units(permission);
    if !units.is_empty() {
        books = books.add(book_unit.is_in(units));
    }
    (!books.is_empty()).then_some(books)
}

/// A condition on a column holding a contract's id: the contracts paid from the books the
/// person keeps with `permission`; none when they keep none.
pub fn kept_books(
    me: &Me,
    permission: Permission,
) -> Option<impl Fn(payment::Column) -> sea_orm::sea_query::SimpleExpr> {
    use sea_orm::sea_query::Query;
    let payers = in_kept_books(me, permission, contract::Column::PayerUnitId)?;
    let contracts = Query::select()
        .column(contract::Column::Id)
        .from(contract::Entity)
        .cond_where(payers)
        .to_owned();
    Some(move |column: payment::Column| column.in_subquery(contracts.clone()))
}
