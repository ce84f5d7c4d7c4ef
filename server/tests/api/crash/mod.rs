//! Real crashes (issue 12, part 3): the release-built server runs as a child process on the
//! test's database (SQLite, or PostgreSQL with `TEST_DATABASE_URL`) while five clients receive
//! money, sign contracts, prepare and approve payments, each request with its idempotency key.
//! At seeded random moments the process gets SIGKILL; it restarts on the same database and the
//! clients send again, with the same keys, what got no answer. After the last kill the work is
//! finished and the ledger is checked (checks.rs).
//!
//! `STMS_CRASH_SEED` replays a seed (the same kill moments and work; the interleaving of the
//! clients is the scheduler's), `STMS_CRASH_KILLS` sets the number of kills (default 24).
//! Run by `scripts/crash.sh`, which builds the release server first.

mod checks;
mod child;
mod clients;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::helpers::PASSWORD;
use crate::world::World;
use child::Launch;
use clients::{Seen, Step, Worker};

const TRANCHES: i64 = 12;

const TITLES: [&str; 4] = [
    "Hồ sơ thứ nhất",
    "Hồ sơ thứ hai",
    "Hồ sơ thứ ba",
    "Hồ sơ thứ tư",
];

/// Four approved tasks with draft contracts of twelve tranches each, on a stopped server.
struct Stage {
    launch: Launch,
    contracts: Vec<(i64, i64)>,
}

async fn stage() -> Stage {
    let w = World::new().await;
    let mut dossiers = Vec::new();
    for title in TITLES {
        dossiers.push(w.with_valid_dossier(title, None).await);
    }
    w.pass_all(&dossiers).await;
    let f = w.with_fund_people().await;
    let mut contracts = Vec::new();
    for a in dossiers {
        w.with_approved_task(&f, a).await;
        let total = w
            .as_researcher("/api/applications/get", json!({ "id": a }))
            .await
            .body["totals"]["fund_dong"]
            .as_i64()
            .unwrap();
        let part = total / TRANCHES;
        let tranches: Vec<Value> = (0..TRANCHES)
            .map(|i| {
                let amount = if i == TRANCHES - 1 {
                    total - part * (TRANCHES - 1)
                } else {
                    part
                };
                json!({ "amount_dong": amount, "due_at": "2027-06-01T00:00:00Z", "condition": "" })
            })
            .collect();
        let made = w
            .call(
                &w.officer,
                "/api/contracts/create",
                json!({ "application_id": a, "tranches": tranches }),
            )
            .await;
        assert_eq!(made.status, 200, "{:?}", made.body);
        contracts.push((made.body.as_i64().unwrap(), total));
    }
    let (database_url, files_dir) = w.app.stop().await;
    let log = std::env::temp_dir().join(format!("stms-crash-{}.log", std::process::id()));
    Stage {
        launch: Launch {
            database_url,
            files_dir,
            port: child::free_port(),
            log,
        },
        contracts,
    }
}

/// A client signed in on the running server as `email`.
async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(format!("{base}/api/auth/login"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{email} signs in");
    c
}

/// The five clients and their work: receipts until the end, the leader's signatures, the
/// accountant's preparations, and two directors approving alternate tranches.
async fn workers(base: &str, contracts: &[(i64, i64)]) -> Vec<Worker> {
    let needed: i64 = contracts.iter().map(|c| c.1).sum();
    let worker = |name, client, steps, endless: Option<i64>| Worker {
        name,
        client,
        steps,
        next: 0,
        endless,
        think: Duration::from_millis(if endless.is_some() { 0 } else { 10 }),
    };
    let tranches = || {
        contracts
            .iter()
            .flat_map(|&(c, _)| (1..=TRANCHES).map(move |s| (c, s)))
    };
    vec![
        worker(
            "kế toán (thu)",
            signed_in(base, "ketoan@quy.vn").await,
            vec![],
            Some(needed / 40 + 1),
        ),
        worker(
            "lãnh đạo",
            signed_in(base, "lanhdao@so.vn").await,
            contracts
                .iter()
                .map(|&(contract, _)| Step::Sign { contract })
                .collect(),
            None,
        ),
        worker(
            "kế toán (chi)",
            signed_in(base, "ketoan@quy.vn").await,
            tranches()
                .map(|(contract, seq)| Step::Prepare { contract, seq })
                .collect(),
            None,
        ),
        worker(
            "giám đốc",
            signed_in(base, "giamdoc@quy.vn").await,
            tranches()
                .filter(|t| t.1 % 2 == 1)
                .map(|(contract, seq)| Step::Approve { contract, seq })
                .collect(),
            None,
        ),
        worker(
            "phó giám đốc",
            signed_in(base, "phogiamdoc@quy.vn").await,
            tranches()
                .filter(|t| t.1 % 2 == 0)
                .map(|(contract, seq)| Step::Approve { contract, seq })
                .collect(),
            None,
        ),
    ]
}

/// One round: the clients work until SIGKILL at `kill_after` (or, in the last round, until
/// they are done and the server is left running).
async fn round(
    launch: &Launch,
    server: child::Server,
    workers: Vec<Worker>,
    seen: &Arc<Mutex<Seen>>,
    kill_after: Option<Duration>,
) -> (Vec<Worker>, Option<child::Server>) {
    let alive = Arc::new(AtomicBool::new(true));
    let last = kill_after.is_none();
    let running: Vec<_> = workers
        .into_iter()
        .map(|w| tokio::spawn(w.run(launch.base(), seen.clone(), alive.clone(), last)))
        .collect();
    let server = match kill_after {
        Some(after) => {
            tokio::time::sleep(after).await;
            alive.store(false, Ordering::SeqCst);
            server.kill();
            None
        }
        None => Some(server),
    };
    let mut back = Vec::new();
    for r in running {
        back.push(
            tokio::time::timeout(Duration::from_secs(120), r)
                .await
                .expect("the clients finish")
                .unwrap(),
        );
    }
    (back, server)
}

fn setting(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "runs the release-built server as a child process: scripts/crash.sh"]
async fn sigkill_at_random_moments_loses_nothing_and_pays_nothing_twice() {
    let seed = setting("STMS_CRASH_SEED").unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        now.as_nanos() as u64
    });
    let kills = setting("STMS_CRASH_KILLS").unwrap_or(24);
    let database = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "crash test on {database}: seed {seed} (replay with STMS_CRASH_SEED={seed}), {kills} kills"
    );
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let stage = stage().await;
    let seen = Arc::new(Mutex::new(Seen {
        contracts: TITLES.len(),
        ..Seen::default()
    }));
    let mut server = stage.launch.start().await;
    let mut workers = workers(&stage.launch.base(), &stage.contracts).await;
    for _ in 0..kills {
        let after = Duration::from_millis(rng.random_range(20..=400));
        (workers, _) = round(&stage.launch, server, workers, &seen, Some(after)).await;
        server = stage.launch.start().await;
    }
    let (workers, server) = round(&stage.launch, server, workers, &seen, None).await;
    assert!(
        workers.iter().all(Worker::finished),
        "every client finished its work"
    );
    drop(workers);
    let seen = Arc::into_inner(seen).unwrap().into_inner().unwrap();
    println!(
        "{kills} kills survived on {database}: {} operations answered, {} receipts, {} payments approved; requests without an answer, sent again with their keys: {:?}",
        seen.answered, seen.receipts.len(), seen.approved.len(), seen.unanswered
    );
    assert!(
        seen.unexpected.is_empty(),
        "unexpected answers (seed {seed}): {:#?}",
        seen.unexpected
    );
    checks::ledger(&stage.launch, &stage.contracts, &seen).await;
    drop(server);
}
