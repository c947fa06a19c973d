//! The three designs, as askama templates in `domain/templates/email/` (escaped by default).

use askama::Template;

use super::view::EmailView;
use crate::model::Layout;

#[derive(Template)]
#[template(path = "email/boxy.html")]
struct Boxy<'a> {
    v: &'a EmailView,
}

#[derive(Template)]
#[template(path = "email/sendy.html")]
struct Sendy<'a> {
    v: &'a EmailView,
}

#[derive(Template)]
#[template(path = "email/puffy.html")]
struct Puffy<'a> {
    v: &'a EmailView,
}

pub fn write(layout: Layout, view: &EmailView) -> askama::Result<String> {
    match layout {
        Layout::Boxy => Boxy { v: view }.render(),
        Layout::Sendy => Sendy { v: view }.render(),
        Layout::Puffy => Puffy { v: view }.render(),
    }
}
