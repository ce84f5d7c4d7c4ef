//! Mail through a real SMTP server: aiosmtpd (Debian's python3-aiosmtpd) started here, keeping
//! each message it receives as a JSON file (scripts/smtp/smtp_sink.py), which the tests read.

mod council_reminders;
mod letters;
mod notices;
mod outbox;
mod reminders;
mod reset;
mod signup;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    pub dir: PathBuf,
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let dir =
            std::env::temp_dir().join(format!("stms-mail-{}-{}", std::process::id(), free_port()));
        let mut sink = SmtpSink {
            child: None,
            port: free_port(),
            dir,
        };
        // A port just freed may be taken again before aiosmtpd binds it (by another test's
        // server or sink): then our aiosmtpd exits and another answers. Try another port.
        for _ in 0..5 {
            if sink.try_start() {
                return sink;
            }
            sink.port = free_port();
        }
        panic!("aiosmtpd did not start on a port of its own");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) on its port and folder, and waits until it answers.
    pub fn restart(&mut self) {
        assert!(self.try_start(), "aiosmtpd did not start again on its port");
    }

    /// Starts the server and waits until it answers; false when it did not keep the port.
    fn try_start(&mut self) -> bool {
        let sink = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp");
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "smtp_sink.JsonDir"])
            .arg(&self.dir)
            .env("PYTHONPATH", sink)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts (python3-aiosmtpd, installed by scripts/setup.sh)");
        let started = Instant::now();
        self.child = Some(child);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "aiosmtpd did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Whoever answered, ours must still be running once it had time to fail to bind.
        std::thread::sleep(Duration::from_millis(1000).saturating_sub(started.elapsed()));
        let running = self
            .child
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)));
        if !running {
            self.child = None;
        }
        running
    }

    /// Kills the server: connections are refused until `restart`.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Value> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `n` messages arrived (or `seconds` passed) and answers them all.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Value> {
        let until = Instant::now() + Duration::from_secs(seconds);
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > until {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The token of the link (a password reset's or a registration's confirmation) in a message's
/// text.
pub fn link_token(message: &Value) -> String {
    let text = message["text"].as_str().unwrap();
    let at = text.find("?token=").expect("a link with a token") + 7;
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
