//! Benchmark: a province at scale (issue 16, docs/performance.md). Seeds 1,000 users, 10,000
//! applications across 10 calls and 200 councils, 2,000 signed contracts and 100,000 ledger
//! transfers through the project's own code, then starts the real server on that database in
//! its own process and measures every main page and API call with 64 signed-in clients at once.
//! Prints one table (page, p50, p99, requests/s, errors), the heaviest page's throughput against
//! a static file of the same size from the same server, the server's RSS under load and its
//! start-up time on the seeded database.
//!
//! `cargo run --release -p server --example bench_scale` (SQLite in a temporary file), or with
//! `DATABASE_URL=postgres://…` naming an empty database.
#![allow(
    clippy::too_many_lines,
    reason = "a benchmark's set-up and measurement, read top to bottom"
)]

#[path = "../common/mod.rs"]
mod common;
mod load;
mod seed;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use load::{Call, Row};
use serde_json::{json, to_value, Value};

/// The child process that is the server under load.
const SERVE: &str = "STMS_BENCH_SCALE_SERVE";
const ROUNDS: usize = 10;

#[tokio::main]
async fn main() {
    if std::env::var_os(SERVE).is_some() {
        // The server itself, as `server` runs it.
        server::init_tracing();
        if let Err(e) = server::run(&["server".into()]).await {
            eprintln!("server stopped: {}", server::error_chain(&*e));
            std::process::exit(1);
        }
        return;
    }
    let (config, backend) = common::config("bench-scale");
    println!("Province at scale on {backend}");
    let province = seeded(&config).await;
    let (mut child, base, startup) = serve(&config.database_url).await;
    println!(
        "  {} users, {} transfers; the server answered /healthz {:.0} ms after it was started",
        province.users,
        province.transfers,
        startup.as_secs_f64() * 1e3
    );
    let pid = child.id();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let sampler = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                if let Some(kb) = load::rss_kb(pid, "VmRSS:") {
                    peak.fetch_max(kb, std::sync::atomic::Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    let rows = measure_all(&base, &province).await;
    let heaviest = rows
        .iter()
        // Pages people open; the open data is a download, not a page.
        .filter(|r| r.name.starts_with("GET") && !r.name.contains("/open-data/"))
        .min_by(|a, b| a.per_second().total_cmp(&b.per_second()))
        .unwrap();
    let file = static_file(heaviest.bytes);
    let visitors = load::sign_in(&base, &[], "").await;
    let statik = load::measure(
        "GET a static file of the same size",
        &base,
        &visitors,
        &Call::Get(file.url.clone()),
        ROUNDS,
    )
    .await;
    statik.print();
    let _ = std::fs::remove_file(&file.path);
    sampler.abort();
    println!();
    println!(
        "heaviest page: {} at {:.0} req/s, {:.2} of the static file's {:.0} req/s",
        heaviest.name,
        heaviest.per_second(),
        heaviest.per_second() / statik.per_second(),
        statik.per_second()
    );
    println!(
        "server RSS under load: {:.0} MB at most (sampled every 50 ms), {:.0} MB high-water mark",
        peak.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1024.0,
        load::rss_kb(pid, "VmHWM:").unwrap_or(0) as f64 / 1024.0
    );
    println!(
        "server start-up on the seeded database: {:.0} ms",
        startup.as_secs_f64() * 1e3
    );
    let worst = rows.iter().map(Row::p99).fold(0.0, f64::max);
    let errors: usize = rows.iter().map(|r| r.errors).sum();
    println!("worst p99: {worst:.1} ms; errors: {errors}");
    let _ = child.kill();
    let _ = child.wait();
}

/// Migrates the database with the server's own start, seeds it, and stops that server.
async fn seeded(config: &server::Config) -> seed::Province {
    let (running, stop_tx) = common::start(config).await;
    let db = running.state.server.db.clone();
    let province = seed::province(&db, chrono::Utc::now()).await;
    let _ = stop_tx.send(());
    let _ = running.handle.await;
    drop(db);
    province
}

/// Starts this program again as the server on `database_url`; answers it, its address and how
/// long it took to answer its health check.
async fn serve(database_url: &str) -> (Child, String, Duration) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let t = Instant::now();
    let child = Command::new(std::env::current_exe().unwrap())
        .env(SERVE, "1")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env("LEPTOS_OUTPUT_NAME", "stms")
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("RUST_LOG", "warn")
        .env_remove("STMS_DEMO")
        .stdout(Stdio::null())
        .spawn()
        .expect("the server starts");
    let base = format!("http://{addr}");
    let probe = reqwest::Client::new();
    loop {
        if let Ok(r) = probe.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                break;
            }
        }
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (child, base, t.elapsed())
}

struct StaticFile {
    path: std::path::PathBuf,
    url: String,
}

/// A file of `bytes` bytes among the built assets the server sends as they are.
fn static_file(bytes: usize) -> StaticFile {
    std::fs::create_dir_all("target/site/pkg").unwrap();
    let path = std::path::PathBuf::from("target/site/pkg/bench-scale-static.html");
    let body: String = "Khoa học và công nghệ tỉnh Sông Lam. "
        .chars()
        .cycle()
        .take(bytes)
        .collect();
    std::fs::write(&path, &body.as_bytes()[..bytes.min(body.len())]).unwrap();
    StaticFile {
        path,
        url: "/pkg/bench-scale-static.html".into(),
    }
}

fn api<T: serde::Serialize>(name: &str, body: T) -> Call {
    Call::Api(name.into(), to_value(body).unwrap())
}

fn emails(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| seed::email(prefix, i)).collect()
}

/// Every main page and API call, by the role that uses it; one row each.
async fn measure_all(base: &str, p: &seed::Province) -> Vec<Row> {
    use app::*;
    let pw = seed::PASSWORD;
    let roles: Vec<(&str, Vec<String>)> = vec![
        ("khách", vec![]),
        ("nhà khoa học", emails("nkh", 64)),
        ("chuyên viên", emails("cv", 20)),
        ("thành viên hội đồng", vec![p.council_member.clone()]),
        ("kế toán Quỹ", emails("kt", 5)),
        ("giám đốc Quỹ", emails("gd", 5)),
        ("lãnh đạo Sở", emails("ld", 5)),
        ("quản trị", emails("qt", 1)),
    ];
    let (call, council, app_id, contract) = (p.call, p.council, p.application, p.contract);
    let get = |path: String| Call::Get(path);
    let plan: Vec<(usize, Call)> = vec![
        (0, get("/".into())),
        (0, get("/public/tasks".into())),
        (
            0,
            get("/public/tasks?q=cong+nghe+so+1&level=provincial".into()),
        ),
        (0, get(format!("/public/tasks/{contract}"))),
        (0, get("/public/programme".into())),
        (0, get("/open-data/tasks.json?year=2026&page=1".into())),
        (
            0,
            api(
                "public/tasks",
                portal::api::PublicTasks {
                    page: 1,
                    status: None,
                    level: None,
                    q: Some("nong nghiep".into()),
                    year: None,
                    host: None,
                    rating: None,
                    sort: Some("granted".into()),
                    field: None,
                },
            ),
        ),
        (
            0,
            api(
                "public/tasks",
                portal::api::PublicTasks {
                    page: 50,
                    status: None,
                    level: None,
                    q: None,
                    year: None,
                    host: None,
                    rating: None,
                    sort: None,
                    field: None,
                },
            ),
        ),
        (1, get("/".into())),
        (1, get("/applications".into())),
        (1, get("/notifications".into())),
        (2, get("/".into())),
        (2, get("/applications/review".into())),
        (2, get("/calls".into())),
        (2, get(format!("/calls/{call}"))),
        (2, get(format!("/applications/{app_id}"))),
        (2, get("/councils".into())),
        (2, get(format!("/councils/{council}"))),
        (2, get("/tasks".into())),
        (2, get("/contracts".into())),
        (2, get(format!("/contracts/{contract}"))),
        (2, get("/proposals".into())),
        (2, get("/programme".into())),
        (
            2,
            api(
                "applications/list",
                applications::api::ListApplications {
                    filter: Default::default(),
                    page: 1,
                },
            ),
        ),
        (
            2,
            api(
                "applications/list",
                applications::api::ListApplications {
                    filter: Default::default(),
                    page: 250,
                },
            ),
        ),
        (
            2,
            api(
                "applications/list",
                applications::api::ListApplications {
                    filter: applications::api::ListFilter {
                        call_id: None,
                        status: None,
                        query: "cong nghe so 99".into(),
                    },
                    page: 1,
                },
            ),
        ),
        (
            2,
            api("contracts/list", fund::api::ListContracts { page: 50 }),
        ),
        (
            2,
            api(
                "execution/get",
                execution::api::GetExecution {
                    contract_id: contract,
                },
            ),
        ),
        (
            2,
            api(
                "programme/dashboard",
                programme::api::ProgrammeDashboard { year: Some(2026) },
            ),
        ),
        (3, get("/".into())),
        (3, get(format!("/councils/{council}"))),
        (
            3,
            api("councils/get", councils::api::GetCouncil { id: council }),
        ),
        (4, get("/fund".into())),
        (4, get("/payments".into())),
        (
            4,
            api(
                "fund/transfers",
                fund::api::FundTransfers {
                    account: None,
                    page: 1,
                    unit: None,
                },
            ),
        ),
        (
            4,
            api(
                "fund/transfers",
                fund::api::FundTransfers {
                    account: None,
                    page: 2000,
                    unit: None,
                },
            ),
        ),
        (
            4,
            api(
                "fund/position",
                fund::api::FundOverview {
                    as_of: None,
                    unit: None,
                },
            ),
        ),
        (5, get("/payments".into())),
        (
            5,
            api(
                "payments/list",
                fund::api::ListPayments {
                    status: Some("posted".into()),
                    page: 100,
                    unit: None,
                },
            ),
        ),
        (6, get("/".into())),
        (6, get("/programme".into())),
        (7, get("/admin/users".into())),
        (7, get("/admin/audit".into())),
        (
            7,
            api(
                "admin/users/list",
                admin::api::ListUsers {
                    query: "nkh7".into(),
                    page: 1,
                },
            ),
        ),
    ];
    load::header();
    let mut rows = Vec::new();
    let mut signed_in: Vec<Option<Vec<reqwest::Client>>> = vec![None; roles.len()];
    for (role, call) in plan {
        if signed_in[role].is_none() {
            signed_in[role] = Some(load::sign_in(base, &roles[role].1, pw).await);
        }
        let clients = signed_in[role].as_ref().unwrap();
        let name = match &call {
            Call::Get(path) => format!("GET {path} ({})", roles[role].0),
            Call::Api(name, _) => format!("API {name} {}", short(&call)),
        };
        let row = load::measure(&name, base, clients, &call, ROUNDS).await;
        row.print();
        rows.push(row);
    }
    rows
}

/// The parameters that tell two rows of one API call apart.
fn short(call: &Call) -> String {
    let Call::Api(_, Value::Object(body)) = call else {
        return String::new();
    };
    let kept: Vec<String> = body
        .iter()
        .filter(|(_, v)| {
            !v.is_null()
                && *v != &json!("")
                && *v != &json!({ "call_id": null, "status": null, "query": "" })
        })
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    kept.join(" ").chars().take(30).collect()
}
