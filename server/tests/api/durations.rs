//! How long the steps took, on the dashboard (docs/programme.md, "Durations"): a dossier
//! submitted twenty days before its contract was signed, an acceptance concluded seven days
//! before the settlement; counted in the year each step ended, for the department and the
//! public alike.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::world::World;

fn step<'a>(dashboard: &'a Value, code: &str) -> &'a Value {
    dashboard["durations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["step"] == code)
        .unwrap()
}

#[tokio::test]
async fn the_dashboard_says_how_many_days_each_step_took() {
    use app::db::entities::{application, closeout, contract};
    use sea_orm::sea_query::Expr;
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let db = &w.app.db;
    let c = contract::Entity::find_by_id(t.contract as i32)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // Submitted twenty days before the signing (the world does it all within a second).
    let submitted = c.signed_at.unwrap() - Duration::days(20);
    application::Entity::update_many()
        .col_expr(application::Column::SubmittedAt, Expr::value(submitted))
        .filter(application::Column::Id.eq(c.application_id))
        .exec(db)
        .await
        .unwrap();
    w.with_accepted_task(&t).await;
    // Concluded seven days before the server's today (its clock is the test's own).
    let k = closeout::Entity::find_by_id(c.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let concluded = k.concluded_at.unwrap() - Duration::days(7);
    closeout::Entity::update_many()
        .col_expr(closeout::Column::ConcludedAt, Expr::value(concluded))
        .filter(closeout::Column::ContractId.eq(c.id))
        .exec(db)
        .await
        .unwrap();
    let declaration = json!({ "contract_id": t.contract, "declaration": { "documented_dong": [0, 30_000_000], "documents": "HĐ mua vật tư số 5", "spent_dong": 0 } });
    let declared = w.as_researcher("/api/execution/declare", declaration).await;
    assert_eq!(declared.status, 200, "{:?}", declared.body);
    let settle = json!({ "contract_id": t.contract, "key": "s1", "shown": declared.body });
    let settled = w.call(&f.leader, "/api/execution/settle", settle).await;
    assert_eq!(settled.status, 200, "{:?}", settled.body);

    for (who, path) in [
        (&f.leader, "/api/programme/dashboard"),
        (&w.app.new_client(), "/api/public/programme"),
    ] {
        let d = w.call(who, path, json!({})).await;
        assert_eq!(d.status, 200, "{:?}", d.body);
        // This year is the last of five; nothing before it, nothing grassroots.
        let contracted = step(&d.body, "application_to_contract");
        assert_eq!(
            contracted["provincial"],
            json!([null, null, null, null, 20])
        );
        assert_eq!(contracted["all"], json!([null, null, null, null, 20]));
        assert_eq!(
            contracted["grassroots"],
            json!([null, null, null, null, null])
        );
        assert_eq!(contracted["cases"], json!([0, 0, 0, 0, 1]));
        let settled = step(&d.body, "acceptance_to_settlement");
        assert_eq!(settled["all"], json!([null, null, null, null, 7]), "{path}");
    }
}
