//! Benchmark: the fund ledger under load. Contracts are signed (committing their totals), then
//! every tranche's payment is prepared by the accountant and approved by two directors at once;
//! prints payments posted per second, the p50/p99 latency of an approval, and the
//! reconciliation at the end (every stored balance against the transfers, and the invariants).
//!
//! `cargo run --release -p server --example bench_ledger` (SQLite in a temporary file), or with
//! `DATABASE_URL=postgres://…` pointing at an empty database.
#![allow(
    clippy::too_many_lines,
    reason = "a benchmark's set-up and measurement, read top to bottom"
)]

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use app::db::accounts::{insert_grant, insert_user, NewUser};
use app::db::entities::{contract, contract_tranche};
use chrono::Utc;
use domain::roles::{Role, RoleGrant, Scope};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{json, Value};

const CONTRACTS: i32 = 200;
const TRANCHES: i32 = 12;
const TRANCHE_DONG: i64 = 25_000_000;
const CLIENTS: usize = 8;
const PASSWORD: &str = "Mật khẩu đo hiệu năng";

fn report(name: &str, mut samples: Vec<Duration>, wall: Duration) {
    samples.sort();
    println!(
        "{name:<44} n={:<5} p50={:>7.2} ms  p99={:>7.2} ms  max={:>7.2} ms  {:>7.0} /s",
        samples.len(),
        common::percentile(&samples, 0.50).as_secs_f64() * 1e3,
        common::percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
        samples.len() as f64 / wall.as_secs_f64()
    );
}

async fn post(client: &reqwest::Client, url: &str, body: Value) -> (Duration, Value) {
    let t = Instant::now();
    let res = client.post(url).json(&body).send().await.expect("request");
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{url}: {status} {body}");
    (t.elapsed(), body)
}

/// Runs `bodies` against `url` from the clients in turn, `CLIENTS` at a time.
async fn run_all(
    clients: &[reqwest::Client],
    url: &str,
    bodies: Vec<Value>,
) -> (Vec<Duration>, Duration, Vec<Value>) {
    let t = Instant::now();
    let mut samples = Vec::new();
    let mut answers = Vec::new();
    for chunk in bodies.chunks(CLIENTS) {
        let replies = futures::future::join_all(
            chunk
                .iter()
                .enumerate()
                .map(|(i, b)| post(&clients[i % clients.len()], url, b.clone())),
        )
        .await;
        for (d, v) in replies {
            samples.push(d);
            answers.push(v);
        }
    }
    (samples, t.elapsed(), answers)
}

#[tokio::main]
async fn main() {
    let (config, backend) = common::config("bench-ledger");
    let (running, _stop) = common::start(&config).await;
    let db = running.state.server.db.clone();
    let base = format!("http://{}", running.addr);
    let now = Utc::now();

    let hash = app::auth::server::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let mut clients = Vec::new();
    for (email, role) in [
        ("ketoan@bench.vn", Role::FundAccountant),
        ("giamdoc@bench.vn", Role::FundDirector),
        ("phogiamdoc@bench.vn", Role::FundDirector),
        ("lanhdao@bench.vn", Role::Leader),
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
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        post(
            &c,
            &format!("{base}/api/auth/login"),
            json!({ "email": email, "password": PASSWORD }),
        )
        .await;
        clients.push(c);
    }
    let (accountant, directors, leader) = (&clients[0], &clients[1..3], &clients[3]);

    // The fund receives enough for every contract; contracts are drafted directly.
    let total = i64::from(CONTRACTS) * i64::from(TRANCHES) * TRANCHE_DONG;
    post(
        accountant,
        &format!("{base}/api/fund/receive"),
        json!({ "key": "bench-receipt", "source": "StateBudget", "amount_dong": total, "document": "QĐ đo", "note": "" }),
    )
    .await;
    for i in 0..CONTRACTS {
        let c = contract::ActiveModel {
            application_id: Set(1_000_000 + i),
            code: Set(format!("HĐ-BENCH-{i:04}")),
            title: Set(format!("Nhiệm vụ đo {i}")),
            organisation_id: Set(None),
            leader_name: Set("Chủ nhiệm".into()),
            total_dong: Set(i64::from(TRANCHES) * TRANCHE_DONG),
            status: Set("draft".into()),
            terms: Set(app::db::json::Json::default()),
            created_by: Set(1),
            created_at: Set(now),
            signed_by: Set(None),
            signed_at: Set(None),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        contract_tranche::Entity::insert_many((1..=TRANCHES).map(|s| {
            contract_tranche::ActiveModel {
                contract_id: Set(c.id),
                seq: Set(s),
                amount_dong: Set(TRANCHE_DONG),
                due_at: Set(now),
                condition: Set(String::new()),
            }
        }))
        .exec(&db)
        .await
        .unwrap();
    }
    println!("{backend}: {CONTRACTS} contracts × {TRANCHES} tranches, {CLIENTS} clients at a time");

    let leaders = vec![leader.clone()];
    let signs: Vec<Value> = (1..=CONTRACTS)
        .map(|id| json!({ "id": id, "key": format!("sign-{id}") }))
        .collect();
    let (s, wall, _) = run_all(&leaders, &format!("{base}/api/contracts/sign"), signs).await;
    report("sign (commit from available)", s, wall);

    let accountants = vec![accountant.clone()];
    let prepares: Vec<Value> = (1..=CONTRACTS)
        .flat_map(|c| (1..=TRANCHES).map(move |t| json!({ "key": format!("p-{c}-{t}"), "contract_id": c, "tranche_seq": t, "evidence": "Đề nghị" })))
        .collect();
    let (s, wall, ids) = run_all(
        &accountants,
        &format!("{base}/api/payments/prepare"),
        prepares,
    )
    .await;
    report("prepare payment (pending)", s, wall);

    let approvals: Vec<Value> = ids
        .iter()
        .map(|id| json!({ "key": format!("ok-{id}"), "payment_id": id }))
        .collect();
    let (s, wall, _) = run_all(
        directors,
        &format!("{base}/api/payments/approve"),
        approvals,
    )
    .await;
    report("approve payment (posted)", s, wall);

    let t = Instant::now();
    let (_, rec) = post(
        &directors[0],
        &format!("{base}/api/fund/reconcile"),
        json!({}),
    )
    .await;
    println!(
        "reconciliation: {} accounts, {} differences, invariants {} ({:.0} ms)",
        rec["accounts"],
        rec["differences"].as_array().map(Vec::len).unwrap_or(99),
        if rec["broken"].is_null() {
            "hold"
        } else {
            "BROKEN"
        },
        t.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(rec["differences"], json!([]));
    assert!(rec["broken"].is_null());
    assert_eq!(rec["position"]["disbursed_dong"], total);
    assert_eq!(rec["position"]["available_dong"], 0);
    let (_, page) = post(
        &directors[0],
        &format!("{base}/api/fund/transfers"),
        json!({ "account": null, "page": 1 }),
    )
    .await;
    println!("transfers written: {}", page["total"]);
}
