//! The release-built server as a child process on the test's database: started, waited for,
//! killed with SIGKILL (no handler runs, nothing is flushed that was not already).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How to start the server again and again on the same database.
pub struct Launch {
    pub database_url: String,
    pub files_dir: PathBuf,
    pub port: u16,
    pub log: PathBuf,
}

pub struct Server {
    child: Child,
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `STMS_RELEASE_SERVER`, or the release build in the workspace's target directory.
fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("STMS_RELEASE_SERVER") {
        return path.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace().join("target"), PathBuf::from);
    let bin = target.join("release/server");
    assert!(
        bin.exists(),
        "{} is missing: build it with `cargo build --release -p server` (scripts/crash.sh does)",
        bin.display()
    );
    bin
}

/// A port nobody listens on now; the server binds it on every start.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Launch {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the server and returns once it answers its health check.
    pub async fn start(&self) -> Server {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(binary())
            .current_dir(workspace())
            .env("DATABASE_URL", &self.database_url)
            .env("STMS_FILES_DIR", &self.files_dir)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", self.port))
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("LEPTOS_OUTPUT_NAME", "stms")
            .env("STMS_PRECOMPRESS", "0")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("the release server starts");
        let mut server = Server { child };
        server.wait_healthy(&self.base()).await;
        server
    }
}

impl Server {
    async fn wait_healthy(&mut self, base: &str) {
        let client = reqwest::Client::new();
        let since = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited at start ({status}); see its log");
            }
            let up = client.get(format!("{base}/healthz")).send().await;
            if up.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(
                since.elapsed() < Duration::from_secs(60),
                "the server never became healthy"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL, then reaps the process.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
