//! Benchmark: the officer's list of submitted applications at 10,000 applications.
//!
//! `cargo run --release -p server --example bench_lists` (SQLite in a temporary file), or with
//! `DATABASE_URL=postgres://…` pointing at an empty database. Prints p50/p99 latencies of the
//! list API and of the server-rendered page, alone and with 64 clients at once.
#![allow(
    clippy::too_many_lines,
    reason = "a benchmark's set-up and measurement, read top to bottom"
)]

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{application, call};
use chrono::Utc;
use domain::application::ApplicationForm;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

const APPLICATIONS: usize = 10_000;
const PASSWORD: &str = "Mật khẩu đo hiệu năng";

fn form(i: usize) -> ApplicationForm {
    common::form(
        format!("Nghiên cứu ứng dụng công nghệ số {i} trong nông nghiệp tỉnh"),
        "Nông nghiệp",
        "Nguyễn Văn A".into(),
    )
}

fn report(name: &str, mut samples: Vec<Duration>, wall: Duration) {
    samples.sort();
    println!(
        "{name:<52} n={:<5} p50={:>7.2} ms  p99={:>7.2} ms  max={:>7.2} ms  {:>7.0} req/s",
        samples.len(),
        common::percentile(&samples, 0.50).as_secs_f64() * 1e3,
        common::percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
        samples.len() as f64 / wall.as_secs_f64()
    );
}

async fn timed(
    client: &reqwest::Client,
    req: impl Fn(&reqwest::Client) -> reqwest::RequestBuilder,
    n: usize,
) -> Vec<Duration> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let res = req(client).send().await.expect("request");
        assert!(res.status().is_success(), "{}", res.status());
        res.bytes().await.expect("body");
        out.push(t.elapsed());
    }
    out
}

#[tokio::main]
async fn main() {
    let (config, backend) = common::config("bench");
    let (running, _stop) = common::start(&config).await;
    let db = running.state.server.db.clone();
    let base = format!("http://{}", running.addr);
    let now = Utc::now();

    // Seed: an officer, a researcher, a published call and the applications.
    let t = Instant::now();
    let hash = app::auth::server::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (email, role) in [
        ("cv@bench.vn", Role::Officer),
        ("nkh@bench.vn", Role::Researcher),
    ] {
        let u = insert_user(
            &db,
            NewUser {
                email: email.into(),
                display_name: email.into(),
                password_hash: hash.clone(),
                organisation_id: None,
                must_change_password: false,
            },
            now,
        )
        .await
        .unwrap();
        insert_grant(
            &db,
            u.id,
            RoleGrant::new(role, Scope::Global).unwrap(),
            u.id,
            now,
        )
        .await
        .unwrap();
        ids.push(u.id);
    }
    let c = call::ActiveModel {
        code: Set("ĐỢT-2026-01".into()),
        year: Set(2026),
        sequence: Set(1),
        title: Set("Đợt đo".into()),
        title_folded: Set("dot do".into()),
        title_key: Set("đợt đo".into()),
        summary: Set(String::new()),
        level: Set("provincial".into()),
        formation: Set("grant".into()),
        fields: Set(app::db::json::Json::default()),
        priority_areas: Set(app::db::json::Json::default()),
        required_documents: Set(app::db::json::Json::default()),
        opens_at: Set(now - chrono::Duration::days(1)),
        closes_at: Set(now + chrono::Duration::days(30)),
        budget_dong: Set(1),
        rulebook_version: Set(Some(1)),
        status: Set("published".into()),
        published_at: Set(Some(now)),
        created_by: Set(Some(ids[0])),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    for chunk in (0..APPLICATIONS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|&i| {
            let f = form(i);
            application::ActiveModel {
                call_id: Set(c.id),
                applicant_id: Set(ids[1]),
                organisation_id: Set(None),
                title_folded: Set(domain::text::fold(&f.title)),
                title_key: Set(domain::text::exact_key(&f.title)),
                title: Set(f.title.clone()),
                form: Set(app::db::json::Json(f.clone())),
                status: Set("submitted".into()),
                correction_deadline: Set(None),
                receipt_code: Set(Some(domain::lifecycle::receipt_code(2026, i as u32 + 1))),
                receipt_year: Set(Some(2026)),
                receipt_sequence: Set(Some(i as i32 + 1)),
                version: Set(1),
                submitted_at: Set(Some(now - chrono::Duration::seconds(i as i64))),
                received_at: Set(Some(now - chrono::Duration::seconds(i as i64))),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        });
        application::Entity::insert_many(rows)
            .exec(&db)
            .await
            .unwrap();
    }
    println!(
        "seeded {APPLICATIONS} applications in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        backend
    );

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({ "email": "cv@bench.vn", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(login.status().is_success());

    let list = |body: serde_json::Value| {
        let url = format!("{base}/api/applications/list");
        move |c: &reqwest::Client| c.post(&url).json(&body)
    };
    for _ in 0..20 {
        let _ = timed(
            &client,
            list(json!({ "filter": { "call_id": null, "query": "" }, "page": 1 })),
            1,
        )
        .await;
    }
    for (name, body) in [
        (
            "API list, page 1",
            json!({ "filter": { "call_id": null, "query": "" }, "page": 1 }),
        ),
        (
            "API list, page 500 (the last)",
            json!({ "filter": { "call_id": null, "query": "" }, "page": 500 }),
        ),
        (
            "API list of one call, page 1",
            json!({ "filter": { "call_id": c.id, "query": "" }, "page": 1 }),
        ),
        (
            "API search \"cong nghe so 99\" (no diacritics)",
            json!({ "filter": { "call_id": null, "query": "cong nghe so 99" }, "page": 1 }),
        ),
    ] {
        let t = Instant::now();
        let s = timed(&client, list(body), 200).await;
        report(name, s, t.elapsed());
    }
    let page_url = format!("{base}/applications/review");
    let t = Instant::now();
    let s = timed(&client, |c| c.get(&page_url), 200).await;
    report("SSR page /applications/review", s, t.elapsed());

    // 64 clients at once, each signed in, each loading the page 20 times.
    let mut clients = Vec::new();
    for _ in 0..64 {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        c.post(format!("{base}/api/auth/login"))
            .json(&json!({ "email": "cv@bench.vn", "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        clients.push(c);
    }
    let t = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|c| {
            let url = page_url.clone();
            tokio::spawn(async move { timed(&c, |c| c.get(&url), 20).await })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    report(
        "SSR page /applications/review, 64 clients at once",
        all,
        t.elapsed(),
    );
}
