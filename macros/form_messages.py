"""The words of the contribution form ("Proposer une fiche"), in French and English.

The messages of the checks are the check's own: each French template lives in the
module that raises it (macros/values.py, dates.py, model.py, messages.py,
unfilled.py, provenance.py, content.py, problems.py) and is gathered here, with
its English beside it (ENGLISH). The form's own words (labels, buttons, hints)
are in WORDS. Templates take named values, Python's str.format style
(« {value} »); the form fills them in after French typography is applied
(macros/form_rules.py exports the typography rules too). A test checks that each
French template has its English one, with the same named values.
"""
from __future__ import annotations

from . import content, dates, messages, model, problems, provenance, unfilled, values

# the check's messages, French: one template per rule, from where the rule is
CHECKS: dict[str, str] = {
    **values.MESSAGES, **dates.MESSAGES, **model.MESSAGES, **unfilled.MESSAGES, **provenance.MESSAGES,
    **content.MESSAGES,
    "missing": messages.MISSING,
    "missing_hint": messages.HINTS["missing"],
    "bound": messages.BOUND,
    "too_small": messages._MESSAGES["greater_than_equal"],
    "too_big": messages._MESSAGES["less_than_equal"],
    "number": messages._MESSAGES["float_parsing"],
    "integer": messages._MESSAGES["int_parsing"],
    "comma": messages.HINTS["comma"],
    "hinted": problems.HINTED,
    **{f"what_{kind}": word for kind, word in values.WHAT.items()},
}

ENGLISH: dict[str, str] = {
    "too_long": "{what} too long ({length} characters; at most {maximum})",
    "text_type": "text expected",
    "text_empty": "empty text: write a value or remove the field",
    "hidden": "invisible character ({code}) in the text",
    "hidden_hint": "type this passage again on the keyboard: it often comes from a copy and paste",
    "mixed": "letters of several alphabets mixed in “{word}” ({scripts}), among them “{odd}” ({code}): a word written so can pass for another",
    "mixed_hint": "type the word again on the keyboard, with the letters of the Latin alphabet",
    "deceptive": "{message}; {hint}",
    "id": "identifier “{value}” is invalid: lower case without accents (a-z), digits and single hyphens "
          "(e.g. chateau-thierry)",
    "url_scheme": "address refused: “{scheme}:” is not allowed",
    "url": "web address “{value}” is invalid: it must start with https:// (or http://) and contain neither a space "
           "nor any of the signs < > \" {{ }} | \\ ^ `",
    "url_hidden": "invisible character ({code}) in the web address; copy the address from the browser's address bar",
    "url_deceptive": "{message}; copy the address from the browser's address bar",
    "url_host": "invalid domain name “{host}” in the address",
    "email_accent": "e-mail address “{value}” is invalid: accented character “{character}” (addresses have no accents)",
    "email": "e-mail address “{value}” is invalid (expected: first.last@domain.org)",
    "phone_number": "phone number written without quotes: it was read as a number (the leading “+” or “0” is lost); "
                    "write it between quotes, e.g. \"06 21 79 34 27\"",
    "phone": "phone number “{value}” is invalid: 10 digits (06 21 79 34 27) or international format (+33 6 21 79 34 27)",
    "date_type": "date expected (YYYY, YYYY-MM or YYYY-MM-DD)",
    "date": "date “{value}” is badly written: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-10 for October 2022)",
    "year": "year {year} outside the plausible period (1900–2100)",
    "month": "month {month} impossible in “{value}” (1 to 12)",
    "day": "day {day} impossible in “{value}”: this month has {last} days",
    "no_start": "period without a start: add the start",
    "order": "the end ({end}) comes before the start ({start})",
    "full_day": "full date expected (YYYY-MM-DD), not “{value}”",
    "excerpt": "excerpt “{value}” is too short: quote at least a few words of the source, word for word",
    "one_target": "give either “source” (the identifier of a record of content/sources/) or “url” (a web address), "
                  "not both",
    "example": "example address still to be replaced: “{value}”",
    "template": "template text still to be replaced: “{value}”",
    "placeholder_hint": "this is the template's value: replace it with the information taken from a source, or remove "
                        "this field if it is optional and the source says nothing about it",
    "unknown_reference": "“{value}” matches no file of content/{kind}/",
    "no_excerpt": "source “{source}” cited without an excerpt",
    "no_excerpt_hint": "add “excerpts:” with the passage of the source that supports the record, word for word",
    "excerpt_short": "excerpt too short to be verified: “{part}”",
    "excerpt_short_hint": "quote at least {count} words or signs in a row, on each side of “[…]”",
    "excerpt_absent": "excerpt not found in the source “{source}”: “{excerpt}”",
    "excerpt_absent_hint": "copy the passage word for word; only spaces, apostrophes and quotation marks may "
                           "differ, and “[…]” skips a passage",
    "future": "check date {value} is in the future",
    "future_hint": "give the day the information was checked",
    "missing": "required field missing: “{field}”",
    "missing_hint": "add this field (see the template in starters/)",
    "bound": "{message} (limit: {bound})",
    "too_small": "value too small",
    "too_big": "value too large",
    "number": "number expected (e.g. 50.42)",
    "integer": "whole number expected",
    "comma": "write decimals with a point, not a comma",
    "hinted": "{message} — hint: {hint}",
    "what_text": "text", "what_id": "identifier", "what_url": "web address", "what_email": "e-mail address",
    "what_phone": "phone number",
}

# the form's own words: key -> (French, English)
WORDS: dict[str, tuple[str, str]] = {
    # one record of each kind, and "choose …" for several
    "kind_sites": ("Un site", "A site"), "choose_sites": ("les sites concernés", "the sites concerned"),
    "kind_events": ("Un événement", "An event"), "choose_events": ("les événements concernés", "the events concerned"),
    "kind_resources": ("Une ressource", "A resource"),
    "choose_resources": ("les ressources concernées", "the resources concerned"),
    "kind_contacts": ("Un contact", "A contact"), "choose_contacts": ("les contacts concernés", "the contacts concerned"),
    "kind_organisations": ("Une organisation", "An organisation"),
    "choose_organisations": ("les organisations concernées", "the organisations concerned"),
    "kind_history": ("Une étape de l'histoire apprenante", "A learning-history entry"),
    "choose_history": ("les étapes concernées", "the entries concerned"),
    "kind_phases": ("Une phase", "A phase"), "choose_phases": ("les phases concernées", "the phases concerned"),
    "kind_sources": ("Un document source", "A source document"),
    "choose_sources": ("les documents sources", "the source documents"),
    # labels of the fields ("label_<kind>.<field>" first, then "label_<field>")
    "label_name": ("Nom", "Name"), "label_sites.kind": ("Type de site", "Kind of site"),
    "label_organisations.kind": ("Nature de l'organisation", "Kind of organisation"),
    "label_region": ("Région", "Region"), "label_departement": ("Département", "Département"),
    "label_commune": ("Commune", "Municipality"), "label_country": ("Pays", "Country"),
    "label_neighbourhood": ("Quartier prioritaire", "Priority neighbourhood"),
    "label_coordinates": ("Coordonnées", "Coordinates"), "label_lat": ("Latitude", "Latitude"),
    "label_lon": ("Longitude", "Longitude"), "label_precision": ("Ce que le point désigne", "What the point shows"),
    "label_phases": ("Phases", "Phases"), "label_summary": ("Présentation", "Summary"),
    "label_resources.summary": ("Résumé", "Summary"), "label_collective": ("Collectif local", "Local collective"),
    "label_challenge": ("Défi prioritaire", "Priority challenge"),
    "label_organisations": ("Organisations", "Organisations"), "label_contacts": ("Contacts", "Contacts"),
    "label_resources": ("Ressources", "Resources"), "label_events": ("Événements", "Events"),
    "label_continuum": ("Continuum de la coopération", "Cooperation continuum"), "label_date": ("Date", "Date"),
    "label_level": ("Position", "Level"), "label_source": ("Source", "Source"),
    "label_last_checked": ("Vérifié le", "Last checked on"), "label_sources": ("Sources", "Sources"),
    "label_title": ("Titre", "Title"), "label_url": ("Adresse web", "Web address"), "label_type": ("Type", "Type"),
    "label_language": ("Langue", "Language"), "label_publisher": ("Éditeur", "Publisher"),
    "label_year": ("Année", "Year"), "label_topics": ("Notions abordées", "Topics"),
    "label_contacts.topics": ("Pour quelles questions", "Ask about"),
    "label_timezone": ("Fuseau horaire", "Time zone"), "label_place": ("Lieu", "Place"),
    "label_organisers": ("Organisateurs", "Organisers"), "label_phase": ("Phase", "Phase"),
    "label_short_name": ("Sigle", "Acronym"), "label_website": ("Site web", "Website"),
    "label_description": ("Description", "Description"), "label_role": ("Fonction", "Role"),
    "label_organisation": ("Organisation", "Organisation"), "label_email": ("E-mail", "E-mail"),
    "label_phone": ("Téléphone", "Phone"),
    "label_public": ("Publier ce contact sur le site", "Publish this contact on the site"),
    "label_story": ("Récit", "Story"), "label_lessons": ("Enseignements", "Lessons"),
    "label_text": ("Enseignement", "Lesson"), "label_testimonials": ("Témoignages", "Testimonials"),
    "label_quote": ("Citation", "Quote"), "label_speaker": ("Qui parle", "Speaker"),
    "label_topic": ("Notion", "Topic"), "label_sites": ("Sites concernés", "Sites concerned"),
    "label_start": ("Début", "Start"), "label_end": ("Fin", "End"),
    "label_note": ("Note publiée avec les sources", "Note published with the sources"),
    # one item of a list, and "add …"
    "item_continuum": ("Position", "Position"), "item_lessons": ("Enseignement", "Lesson"),
    "item_testimonials": ("Témoignage", "Testimonial"),
    "add_continuum": ("une position", "a position"), "add_lessons": ("un enseignement", "a lesson"),
    "add_testimonials": ("un témoignage", "a testimonial"), "add_sources": ("une source", "a source"),
    "add_item": ("un élément", "an item"),
    # values whose vocabulary the model does not label
    "value_FR": ("France", "France"), "value_CA": ("Canada", "Canada"), "value_US": ("États-Unis", "United States"),
    "value_NZ": ("Nouvelle-Zélande", "New Zealand"), "value_AU": ("Australie", "Australia"),
    "value_fr": ("français", "French"), "value_en": ("anglais", "English"),
    "value_commune": ("la commune", "the municipality"), "value_territoire": ("le territoire entier", "the whole area"),
    "value_quartier": ("le quartier", "the neighbourhood"),
    # the form's own messages
    "duplicate": ("identifiant « {id} » en double : content/{kind}/{id}.yml existe déjà (choisissez un autre nom, ou "
                  "proposez une modification de cette fiche)",
                  "duplicate identifier “{id}”: content/{kind}/{id}.yml already exists (choose another name, or "
                  "suggest a change to that record)"),
    "reserved": ("identifiant « {id} » réservé : il porte le nom d'une page du site",
                 "identifier “{id}” is reserved: a page of the site has this name"),
    "en_first": ("texte français manquant : la traduction anglaise accompagne un texte français",
                 "French text missing: the English translation goes with a French text"),
    # the page
    "required": (" (obligatoire)", " (required)"),
    "choose": ("Choisissez {what}.", "Choose {what}."),
    "day_placeholder": ("AAAA-MM-JJ", "YYYY-MM-DD"),
    "in_french": ("En français", "In French"),
    "in_english_name": ("En anglais (facultatif : vide, le même nom vaut pour les deux langues)",
                        "In English (optional: when empty, the same name stands for both languages)"),
    "in_english": ("En anglais (traduction, facultative)", "In English (translation, optional)"),
    "markdown": ("Markdown permis : *italique*, **gras**, [texte du lien](https://…), listes à tirets.",
                 "Markdown allowed: *italic*, **bold**, [link text](https://…), bulleted lists."),
    "one_date": ("une date", "one date"), "a_period": ("une période (début et fin)", "a period (start and end)"),
    "date_hint": ("Aussi précise que la source, pas plus : une année (2025), un mois (2025-09) ou un jour (2025-09-30).",
                  "As precise as the source, no more: a year (2025), a month (2025-09) or a day (2025-09-30)."),
    "date_start": ("Date (ou début de la période)", "Date (or start of the period)"),
    "date_end": ("Fin de la période", "End of the period"),
    "date_placeholder": ("AAAA, AAAA-MM ou AAAA-MM-JJ", "YYYY, YYYY-MM or YYYY-MM-DD"),
    "choose_one": ("— choisissez —", "— choose —"), "not_given": ("— non renseigné —", "— not given —"),
    "filter": ("Filtrer la liste", "Filter the list"), "shown_of": ("{shown} sur {total}", "{shown} of {total}"),
    "add": ("Ajouter {what}", "Add {what}"), "remove": ("Retirer {what}", "Remove {what}"),
    "by_record": ("un document source de la liste", "a source document from the list"),
    "by_url": ("une page web publique", "a public web page"),
    "source_document": ("Document source", "Source document"),
    "source_document_hint": ("Les documents de content/sources/, par leur identifiant et leur titre.",
                             "The documents of content/sources/, by identifier and title."),
    "choose_document": ("— choisissez un document —", "— choose a document —"),
    "source_address": ("Le document en ligne :", "The document online:"),
    "new_tab": ("(nouvel onglet)", "(new tab)"),
    "source_no_address": ("Pas d'adresse publique connue pour ce document : son texte n'est pas publié en ligne "
                          "par ce site.",
                          "No public address is known for this document: this site does not publish its text "
                          "online."),
    "excerpt_checking": ("Recherche de l'extrait dans le texte de la source…", "Looking for the excerpt in the source's text…"),
    "excerpt_found": ("Extrait retrouvé dans le texte de la source.", "Excerpt found in the source's text."),
    "excerpt_not_found": ("Cet extrait n'est pas dans le texte de la source : recopiez-le mot pour mot ; « […] » "
                          "marque un passage omis.",
                          "This excerpt is not in the source's text: copy it word for word; “[…]” marks an "
                          "omitted passage."),
    "excerpt_unchecked": ("L'extrait n'a pas pu être vérifié ici (empreinte du texte non chargée) : il le sera sur "
                          "GitHub, par la vérification de la pull request.",
                          "The excerpt could not be checked here (the text's fingerprint did not load): the pull "
                          "request's check on GitHub will do it."),
    "asked_field": ("Cette information manque (page « Ce qui manque ») : complétez-la si une source la donne.",
                    "This information is missing (“What is missing” page): fill it in if a source gives it."),
    "web_page": ("Adresse de la page web", "Address of the web page"),
    "excerpts_hint": ("Recopiez mot pour mot le passage qui appuie la fiche (au moins quelques mots ; « […] » saute un "
                      "passage), un extrait par case. Dès que vous cessez d'écrire, le formulaire cherche l'extrait "
                      "dans l'empreinte du texte du document (le texte lui-même n'est pas publié) ; la vérification de "
                      "la pull request le cherche à nouveau.",
                      "Copy word for word the passage that supports the record (at least a few words; “[…]” skips a "
                      "passage), one excerpt per box. As soon as you stop typing, the form looks for the excerpt in the "
                      "fingerprint of the document's text (the text itself is not published); the pull request's check "
                      "looks for it again."),
    "add_excerpt": ("Ajouter un extrait", "Add an excerpt"),
    "excerpts": ("Extraits cités", "Quoted excerpts"),
    "excerpt_label": ("Extrait {number} (mot pour mot)", "Excerpt {number} (word for word)"),
    "remove_excerpt": ("Retirer cet extrait", "Remove this excerpt"),
    "source_label": ("Source {number}", "Source {number}"),
    "sources_hint": ("Chaque fait de la fiche vient d'une source : choisissez le document source (ou donnez l'adresse "
                     "d'une page web publique), puis recopiez les passages qui appuient la fiche.",
                     "Every fact of the record comes from a source: choose the source document (or give the address "
                     "of a public web page), then copy the passages that support the record."),
    "what_kind": ("Quel type de fiche ?", "What kind of record?"),
    "the_record": ("La fiche", "The record"),
    "check": ("Vérifier la fiche", "Check the record"),
    "the_file": ("Le fichier à proposer", "The file to suggest"),
    "copy": ("Copier le texte", "Copy the text"),
    "file_name": ("Nom du fichier (identifiant de la fiche)", "File name (the record's identifier)"),
    "file_name_hint": ("Minuscules sans accents, chiffres et tirets ; proposé d'après le nom ou le titre, modifiable. "
                       "Les autres fiches citent celle-ci par ce nom.",
                       "Lower case without accents, digits and hyphens; suggested from the name or title, and "
                       "editable. Other records cite this one by this name."),
    "file_name_field": ("nom du fichier", "file name"),
    "file": ("Fichier : {path}", "File: {path}"),
    "open_editor": ("Ouvrir l'éditeur de GitHub pour ce fichier (nouvel onglet)",
                    "Open GitHub's editor for this file (new tab)"),
    "suggest": ("Proposer ce fichier sur GitHub (nouvel onglet)", "Suggest this file on GitHub (new tab)"),
    "next_no_repo": ("Ce site ne connaît pas l'adresse de son dépôt GitHub : copiez ce texte, puis, sur GitHub, créez "
                     "le fichier {path} (bouton « Add file », puis « Create new file ») et collez-le ; le guide de "
                     "contribution explique la suite.",
                     "This site does not know the address of its GitHub repository: copy this text, then on GitHub "
                     "create the file {path} (“Add file”, then “Create new file”) and paste it; the contribution "
                     "guide explains the rest."),
    "next_edit": ("Copiez ce texte, ouvrez l'éditeur de GitHub, remplacez tout le contenu du fichier (Ctrl+A puis "
                  "Ctrl+V), puis « Commit changes… » et « Propose changes ». Les commentaires du fichier (lignes « # ») "
                  "ne sont pas repris ici.",
                  "Copy this text, open GitHub's editor, replace the whole file (Ctrl+A then Ctrl+V), then “Commit "
                  "changes…” and “Propose changes”. The file's comments (lines starting with “#”) are not kept here."),
    "next_long": ("Fiche longue : GitHub ne recevra pas tout le texte par le bouton. Copiez-le, ouvrez GitHub avec le "
                  "bouton, puis remplacez le contenu par le texte copié.",
                  "Long record: GitHub will not receive the whole text through the button. Copy it, open GitHub with "
                  "the button, then replace the content with the copied text."),
    "next": ("Le bouton ouvre GitHub avec ce fichier déjà rempli (un compte GitHub est nécessaire) : cliquez sur "
             "« Commit changes… », puis « Propose changes », puis « Create pull request ». Sans droit d'écriture, GitHub "
             "crée d'abord votre copie du dépôt (fork). La vérification relit la fiche et l'équipe la relit avant "
             "publication.",
             "The button opens GitHub with this file filled in (a GitHub account is needed): click “Commit changes…”, "
             "then “Propose changes”, then “Create pull request”. Without write access, GitHub first makes your copy "
             "of the repository (a fork). The check reads the record again and the team reviews it before "
             "publication."),
    "guide": ("Le guide de contribution (CONTRIBUTING.md)", "The contribution guide (CONTRIBUTING.md, in French)"),
    "not_yet": ("Remplissez la fiche : chaque champ quitté est vérifié, et « Vérifier la fiche » montre tout ce qui "
                "reste à corriger.",
                "Fill in the record: each field is checked once you leave it, and “Check the record” shows all "
                "that is left to fix."),
    "one_error": ("1 erreur à corriger.", "1 error to fix."),
    "errors": ("{count} erreurs à corriger.", "{count} errors to fix."),
    "messages_below": (" Les messages apparaissent sous chaque champ.", " Messages appear under each field."),
    "no_error": ("Aucune erreur trouvée : la fiche est prête à être proposée.",
                 "No error found: the record is ready to be suggested."),
    "copied": ("Texte copié.", "Text copied."),
    "editing": ("Modification de la fiche {path}. ", "Change to the record {path}. "),
    "new_instead": ("Proposer plutôt une nouvelle fiche", "Suggest a new record instead"),
    "loading": ("Chargement de la fiche…", "Loading the record…"),
    "not_found": ("Fiche introuvable dans les données publiées : le formulaire part de zéro ; ouvrez le fichier sur "
                  "GitHub pour le modifier.",
                  "Record not found in the published data: the form starts empty; open the file on GitHub to change "
                  "it."),
    # several records in one contribution (overrides/assets/form-proposals.js)
    "next_contribution": ("Pour proposer cette fiche avec celles de votre contribution, dans la même pull request, "
                          "cliquez plutôt sur « Ajouter à ma contribution et proposer une autre fiche ».",
                          "To suggest this record with those of your contribution, in the same pull request, click "
                          "“Add to my contribution and suggest another record” instead."),
    "steps_title": ("Comment proposer ces fichiers ensemble", "How to suggest these files together"),
    "files_title": ("Les fichiers, dans l'ordre", "The files, in order"),
    "proposed_here": ("proposé dans ce navigateur", "proposed in this browser"),
    "proposed_reference": ("« {id} » est proposé dans ce navigateur : son fichier content/{kind}/{id}.yml doit faire "
                           "partie de la même contribution (la même pull request), sinon la vérification le refusera.",
                           "“{id}” is proposed in this browser: its file content/{kind}/{id}.yml must be part of the "
                           "same contribution (the same pull request), or the check will refuse it."),
    "keep": ("Ajouter à ma contribution et proposer une autre fiche", "Add to my contribution and suggest another record"),
    "kept": ("Fiche {path} gardée dans votre contribution ({count} en tout). Choisissez le type de la fiche suivante, "
             "plus haut, ou suivez les étapes ci-dessous.",
             "Record {path} kept in your contribution ({count} in all). Choose the kind of the next record, above, or "
             "follow the steps below."),
    "keep_refused": ("Cette fiche ne peut pas être gardée : vérifiez son nom de fichier.",
                     "This record cannot be kept: check its file name."),
    "keep_full": ("Une contribution garde au plus {count} fiches : proposez d'abord celles-ci, puis oubliez-les.",
                  "A contribution keeps at most {count} records: suggest these first, then forget them."),
    "contribution": ("Ma contribution : plusieurs fiches ensemble", "My contribution: several records together"),
    "contribution_intro": ("Fiches proposées dans ce navigateur : {count}. Ce navigateur les garde jusqu'à ce que vous "
                           "les oubliiez, et les listes du formulaire les offrent avec la mention « proposé dans ce "
                           "navigateur ». GitHub ne reçoit qu'un fichier à la fois : proposez-les dans une seule pull "
                           "request, dans l'ordre de la liste (une fiche vient après celles qu'elle cite).",
                           "Records proposed in this browser: {count}. This browser keeps them until you forget them, "
                           "and the form's lists offer them marked “proposed in this browser”. GitHub receives one "
                           "file at a time: suggest them in a single pull request, in the order of the list (a record "
                           "comes after those it cites)."),
    "contribution_memory": ("Fiches proposées dans cette page : {count}. Ce navigateur ne garde rien (navigation "
                            "privée ?) : elles disparaissent à la fermeture de la page. GitHub ne reçoit qu'un fichier "
                            "à la fois : proposez-les dans une seule pull request, dans l'ordre de la liste.",
                            "Records proposed in this page: {count}. This browser keeps nothing (private browsing?): "
                            "they are gone when the page is closed. GitHub receives one file at a time: suggest them "
                            "in a single pull request, in the order of the list."),
    "step_first": ("Ouvrez le premier fichier ({path}) sur GitHub avec son bouton (un compte GitHub est nécessaire). "
                   "Cliquez sur « Commit changes… », gardez « Create a new branch for this commit and start a pull "
                   "request » si GitHub le propose, puis « Propose changes » et « Create pull request ». Sans droit "
                   "d'écriture sur le dépôt, GitHub crée d'abord votre copie du dépôt (fork) et une branche, souvent "
                   "nommée « patch-1 ».",
                   "Open the first file ({path}) on GitHub with its button (a GitHub account is needed). Click "
                   "“Commit changes…”, keep “Create a new branch for this commit and start a pull request” if GitHub "
                   "offers it, then “Propose changes” and “Create pull request”. Without write access to the "
                   "repository, GitHub first makes your copy of it (a fork) and a branch, often named “patch-1”."),
    "step_first_no_repo": ("Ce site ne connaît pas l'adresse de son dépôt GitHub : sur GitHub, créez le premier "
                           "fichier ({path}) avec « Add file », puis « Create new file », collez son texte, puis "
                           "« Commit changes… » et « Create a new branch for this commit and start a pull request ».",
                           "This site does not know the address of its GitHub repository: on GitHub, create the first "
                           "file ({path}) with “Add file”, then “Create new file”, paste its text, then “Commit "
                           "changes…” and “Create a new branch for this commit and start a pull request”."),
    "step_next": ("Ajoutez ensuite chaque fichier suivant, dans l'ordre, à la même branche : sur la page de votre pull "
                  "request, cliquez sur le nom de votre branche (après « from »), puis « Add file » et « Create new "
                  "file » ; donnez le nom du fichier indiqué dans la liste, collez son texte (bouton « Copier le "
                  "texte »), puis « Commit changes… » en gardant « Commit directly to the … branch ». Le fichier "
                  "s'ajoute à la même pull request : n'en ouvrez pas une autre.",
                  "Then add each next file, in order, to the same branch: on your pull request's page, click your "
                  "branch's name (after “from”), then “Add file” and “Create new file”; give the file name shown in "
                  "the list, paste its text (“Copy the text” button), then “Commit changes…” keeping “Commit "
                  "directly to the … branch”. The file joins the same pull request: do not open another one."),
    "step_branch": ("Plus simple : copiez dans la case ci-dessous l'adresse de la page de votre branche (elle contient "
                    "« /tree/ ») ; les boutons des fichiers suivants ouvrent alors GitHub sur cette branche, nom et "
                    "texte déjà remplis.",
                    "Simpler: copy into the box below the address of your branch's page (it contains “/tree/”); the "
                    "next files' buttons then open GitHub on that branch, with the name and text filled in."),
    "step_end": ("Quand tous les fichiers sont dans la pull request, la vérification les relit ensemble, puis l'équipe "
                 "les relit avant publication. Ensuite, oubliez ces fiches ici (bouton « Oublier les fiches proposées "
                 "dans ce navigateur »).",
                 "Once every file is in the pull request, the check reads them together, then the team reviews them "
                 "before publication. Then forget these records here (“Forget the records proposed in this browser” "
                 "button)."),
    "open_file": ("Ouvrir le fichier {number} sur GitHub (nouvel onglet)", "Open file {number} on GitHub (new tab)"),
    "copy_file": ("Copier le texte du fichier {number}", "Copy the text of file {number}"),
    "remove_file": ("Retirer le fichier {number}", "Remove file {number}"),
    "show_file": ("Voir le texte du fichier {number}", "Show the text of file {number}"),
    "copied_file": ("Texte de {path} copié.", "Text of {path} copied."),
    "copy_failed": ("Copie impossible : ouvrez « Voir le texte », sélectionnez-le et copiez-le.",
                    "Copy failed: open “Show the text”, select it and copy it."),
    "removed_file": ("{path} retiré de votre contribution.", "{path} removed from your contribution."),
    "branch_label": ("Adresse de votre branche sur GitHub (facultatif)", "Address of your branch on GitHub (optional)"),
    "branch_hint": ("Après le premier fichier : sur la page de votre pull request, cliquez sur le nom de votre branche "
                    "et copiez ici l'adresse de la page qui s'ouvre (elle contient « /tree/ »).",
                    "After the first file: on your pull request's page, click your branch's name and copy here the "
                    "address of the page that opens (it contains “/tree/”)."),
    "branch_wrong": ("Adresse non reconnue : copiez celle de la page de votre branche sur GitHub, de la forme "
                     "https://github.com/compte/depot/tree/branche.",
                     "Address not recognised: copy that of your branch's page on GitHub, like "
                     "https://github.com/account/repository/tree/branch."),
    "branch_kept": ("Adresse de la branche gardée : les boutons des fichiers suivants ouvrent GitHub sur cette branche.",
                    "Branch address kept: the next files' buttons open GitHub on that branch."),
    "forget": ("Oublier les fiches proposées dans ce navigateur", "Forget the records proposed in this browser"),
    "forgotten": ("Fiches oubliées : ce navigateur ne les garde plus.",
                  "Records forgotten: this browser no longer keeps them."),
}


def catalogue(lang: str) -> dict[str, str]:
    """Every template of the form in one language."""
    checks = CHECKS if lang == "fr" else ENGLISH
    return {**checks, **{key: pair[0 if lang == "fr" else 1] for key, pair in WORDS.items()}}
