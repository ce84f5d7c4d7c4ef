//! The API registry: every registered server function is declared, and the OpenAPI document and
//! the `/api` page are built from those declarations.

use crate::helpers::TestApp;
use serde_json::Value;

#[test]
fn the_registry_declares_exactly_the_registered_server_functions() {
    let mut registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .collect();
    registered.sort();
    registered.dedup();
    let mut declared: Vec<&str> = app::registry::endpoints().iter().map(|e| e.path).collect();
    declared.sort();
    assert_eq!(registered, declared);
}

/// Every `$ref` in `v` names a schema in the document's components.
fn dangling_refs(v: &Value, schemas: &serde_json::Map<String, Value>, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                let name = r.trim_start_matches("#/components/schemas/");
                if !r.starts_with("#/components/schemas/") || !schemas.contains_key(name) {
                    out.push(r.clone());
                }
            }
            m.values().for_each(|x| dangling_refs(x, schemas, out));
        }
        Value::Array(a) => a.iter().for_each(|x| dangling_refs(x, schemas, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint_with_schemas_that_resolve() {
    let app = TestApp::spawn().await;
    let r = app
        .new_client()
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for e in app::registry::endpoints() {
        let post = &paths[e.path]["post"];
        assert!(post.is_object(), "{} missing", e.path);
        let body = &post["requestBody"]["content"];
        let media = body.as_object().unwrap().values().next().unwrap();
        assert_eq!(media["example"], e.example, "{}", e.path);
        assert!(post["responses"]["200"].is_object(), "{}", e.path);
        assert!(post["responses"]["403"].is_object(), "{}", e.path);
    }
    for d in app::registry::downloads() {
        assert!(paths[d.path]["get"].is_object(), "{} missing", d.path);
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(schemas.contains_key("ApplicationForm") && schemas.contains_key("AppError"));
    let mut dangling = Vec::new();
    dangling_refs(&doc, schemas, &mut dangling);
    assert_eq!(dangling, Vec::<String>::new());
    // A public call needs no credentials; every other one the cookie or a token.
    assert_eq!(
        paths["/api/public/tasks"]["post"]["security"],
        serde_json::json!([{}])
    );
    assert_eq!(
        paths["/api/fund/receive"]["post"]["security"],
        serde_json::json!([{ "session": [] }, { "token": [] }])
    );
}

#[tokio::test]
async fn the_api_page_reads_the_registry_in_both_languages() {
    let app = TestApp::spawn().await;
    let rows = app.call("/api/catalogue", serde_json::json!({})).await;
    assert_eq!(rows.status, 200);
    let rows = rows.body.as_array().unwrap().clone();
    let login = rows
        .iter()
        .find(|r| r["path"] == "/api/auth/login")
        .unwrap();
    assert_eq!(login["who"], serde_json::json!(["Bất kỳ ai", "Anyone"]));
    assert_eq!(login["output"], "Me");
    let receive = rows
        .iter()
        .find(|r| r["path"] == "/api/fund/receive")
        .unwrap();
    assert_eq!(receive["who"][0], "Kế toán Quỹ");
    let html = app
        .new_client()
        .get(format!("{}/api", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("/api/openapi.json") && html.contains("/api/fund/receive"));
}

/// Cases the fuzzer (`scripts/fuzz.sh`) found, kept: a page number past the databases'
/// integers crashed the request.
#[tokio::test]
async fn fuzzed_a_page_past_any_list_is_an_empty_page_not_a_crash() {
    let app = TestApp::spawn().await;
    app.user(
        "cv@sokhcn.vn",
        &[(domain::roles::Role::Officer, domain::roles::Scope::Global)],
    )
    .await;
    let c = app.new_client();
    app.login_with(&c, "cv@sokhcn.vn", crate::helpers::PASSWORD)
        .await;
    for path in [
        "/api/experts/list",
        "/api/calls/list",
        "/api/applications/list",
    ] {
        let body = serde_json::json!({ "query": "", "page": u64::MAX, "filter": {} });
        let r = app.call_with(&c, path, body).await;
        assert_eq!(r.status, 200, "{path}: {:?}", r.body);
        assert_eq!(r.body["items"], serde_json::json!([]), "{path}");
    }
}

/// Found fuzzing on PostgreSQL: a NUL character in any text was a 500 there (and kept on
/// SQLite). Now refused at its field on both, before any function runs.
#[tokio::test]
async fn fuzzed_a_nul_character_in_text_is_refused_at_its_field() {
    let app = TestApp::spawn().await;
    let officer = (domain::roles::Role::Officer, domain::roles::Scope::Global);
    app.user("cv@sokhcn.vn", &[officer]).await;
    let c = app.new_client();
    app.login_with(&c, "cv@sokhcn.vn", crate::helpers::PASSWORD)
        .await;
    let form = serde_json::json!({
        "title": "Đợt thử", "summary": "Thử", "level": "Provincial", "formation": "Grant",
        "fields": ["Nông\u{0} nghiệp"], "priority_areas": [],
        "opens_at": "2026-12-01T00:00:00Z", "closes_at": "2026-12-31T00:00:00Z",
        "budget_envelope_dong": 1_000_000_000i64, "required_documents": ["Thuyết minh"],
    });
    let r = app
        .call_with(&c, "/api/calls/create", serde_json::json!({ "form": form }))
        .await;
    assert_eq!(r.status, 422, "{:?}", r.body);
    assert_eq!(r.body["Invalid"]["field"], "form.fields.0");
    assert_eq!(r.body["Invalid"]["problem"]["Form"], "NulCharacter");
    let list = app
        .call_with(
            &c,
            "/api/calls/list",
            serde_json::json!({ "query": "", "page": 1, "filter": {} }),
        )
        .await;
    assert_eq!(list.body["total"], 0, "nothing saved");
}
