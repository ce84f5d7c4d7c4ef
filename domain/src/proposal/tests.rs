use super::*;
use proptest::prelude::*;
use ProposalAction as A;
use ProposalStatus as S;

pub fn form() -> ProposalForm {
    ProposalForm {
        wording: Wording {
            title: "Chế biến sâu cà phê Đắk Lắk".into(),
            objectives: "Quy trình chế biến cà phê đặc sản".into(),
            products: vec![ExpectedProduct {
                name: "Quy trình".into(),
                target: "01 quy trình được công nhận".into(),
            }],
            method: HostMethod::OpenSelection,
            designated_organisation_id: None,
            method_reason: String::new(),
        },
        problem: "Cà phê xuất khẩu thô, giá trị thấp".into(),
        keywords: "cà phê; chế biến sâu".into(),
        field: "Khoa học nông nghiệp".into(),
        priority_area: Some(PriorityArea::DeepProcessing),
        duration_months: 24,
        budget_dong: 1_500_000_000,
        other_resources: String::new(),
    }
}

fn paths(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.path.as_str()).collect()
}

#[test]
fn a_complete_proposal_passes_and_each_gap_is_named() {
    assert!(form().check().is_empty(), "{:?}", form().check());
    let mut f = form();
    f.wording.title.clear();
    f.wording.products.clear();
    f.duration_months = 0;
    f.budget_dong = 0;
    assert_eq!(
        paths(&f.check()),
        [
            "wording.title",
            "wording.products",
            "duration_months",
            "budget_dong"
        ]
    );
}

#[test]
fn a_direct_assignment_names_its_host_and_why() {
    let mut f = form();
    f.wording.method = HostMethod::DirectAssignment;
    assert_eq!(
        paths(&f.check()),
        [
            "wording.designated_organisation_id",
            "wording.method_reason"
        ]
    );
    f.wording.designated_organisation_id = Some(4);
    f.wording.method_reason = "Đơn vị duy nhất có giống gốc".into();
    assert!(f.check().is_empty());
    // Tidying an open selection forgets a host named by mistake.
    f.wording.method = HostMethod::OpenSelection;
    assert_eq!(f.tidy().wording.designated_organisation_id, None);
}

#[test]
fn a_council_that_does_not_recommend_says_why() {
    let r = Recommendation {
        order: false,
        wording: form().wording,
        note: " ".into(),
    }
    .tidy();
    assert_eq!(paths(&r.check()), ["note"]);
    let mut yes = r.clone();
    yes.order = true;
    yes.wording.objectives.clear();
    assert_eq!(paths(&yes.check()), ["wording.objectives"]);
}

#[test]
fn the_path_from_draft_to_call() {
    let mut s = S::Draft;
    for a in [
        A::Edit,
        A::Submit,
        A::Recommend { order: false },
        A::Recommend { order: true },
        A::Decide { approve: true },
        A::OpenCall,
    ] {
        s = next(s, a).unwrap();
    }
    assert_eq!(s, S::Called);
    assert_eq!(
        next(S::Recommended, A::Decide { approve: false }),
        Ok(S::Declined)
    );
    let refused = next(S::Submitted, A::Decide { approve: true }).unwrap_err();
    assert!(refused.message(Lang::Vi).contains("Đã gửi"));
}

#[test]
fn codes_round_trip() {
    for s in ProposalStatus::ALL {
        assert_eq!(ProposalStatus::from_code(s.code()), Some(*s));
        assert!(!s.label(Lang::Vi).is_empty());
    }
}

#[test]
fn a_round_is_open_to_the_second() {
    let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap();
    assert!(!round_open(at(10), at(20), at(9)));
    assert!(round_open(at(10), at(20), at(10)));
    assert!(!round_open(at(10), at(20), at(20)));
}

fn action() -> impl Strategy<Value = ProposalAction> {
    prop_oneof![
        Just(A::Edit),
        Just(A::Submit),
        Just(A::Withdraw),
        any::<bool>().prop_map(|order| A::Recommend { order }),
        any::<bool>().prop_map(|approve| A::Decide { approve }),
        Just(A::OpenCall),
    ]
}

proptest! {
    /// Whatever is tried in whatever order: only an item the council recommended and the leader
    /// approved becomes a call, a withdrawn or decided proposal never moves back, and a refused
    /// action leaves the state as it was.
    #[test]
    fn no_shortcut_to_a_call(actions in proptest::collection::vec(action(), 0..20)) {
        let mut s = S::Draft;
        let mut seen = vec![s];
        for a in actions {
            match next(s, a) {
                Ok(to) => {
                    if to == S::Called {
                        prop_assert_eq!(s, S::Ordered);
                    }
                    if to == S::Ordered {
                        prop_assert!(seen.contains(&S::Recommended));
                    }
                    prop_assert!(!matches!(s, S::Withdrawn | S::Declined | S::Called));
                    s = to;
                    seen.push(s);
                }
                Err(e) => prop_assert_eq!(e.status, s),
            }
        }
    }
}

#[test]
fn an_ordered_item_becomes_a_call_in_the_councils_words() {
    let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    let mut w = form().wording;
    w.title = "Chế biến sâu cà phê đặc sản".into();
    w.method = HostMethod::DirectAssignment;
    w.designated_organisation_id = Some(7);
    let c = call_form(&form(), &w, "Quyết định số 12/QĐ-SKHCN", now);
    assert_eq!(c.title, w.title);
    assert_eq!(c.formation, Formation::OrderDirectAssignment);
    assert_eq!(c.designated_organisation_id, Some(7));
    assert!(c.summary.contains("12/QĐ-SKHCN") && c.summary.contains("01 quy trình"));
    assert!(crate::call::check_for_publication(&c, now).is_empty());
    w.method = HostMethod::OpenSelection;
    let open = call_form(&form(), &w, "x", now);
    assert_eq!(
        (open.formation, open.designated_organisation_id),
        (Formation::OrderOpenSelection, None)
    );
}

#[test]
fn a_dossier_keeps_the_ordered_task_or_says_where_it_departs() {
    use crate::application::{ApplicationForm, ExpectedProduct as Product, ProductKind};
    let ordered = form().wording;
    let mut app = ApplicationForm {
        title: "CHẾ BIẾN SÂU  cà phê Đắk Lắk".into(),
        objectives: "Mục tiêu chung: quy trình chế biến cà phê đặc sản, và hơn thế.".into(),
        products: vec![Product {
            kind: ProductKind::ProcessOrModel,
            name: "Quy trình chế biến cà phê".into(),
            quantity: 1,
            quality_criterion: "Được công nhận".into(),
        }],
        ..ApplicationForm::default()
    };
    assert_eq!(order_issue(&app, &ordered), None);
    app.title = "Chế biến cà phê".into();
    app.products.clear();
    let i = order_issue(&app, &ordered).unwrap();
    assert_eq!(i.path, "departures");
    let FormProblem::DepartsFromOrder {
        title,
        objectives,
        products,
    } = i.problem
    else {
        panic!("{i:?}");
    };
    assert_eq!((title, objectives, products), (true, false, true));
    assert!(i.problem.message(Lang::Vi).contains("tên, sản phẩm"));
    app.departures = "Thu hẹp phạm vi theo kết luận của hội đồng tuyển chọn".into();
    assert_eq!(order_issue(&app, &ordered), None);
}

#[test]
fn a_draft_may_be_incomplete_but_never_unbounded() {
    let mut f = form();
    f.wording.products.clear();
    f.problem.clear();
    assert!(f.check_draft().is_empty());
    f.keywords = "x".repeat(100_000);
    let issues = f.check_draft();
    assert_eq!(paths(&issues), ["keywords"]);
    assert!(matches!(issues[0].problem, FormProblem::TooLong { .. }));
}
