//! The code collections page (`/codes`, from the wizard's discount stage): import the shop's
//! own codes as CSV, see how many each collection has left, and delete one no reminder uses.
//! Drawn on the server; its form and buttons are controls (`controls`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_code_collections, CollectionLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CodesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().codes;
    let shop = current_shop();
    let collections = Loaded::new(|| (), move |_| list_code_collections(shop.clone()));
    let words = FormWords {
        failed: i18n.t().settings.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <Title text=crate::title::page_title(move || t.title) />
        <p>
            <a href=shop_path("/")>{i18n.t().tab_reminders}</a>
        </p>
        <h1>{t.title}</h1>
        <p class="intro">{t.intro}</p>
        {move || Suspend::new(async move {
            match collections.await {
                Ok(lines) => view! { <Collections lines /> }.into_any(),
                Err(error) => super::load_error(error, |t| t.no_shop),
            }
        })}
        <h2>{t.import}</h2>
        <ActForm act=FormAct::ImportCodes words>
            <form class="codes-import" method="post">
                <input type="hidden" name="shop" value=current_shop() />
                <div class="field">
                    <label for="codes-name">{t.col_name}</label>
                    <input id="codes-name" name="name" type="text" maxlength="100" />
                </div>
                <div class="field">
                    <label for="codes-file">{t.file}</label>
                    <input
                        id="codes-file"
                        name="file"
                        type="file"
                        accept=".csv,.txt,text/csv,text/plain"
                    />
                </div>
                <div class="field">
                    <label for="codes-text">{t.paste}</label>
                    <textarea id="codes-text" name="codes" rows="6"></textarea>
                    <small class="hint">{t.format}</small>
                </div>
                <button type="submit">{t.import}</button>
            </form>
        </ActForm>
    }
}

#[component]
fn Collections(lines: Vec<CollectionLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().codes;
    if lines.is_empty() {
        return view! { <p class="empty">{t.none}</p> }.into_any();
    }
    view! {
        <table class="runs" id="collections">
            <thead>
                <tr>
                    <th>{t.col_name}</th>
                    <th class="number">{t.col_total}</th>
                    <th class="number">{t.col_left}</th>
                    <th>{t.col_imported}</th>
                    <th>{t.col_actions}</th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        let act = Act::DeleteCodeCollection {
                            id: line.id.clone(),
                        };
                        let words = ActWords {
                            label: t.delete.to_owned(),
                            confirm: Some((t.confirm_delete)(&line.name)),
                            ..ActWords::default()
                        };
                        view! {
                            <tr data-collection=line.id>
                                <th scope="row">{line.name}</th>
                                <td class="number">{line.total}</td>
                                <td class="number">{line.left}</td>
                                <td>{i18n.date_time(line.created_at)}</td>
                                <td>
                                    <ActButton act words
                                        class="danger".to_owned()
                                    />
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
