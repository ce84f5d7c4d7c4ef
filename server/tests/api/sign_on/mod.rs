//! Single sign-on against a real OpenID Connect provider (docs/sign-on.md): the certified
//! `oidc-provider` package run by `scripts/oidc/provider.mjs` (installed by scripts/setup.sh),
//! driven as a browser would: its sign-in form posted, every redirect followed by hand so that
//! each step can be seen, replayed or cut short.

mod refusals;
mod sign_ins;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::Client;

use crate::helpers::TestApp;
use crate::mail::free_port;

/// The provider, in its own process for one test.
pub struct OidcProvider {
    child: Option<Child>,
    pub port: u16,
}

impl OidcProvider {
    pub fn start() -> OidcProvider {
        // A port just freed may be taken again before node binds it: then try another.
        for _ in 0..5 {
            let mut p = OidcProvider {
                child: None,
                port: free_port(),
            };
            if p.try_start() {
                return p;
            }
        }
        panic!("oidc-provider did not start on a port of its own");
    }

    fn try_start(&mut self) -> bool {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/oidc/provider.mjs");
        let child = Command::new("node")
            .arg(script)
            .env("OIDC_PORT", self.port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs scripts/oidc/provider.mjs (scripts/setup.sh installs it)");
        self.child = Some(child);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Some(Ok(Some(_))) = self.child.as_mut().map(Child::try_wait) {
                self.child = None;
                return false;
            }
            let discovery = format!("{}/.well-known/openid-configuration", self.issuer());
            if blocking_ok(&discovery) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Whether a plain GET answers 200 with a body naming the provider (ours, not another
/// process that took the port).
fn blocking_ok(url: &str) -> bool {
    use std::io::{Read, Write};
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let Ok(mut s) = std::net::TcpStream::connect(host) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let req = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body.starts_with("HTTP/1.1 200") && body.contains(&format!("\"issuer\":\"http://{host}\""))
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A browser: keeps cookies, never follows a redirect by itself.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Where one response sends the browser (relative addresses resolved against `from`).
fn location(res: &reqwest::Response, from: &str) -> Option<String> {
    let to = res.headers().get(LOCATION)?.to_str().ok()?;
    Some(if to.starts_with("http") {
        to.to_string()
    } else {
        let origin: String = from.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
        format!("{origin}{to}")
    })
}

/// Follows redirects from `url` until a page answers (200) or the browser is sent to `stop_at`
/// (a prefix); answers the last address.
async fn follow(browser: &Client, mut url: String, stop_at: &str) -> String {
    for _ in 0..10 {
        if url.starts_with(stop_at) {
            return url;
        }
        let res = browser.get(&url).send().await.unwrap();
        match location(&res, &url) {
            Some(next) => url = next,
            None => return url,
        }
    }
    panic!("too many redirects, last {url}");
}

/// Starts a sign-in on the app and signs in at the provider as `login`; answers the callback
/// address the provider sends the browser back to (not yet visited).
pub async fn to_callback(app: &TestApp, browser: &Client, login: &str) -> String {
    let start = format!("{}/auth/sso/start?next=/applications", app.base);
    let callback = format!("{}/auth/sso/callback", app.base);
    let form_page = follow(browser, start, &callback).await;
    assert!(
        form_page.contains("/interaction/"),
        "the provider's sign-in form, got {form_page}"
    );
    let res = browser
        .post(&form_page)
        .form(&[("prompt", "login"), ("login", login), ("password", "x")])
        .send()
        .await
        .unwrap();
    let next = location(&res, &form_page).expect("the provider redirects after its form");
    let back = follow(browser, next, &callback).await;
    assert!(
        back.starts_with(&callback),
        "back at the callback, got {back}"
    );
    back
}

/// Visits the callback: answers where the app sends the browser (a path) and whether it set a
/// session cookie.
pub async fn finish(browser: &Client, callback: &str) -> (String, bool) {
    answer(browser.get(callback).send().await.unwrap())
}

fn answer(res: reqwest::Response) -> (String, bool) {
    let session = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|c| c.to_str().unwrap_or_default().starts_with("sid="));
    let to = res
        .headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| format!("status {}", res.status()));
    (to, session)
}

/// A whole sign-in as `login`: where it ends and whether a session was given.
pub async fn sign_in(app: &TestApp, browser: &Client, login: &str) -> (String, bool) {
    let callback = to_callback(app, browser, login).await;
    finish(browser, &callback).await
}

/// Who the browser is signed in as (`None`: nobody).
pub async fn me(app: &TestApp, browser: &Client) -> Option<serde_json::Value> {
    let r = app
        .call_with(browser, "/api/auth/session", serde_json::json!({}))
        .await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let me = r.body["me"].clone();
    (!me.is_null()).then_some(me)
}

/// The callback visited from a browser that holds only `state_cookie` (or no cookie at all).
pub async fn finish_elsewhere(callback: &str, state_cookie: Option<&str>) -> (String, bool) {
    let bare = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut req = bare.get(callback);
    if let Some(v) = state_cookie {
        req = req.header(COOKIE, format!("sso_state={v}"));
    }
    answer(req.send().await.unwrap())
}

/// The `state` a callback address carries.
pub fn state_of(callback: &str) -> String {
    let query = callback.split_once('?').map(|(_, q)| q).unwrap_or_default();
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("state="))
        .expect("a state in the callback")
        .to_string()
}
