//! A managing unit registers its accepted task's results with the department: its own officer
//! takes the step, the department's officer (who only sees the unit's task) cannot, and reads
//! the registration; another unit does not see the task at all.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;
use domain::roles::{Role, Scope};

#[tokio::test]
async fn a_unit_registers_its_accepted_task_s_results_and_the_department_reads_them() {
    use sea_orm::sea_query::Expr;
    use sea_orm::EntityTrait;
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    w.with_accepted_task(&t).await;
    let c = t.contract;
    let unit = w.app.db_unit("Trường Đại học Hồng Đức").await;
    let other = w.app.db_unit("Bệnh viện Đa khoa tỉnh").await;
    let officer_of = |u: i32| [(Role::Officer, Scope::Organisation(u.into()))];
    w.app.user("khcn@dh.vn", &officer_of(unit)).await;
    w.app.user("khcn@bv.vn", &officer_of(other)).await;
    let unit_officer = crate::grassroots::signed_in(&w.app, "khcn@dh.vn").await;
    let other_officer = crate::grassroots::signed_in(&w.app, "khcn@bv.vn").await;
    // The task's call is the unit's.
    app::db::entities::call::Entity::update_many()
        .col_expr(
            app::db::entities::call::Column::ManagingUnitId,
            Expr::value(Some(unit)),
        )
        .exec(&w.app.db)
        .await
        .unwrap();
    let register = json!({ "contract_id": c, "certificate_number": "GCN-07/2028", "registration": { "summary": "Chế phẩm vi sinh xử lý vỏ cà phê", "application": "Hợp tác xã Hòa Thắng", "keywords": "vi sinh, cà phê" } });
    let by_department = w
        .call(&w.officer, "/api/execution/register", register.clone())
        .await;
    assert_eq!(by_department.status, 403, "{:?}", by_department.body);
    let by_other = w
        .call(&other_officer, "/api/execution/register", register.clone())
        .await;
    assert!(matches!(by_other.status, 403 | 404), "{:?}", by_other.body);
    let done = w
        .call(&unit_officer, "/api/execution/register", register)
        .await;
    assert_eq!(done.status, 200, "{:?}", done.body);
    let get = json!({ "contract_id": c });
    let seen = w.call(&w.officer, "/api/execution/get", get.clone()).await;
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["certificate_number"], "GCN-07/2028");
    assert_eq!(
        seen.body["registration"]["application"],
        "Hợp tác xã Hòa Thắng"
    );
    let hidden = w.call(&other_officer, "/api/execution/get", get).await;
    assert_eq!(hidden.status, 404, "another unit does not see the task");
}
