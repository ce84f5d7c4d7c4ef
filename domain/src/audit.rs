//! The audit trail's chain (ARCHITECTURE.md, "Audit trail"). Every event is numbered (`seq`,
//! one global sequence) and stores the hash of the event before it and its own hash, which
//! covers its content and that previous hash; the chain's head records the last number and hash.
//! Editing an event changes its hash; deleting, inserting or reordering events breaks the links;
//! deleting the last events leaves the head pointing past the end. [`Walk`] checks a chain in
//! `seq` order, a batch at a time, and names the first place it breaks.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Lang;

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an event's hash covers, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content<'a> {
    pub seq: i64,
    /// The event's time in whole microseconds since 1970 (what both databases keep).
    pub at_micros: i64,
    pub actor: Option<i32>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: i64,
    /// The detail as its stored JSON text.
    pub detail: &'a str,
}

/// The event's hash after `prev`, in lowercase hex. Fields are separated by U+001F, which
/// none can contain (codes are identifiers; JSON escapes control characters).
pub fn hash(prev: &str, c: &Content) -> String {
    let actor = c.actor.map(|a| a.to_string()).unwrap_or_default();
    let text = [
        prev,
        &c.seq.to_string(),
        &c.at_micros.to_string(),
        &actor,
        c.action,
        c.subject_type,
        &c.subject_id.to_string(),
        c.detail,
    ]
    .join("\u{1f}");
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One stored event: its content, the previous hash it names and its own hash.
#[derive(Clone, Debug)]
pub struct Stored<'a> {
    pub id: i64,
    pub content: Content<'a>,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Where the chain breaks first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Break {
    /// An event's stored hash is not its content's: the event was edited.
    Edited { seq: i64, id: i64 },
    /// The numbers skip or go back: events were deleted or inserted before `seq`.
    Gap { expected: i64, found: i64, id: i64 },
    /// An event names a previous hash other than its predecessor's: the chain was cut and
    /// stitched here.
    Relinked { seq: i64, id: i64 },
    /// The head names a last event the chain does not end with: events were removed at the
    /// end, or added without the head.
    Head { head_seq: i64, last_seq: i64 },
    /// Events without a number (written outside the chain).
    Unnumbered { count: u64 },
}

impl Break {
    pub fn message(&self, lang: Lang) -> String {
        let pick = |vi: String, en: String| match lang {
            Lang::Vi => vi,
            Lang::En => en,
        };
        match self {
            Break::Edited { seq, id } => pick(
                format!("Sự kiện số {seq} (mã {id}) đã bị sửa: nội dung không khớp mã băm đã lưu."),
                format!("Event {seq} (id {id}) was edited: its content does not match its stored hash."),
            ),
            Break::Gap { expected, found, id } => pick(
                format!("Chuỗi bị đứt: chờ sự kiện số {expected} nhưng gặp số {found} (mã {id}); sự kiện đã bị xóa hoặc chèn."),
                format!("The chain breaks: event {expected} expected, {found} found (id {id}); events were deleted or inserted."),
            ),
            Break::Relinked { seq, id } => pick(
                format!("Sự kiện số {seq} (mã {id}) không nối với sự kiện trước nó."),
                format!("Event {seq} (id {id}) does not link to the event before it."),
            ),
            Break::Head { head_seq, last_seq } => pick(
                format!("Đầu chuỗi ghi sự kiện cuối là số {head_seq} nhưng chuỗi kết thúc ở số {last_seq}: sự kiện cuối đã bị xóa hoặc thêm ngoài chuỗi."),
                format!("The head names event {head_seq} as the last, the chain ends at {last_seq}: the last events were deleted or added outside it."),
            ),
            Break::Unnumbered { count } => pick(
                format!("{count} sự kiện không có số thứ tự: được ghi ngoài chuỗi."),
                format!("{count} events have no number: written outside the chain."),
            ),
        }
    }
}

/// A check in progress: where the chain has got to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    pub next_seq: i64,
    pub last_hash: String,
    pub verified: u64,
}

impl Default for Walk {
    fn default() -> Self {
        Walk {
            next_seq: 1,
            last_hash: GENESIS.to_string(),
            verified: 0,
        }
    }
}

impl Walk {
    /// The next event in `seq` order.
    pub fn step(&mut self, e: &Stored) -> Result<(), Break> {
        let seq = e.content.seq;
        if seq != self.next_seq {
            return Err(Break::Gap {
                expected: self.next_seq,
                found: seq,
                id: e.id,
            });
        }
        if e.prev_hash != self.last_hash {
            return Err(Break::Relinked { seq, id: e.id });
        }
        if hash(e.prev_hash, &e.content) != e.hash {
            return Err(Break::Edited { seq, id: e.id });
        }
        self.next_seq += 1;
        self.last_hash = e.hash.to_string();
        self.verified += 1;
        Ok(())
    }

    /// After the last event: the head must name it.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<(), Break> {
        let last_seq = self.next_seq - 1;
        if head_seq != last_seq || head_hash != self.last_hash {
            return Err(Break::Head { head_seq, last_seq });
        }
        Ok(())
    }
}

/// What an event's code means, for the history on a dossier's and a task's page.
pub fn label(action: &str) -> Option<(&'static str, &'static str)> {
    Some(match action {
        "application_created" => ("Tạo hồ sơ", "Dossier created"),
        "application_submitted" => ("Nộp hồ sơ", "Dossier submitted"),
        "application_withdrawn" => ("Rút hồ sơ", "Dossier withdrawn"),
        "application_host_decided" => (
            "Tổ chức chủ trì xác nhận hồ sơ",
            "Host organisation's decision",
        ),
        "application_decided" => ("Kiểm tra tính hợp lệ", "Validity decided"),
        "attachment_added" => ("Đính kèm tài liệu", "Document attached"),
        "attachment_removed" => ("Gỡ tài liệu", "Document removed"),
        "budget_appraised" => ("Thẩm định kinh phí", "Budget appraised"),
        "task_approved" => ("Phê duyệt nhiệm vụ", "Task approved"),
        "task_rejected" => ("Không phê duyệt nhiệm vụ", "Task rejected"),
        "contract_drafted" => ("Soạn hợp đồng", "Contract drafted"),
        "contract_signed" => ("Ký hợp đồng", "Contract signed"),
        "payment_prepared" => ("Lập đề nghị chi", "Payment prepared"),
        "payment_approved" => ("Duyệt chi", "Payment approved"),
        "payment_rejected" => ("Từ chối chi", "Payment rejected"),
        "progress_report_filed" => ("Nộp báo cáo tiến độ", "Progress report filed"),
        "progress_report_accepted" => ("Chấp nhận báo cáo tiến độ", "Progress report accepted"),
        "progress_report_returned" => ("Trả lại báo cáo tiến độ", "Progress report returned"),
        "inspection_recorded" => ("Ghi nhận kiểm tra", "Inspection recorded"),
        "amendment_requested" => ("Đề nghị điều chỉnh", "Amendment requested"),
        "amendment_approved" => ("Chấp thuận điều chỉnh", "Amendment approved"),
        "amendment_rejected" => ("Không chấp thuận điều chỉnh", "Amendment rejected"),
        "acceptance_requested" => ("Nộp hồ sơ nghiệm thu", "Acceptance requested"),
        "self_evaluated" => ("Tổ chức chủ trì tự đánh giá", "Host's self-evaluation"),
        "acceptance_council_named" => ("Thành lập hội đồng nghiệm thu", "Acceptance council named"),
        "acceptance_ballot" => ("Phiếu đánh giá nghiệm thu", "Acceptance ballot"),
        "acceptance_concluded" => ("Kết luận nghiệm thu", "Acceptance concluded"),
        "contract_terminated" => ("Chấm dứt hợp đồng", "Contract terminated"),
        "failure_cause_recorded" => ("Ghi nhận nguyên nhân", "Cause recorded"),
        "exemption_granted" => ("Miễn trừ trách nhiệm", "Exemption granted"),
        "exemption_refused" => ("Không miễn trừ trách nhiệm", "Exemption refused"),
        "settlement_declared" => ("Kê khai quyết toán", "Settlement declared"),
        "settlement_approved" => ("Phê duyệt quyết toán", "Settlement approved"),
        "refund_received" => ("Nhận kinh phí nộp trả", "Refund received"),
        "results_registered" => ("Đăng ký kết quả", "Results registered"),
        "task_closed" => ("Thanh lý nhiệm vụ", "Task closed"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(seq: i64, detail: &str) -> Content<'_> {
        Content {
            seq,
            at_micros: 1_764_554_400_000_000 + seq,
            actor: Some(7),
            action: "contract_signed",
            subject_type: "contract",
            subject_id: 3,
            detail,
        }
    }

    /// A chain of `n` events: (content detail, prev, hash).
    fn chain(n: i64) -> Vec<(i64, String, String)> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let h = hash(&prev, &content(seq, "{}"));
                let row = (seq, prev.clone(), h.clone());
                prev = h;
                row
            })
            .collect()
    }

    fn walk(rows: &[(i64, String, String)], details: &[&str]) -> Result<Walk, Break> {
        let mut w = Walk::default();
        for (i, (seq, prev, h)) in rows.iter().enumerate() {
            w.step(&Stored {
                id: 100 + seq,
                content: content(*seq, details[i]),
                prev_hash: prev,
                hash: h,
            })?;
        }
        Ok(w)
    }

    #[test]
    fn an_intact_chain_verifies_and_every_change_is_named_where_it_happens() {
        let rows = chain(5);
        let plain = ["{}"; 5];
        let w = walk(&rows, &plain).unwrap();
        assert_eq!(w.verified, 5);
        assert_eq!(w.finish(5, &rows[4].2), Ok(()));
        // Edited: event 3's detail changed.
        let edited = ["{}", "{}", r#"{"amount_dong":1}"#, "{}", "{}"];
        assert_eq!(
            walk(&rows, &edited).unwrap_err(),
            Break::Edited { seq: 3, id: 103 }
        );
        // Deleted: event 2 gone.
        let gone: Vec<_> = rows.iter().filter(|r| r.0 != 2).cloned().collect();
        assert_eq!(
            walk(&gone, &plain).unwrap_err(),
            Break::Gap {
                expected: 2,
                found: 3,
                id: 103
            }
        );
        // Deleted and renumbered with a fresh hash: the next link names the old one.
        let mut stitched = rows.clone();
        stitched.remove(1);
        stitched[1].0 = 2;
        stitched[1].2 = hash(&stitched[1].1, &content(2, "{}"));
        assert_eq!(
            walk(&stitched, &plain).unwrap_err(),
            Break::Relinked { seq: 2, id: 102 }
        );
        // The last event deleted: the head still names it.
        let w = walk(&rows[..4], &plain).unwrap();
        assert_eq!(
            w.finish(5, &rows[4].2),
            Err(Break::Head {
                head_seq: 5,
                last_seq: 4
            })
        );
    }

    #[test]
    fn the_hash_covers_every_field() {
        let base = content(1, "{}");
        let h = hash(GENESIS, &base);
        let changed = [
            Content {
                seq: 2,
                ..base.clone()
            },
            Content {
                at_micros: base.at_micros + 1,
                ..base.clone()
            },
            Content {
                actor: None,
                ..base.clone()
            },
            Content {
                action: "contract_drafted",
                ..base.clone()
            },
            Content {
                subject_type: "application",
                ..base.clone()
            },
            Content {
                subject_id: 4,
                ..base.clone()
            },
            Content {
                detail: "{ }",
                ..base.clone()
            },
        ];
        for c in changed {
            assert_ne!(hash(GENESIS, &c), h, "{c:?}");
        }
        assert_ne!(hash(&"1".repeat(64), &base), h);
        assert_eq!(h.len(), 64);
    }
}
