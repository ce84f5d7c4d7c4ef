//! The programme's dashboard (docs/programme.md): a responsible unit enters a figure with its
//! evidence, an officer approves or returns it (never their own), the dashboard and its public
//! subset show what is approved, every entry is kept; the figures computed from the records by
//! year and level; the workbook; who may do what.

use crate::helpers::{Reply, TestApp, PASSWORD};
use crate::world::{problem, Fund, World};
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// Sends a figure's entry as the page's form does.
pub(crate) async fn submit(
    app: &TestApp,
    client: &reqwest::Client,
    indicator: i64,
    year: &str,
    value: &str,
    file: Option<(&str, &[u8])>,
) -> Reply {
    let mut form = reqwest::multipart::Form::new()
        .text("indicator_id", indicator.to_string())
        .text("year", year.to_string())
        .text("value", value.to_string())
        .text("note", "Theo niên giám thống kê".to_string());
    if let Some((name, bytes)) = file {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    let res = client
        .post(format!("{}/api/programme/figures/submit", app.base))
        .multipart(form)
        .send()
        .await
        .expect("submit");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    Reply {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

pub(crate) async fn signed_in(
    app: &TestApp,
    email: &str,
    grants: &[(Role, Scope)],
) -> reqwest::Client {
    app.user(email, grants).await;
    let c = app.new_client();
    assert_eq!(app.login_with(&c, email, PASSWORD).await.status, 200);
    c
}

/// The seeded indicator with this code: its id.
pub(crate) async fn indicator(app: &TestApp, code: &str) -> i64 {
    use app::db::entities::indicator;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .into()
}

/// Makes `unit` answer for the indicator `code`, as the administrator does on the catalogue.
pub(crate) async fn assign(app: &TestApp, code: &str, unit: i64, public: bool) -> i64 {
    use app::db::entities::indicator;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    indicator::Entity::update_many()
        .col_expr(
            indicator::Column::ResponsibleUnitId,
            Expr::value(Some(unit as i32)),
        )
        .col_expr(indicator::Column::Public, Expr::value(public))
        .filter(indicator::Column::Code.eq(code))
        .exec(&app.db)
        .await
        .unwrap();
    indicator(app, code).await
}

fn this_year() -> i32 {
    domain::format::year_in_vietnam(crate::world::t0())
}

fn row<'a>(dashboard: &'a Value, code: &str) -> &'a Value {
    dashboard["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or(&Value::Null)
}

struct Stage {
    w: World,
    f: Fund,
    host: reqwest::Client,
    unit: i64,
    contract: i64,
}

async fn stage() -> Stage {
    let w = World::new().await;
    let f = w.with_fund_people().await;
    let t = w.with_funded_task(&f, false).await;
    let unit = {
        use app::db::entities::contract;
        use sea_orm::EntityTrait;
        contract::Entity::find_by_id(t.contract as i32)
            .one(&w.app.db)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
            .unwrap()
            .into()
    };
    Stage {
        w,
        f,
        host: t.host,
        unit,
        contract: t.contract,
    }
}

async fn dashboard(app: &TestApp, c: &reqwest::Client) -> Reply {
    app.call_with(
        c,
        "/api/programme/dashboard",
        json!({ "year": this_year() }),
    )
    .await
}

#[tokio::test]
async fn a_unit_enters_a_figure_the_officer_approves_it_and_the_dashboard_shows_it() {
    let Stage {
        w, f, host, unit, ..
    } = stage().await;
    let app = &w.app;
    let ocop = assign(app, "ocop_trademarks", unit, true).await;
    let year = this_year().to_string();

    // The unit sees its own indicator only, and may enter it.
    let mine = dashboard(app, &host).await;
    assert_eq!(mine.status, 200, "{:?}", mine.body);
    assert_eq!(mine.body["indicators"].as_array().unwrap().len(), 1);
    assert_eq!(row(&mine.body, "ocop_trademarks")["mine"], true);

    let sent = submit(
        app,
        &host,
        ocop,
        &year,
        "72,5",
        Some(("Báo cáo OCOP.pdf", PDF)),
    )
    .await;
    assert_eq!(sent.status, 200, "{:?}", sent.body);
    assert_eq!(sent.body["state"], "submitted");
    let first = sent.body["id"].as_i64().unwrap();

    // Not counted until approved; the leader sees it waiting.
    let seen = dashboard(app, &f.leader).await;
    assert_eq!(row(&seen.body, "ocop_trademarks")["value"], Value::Null);
    assert_eq!(seen.body["pending"][0]["id"], first);
    assert_eq!(seen.body["indicators"].as_array().unwrap().len(), 11);

    let ok = app
        .call_with(
            &w.officer,
            "/api/programme/figures/decide",
            json!({ "id": first, "decision": "approve" }),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let again = app
        .call_with(
            &w.officer,
            "/api/programme/figures/decide",
            json!({ "id": first, "decision": "approve" }),
        )
        .await;
    assert_eq!(problem(&again)["Figure"], "AlreadyDecided");

    let seen = dashboard(app, &f.leader).await;
    let ocop_row = row(&seen.body, "ocop_trademarks");
    assert_eq!(ocop_row["value"], 7250);
    // More than 85 %: 72,5 is 85 % of the way (72,5 × 100 / 85 = 85,29, rounded down).
    assert_eq!(ocop_row["progress"], 85);
    assert_eq!(seen.body["pending"], json!([]));
    // Next year, until its own figure is approved, the latest one shows with its year.
    let next = app
        .call_with(
            &f.leader,
            "/api/programme/dashboard",
            json!({ "year": this_year() + 1 }),
        )
        .await;
    assert_eq!(row(&next.body, "ocop_trademarks")["value"], 7250);
    assert_eq!(
        row(&next.body, "ocop_trademarks")["figure_year"],
        this_year()
    );
    let before = app
        .call_with(
            &f.leader,
            "/api/programme/dashboard",
            json!({ "year": this_year() - 1 }),
        )
        .await;
    assert_eq!(row(&before.body, "ocop_trademarks")["value"], Value::Null);

    // A correction waits beside the approved figure, which counts until it is approved; a
    // return needs its reason.
    let corrected = submit(app, &host, ocop, &year, "90", Some(("Bổ sung.pdf", PDF))).await;
    let second = corrected.body["id"].as_i64().unwrap();
    assert_eq!(
        row(&dashboard(app, &f.leader).await.body, "ocop_trademarks")["value"],
        7250
    );
    let bare = app
        .call_with(
            &w.officer,
            "/api/programme/figures/decide",
            json!({ "id": second, "decision": "return", "reason": " " }),
        )
        .await;
    assert_eq!(bare.status, 422);
    assert_eq!(bare.body["Invalid"]["field"], "note");
    let back = app
        .call_with(
            &w.officer,
            "/api/programme/figures/decide",
            json!({ "id": second, "decision": "return", "reason": "Thiếu danh sách sản phẩm" }),
        )
        .await;
    assert_eq!(back.status, 200, "{:?}", back.body);

    // Every entry is kept, newest first.
    let history = app
        .call_with(
            &host,
            "/api/programme/figures/history",
            json!({ "indicator_id": ocop }),
        )
        .await;
    let states: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["returned", "approved"]);
    assert_eq!(history.body[0]["reason"], "Thiếu danh sách sản phẩm");

    // The evidence reads back for the department and the unit, nobody else.
    let path = format!("/files/programme/figures/{first}");
    let (status, bytes, _) = crate::attachments::download(app, &f.leader, &path).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert_eq!(crate::attachments::download(app, &host, &path).await.0, 200);
    assert_eq!(
        crate::attachments::download(app, &w.researcher, &path)
            .await
            .0,
        403
    );

    // The public sees the public indicators' approved figures, never what waits.
    let public = app
        .call("/api/public/programme", json!({ "year": this_year() }))
        .await;
    assert_eq!(public.status, 200);
    assert_eq!(row(&public.body, "ocop_trademarks")["value"], 7250);
    assert_eq!(public.body["pending"], json!([]));
    assign(app, "ocop_trademarks", unit, false).await;
    let public = app
        .call("/api/public/programme", json!({ "year": this_year() }))
        .await;
    assert_eq!(row(&public.body, "ocop_trademarks"), &Value::Null);
}

#[tokio::test]
async fn entries_are_refused_at_their_field_and_nobody_approves_their_own() {
    let Stage { w, host, unit, .. } = stage().await;
    let app = &w.app;
    let ocop = assign(app, "ocop_trademarks", unit, true).await;
    let year = this_year().to_string();
    let exe: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";
    for (y, value, file, field) in [
        (year.as_str(), "bảy mươi", Some(("a.pdf", PDF)), "value"),
        (year.as_str(), "72,555", Some(("a.pdf", PDF)), "value"),
        ("1999", "72", Some(("a.pdf", PDF)), "year"),
        (
            &(this_year() + 1).to_string(),
            "72",
            Some(("a.pdf", PDF)),
            "year",
        ),
        (year.as_str(), "72", None, "file"),
        (year.as_str(), "72", Some(("a.pdf", exe)), "file"),
    ] {
        let r = submit(app, &host, ocop, y, value, file).await;
        assert_eq!(r.status, 422, "{value} {y}: {:?}", r.body);
        assert_eq!(r.body["Invalid"]["field"], field, "{value} {y}");
    }
    // Another organisation's representative, an indicator with no unit, a computed one.
    let other_org = app.db_org("Sở Công Thương").await;
    let other = signed_in(
        app,
        "ct@so.vn",
        &[(
            Role::HostOrganisation,
            Scope::Organisation(other_org.into()),
        )],
    )
    .await;
    assert_eq!(
        submit(app, &other, ocop, &year, "72", Some(("a.pdf", PDF)))
            .await
            .status,
        403
    );
    let gi = crate::programme::indicator(app, "gi_abroad").await;
    assert_eq!(
        submit(app, &host, gi, &year, "1", Some(("a.pdf", PDF)))
            .await
            .status,
        403
    );
    let admin = signed_in(app, "qt@so.vn", &[(Role::Admin, Scope::Global)]).await;
    let computed = app.call_with(&admin, "/api/programme/indicators/save", json!({ "input": {
        "code": "tasks_funded", "name": "Nhiệm vụ được ký hợp đồng", "name_en": "Tasks contracted",
        "unit": "nhiệm vụ", "unit_en": "tasks", "comparison": "at_least", "target": "40",
        "target_year": 2030, "source": "tasks_funded", "responsible_unit_id": unit, "public": true } })).await;
    assert_eq!(computed.status, 200, "{:?}", computed.body);
    let r = submit(
        app,
        &host,
        computed.body.as_i64().unwrap(),
        &year,
        "3",
        Some(("a.pdf", PDF)),
    )
    .await;
    assert_eq!(problem(&r)["Figure"], "Computed");
    let taken = app.call_with(&admin, "/api/programme/indicators/save", json!({ "input": {
        "code": "tasks_funded", "name": "Lặp", "name_en": "", "unit": "x", "unit_en": "",
        "comparison": "at_least", "target": "1", "target_year": 2030, "source": "entered", "public": false } })).await;
    assert_eq!(taken.body["Invalid"]["field"], "code", "{:?}", taken.body);

    // Someone who both represents the unit and approves figures never approves their own.
    let both = signed_in(
        app,
        "kiemnhiem@so.vn",
        &[
            (Role::Officer, Scope::Global),
            (Role::HostOrganisation, Scope::Organisation(unit)),
        ],
    )
    .await;
    let mine = submit(app, &both, ocop, &year, "72", Some(("a.pdf", PDF))).await;
    assert_eq!(mine.status, 200, "{:?}", mine.body);
    let own = app
        .call_with(
            &both,
            "/api/programme/figures/decide",
            json!({ "id": mine.body["id"], "decision": "approve" }),
        )
        .await;
    assert_eq!(problem(&own)["Figure"], "OwnFigure");
    let by_other = app
        .call_with(
            &w.officer,
            "/api/programme/figures/decide",
            json!({ "id": mine.body["id"], "decision": "approve" }),
        )
        .await;
    assert_eq!(by_other.status, 200, "{:?}", by_other.body);
    // Nothing of the refused entries was kept.
    let history = app
        .call_with(
            &w.officer,
            "/api/programme/figures/history",
            json!({ "indicator_id": ocop }),
        )
        .await;
    assert_eq!(history.body.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn computed_figures_count_the_records_by_year_and_level() {
    let Stage { w, f, contract, .. } = stage().await;
    let app = &w.app;
    let d = app
        .call_with(
            &f.leader,
            "/api/programme/dashboard",
            json!({ "year": this_year() }),
        )
        .await;
    assert_eq!(d.status, 200, "{:?}", d.body);
    let y = this_year();
    assert_eq!(d.body["years"], json!([y - 4, y - 3, y - 2, y - 1, y]));
    let metric = |code: &str| -> (Vec<i64>, Vec<i64>) {
        let m = d.body["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == code)
            .unwrap();
        let v = |k: &str| {
            m[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
                .collect()
        };
        (v("provincial"), v("grassroots"))
    };
    // One task signed this year for 99.000.000 đ, its first half paid; nothing grassroots.
    assert_eq!(metric("tasks_funded"), (vec![0, 0, 0, 0, 1], vec![0; 5]));
    assert_eq!(
        metric("money_committed"),
        (vec![0, 0, 0, 0, 99_000_000], vec![0; 5])
    );
    assert_eq!(
        metric("money_disbursed"),
        (vec![0, 0, 0, 0, 49_500_000], vec![0; 5])
    );
    assert_eq!(metric("tasks_accepted"), (vec![0; 5], vec![0; 5]));
    // The second half paid: the next reading counts it, not the figures kept from the last.
    let p = w.prepare(contract, &f.accountant, "pay-2", 2).await;
    assert_eq!(p.status, 200, "{:?}", p.body);
    let ok = app
        .call_with(
            &f.director,
            "/api/payments/approve",
            json!({ "key": "ok-2", "payment_id": p.body }),
        )
        .await;
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let again = dashboard(app, &f.leader).await;
    let paid = again.body["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "money_disbursed")
        .unwrap()["provincial"]
        .clone();
    assert_eq!(paid, json!([0, 0, 0, 0, 99_000_000]));
    // The funded dossier among those submitted this year.
    assert!(metric("applications").0[4] >= 1);
    // A year before anything: all zero.
    let before = app
        .call_with(
            &f.leader,
            "/api/programme/dashboard",
            json!({ "year": y - 5 }),
        )
        .await;
    let funded = before.body["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "tasks_funded")
        .unwrap();
    assert_eq!(funded["provincial"], json!([0, 0, 0, 0, 0]));

    // The whole dashboard as a workbook, for the department only.
    let path = format!("/exports/programme/{y}.xlsx");
    let (status, bytes, disposition) = crate::attachments::download(app, &f.leader, &path).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"PK"), "a zip: an .xlsx");
    assert!(disposition.contains(".xlsx"), "{disposition}");
    assert_eq!(
        crate::attachments::download(app, &w.researcher, &path)
            .await
            .0,
        403
    );
    assert_eq!(
        app.call_with(&w.researcher, "/api/programme/dashboard", json!({}))
            .await
            .status,
        403
    );
    let bad = app
        .call_with(
            &f.leader,
            "/api/programme/dashboard",
            json!({ "year": 1500 }),
        )
        .await;
    assert_eq!(bad.body["Invalid"]["field"], "year");
}
