//! The Calls tab: the call tasks of phone steps, the ones to make (oldest due first) or the
//! ones logged, with a switch for the member's own. Drawn on the server only: the filter is a
//! GET form, so a filtered queue has an address and works without JavaScript.

use domain::format;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_calls, CallFilter, CallLine};
use crate::i18n::use_i18n;
use crate::loaded::Loaded;
use crate::nav::use_query_map;
use crate::shop::{current_shop, shop_path};

#[component]
pub fn CallsPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    // The filter lives in the address (a GET form), so the page is drawn on the server alone.
    let params = use_query_map();
    let filter = params.with_untracked(|p| CallFilter {
        done: p.get("done").is_some_and(|v| v == "1"),
        mine: p.get("mine").is_some_and(|v| v == "1" || v == "on"),
    });
    let (done, mine) = (filter.done, filter.mine);
    let shop = current_shop();
    let calls = Loaded::new(
        move || filter,
        move |filter| list_calls(shop.clone(), filter),
    );
    view! {
        <Title text=crate::title::page_title(move || t().tab) />
        <h1>{move || t().tab}</h1>
        <p class="intro">{move || t().intro}</p>
        <form class="tabs-inline" role="group" method="get" action=shop_path("/calls")>
            <button
                type="submit"
                name="done"
                value="0"
                class:secondary=done
                aria-pressed=(!done).to_string()
            >
                {move || t().to_make}
            </button>
            <button
                type="submit"
                name="done"
                value="1"
                class:secondary=!done
                aria-pressed=done.to_string()
            >
                {move || t().logged}
            </button>
            <label class="inline">
                <input type="checkbox" name="mine" value="1" checked=mine />
                " "
                {move || t().mine}
            </label>
        </form>
        {move || Suspend::new(async move {
            match calls.await {
                Ok(lines) if lines.is_empty() => {
                    view! { <p class="empty">{move || t().empty}</p> }.into_any()
                }
                Ok(lines) => view! { <CallTable lines /> }.into_any(),
                Err(error) => {
                    view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                }
            }
        })}
    }
}

#[component]
fn CallTable(lines: Vec<CallLine>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().calls;
    let language = move || i18n.locale.get().language();
    view! {
        <table class="calls">
            <thead>
                <tr>
                    <th>{move || t().col_due}</th>
                    <th>{move || t().col_customer}</th>
                    <th>{move || t().col_phone}</th>
                    <th class="num">{move || t().col_cart}</th>
                    <th>{move || t().col_rule}</th>
                    <th>{move || t().col_assignee}</th>
                    <th>{move || t().col_outcome}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        let (due, total, currency) = (line.due_at, line.total, line.currency);
                        let outcome = line.outcome;
                        let assignee = line.assignee.clone();
                        let href = shop_path(&format!("/calls/{}", line.id));
                        view! {
                            <tr data-call=line.id.clone()>
                                <td>{move || i18n.date_time(due)}</td>
                                <td>{line.customer.clone()}</td>
                                <td>
                                    {line
                                        .phone
                                        .clone()
                                        .map(|phone| {
                                            let tel = format!("tel:{phone}");
                                            view! { <a href=tel>{phone}</a> }.into_any()
                                        })
                                        .unwrap_or_else(|| view! { "—" }.into_any())}
                                </td>
                                <td class="num">{move || format::money(total, currency, language())}</td>
                                <td>{line.rule.clone()}</td>
                                <td>
                                    {move || assignee.clone().unwrap_or_else(|| t().anyone.to_owned())}
                                </td>
                                <td>
                                    {move || outcome.map(|o| (t().outcome_name)(o)).unwrap_or("—")}
                                </td>
                                <td>
                                    <a href=href.clone()>{move || t().open_call}</a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
