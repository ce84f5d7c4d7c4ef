//! The public portal (docs/portal.md): search ignoring diacritics with the exact matches first,
//! filters and orders in the database, bad filters refused at their field, each task its own
//! page (never a draft), and the open data following the same filters.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{json, Value};

use crate::world::World;
use app::db::entities::{application, contract};

/// A signed contract written straight to the database (as before the portal's search columns
/// existed: no search text), on a dossier of the world's call.
pub(crate) async fn old_task(
    w: &World,
    title: &str,
    host: Option<i32>,
    total_dong: i64,
    signed_at: DateTime<Utc>,
) -> i32 {
    let call = i32::try_from(w.call_id).unwrap();
    old_task_in(w, call, title, host, total_dong, signed_at).await
}

/// A copy of the world's call at the grassroots level, published as it is.
async fn grassroots_call(w: &World) -> i32 {
    use app::db::entities::call;
    let db = &w.app.db;
    let mut c: call::ActiveModel = call::Entity::find_by_id(i32::try_from(w.call_id).unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    c.id = sea_orm::ActiveValue::NotSet;
    c.code = Set("ĐỢT-CS-01".into());
    c.sequence = Set(99);
    c.level = Set("grassroots".into());
    c.insert(db).await.unwrap().id
}

async fn old_task_in(
    w: &World,
    call: i32,
    title: &str,
    host: Option<i32>,
    total_dong: i64,
    signed_at: DateTime<Utc>,
) -> i32 {
    let db = &w.app.db;
    let now = crate::world::t0();
    let researcher = w
        .app
        .call_with(&w.researcher, "/api/auth/session", json!({}))
        .await
        .body["me"]["user_id"]
        .as_i64()
        .unwrap();
    let form = domain::application::ApplicationForm {
        title: title.into(),
        field: "Nông nghiệp".into(),
        ..Default::default()
    };
    let dossier = application::ActiveModel {
        call_id: Set(call),
        applicant_id: Set(i32::try_from(researcher).unwrap()),
        organisation_id: Set(host),
        title: Set(title.into()),
        title_folded: Set(domain::text::fold(title)),
        title_key: Set(domain::text::exact_key(title)),
        form: Set(app::db::json::Json(form)),
        status: Set("approved".into()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let row = contract::ActiveModel {
        application_id: Set(dossier.id),
        code: Set(format!("HĐ-TEST-{}", dossier.id)),
        title: Set(title.into()),
        organisation_id: Set(host),
        leader_name: Set("Nguyễn Văn An".into()),
        total_dong: Set(total_dong),
        status: Set("active".into()),
        terms: Set(app::db::json::Json(domain::contract::Terms {
            products: vec![],
            lines: vec![],
            duration_months: 24,
        })),
        created_by: Set(1),
        created_at: Set(now),
        signed_by: Set(Some(1)),
        signed_at: Set(Some(signed_at)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    row.id
}

async fn search(w: &World, filters: Value) -> crate::helpers::Reply {
    let mut body = json!({ "page": 1, "status": null });
    for (k, v) in filters.as_object().unwrap() {
        body[k] = v.clone();
    }
    w.call(&w.app.new_client(), "/api/public/tasks", body).await
}

fn titles(r: &crate::helpers::Reply) -> Vec<String> {
    r.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{:?}", r.body))
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_portal_searches_without_diacritics_exact_first_and_filters_in_the_database() {
    let w = World::new().await;
    let host = w
        .app
        .db_org("Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên")
        .await;
    let other = w.app.db_org("Trường Đại học Tây Nguyên").await;
    // 00:30 on 1 January 2027 in Vietnam is still 2026 in UTC; 23:30 on 31 December 2026 is not
    // 2027 anywhere in Vietnam.
    let new_year = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
    let old_year = Utc.with_ymd_and_hms(2026, 12, 31, 16, 30, 0).unwrap();
    let exact = old_task(
        &w,
        "Chế biến sâu cà phê Đắk Lắk",
        Some(host),
        900_000_000,
        old_year,
    )
    .await;
    let loose = old_task(
        &w,
        "Giống CA PHE chịu hạn",
        Some(other),
        1_500_000_000,
        new_year,
    )
    .await;
    old_task(
        &w,
        "Nuôi tôm thẻ chân trắng",
        Some(host),
        300_000_000,
        new_year,
    )
    .await;
    // Contracts older than the search columns are indexed when the server starts.
    assert_eq!(
        app::portal::search::index_missing(&w.app.db).await.unwrap(),
        3
    );

    // Without diacritics it finds both; with them, the one written so first, whatever the order.
    let r = search(&w, json!({ "q": "ca phe" })).await;
    assert_eq!(r.body["total"], 2, "{:?}", r.body);
    assert_eq!(
        titles(&r),
        ["Giống CA PHE chịu hạn", "Chế biến sâu cà phê Đắk Lắk"]
    );
    let r = search(&w, json!({ "q": "Cà Phê" })).await;
    assert_eq!(
        titles(&r),
        ["Chế biến sâu cà phê Đắk Lắk", "Giống CA PHE chịu hạn"]
    );
    // The host's name and the field are found too.
    let r = search(&w, json!({ "q": "nong lam nghiep" })).await;
    assert_eq!(r.body["total"], 2);
    // The year is Vietnam's.
    let r = search(&w, json!({ "year": 2027 })).await;
    assert_eq!(
        titles(&r),
        ["Nuôi tôm thẻ chân trắng", "Giống CA PHE chịu hạn"]
    );
    let r = search(&w, json!({ "year": 2026, "host": host })).await;
    assert_eq!(titles(&r), ["Chế biến sâu cà phê Đắk Lắk"]);
    let r = search(&w, json!({ "sort": "granted" })).await;
    assert_eq!(
        titles(&r),
        [
            "Giống CA PHE chịu hạn",
            "Chế biến sâu cà phê Đắk Lắk",
            "Nuôi tôm thẻ chân trắng"
        ]
    );
    let r = search(&w, json!({ "sort": "title", "q": "a" })).await;
    assert_eq!(titles(&r)[0], "Chế biến sâu cà phê Đắk Lắk");

    // Bad filters are refused at their field, never a 500.
    for (filters, field) in [
        (json!({ "year": 1999 }), "year"),
        (json!({ "sort": "random" }), "sort"),
        (json!({ "rating": "good" }), "rating"),
        (json!({ "level": "national" }), "level"),
        (json!({ "q": "x".repeat(101) }), "q"),
    ] {
        let r = search(&w, filters).await;
        assert_eq!(
            (r.status, r.body["Invalid"]["field"].as_str()),
            (422, Some(field)),
            "{:?}",
            r.body
        );
    }

    // Each task has its page; the open data follows the filters.
    let page = w
        .call(
            &w.app.new_client(),
            "/api/public/task",
            json!({ "id": exact }),
        )
        .await;
    assert_eq!(page.status, 200, "{:?}", page.body);
    assert_eq!(page.body["task"]["id"], exact);
    assert_eq!(page.body["field"], "Nông nghiệp");
    assert_eq!(page.body["duration_months"], 24);
    let none = w
        .call(
            &w.app.new_client(),
            "/api/public/task",
            json!({ "id": 999_999 }),
        )
        .await;
    assert_eq!(none.status, 404);
    let (status, csv, _) = crate::attachments::download(
        &w.app,
        &w.app.new_client(),
        "/open-data/tasks.csv?q=ca%20phe&year=2027",
    )
    .await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(&format!("\n{loose},")), "{csv}");
    let (status, json, _) = crate::attachments::download(
        &w.app,
        &w.app.new_client(),
        "/open-data/tasks.json?host=abc",
    )
    .await;
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&json));
    let (status, _, _) = crate::attachments::download(
        &w.app,
        &w.app.new_client(),
        "/open-data/tasks.json?sort=random",
    )
    .await;
    assert_eq!(status, 422);
    let grassroots = grassroots_call(&w).await;
    old_task_in(
        &w,
        grassroots,
        "Mô hình trồng nấm rơm cấp cơ sở",
        None,
        50_000_000,
        new_year,
    )
    .await;
    assert_eq!(
        app::portal::search::index_missing(&w.app.db).await.unwrap(),
        1
    );
    // Each level apart, and counted: the level each contract keeps, its call's.
    let r = search(&w, json!({ "level": "grassroots" })).await;
    assert_eq!(titles(&r), ["Mô hình trồng nấm rơm cấp cơ sở"]);
    let r = search(&w, json!({ "level": "provincial" })).await;
    assert_eq!(r.body["total"], 3, "{:?}", r.body);
    let counts = w
        .call(&w.app.new_client(), "/api/public/task_counts", json!({}))
        .await;
    assert_eq!(
        counts.body,
        json!({ "provincial": 3, "grassroots": 1, "total": 4 })
    );
}

#[tokio::test]
async fn a_contract_is_found_from_its_drafting_and_a_draft_has_no_public_page() {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let d = w.with_draft_contract(&f).await;
    let row = contract::Entity::find_by_id(i32::try_from(d.contract).unwrap())
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    // Written with the contract, not waiting for the next start.
    assert!(!row.search_folded.is_empty());
    assert_eq!(row.search_folded, domain::text::fold(&row.search_folded));
    let draft = w
        .call(
            &w.app.new_client(),
            "/api/public/task",
            json!({ "id": d.contract }),
        )
        .await;
    assert_eq!(draft.status, 404);
    w.with_receipt(&f, "rcpt-1", 5_000_000_000).await;
    let signed = w
        .call(
            &f.leader,
            "/api/contracts/sign",
            json!({ "id": d.contract, "key": "sign" }),
        )
        .await;
    assert_eq!(signed.status, 200, "{:?}", signed.body);
    let folded_title = domain::text::fold(&row.title);
    let r = search(&w, json!({ "q": folded_title })).await;
    assert_eq!(r.body["total"], 1, "{:?}", r.body);
    let page = w
        .call(
            &w.app.new_client(),
            "/api/public/task",
            json!({ "id": d.contract }),
        )
        .await;
    assert_eq!(page.status, 200, "{:?}", page.body);
    assert_eq!(page.body["task"]["title"], row.title);
}

/// The portal filters by the field the tasks name: its choices are the fields named, the most
/// named first; the list and the open data follow the choice.
#[tokio::test]
async fn the_portal_filters_by_the_field_its_tasks_name() {
    use app::db::entities::contract;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let w = World::new().await;
    let at = Utc.with_ymd_and_hms(2026, 6, 1, 3, 0, 0).unwrap();
    let shrimp = old_task(&w, "Nuôi tôm thẻ chân trắng", None, 300_000_000, at).await;
    old_task(&w, "Giống cà phê chịu hạn", None, 900_000_000, at).await;
    old_task(&w, "Chế biến cà phê", None, 500_000_000, at).await;
    app::portal::search::index_missing(&w.app.db).await.unwrap();
    // The world's dossiers all say "Nông nghiệp"; the shrimp's says "Thủy sản".
    contract::Entity::update_many()
        .col_expr(contract::Column::Field, Expr::value("Thủy sản"))
        .filter(contract::Column::Id.eq(shrimp))
        .exec(&w.app.db)
        .await
        .unwrap();

    let fields = w
        .call(&w.app.new_client(), "/api/public/task_fields", json!({}))
        .await;
    assert_eq!(fields.status, 200, "{:?}", fields.body);
    assert_eq!(
        fields.body,
        json!([{ "field": "Nông nghiệp", "tasks": 2 }, { "field": "Thủy sản", "tasks": 1 }])
    );
    let r = search(&w, json!({ "field": "Thủy sản" })).await;
    assert_eq!(titles(&r), ["Nuôi tôm thẻ chân trắng"]);
    let r = search(&w, json!({ "field": " Nông nghiệp ", "sort": "granted" })).await;
    assert_eq!(titles(&r), ["Giống cà phê chịu hạn", "Chế biến cà phê"]);
    assert_eq!(
        search(&w, json!({ "field": "Y học" })).await.body["total"],
        0
    );
    let (status, csv, _) = crate::attachments::download(
        &w.app,
        &w.app.new_client(),
        "/open-data/tasks.csv?field=Th%E1%BB%A7y%20s%E1%BA%A3n",
    )
    .await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(&format!("\n{shrimp},")), "{csv}");
}
