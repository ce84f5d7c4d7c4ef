use domain::application::*;
use domain::issue::*;
use domain::rulebook::Rulebook;
use domain::Lang;
use proptest::prelude::*;

fn member(name: &str, role: TeamRole, days: u32) -> TeamMember {
    TeamMember {
        name: name.into(),
        role,
        days,
        email: String::new(),
    }
}

fn line(kind: BudgetLineKind, amount: i64, fund: i64, lump_sum: bool) -> BudgetLine {
    BudgetLine {
        kind,
        description: "Dòng chi".into(),
        amount_dong: amount,
        fund_dong: fund,
        counterpart_dong: amount - fund,
        lump_sum,
    }
}

/// A complete dossier: leader 100 days, secretary 60, member 50 at 500.000 đ/day.
fn valid_form() -> ApplicationForm {
    let rb = Rulebook::national_default();
    let team = vec![
        member("Phạm Thị Hồng Nhung", TeamRole::Leader, 100),
        member("Lê Văn An", TeamRole::ScientificSecretary, 60),
        member("Đỗ Thị Bình", TeamRole::Member, 50),
    ];
    let labour = team_labour_dong(&rb, &team).unwrap();
    ApplicationForm {
        title: "Ứng dụng chế phẩm sinh học trong canh tác lúa hữu cơ".into(),
        field: "Nông nghiệp".into(),
        duration_months: 24,
        urgency: "Đất trồng lúa thoái hóa.".into(),
        objectives: "Quy trình canh tác giảm 30% phân hóa học.".into(),
        contents: vec![ContentItem {
            title: "Khảo sát hiện trạng".into(),
            description: String::new(),
        }],
        methods: "Thí nghiệm đồng ruộng".into(),
        products: vec![ExpectedProduct {
            kind: ProductKind::ProcessOrModel,
            name: "Quy trình canh tác".into(),
            quantity: 1,
            quality_criterion: "Được Hội đồng KH&CN tỉnh công nhận".into(),
        }],
        risk_plan: "Dự phòng vụ thứ hai nếu mất mùa.".into(),
        team,
        budget: vec![
            line(BudgetLineKind::Labour, labour, labour, true),
            line(
                BudgetLineKind::MaterialsEnergy,
                150_000_000,
                100_000_000,
                true,
            ),
            line(
                BudgetLineKind::EquipmentPurchase,
                80_000_000,
                80_000_000,
                false,
            ),
        ],
        departures: String::new(),
    }
}

#[test]
fn a_complete_dossier_has_no_issues() {
    assert_eq!(check(&valid_form(), &Rulebook::national_default()), vec![]);
}

#[test]
fn labour_follows_coefficient_days_and_base_rate() {
    let rb = Rulebook::national_default();
    // 1.0 × 100 + 0.3 × 60 + 0.4 × 50 = 138 coefficient-days at 500.000 đ.
    assert_eq!(team_labour_dong(&rb, &valid_form().team), Some(69_000_000));
    // Rounded half up to the đồng: 0.3 × 1 × 333 = 99,9 → 100; 0.2 × 1 × 2 = 0,4 → 0.
    let mut odd = rb.clone();
    odd.labour_base_rate_dong_per_day = 333;
    assert_eq!(
        labour_dong(&odd, &member("A", TeamRole::ScientificSecretary, 1)),
        Some(100)
    );
    odd.labour_base_rate_dong_per_day = 2;
    assert_eq!(
        labour_dong(&odd, &member("A", TeamRole::Technician, 1)),
        Some(0)
    );
}

#[test]
fn the_team_has_exactly_one_leader_and_one_secretary() {
    let rb = Rulebook::national_default();
    let problems = |f: &ApplicationForm| -> Vec<FormProblem> {
        check(f, &rb)
            .into_iter()
            .filter(|i| i.path == "team")
            .map(|i| i.problem)
            .collect()
    };
    let mut f = valid_form();
    f.team[0].role = TeamRole::Member;
    assert!(problems(&f).contains(&FormProblem::NoLeader));
    let mut f = valid_form();
    f.team[2].role = TeamRole::Leader;
    assert!(problems(&f).contains(&FormProblem::SeveralLeaders));
    let mut f = valid_form();
    f.team[1].role = TeamRole::MainMember;
    assert!(problems(&f).contains(&FormProblem::NoSecretary));
    let mut f = valid_form();
    f.team[2].role = TeamRole::ScientificSecretary;
    assert!(problems(&f).contains(&FormProblem::SeveralSecretaries));
}

#[test]
fn each_issue_points_at_its_row() {
    let rb = Rulebook::national_default();
    let mut f = valid_form();
    f.team[2].days = 24 * WORKING_DAYS_PER_MONTH + 1;
    f.products[0].quantity = 0;
    f.budget[1].fund_dong = 1;
    f.budget[2].lump_sum = true;
    let paths: Vec<String> = check(&f, &rb).into_iter().map(|i| i.path).collect();
    assert!(paths.contains(&"team.2.days".to_string()), "{paths:?}");
    assert!(
        paths.contains(&"products.0.quantity".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"budget.1.fund_dong".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"budget.2.lump_sum".to_string()),
        "{paths:?}"
    );
    // The labour line no longer matches the changed days either.
    assert!(paths.contains(&"budget".to_string()), "{paths:?}");
}

#[test]
fn lines_that_do_not_add_up_are_refused_with_the_figures() {
    let rb = Rulebook::national_default();
    let mut f = valid_form();
    f.budget[1].counterpart_dong = 10;
    let found = check(&f, &rb)
        .into_iter()
        .find(|i| i.path == "budget.1.fund_dong")
        .unwrap();
    assert_eq!(
        found.problem,
        FormProblem::SplitDoesNotAddUp {
            amount_dong: 150_000_000,
            fund_dong: 100_000_000,
            counterpart_dong: 10
        }
    );
    let msg = found.problem.message(Lang::Vi);
    assert!(
        msg.contains("100.000.000 đ") && msg.contains("150.000.000 đ"),
        "{msg}"
    );
}

#[test]
fn an_empty_draft_lists_every_missing_section() {
    let issues = check(&ApplicationForm::default(), &Rulebook::national_default());
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    for p in [
        "title",
        "field",
        "duration_months",
        "urgency",
        "objectives",
        "contents",
        "methods",
        "products",
        "risk_plan",
        "team",
        "budget",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    for i in &issues {
        assert!(!i.problem.message(Lang::Vi).is_empty());
    }
}

#[test]
fn amounts_near_the_limit_do_not_overflow() {
    let rb = Rulebook::national_default();
    let mut f = valid_form();
    f.budget
        .push(line(BudgetLineKind::Surveys, i64::MAX, i64::MAX, true));
    assert!(budget_totals(&f.budget).is_none());
    assert!(check(&f, &rb)
        .iter()
        .any(|i| i.problem == FormProblem::TotalTooLarge));
}

fn any_kind() -> impl Strategy<Value = BudgetLineKind> {
    prop_oneof![
        Just(BudgetLineKind::Labour),
        Just(BudgetLineKind::MaterialsEnergy),
        Just(BudgetLineKind::EquipmentPurchase),
        Just(BudgetLineKind::Workshops),
        Just(BudgetLineKind::InternationalCooperation),
        Just(BudgetLineKind::Surveys),
    ]
}

fn any_line() -> impl Strategy<Value = BudgetLine> {
    (any_kind(), 1i64..10_000_000_000, 0u32..=100, any::<bool>()).prop_map(
        |(kind, amount, pct, lump)| {
            let fund = amount / 100 * i64::from(pct);
            line(kind, amount, fund, lump)
        },
    )
}

proptest! {
    /// Totals never depend on the order of the lines, the sources add up to the total, and
    /// lump-sum plus by-documents is the whole.
    #[test]
    fn budget_totals_are_consistent_and_order_free(mut lines in proptest::collection::vec(any_line(), 0..30)) {
        let t = budget_totals(&lines).unwrap();
        prop_assert_eq!(t.fund_dong + t.counterpart_dong, t.total_dong);
        prop_assert_eq!(t.lump_sum_dong + t.by_documents_dong, t.total_dong);
        lines.reverse();
        prop_assert_eq!(budget_totals(&lines).unwrap(), t);
    }

    /// Labour grows with days and never depends on the order of the team.
    #[test]
    fn labour_is_monotonic_and_order_free(days in proptest::collection::vec(1u32..500, 1..12), extra in 1u32..100) {
        let rb = Rulebook::national_default();
        let mut team: Vec<TeamMember> = days.iter().enumerate()
            .map(|(i, d)| member("X", TeamRole::ALL[i % 5], *d)).collect();
        let total = team_labour_dong(&rb, &team).unwrap();
        team.reverse();
        prop_assert_eq!(team_labour_dong(&rb, &team).unwrap(), total);
        team[0].days += extra;
        prop_assert!(team_labour_dong(&rb, &team).unwrap() >= total);
    }

    /// Reordering the team of a valid dossier keeps it valid; adding any second leader never does.
    #[test]
    fn team_rules_ignore_order_but_count_roles(seed in any::<u64>()) {
        let rb = Rulebook::national_default();
        let mut f = valid_form();
        let n = f.team.len();
        f.team.rotate_left((seed as usize) % n);
        prop_assert_eq!(check(&f, &rb), vec![]);
        f.team.push(member("Thêm", TeamRole::Leader, 1));
        prop_assert!(check(&f, &rb).iter().any(|i| i.problem == FormProblem::SeveralLeaders));
    }
}

#[test]
fn versions_are_compared_value_by_value() {
    let a = valid_form();
    assert_eq!(diff(&a, &a), vec![]);
    let mut b = a.clone();
    b.title = "Tên mới".into();
    b.team[2].days = 55;
    b.budget.pop();
    let changes = diff(&a, &b);
    assert_eq!(
        changes[0],
        Change {
            path: "title".into(),
            before: Some(a.title.clone()),
            after: Some("Tên mới".into())
        }
    );
    assert!(changes.iter().any(|c| c.path == "team.2.days"
        && c.before.as_deref() == Some("50")
        && c.after.as_deref() == Some("55")));
    assert!(changes
        .iter()
        .any(|c| c.path == "budget.2.amount_dong" && c.after.is_none()));
    let back = diff(&b, &a);
    assert!(back
        .iter()
        .any(|c| c.path == "budget.2.amount_dong" && c.before.is_none()));
}

proptest! {
    /// A comparison is empty exactly when the two forms hold the same values, and it is the
    /// mirror of the comparison the other way round.
    #[test]
    fn diff_is_empty_iff_equal_and_symmetric(days in 1u32..500, title in "[a-zđ ]{0,12}", drop in any::<bool>()) {
        let a = valid_form();
        let mut b = a.clone();
        b.team[0].days = days;
        b.title = title;
        if drop { b.products.clear(); }
        let forward = diff(&a, &b);
        prop_assert_eq!(forward.is_empty(), flatten(&a) == flatten(&b));
        let backward = diff(&b, &a);
        prop_assert_eq!(forward.len(), backward.len());
        for c in &forward {
            prop_assert!(backward.iter().any(|d| d.path == c.path && d.before == c.after && d.after == c.before));
        }
    }
}
