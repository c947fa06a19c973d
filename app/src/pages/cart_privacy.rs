//! The cart page's customer data block (GDPR), for owners: the export as a file, and the
//! erasure, confirmed first; afterwards the cart list, since the cart's id is gone too.

use crate::nav::use_navigate;
use leptos::prelude::*;

use crate::api::EraseCustomer;
use crate::i18n::use_i18n;
use crate::pages::confirm;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CustomerPrivacy(cart_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().privacy;
    let erase = ServerAction::<EraseCustomer>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = erase.value().get() {
            navigate(&shop_path("/carts"), Default::default());
        }
    });
    let export = shop_path(&format!(
        "/carts/{}/customer.json",
        domain::format::url_component(&cart_id)
    ));
    let error = move || {
        erase
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    };
    view! {
        <section class="panel privacy" aria-labelledby="privacy-title">
            <h2 id="privacy-title">{move || t().title}</h2>
            <p class="hint">{move || t().intro}</p>
            <p>
                <a href=export download="customer.json" rel="external">{move || t().export}</a>
            </p>
            <button
                type="button"
                class="danger"
                disabled=move || erase.pending().get()
                on:click=move |_| {
                    if confirm(t().confirm_erase) {
                        erase.dispatch(EraseCustomer { shop: current_shop(), id: cart_id.clone() });
                    }
                }
            >
                {move || t().erase}
            </button>
            {move || error().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </section>
    }
}
