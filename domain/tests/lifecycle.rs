use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::lifecycle::*;
use domain::Lang;
use proptest::prelude::*;

fn t(s: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
}

/// Opens at t(0), closes at t(1000).
fn window() -> CallWindow {
    CallWindow {
        opens_at: t(0),
        closes_at: t(1000),
    }
}

fn submit(host: bool) -> ApplicationEvent {
    ApplicationEvent::Submit {
        window: window(),
        host_confirmation_required: host,
    }
}

use ApplicationState as S;

#[test]
fn submission_holds_to_the_second() {
    assert_eq!(apply(S::Draft, submit(false), t(999)), Ok(S::Submitted));
    assert_eq!(apply(S::Draft, submit(false), t(0)), Ok(S::Submitted));
    assert_eq!(
        apply(S::Draft, submit(false), t(1000)),
        Err(TransitionError::CallClosed { closed_at: t(1000) })
    );
    assert_eq!(
        apply(S::Draft, submit(false), t(1001)),
        Err(TransitionError::CallClosed { closed_at: t(1000) })
    );
    assert_eq!(
        apply(S::Draft, submit(false), t(-1)),
        Err(TransitionError::CallNotYetOpen { opens_at: t(0) })
    );
    let msg = apply(S::Draft, submit(false), t(1001))
        .unwrap_err()
        .message(Lang::Vi);
    assert!(msg.contains("hết hạn"), "{msg}");
}

#[test]
fn double_submission_is_refused() {
    let s = apply(S::Draft, submit(false), t(10)).unwrap();
    assert!(matches!(
        apply(s, submit(false), t(11)),
        Err(TransitionError::NotAllowed { .. })
    ));
}

#[test]
fn the_host_confirms_when_the_rulebook_asks() {
    let s = apply(S::Draft, submit(true), t(10)).unwrap();
    assert_eq!(s, S::AwaitingHostConfirmation);
    assert!(apply(s, ApplicationEvent::MarkValid, t(11)).is_err());
    assert_eq!(
        apply(s, ApplicationEvent::HostConfirm, t(11)),
        Ok(S::Submitted)
    );
    // Declined: back to its author as a draft, which the department does not see.
    assert_eq!(apply(s, ApplicationEvent::HostDecline, t(11)), Ok(S::Draft));
    assert!(apply(S::Submitted, ApplicationEvent::HostDecline, t(11)).is_err());
    assert!(!s.seen_by_department());
    assert!(!S::Draft.seen_by_department());
    assert!(S::Submitted.seen_by_department());
    // Received when it first reaches the department, never before, never moved.
    assert_eq!(s.received_at(None, t(11)), None);
    assert_eq!(S::Submitted.received_at(None, t(12)), Some(t(12)));
    assert_eq!(S::Valid.received_at(Some(t(12)), t(20)), Some(t(12)));
    assert_eq!(S::Withdrawn.received_at(None, t(13)), None);
}

#[test]
fn return_resubmit_and_decide() {
    let returned = apply(
        S::Submitted,
        ApplicationEvent::ReturnForCorrection { deadline: t(2000) },
        t(1500),
    )
    .unwrap();
    assert_eq!(returned, S::ReturnedForCorrection { deadline: t(2000) });
    assert_eq!(
        apply(returned, ApplicationEvent::Resubmit, t(1999)),
        Ok(S::Submitted)
    );
    assert_eq!(
        apply(returned, ApplicationEvent::Resubmit, t(2000)),
        Err(TransitionError::CorrectionDeadlinePassed { deadline: t(2000) })
    );
    assert_eq!(
        apply(
            S::Submitted,
            ApplicationEvent::ReturnForCorrection { deadline: t(1500) },
            t(1500)
        ),
        Err(TransitionError::DeadlineNotInFuture)
    );
    assert_eq!(
        apply(S::Submitted, ApplicationEvent::MarkValid, t(1)),
        Ok(S::Valid)
    );
    assert_eq!(
        apply(S::Submitted, ApplicationEvent::MarkInvalid, t(1)),
        Ok(S::Invalid)
    );
    assert!(apply(S::Draft, ApplicationEvent::MarkValid, t(1)).is_err());
}

#[test]
fn withdrawal_only_before_the_call_closes() {
    let w = ApplicationEvent::Withdraw { window: window() };
    assert_eq!(apply(S::Submitted, w, t(999)), Ok(S::Withdrawn));
    assert_eq!(
        apply(S::Submitted, w, t(1000)),
        Err(TransitionError::CallClosed { closed_at: t(1000) })
    );
    assert!(apply(S::Valid, w, t(1)).is_err());
}

#[test]
fn codes_round_trip_and_receipts_read_well() {
    for s in [
        S::Draft,
        S::AwaitingHostConfirmation,
        S::Submitted,
        S::ReturnedForCorrection { deadline: t(5) },
        S::Valid,
        S::Invalid,
        S::Withdrawn,
    ] {
        let deadline = match s {
            S::ReturnedForCorrection { deadline } => Some(deadline),
            _ => None,
        };
        assert_eq!(ApplicationState::from_parts(s.code(), deadline), Some(s));
        assert!(!s.label(Lang::Vi).is_empty());
    }
    assert_eq!(ApplicationState::from_parts("returned", None), None);
    // Every state but a draft can be filtered by, and each filter has its label.
    for code in ApplicationState::SUBMITTED_CODES {
        assert!(
            ApplicationState::label_of_code(code, Lang::Vi).is_some(),
            "{code}"
        );
    }
    assert!(!ApplicationState::SUBMITTED_CODES.contains(&S::Draft.code()));
    assert!(!ApplicationState::SUBMITTED_CODES.contains(&S::AwaitingHostConfirmation.code()));
    assert_eq!(
        ApplicationState::label_of_code("returned", Lang::Vi),
        Some("Trả lại để bổ sung")
    );
    assert_eq!(ApplicationState::label_of_code("nope", Lang::Vi), None);
    assert_eq!(receipt_code(2026, 7), "ĐX-2026-0007");
    assert_eq!(receipt_code(2026, 12345), "ĐX-2026-12345");
}

fn any_event() -> impl Strategy<Value = ApplicationEvent> {
    prop_oneof![
        any::<bool>().prop_map(submit),
        Just(ApplicationEvent::HostConfirm),
        Just(ApplicationEvent::HostDecline),
        Just(ApplicationEvent::Withdraw { window: window() }),
        (-10i64..3000).prop_map(|s| ApplicationEvent::ReturnForCorrection { deadline: t(s) }),
        Just(ApplicationEvent::Resubmit),
        Just(ApplicationEvent::MarkValid),
        Just(ApplicationEvent::MarkInvalid),
    ]
}

proptest! {
    /// Whatever happens, in whatever order: a refused event changes nothing, a final state
    /// accepts nothing, a decision is only ever taken on a submitted dossier, and nothing is
    /// submitted outside the call's window.
    #[test]
    fn random_histories_stay_legal(steps in proptest::collection::vec((any_event(), -10i64..3000), 0..40)) {
        let mut state = S::Draft;
        for (event, at) in steps {
            let now = t(at);
            // A refused event leaves `state` as it was: only `Ok` replaces it.
            if let Ok(next) = apply(state, event, now) {
                prop_assert!(!state.is_final());
                if matches!(next, S::Valid | S::Invalid) {
                    prop_assert_eq!(state, S::Submitted);
                }
                if let (S::Draft, ApplicationEvent::Submit { window, .. }) = (state, event) {
                    prop_assert!(window.opens_at <= now && now < window.closes_at);
                }
                if let S::ReturnedForCorrection { deadline } = next {
                    prop_assert!(deadline > now);
                }
                // What the department has seen it keeps seeing.
                if state.seen_by_department() && state != S::Withdrawn {
                    prop_assert!(next.seen_by_department());
                }
                state = next;
            }
        }
    }

    /// The window's boundary: one second before the deadline is in, the deadline itself is out.
    #[test]
    fn the_window_is_half_open(open in 0i64..1_000_000, len in 1i64..1_000_000) {
        let w = CallWindow { opens_at: t(open), closes_at: t(open) + Duration::seconds(len) };
        prop_assert!(w.check(w.opens_at).is_ok());
        prop_assert!(w.check(w.closes_at - Duration::seconds(1)).is_ok());
        prop_assert!(w.check(w.closes_at).is_err());
        prop_assert!(w.check(w.opens_at - Duration::seconds(1)).is_err());
    }
}
