//! What the Statistics page's URL asks for.

/// The range and toggle the URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub scanners: bool,
}

impl StatsQuery {
    /// `?from=…&to=…` plus the toggle, for links that keep it.
    pub fn href(from: &str, to: &str, scanners: bool) -> String {
        let mut href = crate::shop::shop_path(&format!(
            "/statistics?from={}&to={}",
            domain::format::url_component(from),
            domain::format::url_component(to)
        ));
        if scanners {
            href.push_str("&scanners=1");
        }
        href
    }
}
