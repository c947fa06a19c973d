//! `GET /s/<slug>/carts/<id>/customer.json`: everything held about the cart's customer (GDPR
//! export), as a file, for the shop's owners.

use app::backend::AdminIdentity;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};
use domain::team::Permission;
use domain::EmailAddress;

use super::reach::Reached;
use crate::privacy::{self, Requester};
use crate::{db, state::AppState};

pub async fn export(
    State(state): State<AppState>,
    Extension(reached): Extension<Reached>,
    Extension(admin): Extension<AdminIdentity>,
    Path((_, cart_id)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = reached.refusal(Permission::Administer) {
        return refused;
    }
    let shop = &reached.shop;
    let address = match db::privacy::cart_address(state.pool(), &shop.id, &cart_id).await {
        Ok(Some(address)) => address,
        Ok(None) => {
            return (StatusCode::NOT_FOUND, "this cart has no customer address").into_response()
        }
        Err(error) => return failed(&error),
    };
    let Ok(email) = EmailAddress::parse(&address) else {
        return (
            StatusCode::NOT_FOUND,
            "this cart has no valid customer address",
        )
            .into_response();
    };
    let by = Requester {
        user_id: Some(&admin.user_id),
        label: &admin.email,
    };
    match privacy::export(state.pool(), &shop.id, &email, &by, chrono::Utc::now()).await {
        Ok(document) => (
            [(
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"customer.json\"",
            )],
            Json(document),
        )
            .into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &db::DbError) -> Response {
    tracing::error!(%error, "cannot export a customer's data");
    (StatusCode::INTERNAL_SERVER_ERROR, "the export failed").into_response()
}
