//! Honest opens and clicks: which tracking hits a machine made rather than the customer. Mail
//! privacy proxies fetch every image on arrival, and security scanners follow every link within
//! seconds; counted as people, they make opens and clicks look better than they are, and credit
//! orders to reminders nobody read.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A hit this soon after sending is a scanner checking the mail on arrival.
pub const ON_ARRIVAL: Duration = Duration::seconds(5);
/// A click counts as a person's when an open of the same email came before it, or up to this
/// long after it (a client loads images and follows the click at about the same moment).
pub const OPEN_GRACE: Duration = Duration::seconds(2);

/// Fragments of the user agents of known link scanners and fetchers (lower case).
const SCANNER_AGENTS: [&str; 16] = [
    "barracuda",
    "proofpoint",
    "mimecast",
    "symantec",
    "trendmicro",
    "forcepoint",
    "sophos",
    "fortiguard",
    "safelinks",
    "bitdefender",
    "python-requests",
    "curl/",
    "wget/",
    "go-http-client",
    "headlesschrome",
    "bot",
];

/// Why a hit is a machine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MachineReason {
    /// Within seconds of sending: checked on arrival.
    OnArrival,
    /// Apple Mail Privacy Protection's proxy fetched the images (an open only).
    PrivacyProxy,
    /// The user agent is a known scanner or a script.
    ScannerAgent,
    /// A click with no open before it (nor just after it).
    NoOpen,
    /// Several links of the email clicked within the same second.
    BurstOfClicks,
}

impl MachineReason {
    pub const ALL: [MachineReason; 5] = [
        Self::OnArrival,
        Self::PrivacyProxy,
        Self::ScannerAgent,
        Self::NoOpen,
        Self::BurstOfClicks,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::OnArrival => "on_arrival",
            Self::PrivacyProxy => "privacy_proxy",
            Self::ScannerAgent => "scanner_agent",
            Self::NoOpen => "no_open",
            Self::BurstOfClicks => "burst_of_clicks",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Open,
    Click,
}

/// A hit already recorded for the same email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierHit {
    pub kind: HitKind,
    pub at: DateTime<Utc>,
    pub destination: Option<String>,
}

/// What is known of a new hit when it arrives.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub kind: HitKind,
    pub at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub user_agent: Option<&'a str>,
    pub ip: Option<IpAddr>,
    pub destination: Option<&'a str>,
    /// The message counts opens (an email's pixel); an SMS has none, so its clicks need none.
    pub opens_tracked: bool,
}

/// Whether a new hit is a machine's, and why; `earlier` are the email's hits before it. The
/// first rule that applies is the reason given.
pub fn classify(hit: &Hit<'_>, earlier: &[EarlierHit]) -> Option<MachineReason> {
    if hit.sent_at.is_some_and(|sent| hit.at - sent < ON_ARRIVAL) {
        return Some(MachineReason::OnArrival);
    }
    let agent = hit.user_agent.unwrap_or("").trim();
    let lower = agent.to_ascii_lowercase();
    if SCANNER_AGENTS
        .iter()
        .any(|fragment| lower.contains(fragment))
    {
        return Some(MachineReason::ScannerAgent);
    }
    match hit.kind {
        // Apple's proxy presents itself as a bare "Mozilla/5.0" from Apple's 17.0.0.0/8.
        HitKind::Open if agent == "Mozilla/5.0" || hit.ip.is_some_and(is_apple) => {
            Some(MachineReason::PrivacyProxy)
        }
        HitKind::Open => None,
        HitKind::Click => {
            let same_second = earlier.iter().any(|e| {
                e.kind == HitKind::Click
                    && e.destination.as_deref() != hit.destination
                    && hit.at - e.at < Duration::seconds(1)
            });
            if same_second {
                Some(MachineReason::BurstOfClicks)
            } else if hit.opens_tracked
                && !earlier
                    .iter()
                    .any(|e| e.kind == HitKind::Open && e.at <= hit.at)
            {
                Some(MachineReason::NoOpen)
            } else {
                None
            }
        }
    }
}

fn is_apple(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.octets()[0] == 17,
        IpAddr::V6(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::seconds(seconds)
    }

    const BROWSER: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";

    fn hit(kind: HitKind, seconds: i64, agent: &'static str) -> Hit<'static> {
        Hit {
            kind,
            at: at(seconds),
            sent_at: Some(at(0)),
            user_agent: Some(agent),
            ip: None,
            destination: Some("https://shop.example/a"),
            opens_tracked: true,
        }
    }

    fn open(seconds: i64) -> EarlierHit {
        EarlierHit {
            kind: HitKind::Open,
            at: at(seconds),
            destination: None,
        }
    }

    #[test]
    fn a_person_opening_then_clicking_later_is_a_person() {
        assert_eq!(classify(&hit(HitKind::Open, 600, BROWSER), &[]), None);
        assert_eq!(
            classify(&hit(HitKind::Click, 700, BROWSER), &[open(600)]),
            None
        );
    }

    #[test]
    fn hits_on_arrival_and_known_scanners_are_machines() {
        assert_eq!(
            classify(&hit(HitKind::Click, 3, BROWSER), &[open(1)]),
            Some(MachineReason::OnArrival)
        );
        assert_eq!(
            classify(&hit(HitKind::Open, 600, "Barracuda Sentinel (EE)"), &[]),
            Some(MachineReason::ScannerAgent)
        );
        assert_eq!(
            classify(
                &hit(HitKind::Click, 600, "python-requests/2.31"),
                &[open(500)]
            ),
            Some(MachineReason::ScannerAgent)
        );
    }

    #[test]
    fn apples_privacy_proxy_opens_are_machine_opens() {
        assert_eq!(
            classify(&hit(HitKind::Open, 600, "Mozilla/5.0"), &[]),
            Some(MachineReason::PrivacyProxy)
        );
        let mut from_apple = hit(HitKind::Open, 600, BROWSER);
        from_apple.ip = Some("17.58.100.3".parse().unwrap());
        assert_eq!(
            classify(&from_apple, &[]),
            Some(MachineReason::PrivacyProxy)
        );
        from_apple.ip = Some("81.250.1.2".parse().unwrap());
        assert_eq!(classify(&from_apple, &[]), None);
    }

    #[test]
    fn a_click_without_an_open_or_in_a_burst_is_a_machines() {
        assert_eq!(
            classify(&hit(HitKind::Click, 600, BROWSER), &[]),
            Some(MachineReason::NoOpen)
        );
        // An SMS has no pixel: its clicks come without opens.
        let mut from_sms = hit(HitKind::Click, 600, BROWSER);
        from_sms.opens_tracked = false;
        assert_eq!(classify(&from_sms, &[]), None);
        let other_link = EarlierHit {
            kind: HitKind::Click,
            at: at(599),
            destination: Some("https://shop.example/b".into()),
        };
        let mut burst = hit(HitKind::Click, 599, BROWSER);
        burst.at = at(599) + Duration::milliseconds(400);
        assert_eq!(
            classify(&burst, &[open(500), other_link.clone()]),
            Some(MachineReason::BurstOfClicks)
        );
        // The same link twice is a double click, not a burst.
        let mut same_link = other_link;
        same_link.destination = Some("https://shop.example/a".into());
        assert_eq!(classify(&burst, &[open(500), same_link]), None);
    }

    #[test]
    fn reasons_round_trip_through_their_names() {
        for reason in MachineReason::ALL {
            assert_eq!(MachineReason::parse(reason.as_str()), Some(reason));
        }
    }
}
