//! The template list and the template editor.

mod editor;
mod editor_content;
mod editor_form;
mod editor_preview;
mod list;
mod model;
mod studio;
mod text_tools;
mod unsaved;

pub use editor::TemplateEditorPage;
pub use list::TemplatesPage;
