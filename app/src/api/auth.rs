use leptos::prelude::*;

use crate::error::AppError;

/// Where to go after signing in: a path of this site, never another site (no open redirect).
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/login")
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) -> Result<(), AppError> {
    let header = http::HeaderValue::from_str(value).map_err(|_| AppError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(http::header::SET_COOKIE, header);
    Ok(())
}

#[cfg(feature = "ssr")]
fn set_status(status: http::StatusCode) {
    expect_context::<leptos_axum::ResponseOptions>().set_status(status);
}

/// Signs in and goes to `next` (or the Reminders page).
#[server(prefix = "/admin/fn", endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::SignInOutcome;
    match crate::backend::backend()?
        .sign_in(&email, &password)
        .await?
    {
        SignInOutcome::SignedIn {
            user_id,
            set_cookie: cookie,
        } => {
            set_cookie(&cookie)?;
            let target = match safe_next(next.as_deref()) {
                // Home is the shop used last: named here, because the browser follows this
                // redirect inside the app, where `/` is no page.
                "/" => home_of(&user_id).await?,
                other => other.to_owned(),
            };
            leptos_axum::redirect(&target);
            Ok(())
        }
        SignInOutcome::WrongCredentials => {
            set_status(http::StatusCode::UNAUTHORIZED);
            Err(AppError::WrongCredentials)
        }
        SignInOutcome::TooManyAttempts => {
            set_status(http::StatusCode::TOO_MANY_REQUESTS);
            Err(AppError::TooManyAttempts)
        }
    }
}

/// The account's home (`crate::shop::home_path`), from the request's cookies.
#[cfg(feature = "ssr")]
async fn home_of(user_id: &str) -> Result<String, AppError> {
    let parts = expect_context::<http::request::Parts>();
    let cookies = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    let last = crate::shop::last_shop(cookies);
    let shops = crate::backend::backend()?.shops_of(user_id).await?;
    let slugs: Vec<&str> = shops.iter().map(|shop| shop.slug.as_str()).collect();
    Ok(crate::shop::home_path(&slugs, last))
}

/// Ends the session and goes back to the sign-in page.
#[server(prefix = "/admin/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let parts = expect_context::<http::request::Parts>();
    let cookie = parts
        .headers
        .get(http::header::COOKIE)
        .and_then(|value| value.to_str().ok());
    let clear = crate::backend::backend()?.sign_out(cookie).await?;
    set_cookie(&clear)?;
    leptos_axum::redirect("/login");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/carts?page=2")), "/carts?page=2");
        for unsafe_next in [
            None,
            Some(""),
            Some("https://evil.example/"),
            Some("//evil.example/"),
            Some("/\\evil.example"),
            Some("/login?next=/"),
            Some("javascript:alert(1)"),
            Some("/\r\nSet-Cookie:x"),
        ] {
            assert_eq!(safe_next(unsafe_next), "/", "{unsafe_next:?}");
        }
    }
}
