//! Amendments: approved by their size, each a new version of the contract.

#[allow(clippy::wildcard_imports, reason = "the scenario's stages and helpers")]
use super::*;

#[tokio::test]
async fn amendments_are_approved_by_their_size_and_make_a_new_version() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let c = t.contract;
    let request = |ext: u32, lines: [i64; 2], others: &str| json!({ "contract_id": c, "request": { "extension_months": ext, "lines_dong": lines, "other_changes": others, "reason": "Mùa mưa đến sớm" } });
    let labour = 59_000_000i64;
    assert_eq!(
        w.call(
            &w.officer,
            "/api/execution/request_amendment",
            request(3, [labour, 40_000_000], "")
        )
        .await
        .status,
        403
    );
    assert_eq!(
        w.call(
            &w.other,
            "/api/execution/request_amendment",
            request(3, [labour, 40_000_000], "")
        )
        .await
        .status,
        404
    );
    let more = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(0, [labour, 40_000_001], ""),
        )
        .await;
    assert_eq!(
        problem(&more)["Amendment"]["TotalChanged"]["sum_dong"],
        99_000_001,
        "{:?}",
        more.body
    );
    assert_eq!(
        field(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(13, [labour, 40_000_000], "")
            )
            .await
        ),
        "extension_months"
    );
    assert_eq!(
        problem(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(0, [labour, 40_000_000], "")
            )
            .await
        )["Amendment"],
        "NoChange"
    );
    // 5 million of 99 moved and three months more: small, an officer decides.
    let small = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(3, [labour - 5_000_000, 45_000_000], ""),
        )
        .await;
    assert_eq!(small.status, 200, "{:?}", small.body);
    assert_eq!(
        problem(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(1, [labour, 40_000_000], "")
            )
            .await
        ),
        "AmendmentPending"
    );
    assert!(
        todos(&w.call(&w.officer, "/api/home/todos", json!({})).await).contains("DecideAmendments")
    );
    let seen = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(seen.body["amendments"][0]["size"], "Small");
    assert_eq!(
        seen.body["amendments"][0]["baseline"]["duration_months"],
        24
    );
    assert_eq!(seen.body["amendments"][0]["may_decide"], false);
    let decide = |who: &reqwest::Client, id: &Value, approve: bool, note: &str| {
        let (w, who, body) = (
            &w,
            who.clone(),
            json!({ "amendment_id": id, "approve": approve, "note": note }),
        );
        async move { w.call(&who, "/api/execution/decide_amendment", body).await }
    };
    assert_eq!(
        decide(&w.researcher, &small.body, true, "").await.status,
        403
    );
    assert_eq!(
        field(&decide(&w.officer, &small.body, false, "").await),
        "note"
    );
    assert_eq!(
        decide(&w.officer, &small.body, true, "Hợp lý").await.status,
        200
    );
    assert_eq!(
        problem(&decide(&f.leader, &small.body, false, "Không").await),
        "AlreadyDecided"
    );
    let after = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    assert_eq!(after.body["version"], 2);
    assert_eq!(after.body["duration_months"], 27);
    assert_eq!(after.body["lines"][1]["fund_dong"], 45_000_000);
    assert_eq!(after.body["periods"].as_array().unwrap().len(), 5);
    // The unpaid second tranche moves by the extension; the paid first stays.
    let contract = w
        .call(&f.leader, "/api/contracts/get", json!({ "id": c }))
        .await;
    assert_eq!(
        contract.body["tranches"][0][1]["due_at"],
        "2027-01-15T00:00:00Z"
    );
    assert_eq!(
        contract.body["tranches"][1][1]["due_at"],
        "2027-12-15T00:00:00Z"
    );
    // Seven months and a change of product: large, the leader decides.
    let large = w
        .as_researcher(
            "/api/execution/request_amendment",
            request(7, [labour - 5_000_000, 45_000_000], "Thêm 1 bài báo"),
        )
        .await;
    assert_eq!(large.status, 200, "{:?}", large.body);
    assert_eq!(decide(&w.officer, &large.body, true, "").await.status, 403);
    assert!(
        !todos(&w.call(&w.officer, "/api/home/todos", json!({})).await)
            .contains("DecideAmendments")
    );
    assert_eq!(decide(&f.leader, &large.body, true, "").await.status, 200);
    assert_eq!(
        w.as_researcher("/api/execution/get", json!({ "contract_id": c }))
            .await
            .body["version"],
        3
    );
    // Once the final report is in, the contract no longer changes.
    assert_eq!(
        w.as_researcher(
            "/api/execution/submit_final",
            json!({ "contract_id": c, "final_report": "Xong", "evidence": ["BC 1"] })
        )
        .await
        .status,
        200
    );
    assert_eq!(
        blocked(
            &w.as_researcher(
                "/api/execution/request_amendment",
                request(1, [labour, 40_000_000], "")
            )
            .await
        ),
        "FinalReportAlreadySubmitted"
    );
    let _ = &t.host;
}

/// The task's own leader, though also an officer and a department leader, neither reviews its
/// reports nor decides its amendments or exemption; the department's other people do.
#[tokio::test]
async fn the_tasks_leader_decides_nothing_about_it_whatever_roles_they_hold() {
    use app::db::entities::user;
    use domain::roles::RoleGrant;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let c = t.contract;
    let me = user::Entity::find()
        .filter(user::Column::Email.eq("nkh@vien.vn"))
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    for role in [Role::Officer, Role::Leader] {
        let grant = RoleGrant::new(role, Scope::Global).unwrap();
        app::db::accounts::insert_grant(&w.app.db, me.id, grant, me.id, chrono::Utc::now())
            .await
            .unwrap();
    }
    let report = json!({ "contract_id": c, "report": { "work_done": "Đã khảo sát", "products": [{ "name": "Báo cáo tổng hợp", "percent": 40, "note": "" }], "spent_dong": 1_000_000, "problems": "" } });
    let filed = w.as_researcher("/api/execution/report", report).await;
    assert_eq!(filed.status, 200, "{:?}", filed.body);
    let view = w
        .as_researcher("/api/execution/get", json!({ "contract_id": c }))
        .await;
    let report_id = view.body["reports"][0]["id"].clone();
    let review = json!({ "report_id": report_id, "accept": true, "note": "" });
    let own = w
        .as_researcher("/api/execution/review", review.clone())
        .await;
    assert_eq!(problem(&own), "OwnCase", "{:?}", own.body);
    assert_eq!(
        w.call(&w.officer, "/api/execution/review", review)
            .await
            .status,
        200
    );
    let lines: Vec<i64> = w
        .as_researcher("/api/contracts/get", json!({ "id": c }))
        .await
        .body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["fund_dong"].as_i64().unwrap())
        .collect();
    let asked = w
        .as_researcher(
            "/api/execution/request_amendment",
            json!({ "contract_id": c, "request": { "extension_months": 2, "lines_dong": lines, "other_changes": "", "reason": "Mùa mưa" } }),
        )
        .await;
    assert_eq!(asked.status, 200, "{:?}", asked.body);
    let decide = json!({ "amendment_id": asked.body, "approve": true, "note": "" });
    let own = w
        .as_researcher("/api/execution/decide_amendment", decide.clone())
        .await;
    assert_eq!(problem(&own), "OwnCase", "{:?}", own.body);
    let decided = w
        .call(&w.officer, "/api/execution/decide_amendment", decide)
        .await;
    assert_eq!(decided.status, 200, "{:?}", decided.body);
}
