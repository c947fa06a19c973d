//! The Connect page's storefront tracker texts, in both languages.

pub struct TrackerTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub public_key: &'static str,
    pub origins: &'static str,
    pub origins_hint: &'static str,
    pub no_origin: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub snippet: &'static str,
    pub new_key: &'static str,
    pub confirm_new_key: &'static str,
}

pub static FR: TrackerTexts = TrackerTexts {
    title: "Traceur de boutique",
    intro: "Sans module ni webhook, collez ce code avant </body> sur chaque page de la boutique : il envoie les paniers, l'email saisi (avec le consentement du client) et les commandes. Sa clé publique n'ouvre rien d'autre.",
    public_key: "Clé publique",
    origins: "Origines autorisées",
    origins_hint: "Une par ligne, comme https://www.maboutique.fr : les envois d'autres sites sont refusés.",
    no_origin: "Aucune origine : le traceur refuse tout envoi.",
    save: "Enregistrer les origines",
    saved: "Traceur enregistré.",
    snippet: "Code à coller",
    new_key: "Nouvelle clé publique",
    confirm_new_key: "Remplacer la clé ? Les pages avec l'ancien code cesseront d'envoyer.",
};

pub static EN: TrackerTexts = TrackerTexts {
    title: "Storefront tracker",
    intro: "Without a module or webhooks, paste this code before </body> on every page of the shop: it sends carts, the typed email (with the customer's consent) and orders. Its public key opens nothing else.",
    public_key: "Public key",
    origins: "Allowed origins",
    origins_hint: "One per line, like https://www.myshop.com: sends from other sites are refused.",
    no_origin: "No origin yet: the tracker refuses everything.",
    save: "Save origins",
    saved: "Tracker saved.",
    snippet: "Code to paste",
    new_key: "New public key",
    confirm_new_key: "Replace the key? Pages with the old code will stop sending.",
};
