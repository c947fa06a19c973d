//! The template editor's data and the server-side preview, over the database.

use app::api::{SampleCart, TemplateEditorData, TemplateSummary, DEMO_SAMPLE};
use axum::extract::{Path, Query, State};
use axum::Extension;
use domain::team::Permission;

use super::reach::Reached;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use domain::email::{render, RenderContext, SampleDiscount};
use domain::{Language, Layout, Shop, TemplateDraft};
use serde::Deserialize;

use crate::db::{self, money::from_db, render_data, templates, DbError, Pool};
use crate::demo;
use crate::state::AppState;

/// How many recent abandoned carts the editor offers as samples.
const SAMPLE_CARTS: i64 = 20;

pub async fn summaries(pool: &Pool, shop_id: &str) -> Result<Vec<TemplateSummary>, DbError> {
    templates::template_summaries(pool, shop_id)
        .await?
        .into_iter()
        .map(|row| {
            Ok(TemplateSummary {
                id: row.template_id,
                name: row.name,
                layout: Layout::parse(&row.layout).map_err(DbError::corrupt)?,
                languages: {
                    let mut languages: Vec<Language> = row
                        .languages
                        .unwrap_or_default()
                        .split(',')
                        .filter_map(|code| Language::parse(code).ok())
                        .collect();
                    languages.sort();
                    languages
                },
                used_by: u32::try_from(row.used_by).unwrap_or(u32::MAX),
                updated_at: row.updated_at,
            })
        })
        .collect()
}

fn delay_label(amount: i64, unit: &str) -> String {
    let unit = match (unit, amount) {
        ("hours", 1) => "hour",
        ("hours", _) => "hours",
        (_, 1) => "day",
        _ => "days",
    };
    format!("{amount} {unit}")
}

pub async fn preview_context(
    pool: &Pool,
    public_url: &str,
    shop: &Shop,
    sample: &str,
    language: Language,
) -> Result<Option<RenderContext>, DbError> {
    if sample == DEMO_SAMPLE {
        return demo::sample_context(shop, public_url, language)
            .map(Some)
            .map_err(DbError::corrupt);
    }
    let Some((mut customer, cart)) =
        render_data::cart_with_customer(pool, &shop.id, sample).await?
    else {
        return Ok(None);
    };
    customer.language = language;
    // The products the cart's reminder would recommend, linked to their own pages.
    let since = chrono::Utc::now() - chrono::Duration::days(365);
    let history = db::recommend::ordered_lines(pool, &shop.id, since).await?;
    let products =
        domain::recommend::recommend(&cart, &history, domain::recommend::MAX_RECOMMENDED);
    let links = products
        .iter()
        .map(|p| p.product_url.as_str().to_owned())
        .collect();
    Ok(Some(
        RenderContext::preview(
            shop.clone(),
            (&customer).into(),
            cart,
            crate::links::icons_url(public_url),
        )
        .with_recommendations(products, links),
    ))
}

pub async fn editor(
    pool: &Pool,
    public_url: &str,
    shop: &Shop,
    template_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<TemplateEditorData>, DbError> {
    let Some(template) = db::load_templates(pool, &shop.id)
        .await?
        .into_iter()
        .find(|t| t.id == template_id)
    else {
        return Ok(None);
    };
    let used_by = templates::template_users(pool, &shop.id, template_id)
        .await?
        .into_iter()
        .map(|(amount, unit)| delay_label(amount, &unit))
        .collect();
    let samples = render_data::recent_abandoned_carts(pool, &shop.id, SAMPLE_CARTS)
        .await?
        .into_iter()
        .filter_map(|row| {
            let name = format!("{} {}", row.first_name, row.last_name);
            Some(SampleCart {
                id: row.cart_id,
                label: format!(
                    "{} · {} · {} product(s)",
                    row.external_id,
                    if name.trim().is_empty() {
                        row.email
                    } else {
                        name.trim().to_owned()
                    },
                    row.product_count
                ),
                total: from_db(row.total_tax_incl),
                currency: domain::Currency::parse(&row.currency).ok()?,
            })
        })
        .collect();
    let customer_languages = render_data::customer_languages(pool, &shop.id).await?;
    let first_language = template
        .contents
        .keys()
        .copied()
        .find(|l| *l == shop.default_language)
        .or_else(|| template.contents.keys().copied().next())
        .unwrap_or(shop.default_language);
    let sample =
        demo::sample_context(shop, public_url, first_language).map_err(DbError::corrupt)?;
    Ok(Some(TemplateEditorData {
        draft: TemplateDraft::from_template(&template),
        used_by,
        samples,
        customer_languages,
        sample: sample.into(),
        now,
    }))
}

#[derive(Deserialize)]
pub struct PreviewQuery {
    sample: Option<String>,
    lang: Option<String>,
    discount: Option<String>,
    /// The time the sample discount's expiry counts from, so a test can match the browser.
    now: Option<DateTime<Utc>>,
}

/// `GET /s/{slug}/templates/{id}/preview`: the saved template rendered on the server for a
/// sample, as the engine would send it (with preview links). The editor's "open in a new tab",
/// and the proof that the browser's preview and the server's email are the same bytes.
pub async fn preview_page(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Path((_, template_id)): Path<(String, String)>,
    Query(query): Query<PreviewQuery>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::See) {
        return refused;
    }
    match preview_html(&state, &reached.shop, &template_id, query).await {
        Ok(Some(html)) => super::email_page::email_page(html),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            "no such template, sample or language",
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot render a template preview");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the preview could not be rendered",
            )
                .into_response()
        }
    }
}

async fn preview_html(
    state: &AppState,
    shop: &Shop,
    template_id: &str,
    query: PreviewQuery,
) -> Result<Option<String>, DbError> {
    let Some(template) = db::load_templates(state.pool(), &shop.id)
        .await?
        .into_iter()
        .find(|t| t.id == template_id)
    else {
        return Ok(None);
    };
    let language = match query.lang.as_deref() {
        Some(code) => match Language::parse(code) {
            Ok(language) => language,
            Err(_) => return Ok(None),
        },
        None => shop.default_language,
    };
    let sample = query.sample.as_deref().unwrap_or(DEMO_SAMPLE);
    let Some(mut context) =
        preview_context(state.pool(), state.public_url(), shop, sample, language).await?
    else {
        return Ok(None);
    };
    let discount = query
        .discount
        .as_deref()
        .and_then(SampleDiscount::parse)
        .unwrap_or(SampleDiscount::None);
    context.discount = discount.offer(query.now.unwrap_or_else(Utc::now));
    Ok(render(&template, &context).ok().map(|email| email.html))
}
