//! `GET /email-icons/{icon}-{RRGGBB}.png`: the reassurance icons as PNG for emails, drawn from
//! the same SVG shapes the admin shows inline (Gmail and Outlook drop inline SVG). Public and
//! the same for everyone, so they are cached for a year.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::email::icons;
use serde_json::json;

pub async fn image(Path(name): Path<String>) -> Response {
    let Some((icon, colour)) = icons::parse_image_name(&name) else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({
                "error": "not_found",
                "field": "name",
                "message": "not an icon image: {icon}-{RRGGBB}.png, an icon of the template editor and a colour in capitals",
            })),
        )
            .into_response();
    };
    match draw(&icons::document(icon, &colour)) {
        Ok(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            png,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, name, "cannot draw a reassurance icon");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The PNG of an SVG document, at the document's own size.
fn draw(svg: &str) -> anyhow::Result<Vec<u8>> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| anyhow::anyhow!("an empty image"))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap.encode_png()?)
}
