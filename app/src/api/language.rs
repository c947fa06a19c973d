//! The admin's language, chosen with the FR / EN buttons: a plain form posts it here, and
//! Leptos answers a plain form post by loading the page again, now in that language. No
//! island and no WASM needed, so the switch works before hydration and without JavaScript.

use leptos::prelude::*;

use crate::error::AppError;

/// Remembers the language `code` (`fr`, `en`) for a year in the `relance_lang` cookie.
#[server(prefix = "/admin/fn", endpoint = "set_language")]
pub async fn set_language(code: String) -> Result<(), AppError> {
    let Some(locale) = crate::i18n::Locale::from_code(&code) else {
        return crate::error::with_status(Err(AppError::Invalid(
            "code: the admin speaks fr or en".into(),
        )));
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        crate::i18n::COOKIE_NAME,
        locale.code()
    );
    let header = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(http::header::SET_COOKIE, header);
    Ok(())
}
