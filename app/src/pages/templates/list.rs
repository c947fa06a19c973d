//! Every template of the shop, with create, duplicate and delete. Drawn on the server; its form
//! and buttons are controls (`controls`): a new template opens in its editor.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_templates, TemplateSummary};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::pages::act::{Act, ActWords};
use crate::pages::act_form::{FormAct, FormWords};
use crate::pages::controls::{ActButton, ActForm};
use crate::shop::{current_shop, shop_path};

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().templates;
    let shop = current_shop();
    let templates = Loaded::new(|| (), move |_| list_templates(shop.clone()));
    let words = FormWords {
        failed: t.failed.to_owned(),
        ..FormWords::default()
    };
    view! {
        <Title text=crate::title::page_title(move || t.title) />
        <h1>{t.title}</h1>
        <p class="intro">{t.intro}</p>
        <ActForm act=FormAct::CreateTemplate words>
            <form class="create-template" method="post">
                <input type="hidden" name="shop" value=current_shop() />
                <label for="new-template-name">{t.new_name_label}</label>
                <input
                    id="new-template-name"
                    name="name"
                    required
                    maxlength="100"
                    placeholder=t.new_name_placeholder
                />
                <button type="submit" class="primary">{t.create}</button>
            </form>
        </ActForm>
        {move || Suspend::new(async move {
            match templates.await {
                Ok(rows) if rows.is_empty() => {
                    view! { <p class="empty">{t.none_yet}</p> }.into_any()
                }
                Ok(rows) => view! { <TemplateTable rows /> }.into_any(),
                Err(_) => {
                    view! { <p class="error" role="alert">{i18n.t().load_failed}</p> }
                        .into_any()
                }
            }
        })}
    }
    .into_any()
}

#[component]
fn TemplateTable(rows: Vec<TemplateSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t().templates;
    view! {
        <table class="templates">
            <thead>
                <tr>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.col_design}</th>
                    <th scope="col">{i18n.t().col_languages}</th>
                    <th scope="col">{t.col_used_by}</th>
                    <th scope="col">{t.col_updated}</th>
                    <th scope="col">{t.col_actions}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let id = row.id.clone();
                        let href = shop_path(&format!("/templates/{id}"));
                        let delete = if row.used_by > 0 {
                            // A template a reminder sends cannot go: said, not offered.
                            view! {
                                <button type="button" class="link danger" disabled title=t.delete_in_use>
                                    {t.delete}
                                </button>
                            }
                            .into_any()
                        } else {
                            view! {
                                <ActButton
                                    act=Act::DeleteTemplate { id: row.id.clone() }
                                    words=ActWords {
                                        label: t.delete.to_owned(),
                                        confirm: Some(t.confirm_delete.to_owned()),
                                        ..ActWords::default()
                                    }
                                    class="link danger".to_owned()
                                />
                            }
                            .into_any()
                        };
                        view! {
                            <tr data-template-id=id>
                                <td>
                                    <a href=href.clone()>{row.name.clone()}</a>
                                </td>
                                <td>
                                    <span class=format!("layout-thumb {}", row.layout.as_str()) aria-hidden="true"></span>
                                    {(t.layout)(row.layout)}
                                </td>
                                <td class="languages">
                                    {row
                                        .languages
                                        .iter()
                                        .map(|l| view! { <abbr class="lang" lang=l.code().to_owned()>{l.code().to_uppercase()}</abbr> })
                                        .collect_view()}
                                </td>
                                <td>{row.used_by}</td>
                                <td>{i18n.date_time(row.updated_at)}</td>
                                <td class="actions">
                                    <a href=href>{t.edit}</a>
                                    <ActButton
                                        act=Act::DuplicateTemplate { id: row.id }
                                        words=ActWords {
                                            label: t.duplicate.to_owned(),
                                            ..ActWords::default()
                                        }
                                        class="link".to_owned()
                                    />
                                    {delete}
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
