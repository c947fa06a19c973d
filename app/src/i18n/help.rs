//! The Help tab's questions and answers, in both languages.

pub struct HelpTexts {
    pub title: &'static str,
    pub faq: &'static [(&'static str, &'static str)],
    pub contact_title: &'static str,
    pub contact_intro: &'static str,
    pub no_contact: &'static str,
}

pub static FR: HelpTexts = HelpTexts {
    title: "Aide",
    faq: &[
        (
            "Comment les délais sont-ils comptés ?",
            "Depuis le moment où le panier est abandonné : quand il est resté sans activité (aucun ajout, retrait ni changement de quantité) pendant le délai « Panier abandonné après » des Paramètres, 30 minutes par défaut. D'ici là, le panier est « En observation » et ne reçoit rien. Avec ce réglage par défaut, une relance « 1 heure » part 1 h 30 après la dernière activité. Un changement du réglage s'applique aux paniers pas encore relancés. Si le client ajoute un produit ou augmente une quantité après une relance, la séquence recommence à la première relance, comptée depuis le nouvel abandon ; au plus une séquence redémarrée par client tous les 7 jours (réglable dans les Paramètres), pour qu'un client qui modifie son panier sans arrêt ne reçoive pas un e-mail à chaque fois. Retirer un article ne redémarre rien : la relance suivante attend seulement que le panier soit de nouveau abandonné.",
        ),
        (
            "Comment les règles choisissent-elles la relance d'un panier ?",
            "Chaque règle (onglet Règles) a une priorité, un état et des conditions sur le client (pays, groupe, civilité, âge, commandes passées, newsletter, profil, règle jamais appliquée à ce client) et sur le panier (montant TTC ou HT, produits, catégories, stock, période d'abandon en heure de la boutique). Quand un panier est abandonné, la première règle active, par priorité décroissante, dont toutes les conditions sont vraies est choisie ; à priorité égale, la plus ancienne. Une valeur que votre boutique n'envoie pas rend la condition fausse (« inconnue ») et l'éditeur le signale. Le choix est enregistré à la première relance : modifier une règle ne déplace pas les paniers déjà en cours, sauf si vous cliquez « Réorienter les paniers en cours ». Une règle sans relance active retient ses paniers sans rien envoyer : utile pour exclure des clients. La page de chaque panier montre « Pourquoi cette règle », condition par condition. Le délai d'une relance peut compter depuis l'abandon ou depuis la relance précédente (au plus 5 relances par règle).",
        ),
        (
            "Comment fonctionnent les relances par SMS ?",
            "Une relance peut être un SMS (« Type d'étape » › SMS), avec un texte par langue et les balises {first_name}, {cart_link}, {discount_code}… Le compteur sous chaque texte donne l'encodage (GSM-7, ou UCS-2 dès qu'un caractère comme « ê » ou un emoji en sort), le nombre de caractères une fois les balises remplies au plus long et le nombre de SMS facturés : 3 au plus. {cart_link} devient un lien court signé qui compte le clic et ramène au panier. Le SMS ne part qu'aux clients dont la boutique envoie le numéro de mobile et l'accord pour les SMS (sms_consent), jamais entre 21 h et 8 h (ou vos heures calmes), par le fournisseur choisi dans Connexion (Brevo ou une passerelle JSON). Une réponse STOP ou ARRET, ou un numéro refusé par le fournisseur, arrête les SMS vers ce numéro, même si la boutique renvoie plus tard l'accord ; l'adresse e-mail n'est pas touchée. Si le fournisseur est indisponible, Relance réessaie plus tard sans pénaliser le client.",
        ),
        (
            "SPF, DKIM, DMARC : comment mes e-mails arrivent-ils en boîte de réception ?",
            "Les messageries vérifient que l'adresse d'expédition (« Adresse de l'expéditeur » des Paramètres) a le droit d'envoyer, grâce à trois enregistrements DNS du domaine de cette adresse, à demander à votre hébergeur ou à votre agence. SPF : un enregistrement TXT sur le domaine qui liste les serveurs autorisés, par exemple « v=spf1 include:<votre fournisseur SMTP> ~all ». DKIM : Relance signe chaque e-mail avec une clé privée ; la clé publique est publiée en TXT sous <sélecteur>._domainkey.<votre domaine> (« v=DKIM1; k=rsa; p=… »), et l'exploitant de Relance donne la clé privée et le sélecteur dans sa configuration (RELANCE_DKIM_SELECTOR, RELANCE_DKIM_KEY_FILE). DMARC : un TXT sous _dmarc.<votre domaine>, « v=DMARC1; p=none; rua=mailto:… » pour commencer et lire les rapports, puis « p=quarantine » quand SPF ou DKIM passent pour tous vos envois. Relance écrit déjà des e-mails propres : pas de texte caché, des couleurs lisibles (contraste d'au moins 4,5:1, les couleurs trop claires sont foncées pour le texte), un Message-ID sur votre domaine, le lien de désinscription en un clic.",
        ),
        (
            "Comment fonctionnent les étapes téléphoniques ?",
            "Une relance peut être un appel plutôt qu'un e-mail (« Type d'étape » dans l'assistant), pour un membre de l'équipe ou pour toute l'équipe. À son échéance, si le client fait partie de sa cible (et a donné son consentement quand la boutique l'exige), un appel apparaît dans l'onglet Appels et les personnes concernées reçoivent un e-mail : le membre assigné, sinon les membres « Équipe », sinon tous. Les heures calmes, l'écart minimum et le retard maximal ne s'appliquent pas : l'équipe appelle à ses heures. L'écran d'appel montre le client, son panier et ses relances ; il permet de créer un code, d'envoyer un e-mail depuis un modèle (avec ce code, suivi comme une relance) et de consigner l'issue. « A commandé pendant l'appel », « Pas intéressé », « Mauvais numéro » et « Ne plus contacter » arrêtent les relances du panier ; sinon la séquence continue comme prévu, l'étape suivante comptée depuis l'échéance de l'appel. Les Statistiques donnent les appels par membre et les commandes qui les ont suivis dans la fenêtre d'attribution.",
        ),
        (
            "Dans quelle langue part l'e-mail ?",
            "Dans la langue du client si le modèle a un texte dans cette langue, sinon en anglais. Si le modèle n'a ni l'une ni l'autre, la relance n'est pas envoyée et le panier l'indique (« pas de texte dans sa langue ni en anglais »).",
        ),
        (
            "Comment fonctionnent les réductions selon le montant du panier ?",
            "Chaque tranche de montant a sa réduction (pourcentage, montant fixe, livraison offerte, produit offert ou rien). Les tranches se suivent sans trou ni chevauchement. Vérifiez que vos ventes restent rentables : une réduction de 20 % sur un panier à faible marge peut coûter plus qu'elle ne rapporte.",
        ),
        (
            "Comment sont créés les codes promo et combien de temps sont-ils valables ?",
            "Un code unique à usage unique est créé pour chaque relance avec réduction : votre préfixe (RLC- par défaut) suivi de 8 caractères sans confusion possible (pas de 0/O ni 1/I). Il expire après le nombre de jours de validité de la relance. Un client reçoit au plus un code par période réglée dans les Paramètres (30 jours par défaut). Les codes expirés non utilisés sont supprimés après le délai choisi. Un code n'est accepté que pour le client à qui il a été envoyé, avant son expiration, une seule fois, et sur un panier d'au moins le montant de sa tranche : votre boutique le vérifie par l'API (« redeem »), et un code cité par une commande qui ne respecte pas ces règles n'est ni consommé ni compté dans les statistiques.",
        ),
        (
            "Comment un client se désabonne-t-il ?",
            "Chaque e-mail contient un lien de désinscription et les en-têtes « List-Unsubscribe » : Gmail et Apple Mail affichent un bouton « Se désabonner » qui agit en un clic. Le lien du pied de l'e-mail ouvre une page avec un bouton de confirmation, pour que les antivirus qui visitent les liens ne désabonnent personne. Une adresse désabonnée ne reçoit plus aucune relance.",
        ),
        (
            "Dois-je avoir le consentement de mes clients ?",
            "Les relances de panier sont des e-mails commerciaux. Vous pouvez réserver les relances aux clients inscrits à la newsletter (réglage « Exclure les clients non inscrits » de chaque relance, ou « Exiger le consentement » pour toute la boutique dans les Paramètres) et le lien de désinscription est toujours présent. Renseignez votre adresse postale dans les Paramètres : elle apparaît en pied de chaque e-mail.",
        ),
        (
            "Que signifient les statistiques ?",
            "Envoyées : relances parties. Ouvertes : le client a affiché les images de l'e-mail. Cliquées : il a suivi un lien. Converties : une commande payée est attribuée à la relance (elle a utilisé son code, ou c'est la dernière relance du panier envoyée ou cliquée dans la fenêtre d'attribution, 7 jours par défaut, réglable dans Paramètres ; une ouverture seule ne suffit pas). Une commande annulée ou remboursée sort des chiffres, une commande en attente de paiement n'y entre qu'une fois payée. La page du panier dit à quelle relance une commande est attribuée et pourquoi. Les ouvertures et clics des robots sont signalés et exclus, sauf si vous cochez « Inclure … des robots » ; les tableaux indiquent à côté ce que les robots ajouteraient (« +3 par des robots »), et un clic de robot n'attribue aucune commande. Un robot, c'est : une ouverture ou un clic moins de 5 secondes après l'envoi (contrôle à l'arrivée) ; une ouverture par le proxy de confidentialité d'Apple Mail (agent « Mozilla/5.0 » seul, ou adresse 17.x.x.x) ; un agent connu d'antivirus ou de script (Barracuda, Proofpoint, Mimecast, curl…) ; un clic sans ouverture avant lui ni dans les 2 secondes après (un client qui bloque les images compte donc comme robot dans les chiffres « humains ») ; plusieurs liens différents cliqués dans la même seconde. Les chiffres sont recalculés chaque minute.",
        ),
        (
            "Qu'est-ce que le groupe témoin ?",
            "Une part des clients d'une règle (10 % par défaut pour une nouvelle règle, de 0 à 50 %, dans l'éditeur de règle) ne reçoit aucune relance de cette règle. Le tirage est un hachage de la règle et de l'adresse du client : un client reste dans le même groupe pour la règle, quel que soit le panier, et il est fixé à la première étape due d'une séquence, même si vous changez la part ensuite. Ses paniers montrent « dans le groupe témoin de la règle ». Les Statistiques comparent les deux groupes : un panier compte quand sa première relance est due, et il est converti s'il est commandé dans la fenêtre d'attribution après l'abandon (clics et ouvertures n'y comptent pas, le groupe témoin n'en a pas). Elles donnent le gain de conversion en points avec son intervalle de confiance à 95 % (méthode de Newcombe), le chiffre d'affaires incrémental (ce que les paniers relancés ont rapporté au-delà de ce qu'ils auraient rapporté au taux du groupe témoin) et « pas encore assez de données » tant qu'un groupe compte moins de 30 paniers. Les règles existant avant cette fonction n'ont pas de groupe témoin tant que vous n'en réglez pas un.",
        ),
        (
            "Comment tester deux versions d'une relance ?",
            "À la troisième étape de l'assistant, cochez « Tester un autre modèle sur une partie des paniers », choisissez l'autre modèle et la part des paniers qui le reçoivent. Chaque panier reçoit toujours la même version, tirée au hasard. Les Statistiques montrent les deux versions côte à côte (envoyées, ouvertes, cliquées, commandes, chiffre d'affaires) et disent laquelle gagne sur les commandes (sur les clics tant qu'il y a peu de commandes) dès que la différence est significative (p < 0,05, avec au moins 30 envois chacune) ; vous pouvez alors garder la gagnante en un clic, ce qui arrête le test. Décocher le test dans l'assistant l'arrête aussi.",
        ),
        (
            "Une relance peut-elle passer par mon outil de push, mon CRM ou mon automatisation ?",
            "Oui : choisissez « Webhook » comme type d'étape et indiquez l'adresse de l'outil (https). À l'échéance, dans les mêmes conditions qu'un e-mail, Relance envoie en POST un document JSON avec le panier, le client, l'étape, le code de réduction et un lien de récupération suivi, signé avec le secret de votre boutique (affiché à côté de l'adresse) dans l'en-tête Relance-Signature. Si l'outil ne répond pas ou répond par une erreur serveur, Relance réessaie plus tard ; tout autre refus arrête cette étape pour le panier et l'étape suivante continue. Chaque essai figure sur la page du panier. Les champs du document sont dans la documentation de l'API.",
        ),
        (
            "À quoi sert l'URL cron ?",
            "Le planificateur intégré envoie déjà les relances à l'heure. L'URL cron (onglet Envoi automatique) permet en plus de déclencher un passage depuis un cron externe, avec son jeton secret. Deux passages ne se chevauchent jamais et une relance ne part jamais deux fois.",
        ),
        (
            "Comment tester un e-mail avant de l'activer ?",
            "Dans l'éditeur du modèle, l'aperçu se met à jour à chaque frappe, sur un panier de démonstration ou un vrai panier abandonné, en largeur ordinateur, tablette ou mobile. « Envoyer un e-mail de test » envoie la version affichée à l'adresse de votre choix, avec « [TEST] » dans l'objet.",
        ),
        (
            "Pourquoi un panier n'a-t-il pas reçu de relance ?",
            "Ouvrez le panier dans l'onglet Paniers : sa chronologie indique chaque relance envoyée ou non envoyée avec la raison (commande passée, panier vidé, client désabonné, hors audience, pas de texte dans sa langue, trop tard…). Un panier sans adresse e-mail ne peut pas être relancé.",
        ),
        (
            "Combien de relances puis-je créer ?",
            "Cinq au plus, pour ne pas harceler vos clients. Un client ne reçoit pas deux e-mails à moins de l'écart minimum réglé dans les Paramètres (12 heures par défaut), et une relance plus en retard que le retard maximum (24 heures par défaut, par exemple après une panne du serveur) n'est pas envoyée. Rien ne part pendant les heures calmes (21 h – 8 h par défaut, Paramètres), à l'heure du client si la boutique envoie son fuseau horaire, sinon à celle de la boutique : la relance attend la fin de la plage. Avec « Escalade des remises » (onglet Relances), une remise n'est proposée qu'après une relance partie sans remise.",
        ),
        (
            "Et si le serveur d'envoi refuse nos e-mails ?",
            "Si le serveur SMTP est injoignable, refuse notre identifiant, notre adresse d'expéditeur ou le relais, l'envoi s'arrête : aucune relance n'est perdue, aucun client n'est mis en liste noire, l'onglet Envoi automatique dit quoi corriger. Une fois le problème réglé, chaque relance part une fois (sauf celles devenues trop tardives). Seul un refus de l'adresse elle-même (boîte inexistante) bloque ce client.",
        ),
    ],
    contact_title: "Besoin d'aide ?",
    contact_intro: "Écrivez à votre contact support :",
    no_contact: "Aucun contact support n'est renseigné : ajoutez-en un dans les Paramètres.",
};

pub static EN: HelpTexts = HelpTexts {
    title: "Help",
    faq: &[
        (
            "How are delays counted?",
            "From the moment the cart is abandoned: when it has been idle (no item added, removed or quantity changed) for the \"Cart abandoned after\" delay in Settings, 30 minutes by default. Until then the cart is \"Checking\" and gets nothing. With the default, a \"1 hour\" reminder goes out 1 h 30 min after the last activity. A change of the setting applies to carts not reminded yet. If the customer adds a product or raises a quantity after a reminder, the sequence starts again from the first reminder, counted from the new abandonment; at most one restarted sequence per customer every 7 days (Settings), so a customer who keeps changing the cart does not get an email each time. Removing an item restarts nothing: the next reminder only waits for the cart to be abandoned again.",
        ),
        (
            "How do rules choose a cart's reminders?",
            "Each rule (Rules tab) has a priority, a status and conditions on the customer (country, group, gender, age, past orders, newsletter, profile, rule never applied to this customer) and on the cart (total with or without tax, products, categories, stock, when it was abandoned in the shop's time). When a cart is abandoned, the first active rule, highest priority first, whose conditions all hold is chosen; on equal priority, the oldest. A value your shop does not send makes the condition fail (\"unknown\") and the editor says so. The choice is recorded at the first reminder: editing a rule does not move carts already in a sequence, unless you click \"Re-route carts in progress\". A rule without an active reminder keeps its carts and sends nothing: use it to leave customers out. Each cart's page shows \"Why this rule\", condition by condition. A reminder's delay can count from the abandonment or from the previous reminder (at most 5 reminders per rule).",
        ),
        (
            "How do SMS reminders work?",
            "A reminder can be an SMS (\"Step type\" › SMS), with a text per language and the tags {first_name}, {cart_link}, {discount_code}… The counter under each text gives the encoding (GSM-7, or UCS-2 as soon as a character like \"ê\" or an emoji falls outside it), the characters once the tags are filled at their longest, and the SMS billed: 3 at most. {cart_link} becomes a short signed link that counts the click and leads back to the cart. The SMS goes only to customers whose mobile number and yes to SMS (sms_consent) the shop sends, never between 9 pm and 8 am (or your quiet hours), through the provider chosen on Connect (Brevo or a JSON gateway). A STOP or ARRET reply, or a number the provider refuses, stops SMS to that number, even if the shop later sends a yes again; the email address is untouched. If the provider is down, Relance tries again later without holding it against the customer.",
        ),
        (
            "SPF, DKIM, DMARC: how do my emails reach the inbox?",
            "Mail providers check that the sending address (\"Sender address\" in Settings) may send, through three DNS records of that address's domain, which your host or agency can add. SPF: a TXT record on the domain listing the servers allowed to send, e.g. \"v=spf1 include:<your SMTP provider> ~all\". DKIM: Relance signs every email with a private key; the public key is published as a TXT record at <selector>._domainkey.<your domain> (\"v=DKIM1; k=rsa; p=…\"), and whoever runs Relance gives the private key and the selector in its configuration (RELANCE_DKIM_SELECTOR, RELANCE_DKIM_KEY_FILE). DMARC: a TXT record at _dmarc.<your domain>, \"v=DMARC1; p=none; rua=mailto:…\" to start and read the reports, then \"p=quarantine\" once SPF or DKIM pass for all your mail. Relance already writes clean emails: no hidden text, readable colours (a contrast of at least 4.5:1; colours too light are darkened for text), a Message-ID on your domain, one-click unsubscribe.",
        ),
        (
            "How do phone steps work?",
            "A reminder can be a call instead of an email (\"Step type\" in the wizard), for one team member or the whole team. When it falls due, if the customer is in its audience (and consented, when the shop requires it), a call appears in the Calls tab and the people concerned get an email: the assigned member, else the members with the Staff role, else everyone. Quiet hours, the minimum gap and the maximum lateness do not apply: the team calls in its own hours. The call screen shows the customer, the cart and its reminders; from it you can create a code, send an email from a template (carrying that code, tracked like a reminder) and log the outcome. \"Ordered during the call\", \"Not interested\", \"Wrong number\" and \"Do not contact\" stop the cart's reminders; otherwise the sequence goes on as planned, the next step counted from the call's due time. Statistics shows the calls per member and the orders that followed them within the attribution window.",
        ),
        (
            "Which language is the email in?",
            "The customer's language if the template has a text in it, else English. If the template has neither, the reminder is not sent and the cart says so (\"no text in their language nor in English\").",
        ),
        (
            "How do discounts by cart value work?",
            "Each range of cart value has its own discount (percentage, fixed amount, free shipping, a free gift product or none). Ranges follow each other without gaps or overlaps. Check that your sales stay profitable: 20 % off a low-margin cart can cost more than it brings.",
        ),
        (
            "How are discount codes made and how long do they last?",
            "Each reminder with a discount gets a unique single-use code: your prefix (RLC- by default) and 8 characters that cannot be confused (no 0/O, no 1/I). It expires after the reminder's validity in days. A customer gets at most one code per period set in Settings (30 days by default). Expired unused codes are deleted after the delay you choose. A code is accepted only for the customer it was sent to, before it expires, once, and on a cart worth at least its range's lower bound: your shop checks it through the API (\"redeem\"), and a code an order lists against these rules is neither spent nor counted in the statistics.",
        ),
        (
            "How does a customer unsubscribe?",
            "Every email has an unsubscribe link and the List-Unsubscribe headers: Gmail and Apple Mail show an \"Unsubscribe\" button that works in one click. The footer link opens a page with a confirm button, so that virus scanners that visit links never unsubscribe anyone. An unsubscribed address gets no more reminders.",
        ),
        (
            "Do I need my customers' consent?",
            "Cart reminders are commercial emails. You can keep reminders for newsletter subscribers only (each reminder's \"Exclude customers not subscribed\" option, or \"Require consent\" for the whole shop in Settings), and the unsubscribe link is always there. Fill in your postal address in Settings: it appears in every email's footer.",
        ),
        (
            "What do the statistics mean?",
            "Sent: reminders that went out. Opened: the customer displayed the email's images. Clicked: they followed a link. Converted: a paid order is credited to the reminder (it used its code, or it is the cart's last reminder sent or clicked within the attribution window, 7 days by default, set in Settings; an open alone is not enough). A cancelled or refunded order leaves the figures, and an order awaiting payment enters them once paid. The cart page says which reminder an order is credited to and why. Opens and clicks by machines are flagged and left out unless you tick \"Include … machines\"; the tables show beside the figures what machines would add (\"+3 by machines\"), and a machine's click credits no order. A machine is: an open or click less than 5 seconds after sending (checked on arrival); an open by Apple Mail's privacy proxy (the bare \"Mozilla/5.0\" agent, or an address in 17.x.x.x); a known scanner's or script's agent (Barracuda, Proofpoint, Mimecast, curl…); a click with no open before it nor within 2 seconds after it (so a customer who blocks images counts as a machine in the \"human\" figures); several different links clicked within the same second. Figures are recounted every minute.",
        ),
        (
            "What is the control group?",
            "A share of a rule's customers (10 % by default for a new rule, from 0 to 50 %, in the rule editor) gets no reminder from that rule. The draw is a hash of the rule and the customer's address: a customer stays in the same group for the rule whatever the cart, and a sequence's group is fixed when its first step falls due, even if you change the share later. Their carts say \"in the rule's control group\". Statistics compares both groups: a cart counts once its first reminder is due, and converts when it is ordered within the attribution window after its abandonment (opens and clicks play no part: the control group has none). It gives the conversion lift in points with its 95 % confidence interval (Newcombe's method), the incremental revenue (what the reminded carts brought beyond what they would have at the control group's rate), and \"not enough data yet\" while a group has fewer than 30 carts. Rules from before this feature have no control group until you set one.",
        ),
        (
            "How do I test two versions of a reminder?",
            "In the reminder wizard's third step, tick \"Test another template on a share of the carts\", choose the other template and the share of carts that get it. Each cart always gets the same version, drawn at random. Statistics shows both versions side by side (sent, opened, clicked, orders, revenue) and says which one wins on orders (on clicks while orders are few) once the difference is significant (p < 0.05, with at least 30 sends each); you can then keep the winner in one click, which ends the test. Unticking the test in the wizard ends it too.",
        ),
        (
            "Can a reminder go to my push, CRM or automation tool?",
            "Yes: choose \"Webhook\" as the step type and give the tool's address (https). When the step is due, under the same conditions as an email, Relance POSTs a JSON document with the cart, the customer, the step, the discount code and a tracked recovery link, signed with your shop's secret (shown beside the address) in the Relance-Signature header. If the tool does not answer or answers with a server error, Relance tries again later; any other refusal ends that step for the cart and the next step goes on. Each attempt is listed on the cart page. The document's fields are in the API documentation.",
        ),
        (
            "What is the cron URL for?",
            "The built-in scheduler already sends reminders on time. The cron URL (Automatic sending tab) also lets an external cron start a run, with its secret token. Two runs never overlap and a reminder never goes out twice.",
        ),
        (
            "How do I test an email before turning it on?",
            "In the template editor the preview updates on every keystroke, with a demo cart or a real abandoned cart, at desktop, tablet or mobile width. \"Send a test email\" sends the version shown to the address you choose, with \"[TEST]\" in the subject.",
        ),
        (
            "Why did a cart get no reminder?",
            "Open the cart in the Carts tab: its timeline lists each reminder sent or not sent with the reason (ordered, emptied, unsubscribed, outside the audience, no text in their language, too late…). A cart without an email address cannot be reminded.",
        ),
        (
            "How many reminders can I create?",
            "Five at most, so customers are not harassed. A customer never gets two emails closer than the minimum gap in Settings (12 hours by default), and a reminder later than the maximum lateness (24 hours by default, after a server outage for example) is not sent. Nothing goes out during the quiet hours (21:00 to 08:00 by default, Settings), in the customer's time zone when the shop sends it, else the shop's: the reminder waits for their end. With \"Discount escalation\" (Reminders tab), a discount is offered only after a reminder went out without one.",
        ),
        (
            "What if the mail server refuses our emails?",
            "If the SMTP server cannot be reached or refuses our login, our sender address or relaying, sending stops: no reminder is lost, no customer is suppressed, and the Automatic sending tab says what to fix. Once fixed, each reminder goes out once (except those now too late). Only a refusal of the address itself (no such mailbox) stops mail to that customer.",
        ),
    ],
    contact_title: "Need help?",
    contact_intro: "Write to your support contact:",
    no_contact: "No support contact is set: add one in Settings.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faq_has_at_least_ten_questions_in_both_languages() {
        assert!(FR.faq.len() >= 10);
        assert_eq!(FR.faq.len(), EN.faq.len());
        for (question, answer) in FR.faq.iter().chain(EN.faq) {
            assert!(question.ends_with('?'), "{question}");
            assert!(answer.len() > 80, "{question}");
        }
    }
}
