//! The data of a page drawn by the server, fetched while it renders.
//!
//! Not a `Resource`: such a page is never hydrated, so nothing of its data needs to travel in
//! it, and awaiting a `Resource` inside `Suspend` now and then never woke up when pages rendered
//! at once on several threads, which left the response open for good (seen on the Carts, Codes
//! and Unsubscribed pages with four tests rendering side by side). A plain future awaited by
//! `Suspend` has no wake-up of its own to lose.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

type Fetch<T> = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = T> + Send>> + Send + Sync>;

/// `fetch` of `source`'s value, run when awaited (each await fetches again).
pub struct Loaded<T: 'static> {
    fetch: StoredValue<Fetch<T>>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loaded<T> {}

impl<T: 'static> Loaded<T> {
    /// As `Resource::new`, with `source` read once, untracked: the page is drawn once.
    pub fn new<S, Fut>(
        source: impl Fn() -> S,
        fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
    ) -> Self
    where
        S: Clone + Send + Sync + 'static,
        Fut: Future<Output = T> + Send + 'static,
    {
        let value = untrack(source);
        let fetch: Fetch<T> = Arc::new(move || Box::pin(fetch(value.clone())));
        Self {
            fetch: StoredValue::new(fetch),
        }
    }
}

impl<T: 'static> IntoFuture for Loaded<T> {
    type Output = T;
    type IntoFuture = Pin<Box<dyn Future<Output = T> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        (self.fetch.get_value())()
    }
}
