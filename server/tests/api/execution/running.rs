//! A running task: who reads it and puts files on it, progress reports, inspections, overdue flags.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

/// Who reads a running task and puts files on it; progress reports against the contract's
/// products; inspections; a report past due on both to-do lists.
#[tokio::test]
async fn a_running_task_is_read_reported_inspected_and_flagged_overdue_by_its_people() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, true).await;
    let c = t.contract;
    let get = |who: &reqwest::Client| {
        let (w, who) = (&w, who.clone());
        async move {
            w.call(&who, "/api/execution/get", json!({ "contract_id": c }))
                .await
        }
    };

    // Who reads: the task's leader, officers, fund roles, the host; not another researcher.
    let seen = get(&w.researcher).await;
    assert_eq!(seen.status, 200, "{:?}", seen.body);
    assert_eq!(seen.body["paid_dong"], t.paid);
    assert_eq!(seen.body["next_period"], 1);
    assert_eq!(
        seen.body["periods"].as_array().unwrap().len(),
        4,
        "24 months in 6-month periods"
    );
    assert_eq!(get(&w.other).await.status, 404);
    assert_eq!(get(&t.host).await.status, 200);

    // Evidence and settlement documents go on the dossier while the task runs, by its leader
    // only; the submitted dossier's own documents stay as they were.
    let app_id = seen.body["application_id"].as_i64().unwrap();
    let pdf = b"%PDF-1.7\n%%EOF\n".to_vec();
    let attach = |who: &reqwest::Client, document: &str| {
        let (w, who, document, pdf) = (&w, who.clone(), document.to_string(), pdf.clone());
        async move {
            crate::attachments::upload(w, &who, app_id, &document, "Quy trình.pdf", pdf).await
        }
    };
    let evidence = attach(&w.researcher, domain::closeout::EVIDENCE_DOCUMENT).await;
    assert_eq!(evidence.status, 200, "{:?}", evidence.body);
    assert_eq!(attach(&w.researcher, "").await.status, 422);
    assert_eq!(
        attach(&w.officer, domain::closeout::SETTLEMENT_DOCUMENT)
            .await
            .status,
        403
    );
    assert_eq!(
        get(&w.researcher).await.body["files"][0]["file_name"],
        "Quy trình.pdf"
    );
    let evidence_url = format!("/files/attachments/{}", evidence.body["id"]);
    let read = |who: &reqwest::Client| {
        let (w, who, url) = (&w, who.clone(), evidence_url.clone());
        async move { crate::attachments::download(&w.app, &who, &url).await.0 }
    };
    assert_eq!(read(&w.researcher).await, 200);
    assert_eq!(read(&w.other).await, 404);

    // Progress reports: products by their contract names, spending within what was paid.
    let report = |name: &str, spent: i64| json!({ "contract_id": c, "report": { "work_done": "Đã khảo sát 3 huyện", "products": [{ "name": name, "percent": 40, "note": "" }], "spent_dong": spent, "problems": "" } });
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/report",
            report("Báo cáo tổng hợp", 1)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.as_researcher("/api/execution/report", report("Sản phẩm lạ", 1))
                .await
        ),
        "products.0.name"
    );
    assert_eq!(
        field(
            &w.as_researcher(
                "/api/execution/report",
                report("Báo cáo tổng hợp", t.paid + 1)
            )
            .await
        ),
        "spent_dong"
    );
    let filed = w
        .as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 20_000_000),
        )
        .await;
    assert_eq!(filed.status, 200, "{:?}", filed.body);
    assert_eq!(filed.body, 1);
    // Period 2 has not begun.
    assert_eq!(
        problem(
            &w.as_researcher("/api/execution/report", report("Báo cáo tổng hợp", 1))
                .await
        ),
        "NoReportDue"
    );
    let rid = get(&w.officer).await.body["reports"][0]["id"].clone();
    assert_eq!(
        w.call(
            &w.researcher,
            "/api/execution/review",
            json!({ "report_id": rid, "accept": true, "note": "" })
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.call(
                &w.officer,
                "/api/execution/review",
                json!({ "report_id": rid, "accept": false, "note": " " })
            )
            .await
        ),
        "note"
    );
    let back = w
        .call(
            &w.officer,
            "/api/execution/review",
            json!({ "report_id": rid, "accept": false, "note": "Bổ sung số liệu" }),
        )
        .await;
    assert_eq!(back.status, 200, "{:?}", back.body);
    assert_eq!(
        problem(
            &w.call(
                &w.officer,
                "/api/execution/review",
                json!({ "report_id": rid, "accept": true, "note": "" })
            )
            .await
        ),
        "AlreadyReviewed"
    );
    // Sent back: filed again for the same period, then accepted.
    assert_eq!(
        w.as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 25_000_000)
        )
        .await
        .body,
        1
    );
    let rid = get(&w.officer).await.body["reports"][1]["id"].clone();
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/review",
            json!({ "report_id": rid, "accept": true, "note": "" })
        )
        .await
        .status,
        200
    );

    // Inspections: officers only, never in the future.
    let inspect =
        |on: &str| json!({ "contract_id": c, "inspected_on": on, "findings": "Đúng tiến độ" });
    assert_eq!(
        w.call(
            &w.researcher,
            "/api/execution/inspect",
            inspect("2026-12-01")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        field(
            &w.call(&w.officer, "/api/execution/inspect", inspect("2030-01-01"))
                .await
        ),
        "inspected_on"
    );
    assert_eq!(
        w.call(&w.officer, "/api/execution/inspect", inspect("2026-12-01"))
            .await
            .status,
        200
    );

    // Period 2 is due 6 months and 15 days after signing: a second later it is overdue on both
    // to-do lists.
    let due = seen.body["periods"][1]["due_at"]
        .as_str()
        .unwrap()
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap();
    w.app.clock().set(due);
    // Half a year on, everyone signs in again.
    for (c, email) in [
        (&w.officer, "cv@sokhcn.vn"),
        (&w.researcher, "nkh@vien.vn"),
        (&w.other, "khac@vien.vn"),
        (&t.host, "chutri@vien.vn"),
        (&f.leader, "lanhdao@so.vn"),
        (&f.accountant, "ketoan@quy.vn"),
        (&f.director, "giamdoc@quy.vn"),
    ] {
        assert_eq!(w.app.login_with(c, email, PASSWORD).await.status, 200);
    }
    assert!(
        !todos(&w.call(&w.officer, "/api/home/todos", json!({})).await).contains("OverdueReports")
    );
    w.app.clock().set(due + Duration::seconds(1));
    let officer_todos = w.call(&w.officer, "/api/home/todos", json!({})).await;
    assert!(
        todos(&officer_todos).contains("OverdueReports"),
        "{:?}",
        officer_todos.body
    );
    assert!(todos(&w.as_researcher("/api/home/todos", json!({})).await).contains("OverdueReports"));
    assert!(
        !todos(&w.call(&w.other, "/api/home/todos", json!({})).await).contains("OverdueReports")
    );
    unit_counts_its_own(&w).await;
    assert_eq!(get(&w.officer).await.body["periods"][1]["overdue"], true);
    assert_eq!(
        w.as_researcher(
            "/api/execution/report",
            report("Báo cáo tổng hợp", 30_000_000)
        )
        .await
        .body,
        2
    );
    assert!(
        !todos(&w.call(&w.officer, "/api/home/todos", json!({})).await).contains("OverdueReports")
    );
}

/// Steps are counted where they are taken: while the task's call belongs to a managing unit, the
/// unit's officer has the overdue report to chase and the department's officer, who only sees
/// it, has none; moved back, the department's again.
async fn unit_counts_its_own(w: &World) {
    use sea_orm::sea_query::Expr;
    use sea_orm::EntityTrait;
    let unit = w.app.db_unit("Trường Đại học Hồng Đức").await;
    let other = w.app.db_unit("Bệnh viện Đa khoa tỉnh").await;
    // An officer of two units who also leads the first: each unit counted once.
    let officer_of = |u: i32| (Role::Officer, Scope::Organisation(u.into()));
    w.app
        .user(
            "khcn@dh.vn",
            &[
                officer_of(unit),
                officer_of(other),
                (Role::Leader, Scope::Organisation(unit.into())),
            ],
        )
        .await;
    let unit_officer = w.app.new_client();
    assert_eq!(
        w.app
            .login_with(&unit_officer, "khcn@dh.vn", PASSWORD)
            .await
            .status,
        200
    );
    let move_to = |unit: Option<i32>| {
        app::db::entities::call::Entity::update_many()
            .col_expr(
                app::db::entities::call::Column::ManagingUnitId,
                Expr::value(unit),
            )
            .exec(&w.app.db)
    };
    let overdue = |c: &reqwest::Client| {
        let c = c.clone();
        async move {
            let r = w.call(&c, "/api/home/todos", json!({})).await;
            let all = r.body.as_array().cloned().unwrap_or_default();
            all.iter()
                .find_map(|t| t.get("OverdueReports"))
                .map(|t| t["count"].clone())
        }
    };
    let none = |v: Option<Value>| v.is_none();
    assert!(none(overdue(&unit_officer).await));
    move_to(Some(unit)).await.unwrap();
    assert_eq!(overdue(&unit_officer).await, Some(json!(1)));
    assert!(none(overdue(&w.officer).await));
    move_to(None).await.unwrap();
    assert!(none(overdue(&unit_officer).await));
    assert_eq!(overdue(&w.officer).await, Some(json!(1)));
}
