//! The cart page's customer data block (GDPR), for owners: the export as a file, and the
//! erasure, confirmed first; afterwards the cart list, since the cart's id is gone too.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::pages::act::{Act, ActWords};
use crate::pages::controls::ActButton;
use crate::shop::shop_path;

#[component]
pub fn CustomerPrivacy(cart_id: String) -> impl IntoView {
    let t = use_i18n().t().privacy;
    let export = shop_path(&format!(
        "/carts/{}/customer.json",
        domain::format::url_component(&cart_id)
    ));
    view! {
        <section class="panel privacy" aria-labelledby="privacy-title">
            <h2 id="privacy-title">{t.title}</h2>
            <p class="hint">{t.intro}</p>
            <p>
                <a href=export download="customer.json" rel="external">{t.export}</a>
            </p>
            <ActButton
                act=Act::EraseCustomer { id: cart_id }
                words=ActWords {
                    label: t.erase.to_owned(),
                    confirm: Some(t.confirm_erase.to_owned()),
                    ..ActWords::default()
                }
                class="danger".to_owned()
            />
        </section>
    }
}
