//! Councils: composition and conflicts checked before scoring opens, blind sheets locked on
//! submission, conflicted members kept out, results only after the secretary closes scoring.

mod closing;
mod formation;
mod groups;
mod scoring;
mod todo;

use crate::helpers::PASSWORD;
use crate::world::World;
use domain::roles::{Role, Scope};
use serde_json::{json, Value};

/// Whole points to the sheet's half points.
pub(crate) fn entry(points: [u32; 3]) -> Value {
    json!({ "scores": points.iter().map(|p| p * 2).collect::<Vec<_>>(), "comments": ["", "", ""] })
}

/// The seats of a council of seven, in the order members are added.
pub(crate) const ROLES: [&str; 7] = [
    "Chair",
    "ViceChair",
    "Secretary",
    "Reviewer",
    "Reviewer",
    "Member",
    "Member",
];

/// Dossier A's seven sheets, member by member.
const SCORES_A: [[u32; 3]; 7] = [
    [12, 40, 28],
    [13, 42, 30],
    [11, 38, 27],
    [14, 45, 31],
    [10, 35, 25],
    [12, 41, 29],
    [13, 40, 30],
];

/// A constituted council of seven over dossiers A and B; member 7 (`tv7@hd.vn`) is on B's team.
pub(crate) struct Seated {
    pub council: i64,
    pub members: Vec<(String, reqwest::Client)>,
    pub ids: Vec<i64>,
    pub a: i64,
    pub b: i64,
}

/// The councils' stages.
impl World {
    /// Seven council members `tv1@hd.vn` … `tv7@hd.vn`, signed in.
    pub async fn with_seven_members(&self) -> Vec<(String, reqwest::Client)> {
        let mut members = Vec::new();
        for i in 1..=7 {
            let email = format!("tv{i}@hd.vn");
            self.app
                .user(&email, &[(Role::CouncilMember, Scope::Global)])
                .await;
            let c = self.app.new_client();
            assert_eq!(self.app.login_with(&c, &email, PASSWORD).await.status, 200);
            members.push((email, c));
        }
        members
    }

    /// Dossiers A and B valid, member 7 on B's team; the council formed, its conflict flag
    /// confirmed, every invitation accepted, constituted.
    pub async fn with_constituted_council(&self) -> Seated {
        let a = self.with_valid_dossier("Hồ sơ A", None).await;
        let b = self.with_valid_dossier("Hồ sơ B", Some("tv7@hd.vn")).await;
        let members = self.with_seven_members().await;
        let officer = |path: &'static str, body: Value| self.call(&self.officer, path, body);
        let created = officer(
            "/api/councils/create",
            json!({ "call_id": self.call_id, "name": "Hội đồng tuyển chọn số 1" }),
        )
        .await;
        let council = created.body.as_i64().unwrap();
        for (i, (email, _)) in members.iter().enumerate() {
            let seat = json!({ "council_id": council, "email": email, "role": ROLES[i] });
            assert_eq!(officer("/api/councils/add_member", seat).await.status, 200);
        }
        let view = officer("/api/councils/get", json!({ "id": council })).await;
        let flag = &view.body["conflicts"][0]["id"];
        let decided =
            json!({ "conflict_id": flag, "confirm": true, "note": "Thành viên nhóm thực hiện." });
        assert_eq!(
            officer("/api/councils/decide_conflict", decided)
                .await
                .status,
            200
        );
        officer("/api/councils/invite", json!({ "council_id": council })).await;
        for (_, c) in &members {
            let yes = json!({ "council_id": council, "accept": true });
            assert_eq!(
                self.call(c, "/api/councils/answer_invitation", yes)
                    .await
                    .status,
                200
            );
        }
        let constituted = officer("/api/councils/constitute", json!({ "id": council })).await;
        assert_eq!(constituted.status, 200, "{:?}", constituted.body);
        let view = officer("/api/councils/get", json!({ "id": council })).await;
        let ids = view.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["user_id"].as_i64().unwrap())
            .collect();
        Seated {
            council,
            members,
            ids,
            a,
            b,
        }
    }

    /// The constituted council scored: A by all seven (member 2's sheet reopened by the chair
    /// for "Ghi nhầm tiêu chí 2" and sent again), B by members 1–5 online and member 6 on
    /// paper, entered by the secretary; member 7 is kept off B.
    pub async fn with_scored_council(&self) -> Seated {
        let s = self.with_constituted_council().await;
        let council = s.council;
        let send = |i: usize, dossier: i64, points: [u32; 3]| {
            let c = s.members[i].1.clone();
            async move {
                let certify = json!({ "council_id": council, "application_id": dossier });
                self.call(&c, "/api/councils/certify", certify).await;
                let sheet = json!({ "council_id": council, "application_id": dossier, "entry": entry(points), "review": "", "submit": true });
                let sent = self.call(&c, "/api/councils/save_sheet", sheet).await;
                assert_eq!(sent.status, 200, "{:?}", sent.body);
            }
        };
        for (i, points) in SCORES_A.iter().enumerate() {
            send(i, s.a, *points).await;
        }
        let reopen = json!({ "council_id": council, "application_id": s.a, "user_id": s.ids[1], "reason": "Ghi nhầm tiêu chí 2" });
        let reopened = self
            .call(&s.members[0].1, "/api/councils/reopen_sheet", reopen)
            .await;
        assert_eq!(reopened.status, 200, "{:?}", reopened.body);
        send(1, s.a, SCORES_A[1]).await;
        for i in 0..5 {
            send(i, s.b, [10, 30, 20]).await;
        }
        let paper = json!({ "council_id": council, "application_id": s.b, "user_id": s.ids[5], "entry": entry([10, 30, 20]), "review": "Phiếu giấy" });
        let entered = self
            .call(&s.members[2].1, "/api/councils/enter_paper_sheet", paper)
            .await;
        assert_eq!(entered.status, 200, "{:?}", entered.body);
        s
    }
}
