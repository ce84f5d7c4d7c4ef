//! The load: 64 signed-in clients at once against one address, and the figures of a row.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const CLIENTS: usize = 64;

/// One measured row: latencies of the answered requests, errors, wall time, mean body size.
pub struct Row {
    pub name: String,
    pub samples: Vec<Duration>,
    pub errors: usize,
    pub wall: Duration,
    pub bytes: usize,
}

impl Row {
    fn percentile(&self, p: f64) -> f64 {
        let mut s = self.samples.clone();
        s.sort();
        if s.is_empty() {
            return f64::NAN;
        }
        let i = ((s.len() as f64 * p).ceil() as usize).clamp(1, s.len()) - 1;
        s[i].as_secs_f64() * 1e3
    }

    pub fn p99(&self) -> f64 {
        self.percentile(0.99)
    }

    pub fn per_second(&self) -> f64 {
        self.samples.len() as f64 / self.wall.as_secs_f64()
    }

    pub fn print(&self) {
        println!(
            "| {:<58} | {:>7.1} | {:>7.1} | {:>7.0} | {:>6} | {:>8} |",
            self.name,
            self.percentile(0.5),
            self.p99(),
            self.per_second(),
            self.errors,
            self.bytes
        );
    }
}

pub fn header() {
    println!(
        "| {:<58} | {:>7} | {:>7} | {:>7} | {:>6} | {:>8} |",
        "page or API call (64 clients)", "p50 ms", "p99 ms", "req/s", "errors", "bytes"
    );
    println!(
        "|{:-<60}|{:->9}|{:->9}|{:->9}|{:->8}|{:->10}|",
        "", "", "", "", "", ""
    );
}

/// What one request is: a page (GET) or a server function (POST JSON).
#[derive(Clone)]
pub enum Call {
    Get(String),
    Api(String, Value),
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(4)
        .build()
        .unwrap()
}

/// `CLIENTS` clients signed in as the accounts `emails` yields in turn (none: visitors).
pub async fn sign_in(base: &str, emails: &[String], password: &str) -> Vec<reqwest::Client> {
    let mut out = Vec::new();
    for i in 0..CLIENTS {
        let c = client();
        if let Some(email) = emails.get(i % emails.len().max(1)) {
            let res = c
                .post(format!("{base}/api/auth/login"))
                .json(&json!({ "email": email, "password": password }))
                .send()
                .await
                .unwrap();
            assert!(res.status().is_success(), "{email}: {}", res.status());
        }
        out.push(c);
    }
    out
}

async fn once(c: &reqwest::Client, base: &str, call: &Call) -> Result<usize, String> {
    let req = match call {
        Call::Get(path) => c.get(format!("{base}{path}")),
        Call::Api(name, body) => c.post(format!("{base}/api/{name}")).json(body),
    };
    let res = req.send().await.map_err(|e| e.to_string())?;
    let status = res.status();
    let body = res.bytes().await.map_err(|e| e.to_string())?;
    if status.is_success() {
        Ok(body.len())
    } else {
        Err(format!(
            "{status}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(200)
                .collect::<String>()
        ))
    }
}

/// Every client sends `rounds` requests one after another, all clients at once.
pub async fn measure(
    name: &str,
    base: &str,
    clients: &[reqwest::Client],
    call: &Call,
    rounds: usize,
) -> Row {
    // Warm the caches and the connection pools first.
    for c in clients.iter().take(4) {
        let _ = once(c, base, call).await;
    }
    let t = Instant::now();
    let tasks: Vec<_> = clients
        .iter()
        .cloned()
        .map(|c| {
            let (base, call) = (base.to_string(), call.clone());
            tokio::spawn(async move {
                let mut out = Vec::new();
                for _ in 0..rounds {
                    let t = Instant::now();
                    out.push((once(&c, &base, &call).await, t.elapsed()));
                }
                out
            })
        })
        .collect();
    let mut row = Row {
        name: name.into(),
        samples: Vec::new(),
        errors: 0,
        wall: Duration::ZERO,
        bytes: 0,
    };
    let mut first_error = None;
    let mut total = 0;
    for task in tasks {
        for (answer, took) in task.await.unwrap() {
            match answer {
                Ok(n) => {
                    row.samples.push(took);
                    total += n;
                }
                Err(e) => {
                    row.errors += 1;
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    row.wall = t.elapsed();
    row.bytes = total / row.samples.len().max(1);
    if let Some(e) = first_error {
        eprintln!("  {name}: {} errors, the first: {e}", row.errors);
    }
    row
}

/// The server's resident memory (kB), from /proc.
pub fn rss_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
