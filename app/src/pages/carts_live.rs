//! The Carts list made live: the selection, the bulk actions ("Actions groupées": the selected
//! carts' reminders stopped, restarted or sent now, or the carts exported) and the countdowns.
//! The server draws the bar and the table; this control (`controls::CartsLive`) works on their
//! elements. A control rather than an island of its own: a sixth split point cut the code the
//! islands share into more, smaller chunks, and every page fetched more (docs/benchmarks.md).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The words of the Carts list's live parts, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartsWords {
    pub due_now: String,
    /// Over an hour left: `{h}` hours, `{mm}` minutes.
    pub hours: String,
    /// Under an hour: `{m}` minutes, `{ss}` seconds.
    pub minutes: String,
    /// `{n}` carts selected.
    pub selected: String,
    pub confirm_stop: String,
    pub confirm_restart: String,
    pub failed: String,
}

impl CartsWords {
    /// "in 12 min 05 s": the time left before a reminder.
    pub fn countdown(&self, seconds: i64) -> String {
        if seconds <= 0 {
            return self.due_now.clone();
        }
        let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
        if h > 0 {
            self.hours
                .replace("{h}", &h.to_string())
                .replace("{mm}", &format!("{m:02}"))
        } else {
            self.minutes
                .replace("{m}", &m.to_string())
                .replace("{ss}", &format!("{s:02}"))
        }
    }

    /// "2 cart(s) selected".
    pub fn selected(&self, count: usize) -> String {
        self.selected.replace("{n}", &count.to_string())
    }
}

/// Around the bulk bar and the table (`children`, server HTML).
#[component]
pub fn CartsLiveView(shop: String, words: CartsWords, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        browser::wired(shop, words, children)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (shop, words);
        view! { <div class="carts-live">{children()}</div> }.into_any()
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::rc::Rc;

    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlInputElement, MouseEvent};

    use super::CartsWords;
    use crate::api::{perform_act, sent, Act, ActDone, BulkAction};
    use crate::error::AppError;
    use crate::pages::dom::find_all;

    /// What a bulk action said, kept for the page loaded again after it.
    const KEPT: &str = "relance-bulk";

    pub fn wired(shop: String, words: CartsWords, children: Children) -> AnyView {
        // The server's table is already there: hydration runs over it.
        if let Some(text) = crate::nav::take_kept(KEPT) {
            say(&text, "saved");
        }
        let words = Rc::new(words);
        count_down(Rc::clone(&words));
        let on_change = Rc::clone(&words);
        view! {
            <div
                class="carts-live"
                on:change=move |ev: Event| changed(&ev, &on_change)
                on:click=move |ev: MouseEvent| clicked(&ev, &shop, &words)
            >
                {children()}
            </div>
        }
        .into_any()
    }

    fn root() -> Option<Element> {
        document().query_selector(".carts-live").ok().flatten()
    }

    fn boxes(root: &Element, name: &str) -> Vec<HtmlInputElement> {
        find_all(root, &format!("input[name=\"{name}\"]"))
            .into_iter()
            .filter_map(|element| element.dyn_into::<HtmlInputElement>().ok())
            .collect()
    }

    fn selected(root: &Element) -> Vec<String> {
        boxes(root, "select")
            .iter()
            .filter(|b| b.checked())
            .map(HtmlInputElement::value)
            .collect()
    }

    /// Says `text` in the bar's status line.
    fn say(text: &str, tone: &str) {
        let line = root().and_then(|r| {
            r.query_selector(".bulk-bar [role=\"status\"]")
                .ok()
                .flatten()
        });
        if let Some(line) = line {
            line.set_text_content(Some(text));
            let _ = line.set_attribute("class", &format!("save-status {tone}"));
        }
    }

    fn changed(ev: &Event, words: &CartsWords) {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(root) = root() else { return };
        match target.name().as_str() {
            "select_all" => {
                for each in boxes(&root, "select") {
                    each.set_checked(target.checked());
                }
            }
            "select" => {}
            _ => return,
        }
        show_selection(&root, words);
    }

    /// The count, the buttons and the export link, as the selection now stands.
    fn show_selection(root: &Element, words: &CartsWords) {
        let ids = selected(root);
        let rows = boxes(root, "select");
        let every = !rows.is_empty() && rows.iter().all(HtmlInputElement::checked);
        for each in boxes(root, "select_all") {
            each.set_checked(every);
        }
        let count = words.selected(ids.len());
        for bar in find_all(root, ".bulk-bar") {
            let _ = bar.set_attribute("aria-label", &count);
        }
        for line in find_all(root, ".bulk-bar .count") {
            line.set_text_content(Some(&count));
        }
        for button in find_all(root, ".bulk-bar [data-bulk]") {
            let _ = button.toggle_attribute_with_force("disabled", ids.is_empty());
        }
        for link in find_all(root, "a[data-export]") {
            let base = link.get_attribute("data-export").unwrap_or_default();
            let _ = link.set_attribute("href", &format!("{base}{}", ids.join(",")));
            let _ = link.set_attribute("aria-disabled", &ids.is_empty().to_string());
            let _ = link
                .class_list()
                .toggle_with_force("disabled", ids.is_empty());
        }
    }

    fn clicked(ev: &MouseEvent, shop: &str, words: &CartsWords) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        // The export link goes nowhere until a cart is selected.
        if let Some(link) = target.closest("a[data-export]").ok().flatten() {
            if link.get_attribute("aria-disabled").as_deref() == Some("true") {
                ev.prevent_default();
            }
            return;
        }
        let action = target
            .closest("[data-bulk]")
            .ok()
            .flatten()
            .and_then(|button| button.get_attribute("data-bulk"))
            .and_then(|name| match name.as_str() {
                "stop" => Some(BulkAction::Stop),
                "restart" => Some(BulkAction::Restart),
                "send_next" => Some(BulkAction::SendNext),
                _ => None,
            });
        let (Some(action), Some(root)) = (action, root()) else {
            return;
        };
        let question = match action {
            BulkAction::Stop => Some(words.confirm_stop.as_str()),
            BulkAction::Restart => Some(words.confirm_restart.as_str()),
            BulkAction::SendNext => None,
        };
        let ids = selected(&root);
        if ids.is_empty() || !question.is_none_or(crate::pages::confirm) {
            return;
        }
        let (shop, failed) = (shop.to_owned(), words.failed.clone());
        spawn_local(async move {
            let done = match sent(Act::BulkCarts { action, ids }) {
                Ok(act) => perform_act(shop, act).await,
                Err(error) => Err(error),
            };
            match done {
                // The page loaded again shows each cart as it now is, and what was done.
                Ok(ActDone::Report { headline, .. }) => {
                    crate::nav::keep(KEPT, &headline);
                    crate::nav::reload();
                }
                Ok(ActDone::Invalid { headline, .. }) => say(&headline, "error"),
                Err(AppError::Invalid(message)) => say(&message, "error"),
                _ => say(&failed, "error"),
            }
        });
    }

    /// Counts every countdown down, once a second, from the seconds the server wrote.
    fn count_down(words: Rc<CartsWords>) {
        let Some(root) = root() else { return };
        let clocks: Vec<(Element, i64)> = find_all(&root, "time.countdown[data-seconds]")
            .into_iter()
            .filter_map(|time| {
                let seconds = time.get_attribute("data-seconds")?.parse().ok()?;
                Some((time, seconds))
            })
            .collect();
        if clocks.is_empty() {
            return;
        }
        let started = js_sys::Date::now();
        let interval = gloo_timers::callback::Interval::new(1_000, move || {
            let elapsed = ((js_sys::Date::now() - started) / 1000.0) as i64;
            for (time, initial) in &clocks {
                let seconds = initial - elapsed;
                let _ = time.set_attribute("data-seconds", &seconds.to_string());
                time.set_text_content(Some(&words.countdown(seconds)));
            }
        });
        // It ticks as long as the page: leaving it is a page load.
        interval.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> CartsWords {
        CartsWords {
            due_now: "due now".into(),
            hours: "in {h} h {mm} min".into(),
            minutes: "in {m} min {ss} s".into(),
            selected: "{n} cart(s) selected".into(),
            confirm_stop: String::new(),
            confirm_restart: String::new(),
            failed: String::new(),
        }
    }

    #[test]
    fn a_countdown_shows_hours_and_minutes_or_minutes_and_seconds() {
        assert_eq!(words().countdown(2 * 3600 + 5 * 60 + 9), "in 2 h 05 min");
        assert_eq!(words().countdown(12 * 60 + 7), "in 12 min 07 s");
        assert_eq!(words().countdown(0), "due now");
        assert_eq!(words().countdown(-30), "due now");
    }

    #[test]
    fn the_selection_is_counted_in_words() {
        assert_eq!(words().selected(2), "2 cart(s) selected");
    }
}
