//! The API reference page's texts, in both languages.

pub struct ReferenceTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub link: &'static str,
    pub document: &'static str,
    pub field: &'static str,
    pub kind: &'static str,
    pub required: &'static str,
    pub answers: &'static str,
    pub auth: &'static str,
    pub yes: &'static str,
}

pub static FR: ReferenceTexts = ReferenceTexts {
    title: "Référence de l'API",
    intro: "Chaque appel que votre boutique ou votre développeur peut faire, ses champs et ses réponses. Le même document, lisible par les outils OpenAPI :",
    link: "Référence de l'API",
    document: "openapi.json",
    field: "Champ",
    kind: "Type",
    required: "Obligatoire",
    answers: "Réponses",
    auth: "Authentification",
    yes: "oui",
};

pub static EN: ReferenceTexts = ReferenceTexts {
    title: "API reference",
    intro: "Every call your shop or your developer can make, its fields and its answers. The same document, for OpenAPI tools:",
    link: "API reference",
    document: "openapi.json",
    field: "Field",
    kind: "Type",
    required: "Required",
    answers: "Answers",
    auth: "Authentication",
    yes: "yes",
};
