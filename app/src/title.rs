//! Page titles that are safe to render on the server.

use leptos::prelude::*;

/// The page's `<Title>` text. On the server it is read once, while the page renders:
/// leptos_meta reads the title again when it writes the document's head, after the request's
/// reactive arena may be gone, and reading a signal then panics (seen on Statistics). In the
/// browser it stays reactive, so a change of language or name retitles the page.
pub fn page_title<T>(text: impl Fn() -> T + Send + Sync + 'static) -> TextProp
where
    T: Into<Oco<'static, str>> + 'static,
{
    #[cfg(feature = "ssr")]
    {
        TextProp::from(text().into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        TextProp::from(text)
    }
}
