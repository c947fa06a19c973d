use super::*;

/// The zones this test's "server" knows.
fn paris_only(zone: &str) -> bool {
    zone == "Europe/Paris"
}

fn draft() -> SettingsDraft {
    SettingsDraft {
        shop_name: "Boutique Émilie".into(),
        shop_url: "https://emilie.example".into(),
        logo_url: String::new(),
        postal_address: "1 rue de la Paix, 75002 Paris".into(),
        currency: "EUR".into(),
        time_zone: "Europe/Paris".into(),
        default_language: "fr".into(),
        sender_name: "Émilie".into(),
        sender_email: "bonjour@emilie.example".into(),
        reply_to: String::new(),
        support_email: "aide@emilie.example".into(),
        cart_url_pattern: "{cart_url}&coupon={code}".into(),
        coupon_prefix: "emi-".into(),
        expired_coupon_days: "30".into(),
        abandoned_after_minutes: "30".into(),
        min_gap_hours: "12".into(),
        max_lateness_hours: "24".into(),
        coupon_cooldown_days: "30".into(),
        re_entry_days: "7".into(),
        attribution_window_days: "5".into(),
        quiet_hours_start: "21:00".into(),
        quiet_hours_end: "08:00".into(),
        require_consent: false,
    }
}

#[test]
fn a_complete_form_parses_and_round_trips() {
    let settings = draft().parse(paris_only).unwrap();
    assert_eq!(settings.coupon_prefix.as_str(), "EMI-");
    assert_eq!(settings.reply_to, None);
    assert_eq!(settings.default_language, Language::FRENCH);
    assert_eq!(
        SettingsDraft::from_settings(&settings)
            .parse(paris_only)
            .unwrap(),
        settings
    );
}

#[test]
fn every_wrong_field_is_reported_with_its_problem() {
    let mut bad = draft();
    bad.shop_name = "  ".into();
    bad.sender_email = "not an address".into();
    bad.min_gap_hours = "-1".into();
    bad.abandoned_after_minutes = "2".into();
    bad.coupon_prefix = "é!".into();
    let problems = bad.parse(|zone| zone == "Europe/Paris").unwrap_err();
    let found: Vec<(SettingsField, Problem)> =
        problems.into_iter().map(|p| (p.field, p.problem)).collect();
    assert_eq!(
        found,
        vec![
            (SettingsField::ShopName, Problem::Required),
            (SettingsField::SenderEmail, Problem::Email),
            (SettingsField::CouponPrefix, Problem::Prefix),
            (
                SettingsField::AbandonedAfterMinutes,
                Problem::Number {
                    min: 5,
                    max: 10_080
                }
            ),
            (
                SettingsField::MinGapHours,
                Problem::Number { min: 0, max: 168 }
            ),
        ]
    );
}

#[test]
fn the_cart_url_pattern_needs_the_cart_url_and_only_known_tags() {
    assert_eq!(
        CartUrlPattern::parse("https://shop.example/?code={code}"),
        Err(Problem::PatternWithoutCartUrl)
    );
    assert_eq!(
        CartUrlPattern::parse("{cart_url}?c={coupon}"),
        Err(Problem::PatternUnknownTag)
    );
    assert_eq!(
        CartUrlPattern::parse("javascript:{cart_url}"),
        Err(Problem::PatternNotUrl)
    );
    assert!(CartUrlPattern::parse("{cart_url}?coupon={code}").is_ok());
    // Empty means the cart's own link.
    let mut empty = draft();
    empty.cart_url_pattern = String::new();
    assert_eq!(
        empty.parse(paris_only).unwrap().cart_url_pattern,
        CartUrlPattern::default()
    );
}

#[test]
fn quiet_hours_are_both_times_or_neither() {
    let settings = draft().parse(paris_only).unwrap();
    assert_eq!(settings.quiet_hours, Some(crate::engine::QuietHours::NIGHT));
    let none = SettingsDraft {
        quiet_hours_start: " ".into(),
        quiet_hours_end: String::new(),
        ..draft()
    };
    assert_eq!(none.parse(paris_only).unwrap().quiet_hours, None);
    let problems = |start: &str, end: &str| {
        SettingsDraft {
            quiet_hours_start: start.into(),
            quiet_hours_end: end.into(),
            ..draft()
        }
        .parse(paris_only)
        .unwrap_err()
    };
    let only_start = problems("21:00", "");
    assert_eq!(only_start[0].field, SettingsField::QuietHoursEnd);
    assert_eq!(only_start[0].problem, Problem::Required);
    assert_eq!(problems("9pm", "08:00")[0].problem, Problem::Time);
    assert_eq!(problems("08:00", "08:00")[0].problem, Problem::SameTime);
    let round_trip = SettingsDraft::from_settings(&settings);
    assert_eq!(round_trip.quiet_hours_start, "21:00");
    assert_eq!(round_trip.quiet_hours_end, "08:00");
}

#[test]
fn an_unknown_currency_or_time_zone_is_refused_beside_its_field() {
    let bad = SettingsDraft {
        currency: "EUE".into(),
        time_zone: "Europe/Atlantis".into(),
        ..draft()
    };
    let problems = bad.parse(paris_only).unwrap_err();
    assert!(problems.contains(&SettingsProblem {
        field: SettingsField::Currency,
        problem: Problem::Currency
    }));
    assert!(problems.contains(&SettingsProblem {
        field: SettingsField::TimeZone,
        problem: Problem::TimeZone
    }));
    let swiss = SettingsDraft {
        currency: "chf".into(),
        ..draft()
    }
    .parse(paris_only)
    .unwrap();
    assert_eq!(swiss.currency.code(), "CHF");
}

#[test]
fn the_browser_checks_only_the_shape_of_a_zone() {
    assert!(zone_shape("America/Argentina/Buenos_Aires"));
    assert!(zone_shape("Etc/GMT+5"));
    assert!(!zone_shape(""));
    assert!(!zone_shape("Europe/Paris; drop"));
}
