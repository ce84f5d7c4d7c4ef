//! The indicator catalogue (docs/programme.md, "Catalogue"), kept by administrators.

use domain::programme::{check_code, parse_figure, Comparison, FigureProblem, Source};
use domain::roles::{Permission, Scope};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set, TryIntoModel};

use super::super::api::IndicatorInput;
use crate::db::entities::{indicator, organisation};
use crate::db::state;
use crate::error::{AppError, Problem};
use crate::kit::{audit, now, require, text, Bound};

fn at(field: &str, p: FigureProblem) -> AppError {
    AppError::invalid(field, Problem::Figure(p))
}

pub async fn save(input: IndicatorInput) -> Result<i32, AppError> {
    let me = require(Permission::ManageIndicators, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let code = input.code.trim().to_string();
    check_code(&code).map_err(|p| at("code", p))?;
    let name = text("name", &input.name, true, Bound::Reference)?;
    let name_en = text("name_en", &input.name_en, false, Bound::Reference)?;
    let unit = text("unit", &input.unit, true, Bound::Code)?;
    let unit_en = text("unit_en", &input.unit_en, false, Bound::Code)?;
    let unknown = |field: &str| AppError::invalid(field, Problem::UnknownChoice);
    let comparison =
        Comparison::from_code(&input.comparison).ok_or_else(|| unknown("comparison"))?;
    let source = Source::from_code(&input.source).ok_or_else(|| unknown("source"))?;
    let target = parse_figure(&input.target).map_err(|p| at("target", p))?;
    if !domain::portal::YEARS.contains(&input.target_year) {
        return Err(unknown("target_year"));
    }
    if let Some(unit_id) = input.responsible_unit_id {
        if organisation::Entity::find_by_id(unit_id).count(db).await? == 0 {
            return Err(AppError::invalid(
                "responsible_unit_id",
                Problem::UnknownOrganisation,
            ));
        }
    }
    let txn = crate::db::begin(db).await?;
    let mut row = match input.id {
        Some(id) => indicator::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => {
            let last = indicator::Entity::find().count(&txn).await?;
            indicator::ActiveModel {
                position: Set(i32::try_from(last).unwrap_or(i32::MAX - 1) + 1),
                ..Default::default()
            }
        }
    };
    row.code = Set(code);
    row.name = Set(name);
    row.name_en = Set(name_en);
    row.unit = Set(unit);
    row.unit_en = Set(unit_en);
    row.comparison = Set(comparison.code().into());
    row.target = Set(target);
    row.target_year = Set(input.target_year);
    row.source = Set(source.code().into());
    row.responsible_unit_id = Set(input.responsible_unit_id);
    row.public = Set(input.public);
    row.updated_at = Set(Some(now));
    let saved = row
        .save(&txn)
        .await
        .map_err(|e| crate::kit::taken(e, "code", Problem::Figure(FigureProblem::CodeTaken)))?
        .try_into_model()?;
    let id = saved.id;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "indicator_saved",
        ("indicator", id.into()),
        serde_json::json!({ "code": saved.code, "target": target, "source": source.code() }),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}
