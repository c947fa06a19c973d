//! Admin sign-in: argon2id passwords, random session tokens stored hashed, an HttpOnly
//! SameSite=Strict cookie, attempts throttled per account, and the guard in front of every
//! admin route.

mod guard;
pub mod password;
pub mod session;

use std::{num::NonZeroU32, sync::Arc};

use app::backend::{AdminIdentity, SignInOutcome};
use chrono::{DateTime, Duration, Utc};
use domain::{EmailAddress, ParseError};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use thiserror::Error;
use tokio::sync::OnceCell;

use crate::db::{self, DbError, Pool};
pub use guard::{is_public_path, require_admin};

/// Sign-in attempts allowed per account in a burst; then one more every six seconds.
const ATTEMPTS_PER_MINUTE: u32 = 10;

#[derive(Debug, Error)]
pub enum AuthError {
    #[error("{0}")]
    InvalidEmail(ParseError),
    #[error(
        "the password must have at least {} characters",
        password::MIN_PASSWORD_CHARS
    )]
    PasswordTooShort,
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Hash(#[from] anyhow::Error),
}

pub struct Auth {
    pool: Pool,
    secure_cookies: bool,
    attempts: DefaultKeyedRateLimiter<String>,
    /// A real hash checked when the email is unknown, so both cases take the same time and the
    /// response time does not tell which addresses have accounts.
    decoy_hash: OnceCell<String>,
    /// An account exists (see `has_accounts`).
    set_up: std::sync::atomic::AtomicBool,
}

impl Auth {
    /// `secure_cookies` when Relance is reached over https (`RELANCE_PUBLIC_URL`).
    pub fn new(pool: Pool, secure_cookies: bool) -> Arc<Self> {
        let quota =
            Quota::per_minute(NonZeroU32::new(ATTEMPTS_PER_MINUTE).unwrap_or(NonZeroU32::MIN));
        Arc::new(Self {
            pool,
            secure_cookies,
            attempts: RateLimiter::keyed(quota),
            decoy_hash: OnceCell::new(),
            set_up: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Creates an account (the `relance admin create` command and the demo).
    pub async fn create_admin(
        &self,
        email: &str,
        password: &str,
        grant: &db::Grant,
        now: DateTime<Utc>,
    ) -> Result<(), AuthError> {
        let email = EmailAddress::parse(email).map_err(AuthError::InvalidEmail)?;
        if password.chars().count() < password::MIN_PASSWORD_CHARS {
            return Err(AuthError::PasswordTooShort);
        }
        if db::find_admin_by_email(&self.pool, email.as_str())
            .await?
            .is_some()
        {
            return Err(AuthError::EmailTaken);
        }
        let hash = password::hash(password.to_owned()).await?;
        db::insert_admin(&self.pool, &db::new_id(), email.as_str(), &hash, grant, now).await?;
        Ok(())
    }

    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, AuthError> {
        let Ok(email) = EmailAddress::parse(email) else {
            return Ok(SignInOutcome::WrongCredentials);
        };
        if self
            .attempts
            .check_key(&email.as_str().to_lowercase())
            .is_err()
        {
            return Ok(SignInOutcome::TooManyAttempts);
        }
        let account = db::find_admin_by_email(&self.pool, email.as_str()).await?;
        let stored = match &account {
            Some(row) => row.password_hash.clone(),
            None => self.decoy_hash().await?,
        };
        let matches = password::verify(password.to_owned(), stored).await;
        let Some(account) = account.filter(|_| matches) else {
            return Ok(SignInOutcome::WrongCredentials);
        };
        db::delete_expired_sessions(&self.pool, now).await?;
        self.attempts.retain_recent();
        let token = session::new_token();
        db::insert_session(
            &self.pool,
            &session::token_hash(&token),
            &account.user_id,
            now,
            now + Duration::days(session::SESSION_DAYS),
        )
        .await?;
        Ok(SignInOutcome::SignedIn {
            user_id: account.user_id,
            set_cookie: session::set_cookie(&token, self.secure_cookies),
        })
    }

    /// A session for an account just made (set-up); returns its `Set-Cookie`.
    pub async fn open_session(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<String, AuthError> {
        let token = session::new_token();
        db::insert_session(
            &self.pool,
            &session::token_hash(&token),
            user_id,
            now,
            now + Duration::days(session::SESSION_DAYS),
        )
        .await?;
        Ok(session::set_cookie(&token, self.secure_cookies))
    }

    /// Whether any account exists: until then every admin page leads to set-up. Remembered
    /// once true (accounts are never all deleted from a running server).
    pub async fn has_accounts(&self) -> Result<bool, AuthError> {
        if self.set_up.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(true);
        }
        let any = db::count_admins(&self.pool).await? > 0;
        if any {
            self.set_up
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(any)
    }

    /// Ends the session of this cookie header (if any); returns the `Set-Cookie` that clears it.
    pub async fn sign_out(&self, cookie_header: Option<&str>) -> Result<String, AuthError> {
        if let Some(token) = cookie_header.and_then(session::token_from_cookie_header) {
            db::delete_session(&self.pool, &session::token_hash(token)).await?;
        }
        Ok(session::clear_cookie(self.secure_cookies))
    }

    /// Who holds this cookie header's session at `now`, if it is valid.
    pub async fn identify(
        &self,
        cookie_header: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<AdminIdentity>, AuthError> {
        let Some(token) = cookie_header.and_then(session::token_from_cookie_header) else {
            return Ok(None);
        };
        Ok(
            db::session_admin(&self.pool, &session::token_hash(token), now)
                .await?
                .map(|(user_id, email)| AdminIdentity { user_id, email }),
        )
    }

    async fn decoy_hash(&self) -> anyhow::Result<String> {
        self.decoy_hash
            .get_or_try_init(|| password::hash(session::new_token()))
            .await
            .cloned()
    }
}
