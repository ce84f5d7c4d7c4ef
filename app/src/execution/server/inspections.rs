//! Inspections an officer records on a running task.

use super::*;

pub async fn inspect(
    contract_id: i32,
    inspected_on: String,
    findings: String,
) -> Result<(), AppError> {
    let me = require_somewhere(Permission::SuperviseTasks)?;
    let db = &state()?.db;
    let t = load(db, contract_id).await?;
    t.managed_by(&me, Permission::SuperviseTasks)?;
    let findings = required("findings", &findings, Bound::Account)?;
    let day = chrono::NaiveDate::parse_from_str(inspected_on.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("inspected_on", Problem::Form(FormProblem::Required)))?;
    let now = now()?;
    let on = domain::execution::inspection_moment(day, t.contract.signed_at, now)
        .map_err(|_| AppError::invalid("inspected_on", Problem::InspectionDate))?;
    let txn = crate::db::begin(db).await?;
    inspection::ActiveModel {
        contract_id: Set(contract_id),
        inspected_on: Set(on),
        findings: Set(findings),
        recorded_by: Set(me.user_id),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "inspection_recorded",
        ("contract", contract_id.into()),
        serde_json::json!({ "on": day.to_string() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
