//! The sea-orm entities and the schema the migrations make cannot drift apart: on the database
//! this run uses (SQLite, or PostgreSQL with `TEST_DATABASE_URL`), every entity's table exists,
//! every entity column is a table column of the same kind (32- or 64-bit integer, text, boolean,
//! timestamp with time zone) and nullability, and every table column is known to its entity.
//! SQLite keeps one INTEGER type, so integer widths are checked on PostgreSQL. String lengths
//! are the migrations' alone: the entities do not declare them.

use std::collections::{BTreeMap, BTreeSet};

use app::db::entities;
use sea_orm::sea_query::ColumnType;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, IdenStatic, Iterable,
    Statement,
};

use crate::helpers::TestApp;

/// The kinds of column the schema uses; a mismatch between them is drift.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Int32,
    Int64,
    /// SQLite's one INTEGER, whatever width the migration asked for.
    AnyInt,
    Text,
    Bool,
    Timestamp,
    Bytes,
    Other(String),
}

fn entity_kind(t: &ColumnType) -> Kind {
    match t {
        ColumnType::Integer => Kind::Int32,
        ColumnType::BigInteger => Kind::Int64,
        ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_) => Kind::Text,
        ColumnType::Boolean => Kind::Bool,
        ColumnType::TimestampWithTimeZone => Kind::Timestamp,
        ColumnType::Blob | ColumnType::Binary(_) | ColumnType::VarBinary(_) => Kind::Bytes,
        other => Kind::Other(format!("{other:?}")),
    }
}

fn stored_kind(backend: DbBackend, t: &str) -> Kind {
    let t = t.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "int" if backend == DbBackend::Sqlite => Kind::AnyInt,
        "integer" | "int" | "int4" => Kind::Int32,
        "bigint" | "int8" | "big_integer" => Kind::Int64,
        "text" | "character varying" | "string" => Kind::Text,
        "boolean" | "bool" => Kind::Bool,
        _ if t.starts_with("varchar") || t.starts_with("char") => Kind::Text,
        _ if t.starts_with("timestamp") => Kind::Timestamp,
        "bytea" | "blob" => Kind::Bytes,
        _ => Kind::Other(t),
    }
}

/// The table's columns as the database reports them: name → (type, nullable).
async fn stored(db: &DatabaseConnection, table: &str) -> BTreeMap<String, (String, bool)> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT column_name AS name, data_type AS kind, (is_nullable = 'YES') AS nullable \
             FROM information_schema.columns WHERE table_schema = current_schema() \
             AND table_name = $1"
        }
        _ => {
            "SELECT name AS name, type AS kind, (\"notnull\" = 0 AND pk = 0) AS nullable \
             FROM pragma_table_info(?)"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, [table.into()]))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let name: String = r.try_get("", "name").unwrap();
            let kind: String = r.try_get("", "kind").unwrap();
            let nullable: bool = r.try_get("", "nullable").unwrap();
            (name, (kind, nullable))
        })
        .collect()
}

/// What differs between one entity and its table, in words.
async fn drift<E: EntityTrait + Default>(db: &DatabaseConnection) -> Vec<String> {
    let table = E::default().table_name().to_string();
    let stored = stored(db, &table).await;
    if stored.is_empty() {
        return vec![format!("{table}: no such table")];
    }
    let mut problems = Vec::new();
    let mut known = BTreeSet::new();
    for column in E::Column::iter() {
        let name = column.as_str().to_string();
        let def = column.def();
        match stored.get(&name) {
            None => problems.push(format!("{table}.{name}: in the entity, not in the table")),
            Some((kind, nullable)) => {
                if *nullable != def.is_null() {
                    problems.push(format!(
                        "{table}.{name}: nullable {nullable} in the table, {} in the entity",
                        def.is_null()
                    ));
                }
                let want = entity_kind(def.get_column_type());
                let got = stored_kind(db.get_database_backend(), kind);
                let integer = matches!(want, Kind::Int32 | Kind::Int64) && got == Kind::AnyInt;
                if want != got && !integer {
                    problems.push(format!(
                        "{table}.{name}: {got:?} in the table, {want:?} in the entity"
                    ));
                }
            }
        }
        known.insert(name);
    }
    for name in stored.keys().filter(|n| !known.contains(*n)) {
        problems.push(format!("{table}.{name}: in the table, not in the entity"));
    }
    problems
}

macro_rules! drift_of_all {
    ($db:expr, $($table:ident),+ $(,)?) => {{
        let mut all = Vec::new();
        $( all.extend(drift::<entities::$table::Entity>($db).await); )+
        all
    }};
}

#[tokio::test]
async fn the_entities_match_the_migrated_schema() {
    let app = TestApp::spawn().await;
    let problems = drift_of_all!(
        &app.db,
        organisation,
        user,
        role_grant,
        session,
        api_token,
        login_failure,
        setup_token,
        audit_event,
        rulebook,
        call,
        application,
        application_version,
        application_decision,
        attachment,
        researcher_cv,
        application_member,
        council,
        council_member,
        council_application,
        conflict,
        score_sheet,
        expert,
        fund_account,
        fund_transfer,
        contract,
        contract_tranche,
        payment,
        task_approval,
        progress_report,
        inspection,
        closeout,
        acceptance_member,
        amendment,
        audit_chain,
        application_revision,
        mail_outbox,
        password_reset,
        notification,
        notification_preference,
        reminder_sent,
        letter,
        proposal_round,
        proposal,
        identification_council,
        identification_member,
        identification_ballot,
        registration,
        organisation_request,
        membership_request,
        user_identity,
        sign_on_attempt,
        stored_file,
        indicator,
        indicator_figure,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
