use super::*;
use proptest::prelude::*;

#[test]
fn figures_are_read_as_vietnamese_and_english_write_them() {
    assert_eq!(parse_figure("2"), Ok(200));
    assert_eq!(parse_figure("2,5"), Ok(250));
    assert_eq!(parse_figure("2.5"), Ok(250));
    assert_eq!(parse_figure(" 85,25 "), Ok(8525));
    assert_eq!(parse_figure("0,05"), Ok(5));
    assert_eq!(parse_figure("30"), Ok(3000));
    for bad in [
        "",
        ",5",
        "2,",
        "2,555",
        "1.250.000",
        "-1",
        "2 %",
        "abc",
        "1e3",
    ] {
        assert_eq!(parse_figure(bad), Err(FigureProblem::NotANumber), "{bad:?}");
    }
    assert_eq!(
        parse_figure("99999999999999999"),
        Err(FigureProblem::TooLarge)
    );
    assert_eq!(parse_figure("10000000000001"), Err(FigureProblem::TooLarge));
}

#[test]
fn figures_are_written_with_the_languages_separators() {
    assert_eq!(format_figure(250, Lang::Vi), "2,5");
    assert_eq!(format_figure(250, Lang::En), "2.5");
    assert_eq!(format_figure(125_000_005, Lang::Vi), "1.250.000,05");
    assert_eq!(format_figure(3000, Lang::Vi), "30");
    assert_eq!(format_figure(-150, Lang::Vi), "-1,5");
}

#[test]
fn progress_counts_towards_the_target_and_is_full_only_when_met() {
    use Comparison::*;
    // At least 60 %: 45 % is three quarters of the way.
    assert_eq!(progress_percent(4500, 6000, AtLeast), 75);
    assert_eq!(progress_percent(6000, 6000, AtLeast), 100);
    // More than 85 %: exactly 85 % is not yet met.
    assert_eq!(progress_percent(8500, 8500, MoreThan), 99);
    assert_eq!(progress_percent(8501, 8500, MoreThan), 100);
    // At most 10: 20 is twice the ceiling, half way.
    assert_eq!(progress_percent(2000, 1000, AtMost), 50);
    assert_eq!(progress_percent(900, 1000, AtMost), 100);
    assert_eq!(progress_percent(0, 500, AtLeast), 0);
    assert_eq!(progress_percent(5, 0, MoreThan), 100);
}

#[test]
fn only_a_submitted_figure_is_decided_never_by_who_entered_it() {
    use FigureState::*;
    assert_eq!(
        decide(Submitted, 1, 2, &Decision::Approve, ""),
        Ok(Approved)
    );
    assert_eq!(
        decide(Submitted, 1, 2, &Decision::Return, "Thiếu minh chứng"),
        Ok(Returned)
    );
    assert_eq!(
        decide(Submitted, 1, 2, &Decision::Return, "  "),
        Err(FigureProblem::ReasonRequired)
    );
    assert_eq!(
        decide(Submitted, 7, 7, &Decision::Approve, ""),
        Err(FigureProblem::OwnFigure)
    );
    assert_eq!(
        decide(Approved, 1, 2, &Decision::Approve, ""),
        Err(FigureProblem::AlreadyDecided)
    );
    assert_eq!(
        decide(Returned, 1, 2, &Decision::Return, "x"),
        Err(FigureProblem::AlreadyDecided)
    );
}

#[test]
fn entries_keep_to_the_programme_years_and_short_notes() {
    assert_eq!(check_entry(2026, (2021, 2030), "ghi chú"), Ok(()));
    assert_eq!(
        check_entry(2031, (2021, 2030), ""),
        Err(FigureProblem::YearOutOfRange {
            first: 2021,
            last: 2030
        })
    );
    let long = "a".repeat(NOTE_MAX_CHARS + 1);
    assert_eq!(
        check_entry(2026, (2021, 2030), &long),
        Err(FigureProblem::NoteTooLong)
    );
}

#[test]
fn indicator_codes_are_plain() {
    assert_eq!(check_code("rd_spending_2030"), Ok(()));
    for bad in ["", "Chi_tieu", "chỉ_tiêu", "a-b", &"a".repeat(61)] {
        assert_eq!(check_code(bad), Err(FigureProblem::CodeInvalid), "{bad:?}");
    }
}

#[test]
fn codes_read_back() {
    for m in Metric::ALL {
        assert_eq!(
            Source::from_code(Source::Computed(m).code()),
            Some(Source::Computed(m))
        );
    }
    assert_eq!(Source::from_code("entered"), Some(Source::Entered));
    for c in Comparison::ALL {
        assert_eq!(Comparison::from_code(c.code()), Some(c));
    }
    for s in FigureState::ALL {
        assert_eq!(FigureState::from_code(s.code()), Some(s));
    }
}

proptest! {
    /// What is written in either language reads back as the same figure.
    #[test]
    fn written_figures_read_back(v in 0i64..MAX_HUNDREDTHS) {
        let vi = format_figure(v, Lang::Vi).replace('.', "");
        prop_assert_eq!(parse_figure(&vi), Ok(v));
        let en = format_figure(v, Lang::En).replace(',', "");
        prop_assert_eq!(parse_figure(&en), Ok(v));
    }

    /// Progress never exceeds 100 and is 100 exactly when the target is met.
    #[test]
    fn progress_is_full_exactly_when_met(v in 0i64..MAX_HUNDREDTHS, t in 0i64..MAX_HUNDREDTHS, c in 0usize..3) {
        let c = Comparison::ALL[c];
        let p = progress_percent(v, t, c);
        prop_assert!(p <= 100);
        prop_assert_eq!(p == 100, c.met(v, t));
    }
}
