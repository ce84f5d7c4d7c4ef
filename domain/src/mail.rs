//! Mail the system sends (docs/notifications.md): what a message holds, the escaping that keeps
//! names and text from becoming markup or headers, the retry schedule of the outbox, and the
//! password-reset rules (single-use links that expire, throttled per address and per client).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// One message, as written to the outbox: plain text and HTML bodies of the same content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Why a message cannot be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailProblem {
    /// A line break or another control character in a header (the name or the subject):
    /// it would let the text add headers of its own.
    HeaderInjection,
}

/// A header value with every control character refused (CR and LF above all).
pub fn header_value(s: &str) -> Result<&str, MailProblem> {
    if s.chars().any(char::is_control) {
        Err(MailProblem::HeaderInjection)
    } else {
        Ok(s)
    }
}

/// Text made safe inside HTML: the five characters that could open markup are escaped.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message from paragraphs of plain text and one link: the text body as written, the HTML
/// body with every paragraph escaped. Refused when the name or the subject would inject a
/// header.
pub fn compose(
    to: &str,
    to_name: &str,
    subject: &str,
    paragraphs: &[String],
    link: &str,
) -> Result<Mail, MailProblem> {
    header_value(to)?;
    header_value(to_name)?;
    header_value(subject)?;
    let mut text = paragraphs.join("\n\n");
    text.push_str("\n\n");
    text.push_str(link);
    text.push('\n');
    let mut html = String::from("<!doctype html><html lang=\"vi\"><body>");
    for p in paragraphs {
        html.push_str("<p>");
        html.push_str(&escape_html(p).replace('\n', "<br>"));
        html.push_str("</p>");
    }
    let href = escape_html(link);
    html.push_str(&format!(
        "<p><a href=\"{href}\">{href}</a></p></body></html>"
    ));
    Ok(Mail {
        to: to.into(),
        to_name: to_name.into(),
        subject: subject.into(),
        text,
        html,
    })
}

/// How the outbox retries a message the mail server did not take: the wait doubles from
/// `first_seconds` up to `max_seconds` and goes on at that pace; a message is never dropped, so
/// a mail server that is down loses nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub first_seconds: i64,
    pub max_seconds: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            first_seconds: 5,
            max_seconds: 15 * 60,
        }
    }
}

impl RetryPolicy {
    /// When to try again after the `failures`-th failed attempt (1 for the first).
    pub fn next_attempt(&self, failures: u32, now: DateTime<Utc>) -> DateTime<Utc> {
        let doublings = failures.saturating_sub(1).min(30);
        let wait = self
            .first_seconds
            .saturating_mul(1i64 << doublings)
            .min(self.max_seconds)
            .max(1);
        now + Duration::seconds(wait)
    }
}

/// A link sent by e-mail (a password reset, a registration's confirmation): how long it lives
/// and how many may be asked for in an hour, per address (whether or not an account has it)
/// and per client address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LinkPolicy {
    pub link_minutes: i64,
    pub per_address_per_hour: u32,
    pub per_ip_per_hour: u32,
}

impl Default for LinkPolicy {
    fn default() -> Self {
        LinkPolicy::RESET
    }
}

impl LinkPolicy {
    /// A password reset: an hour to use the link.
    pub const RESET: LinkPolicy = LinkPolicy {
        link_minutes: 60,
        per_address_per_hour: 3,
        per_ip_per_hour: 20,
    };

    /// A registration's confirmation: a day to open the mail.
    pub const CONFIRMATION: LinkPolicy = LinkPolicy {
        link_minutes: 24 * 60,
        per_address_per_hour: 3,
        per_ip_per_hour: 20,
    };

    /// The start of the hour the limits count requests in.
    pub fn window_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::hours(1)
    }

    /// Whether one more request may be made, given those already made in the window.
    pub fn allows(&self, for_address: u32, for_ip: u32) -> bool {
        for_address < self.per_address_per_hour && for_ip < self.per_ip_per_hour
    }

    pub fn expires_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::minutes(self.link_minutes)
    }
}

/// A reset link may be used once, before it expires, for an account still active.
pub fn link_usable(
    expires_at: DateTime<Utc>,
    used: bool,
    active: bool,
    now: DateTime<Utc>,
) -> bool {
    !used && active && now < expires_at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn names_and_subjects_cannot_add_headers() {
        let paragraphs = ["Xin chào".to_string()];
        for bad in ["A\r\nBcc: x@y.vn", "A\nB", "A\rB", "A\u{0}B"] {
            assert_eq!(
                compose("a@b.vn", bad, "Chủ đề", &paragraphs, "http://x").unwrap_err(),
                MailProblem::HeaderInjection
            );
            assert_eq!(
                compose("a@b.vn", "An", bad, &paragraphs, "http://x").unwrap_err(),
                MailProblem::HeaderInjection
            );
        }
        assert!(compose(
            "a@b.vn",
            "Nguyễn Văn An",
            "Đặt lại mật khẩu",
            &paragraphs,
            "x"
        )
        .is_ok());
    }

    #[test]
    fn text_never_becomes_markup_in_the_html_body() {
        let p = ["<script>alert('x')</script> & \"trích\"".to_string()];
        let m = compose("a@b.vn", "An", "S", &p, "http://h/?a=1&b=<2>").unwrap();
        assert!(!m.html.contains("<script>"));
        assert!(m
            .html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;trích&quot;"));
        assert!(m.html.contains("href=\"http://h/?a=1&amp;b=&lt;2&gt;\""));
        assert!(
            m.text.contains("<script>"),
            "the text body is plain text, as written"
        );
    }

    #[test]
    fn retries_double_then_keep_the_longest_wait() {
        let r = RetryPolicy::default();
        let waits: Vec<i64> = (1..=10)
            .map(|n| (r.next_attempt(n, at(0)) - at(0)).num_seconds())
            .collect();
        assert_eq!(waits, [5, 10, 20, 40, 80, 160, 320, 640, 900, 900]);
        assert_eq!((r.next_attempt(u32::MAX, at(0)) - at(0)).num_seconds(), 900);
    }

    #[test]
    fn resets_are_limited_per_address_and_per_client() {
        let p = LinkPolicy::RESET;
        assert!(p.allows(2, 19));
        assert!(!p.allows(3, 0));
        assert!(!p.allows(0, 20));
    }

    #[test]
    fn a_link_is_used_once_before_it_expires_by_an_active_account() {
        let p = LinkPolicy::RESET;
        let expires = p.expires_at(at(0));
        assert!(link_usable(expires, false, true, at(3599)));
        assert!(!link_usable(expires, false, true, at(3600)));
        assert!(!link_usable(expires, true, true, at(10)));
        assert!(!link_usable(expires, false, false, at(10)));
    }

    proptest! {
        #[test]
        fn retry_waits_never_shrink_and_stay_bounded(n in 1u32..200) {
            let r = RetryPolicy::default();
            let a = r.next_attempt(n, at(0));
            let b = r.next_attempt(n + 1, at(0));
            prop_assert!(a <= b);
            prop_assert!(b <= at(r.max_seconds));
        }

        #[test]
        fn escaped_text_has_no_markup(s in ".*") {
            let e = escape_html(&s);
            prop_assert!(!e.contains('<') && !e.contains('>') && !e.contains('"'));
        }
    }
}
