"""The content model: every rule about what a YAML record may say.

One pydantic class per kind of record. Loading (macros/content.py), the
editor's JSON Schemas and the contributor messages all come from here, so a
rule is written once. Field names are English identifiers; descriptions are
French because contributors read them in their editor.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import values
from .dates import DateFormatError, DateSpan, PartialDate

SLUG = re.compile(values.ID_PATTERN)  # an id: kept under this name for the schemas and the form
SOURCE_FILE = re.compile(r"^(\d{3}_[0-9a-f]{16})\.txt$")
EXCERPT_MIN = 12  # characters of an excerpt, at least

# the messages a contributor reads (the form gets them too: macros/form_messages.py)
MESSAGES = {
    "full_day": "date complète attendue (AAAA-MM-JJ), pas « {value} »",
    "excerpt": "extrait « {value} » trop court : citez au moins quelques mots de la source, mot pour mot",
    "one_target": "indiquez soit « source » (identifiant d'une fiche de content/sources/), "
                  "soit « url » (adresse web), pas les deux",
}


# --- simple values: each kind's rules live in macros/values.py ------------------------

MAX_TEXT = values.MAX_TEXT
MAX_ID = values.MAX_ID
_text = values.check_text  # the schemas recognise a text by this validator

NonEmpty = Annotated[str, AfterValidator(_text)]


Slug = Annotated[str, AfterValidator(values.check_id),
                 WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": MAX_ID,
                                 "description": "Identifiant : nom du fichier sans « .yml »."})]


@dataclass(frozen=True)
class RefTo:
    """Marks a field as naming a record of content/<kind>/ by its id: the reference
    check (content.check_references), the editor's schemas and the contribution
    form all read it here, so a reference is declared once, with its field."""

    kind: str


def Ref(kind: str):  # noqa: N802 - used as a type: `organisation: Ref("organisations")`
    """The id of a record of content/<kind>/ (its file name without « .yml »)."""
    return Annotated[str, AfterValidator(values.check_id), RefTo(kind),
                     WithJsonSchema({"type": "string", "pattern": SLUG.pattern, "maxLength": MAX_ID,
                                     "x-references": kind,
                                     "description": f"Identifiant d'une fiche de content/{kind}/ "
                                                    "(nom du fichier sans « .yml »)."})]


def _ref_kind(annotation) -> str | None:
    """The kind a field's type refers to (through Optional, list and Annotated), if any."""
    if get_origin(annotation) is Annotated:
        found = next((m.kind for m in annotation.__metadata__ if isinstance(m, RefTo)), None)
        if found:
            return found
    return next((kind for arg in get_args(annotation) if (kind := _ref_kind(arg))), None)


def references(record: Record, loc: tuple = ()):
    """(loc, kind, id) of every id a record names, at any depth (a citation's source
    inside `sources` too), found from the fields' declared types."""
    for name, info in type(record).model_fields.items():
        value = getattr(record, name)
        # pydantic keeps a plain field's Annotated metadata apart, in info.metadata
        kind = next((m.kind for m in info.metadata if isinstance(m, RefTo)), None) or _ref_kind(info.annotation)
        if kind and isinstance(value, list):
            yield from ((loc + (name, index), kind, item) for index, item in enumerate(value))
        elif kind and value:
            yield loc + (name,), kind, value
        elif isinstance(value, Record):
            yield from references(value, loc + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Record):
                    yield from references(item, loc + (name, index))


def written_references(model: type[Record], data, loc: tuple = ()):
    """(loc, kind, id) of the ids a document names, read from what was written where the
    model could not read the record whole: a file with other errors still has its
    references checked in the same run. Only well-formed ids are yielded (a malformed
    one already has its own message)."""
    if not isinstance(data, dict):
        return
    for name, value in data.items():
        info = model.model_fields.get(name) if isinstance(name, str) else None
        if info is None:
            continue
        kind = next((m.kind for m in info.metadata if isinstance(m, RefTo)), None) or _ref_kind(info.annotation)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            place = loc + ((name,) if index is None else (name, index))
            if kind and isinstance(item, str) and SLUG.fullmatch(item):
                yield place, kind, item
            elif not kind:
                inner = next(records_in(info.annotation), None)
                if inner is Citation and isinstance(item, str) and SLUG.fullmatch(item):
                    yield place, "sources", item  # `- irev-territoire-impact-collectif`
                elif inner is not None:
                    yield from written_references(inner, item, place)


def records_in(annotation):
    """The record classes a field's type holds (through Optional, list and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        yield annotation
    for arg in get_args(annotation):
        yield from records_in(arg)


_url = values.check_url

Url = Annotated[str, AfterValidator(_url),
                WithJsonSchema({"type": "string", "pattern": "^https?://", "maxLength": values.MAX_URL,
                                "description": "Adresse web complète, commençant par https://"})]


Email = Annotated[str, AfterValidator(values.check_email),
                  WithJsonSchema({"type": "string", "format": "email", "maxLength": values.MAX_EMAIL,
                                  "description": "Adresse e-mail, sans accents."})]


Phone = Annotated[str, BeforeValidator(values.check_phone),
                  WithJsonSchema({"type": "string", "examples": ["06 21 79 34 27"], "maxLength": values.MAX_PHONE,
                                  "description": "Téléphone : 10 chiffres ou format international (+…)."})]


def _date_span(value) -> DateSpan:
    try:
        return DateSpan.parse(value)
    except DateFormatError as error:
        raise ValueError(str(error)) from None


_DATE_SCHEMA = {"anyOf": [
    {"type": "integer", "minimum": 1900, "maximum": 2100},
    {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
]}

When = Annotated[DateSpan, BeforeValidator(_date_span),
                 PlainSerializer(lambda d: d.as_data()),
                 WithJsonSchema({
                     "description": "Date partielle (2022, 2022-10, 2025-09-30) ou période "
                                    "{start: 2025-10, end: 2026-06}.",
                     "anyOf": [*_DATE_SCHEMA["anyOf"], {
                         "type": "object", "additionalProperties": False, "required": ["start"],
                         "properties": {"start": _DATE_SCHEMA, "end": _DATE_SCHEMA}}]})]


def _day(value) -> dt.date:
    try:
        date = PartialDate.parse(value)
    except DateFormatError as error:
        raise ValueError(str(error)) from None
    if date.precision != "day":
        raise ValueError(MESSAGES["full_day"].format(value=date.iso()))
    return date.first_day()


Day = Annotated[dt.date, BeforeValidator(_day),
                WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                                "description": "Date complète AAAA-MM-JJ."})]


def _citation(value):
    """A citation as written: a source record's id, a web address, or a block
    {source: id, excerpts: [...]} (also {url: https://…, excerpts: [...]})."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise ValueError("identifiant d'une fiche de content/sources/, adresse web, ou bloc "
                         "{source: identifiant, excerpts: [\"extrait mot pour mot\"]} attendu")
    value = value.strip()
    if value.lower().startswith(("http://", "https://", "javascript:", "data:", "vbscript:", "file:")):
        return {"url": _url(value)}
    if SOURCE_FILE.match(value):
        raise ValueError(f"« {value} » est le nom de fichier d'un document source : citez plutôt sa fiche "
                         "de content/sources/ par son identifiant, le nom de la fiche sans extension "
                         "(ex. anct-approche-impacts-collectifs), avec l'extrait qui appuie le fait")
    if SLUG.fullmatch(value):
        return {"source": value}
    raise ValueError(f"source « {value} » invalide : identifiant d'une fiche de content/sources/ "
                     "(ex. anct-approche-impacts-collectifs) ou adresse web https://")


def _excerpt(value: str) -> str:
    value = _text(value)
    if len(value) < EXCERPT_MIN:
        raise ValueError(MESSAGES["excerpt"].format(value=value))
    return value


def _not_a_boolean(kind: str):
    """YAML reads `yes`, `no`, `true` as booleans, which Python counts as numbers (1 and 0):
    refused where a number is expected, with the words of the other type errors."""
    def check(value):
        if isinstance(value, bool):
            raise PydanticCustomError(kind, "a boolean is not a number")
        return value
    return BeforeValidator(check)


Decimal = Annotated[float, _not_a_boolean("float_type")]
Integer = Annotated[int, Strict()]  # a YAML integer; neither a boolean nor a text


Excerpt = Annotated[str, AfterValidator(_excerpt),
                    WithJsonSchema({"type": "string", "minLength": 12, "description":
                                    "Passage de la source, recopié mot pour mot (« […] » pour sauter "
                                    "un passage)."})]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    label: ClassVar[str] = "fiche"  # one record, as messages name it (each kind says its own)
    # a kind of record (a folder of content/): its starter's and schema's file name, its schema's words
    file_name: ClassVar[str] = ""
    schema_title: ClassVar[str] = ""
    schema_description: ClassVar[str] = ""

    def is_published(self) -> bool:
        """Whether readers see this record (a contact only with `public: true`)."""
        return True


def walk(value, loc: tuple = ()):
    """(loc, value) of a record and of every value inside it, depth first, in field
    order: ("testimonials", 2, "quote") is the quote of the third testimonial."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), loc + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, loc + (index,))


class Citation(Record):
    """One cited source and the words of it that support the record.

    `source` names a record of content/sources/ (whose text, when available, is
    checked to contain each excerpt: macros/provenance.py); `url` is an outside
    web page, whose excerpts cannot be checked here."""

    source: Ref("sources") | None = Field(None, description="Identifiant d'une fiche de content/sources/ "  # type: ignore[valid-type]
                                "(nom du fichier sans « .yml »).")
    url: Url | None = Field(None, description="Adresse d'une page web publique (à la place de source).")
    excerpts: list[Excerpt] = Field(default_factory=list, description=(
        "Les passages de la source qui appuient la fiche, recopiés mot pour mot (un par ligne « - »)."))

    @model_validator(mode="after")
    def _one_target(self):
        if bool(self.source) == bool(self.url):
            raise ValueError(MESSAGES["one_target"])
        return self


Cited = Annotated[Citation, BeforeValidator(_citation), WithJsonSchema({
    "description": "Une source : identifiant d'une fiche de content/sources/, adresse web, ou bloc "
                   "{source: identifiant, excerpts: [\"extrait mot pour mot\"]}.",
    "anyOf": [
        {"type": "string", "pattern": SLUG.pattern, "x-references": "sources",
         "description": "Identifiant d'une fiche de content/sources/ (sans extrait)."},
        {"type": "string", "pattern": "^https?://", "description": "Adresse d'une page web publique."},
        {"type": "object", "additionalProperties": False, "description":
         "Une source et les passages qui appuient la fiche.",
         "properties": {
             "source": {"type": "string", "pattern": SLUG.pattern, "x-references": "sources",
                        "description": "Identifiant d'une fiche de content/sources/ (nom du fichier sans « .yml »)."},
             "url": {"type": "string", "pattern": "^https?://",
                     "description": "Adresse d'une page web publique (à la place de source)."},
             "excerpts": {"type": "array", "items": {"type": "string", "minLength": 12}, "description":
                          "Passages de la source recopiés mot pour mot (« […] » pour sauter un passage)."}},
         "oneOf": [{"required": ["source"]}, {"required": ["url"]}]},
    ]})]


# --- bilingual text -----------------------------------------------------------------

class Text(Record):
    """Reader-facing text: French required, English optional (the page then says so)."""

    fr: NonEmpty = Field(description="Texte en français (obligatoire).")
    en: NonEmpty | None = Field(None, description="Traduction anglaise (facultative).")

    def get(self, lang: str) -> str:
        return (self.en or self.fr) if lang == "en" else self.fr

    def is_fallback(self, lang: str) -> bool:
        return lang == "en" and not self.en


class RichText(Text):
    """Like Text, but Markdown is allowed (links, emphasis, lists); it is sanitised."""


def _same_in_both(value):
    return {"fr": value, "en": value} if isinstance(value, str) else value


Name = Annotated[Text, BeforeValidator(_same_in_both)]
"""A proper name: a plain string stands for both languages."""

# --- vocabularies --------------------------------------------------------------------

TOPICS: dict[str, tuple[str, str]] = {
    "fondements": ("Fondements de l'approche", "Foundations of the approach"),
    "conditions": ("Les cinq conditions", "The five conditions"),
    "vision-partagee": ("Vision partagée et plan d'action commun", "Shared vision and common agenda"),
    "actions-complementaires": ("Actions qui se renforcent mutuellement", "Mutually reinforcing activities"),
    "evaluation-apprentissage": ("Évaluation partagée et apprentissage stratégique",
                                 "Shared measurement and strategic learning"),
    "communication-engagement": ("Communication continue et engagement inclusif",
                                 "Continuous communication and inclusive engagement"),
    "structure-de-soutien": ("Structure de soutien", "Backbone structure"),
    "preconditions": ("Les trois préconditions", "The three preconditions"),
    "changements-de-perspective": ("Les quatre changements de perspective", "The four shifts of perspective"),
    "continuum-cooperation": ("Continuum de la coopération", "Cooperation continuum"),
    "vision-strategie": ("Vision commune et stratégie de changement", "Shared vision and change strategy"),
    "entente-cooperation": ("Entente de coopération", "Cooperation agreement"),
    "confiance": ("Confiance entre partenaires", "Trust between partners"),
    "echelles": ("Échelles de l'impact collectif", "Scales of collective impact"),
    "experiences": ("Expériences de terrain", "Field experience"),
}
# topics shown on a broader page too: the conditions page lists every condition's resources
TOPIC_PARENT = {t: "conditions" for t in ("vision-partagee", "actions-complementaires",
                                          "evaluation-apprentissage", "communication-engagement",
                                          "structure-de-soutien")}
Topic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]

CONTINUUM: dict[str, tuple[str, str]] = {
    "concurrence": ("Concurrence", "Competition"),
    "coexistence": ("Coexistence", "Coexistence"),
    "communication": ("Communication", "Communication"),
    "assistance": ("Assistance", "Assistance"),
    "coordination": ("Coordination", "Coordination"),
    "collaboration": ("Collaboration", "Collaboration"),
    "integration": ("Intégration", "Integration"),
}
ContinuumLevel = Literal[tuple(CONTINUUM)]  # type: ignore[valid-type]

SITE_KINDS = {
    "pilote": ("Site pilote (2022–2023)", "Pilot site (2022–2023)"),
    "programme": ("Site du programme", "Programme site"),
    "inspiration": ("Lieu d'inspiration au Québec", "Inspiration place in Québec"),
}
RESOURCE_TYPES = {
    "article": ("Article", "Article"),
    "guide": ("Guide", "Guide"),
    "video": ("Vidéo", "Video"),
    "boite-a-outils": ("Boîte à outils", "Toolbox"),
    "site-web": ("Site web", "Website"),
    "pdf": ("PDF", "PDF"),
    "rapport": ("Rapport", "Report"),
}
ORGANISATION_KINDS = {
    "agence-publique": ("Agence ou service de l'État", "Public agency"),
    "centre-de-ressources": ("Centre de ressources", "Resource centre"),
    "reseau": ("Réseau", "Network"),
    "cooperative": ("Coopérative (SCOP)", "Cooperative"),
    "institut": ("Institut", "Institute"),
    "association": ("Association", "Association"),
    "cabinet-conseil": ("Cabinet-conseil", "Consultancy"),
    "initiative": ("Initiative collective", "Collective initiative"),
    "media": ("Média", "Media"),
}
# IANA zone names as the tz database lists them today (zone.tab): Montréal is in
# America/Toronto; America/Montreal is an old name kept only as a link
TIMEZONES = ("Europe/Paris", "America/Toronto", "Indian/Mayotte")
OLD_ZONE_NAMES = {"America/Montreal": "America/Toronto"}


def _labels(vocabulary: dict):
    """The type whose values are a vocabulary's keys. Types built from data (these, and
    `Ref(kind)`) are read by pydantic; mypy cannot, hence `type: ignore[valid-type]` on
    the fields that use them."""
    return Literal[tuple(vocabulary)]


# --- records ---------------------------------------------------------------------------

class Sourced(Record):
    note: Text | None = Field(None, description=(
        "Note publiée avec les sources : erreur évidente d'une source corrigée (avec les mots de la source) "
        "ou incertitude (ce que les sources ne disent pas)."))
    sources: list[Cited] = Field(
        min_length=1, description="D'où vient l'information : fiche de content/sources/ avec les extraits "
        "qui appuient la fiche, ou adresse web.")


def _seed_file(value: str) -> str:
    value = _text(value)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.txt", value):
        raise ValueError(f"nom de fichier « {value} » invalide : le nom seul du texte déposé, sans dossier, "
                         "terminé par « .txt » (ex. 002_cd3e985497d0d32e.txt)")
    return value


SeedFile = Annotated[str, AfterValidator(_seed_file),
                     WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$",
                                     "description": "Nom du texte déposé (sans dossier), terminé par « .txt »."})]


class SourceDocument(Record):
    """One of the documents the content is drawn from (content/sources/<readable-id>.yml)."""

    file_name: ClassVar[str] = "source"  # schemas/source.schema.json, starters/source.yml
    label: ClassVar[str] = 'document source'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Document source'
    schema_description: ClassVar[str] = ('Un document dont le contenu du site est tiré (dossier '
                                         'content/sources/). Le nom du fichier est '
                          'son identifiant lisible (ex. anct-approche-impacts-collectifs.yml), que les '
                          'autres fiches citent '
                          'avec les extraits qui appuient chaque fait ; « file » nomme le texte déposé, '
                          'où ces extraits '
                          'sont vérifiés.')

    title: Text = Field(description="Titre du document, tel qu'il se présente (ou titre descriptif).")
    description: Text = Field(description="Ce que contient le document.")
    publisher: Ref("organisations") = Field(description="Organisation qui le publie (identifiant de "  # type: ignore[valid-type]
                                                        "content/organisations/).")
    date: When | None = Field(None, description="Date de publication, si le document la donne ; "
                              "sinon laissez vide : la page indique « date inconnue ».")
    url: Url | None = Field(None, description="Adresse publique, si une source la donne.")
    file: SeedFile | None = Field(None, exclude=True, description="Nom du fichier texte déposé (dossier des documents "
                                  "sources), dont les extraits cités sont vérifiés ; jamais publié sur les pages.",
                                  examples=["002_cd3e985497d0d32e.txt"])



class Organisation(Sourced):
    file_name: ClassVar[str] = "organisation"  # schemas/organisation.schema.json, starters/organisation.yml
    label: ClassVar[str] = 'organisation'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Organisation'
    schema_description: ClassVar[str] = ('Une organisation nommée par les sources : agence, réseau, '
                                         'centre de ressources, association… '
                          '(dossier content/organisations/). Le nom du fichier est son identifiant, cité '
                          'par les autres '
                          'fiches.')

    name: Name = Field(description="Nom de l'organisation.")
    short_name: NonEmpty | None = Field(None, description="Sigle (ANCT, IREV…).", examples=["ANCT"])
    kind: _labels(ORGANISATION_KINDS) | None = Field(None, description="Nature de l'organisation, si les "  # type: ignore[valid-type]
                                                     "sources la disent.")
    country: Literal["FR", "CA", "US", "NZ", "AU"] | None = Field(
        None, description="Pays (code ISO à deux lettres), si les sources le disent.")
    website: Url | None = Field(None, description="Site web, si une source le donne.")
    description: Text | None = Field(None, description="Son rôle dans la démarche, selon les sources.")



class Contact(Sourced):
    file_name: ClassVar[str] = "contact"  # schemas/contact.schema.json, starters/contact.yml
    label: ClassVar[str] = 'contact'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Contact'
    schema_description: ClassVar[str] = ('Une personne à contacter, publiée sur le site seulement avec « '
                                         'public: true » (dossier '
                          'content/contacts/). Le nom du fichier est son identifiant (prenom-nom).')

    name: NonEmpty = Field(description="Prénom et nom.")
    role: Text | None = Field(None, description="Fonction ou service.")
    organisation: Ref("organisations") = Field(description="Organisation (identifiant d'un fichier de "  # type: ignore[valid-type]
                                                           "content/organisations/).")
    email: Email | None = Field(None, description="Adresse e-mail, si une source la donne (sans accents).",
                                examples=["prenom.nom@anct.gouv.fr"])
    phone: Phone | None = Field(None, description="Téléphone, si une source le donne : 10 chiffres ou "
                                "format international (+…).", examples=["06 21 79 34 27"])
    topics: Text | None = Field(None, description="Pour quelles questions le contacter.")
    public: bool = Field(description="true : publié sur le site ; false : gardé hors du site.")
    last_checked: Day = Field(description="Date de dernière vérification (AAAA-MM-JJ).", examples=["2026-11-30"])

    def is_published(self) -> bool:
        return self.public



class Coordinates(Record):
    lat: Decimal = Field(ge=-90, le=90, description="Latitude en degrés décimaux.")
    lon: Decimal = Field(ge=-180, le=180, description="Longitude en degrés décimaux.")
    precision: Literal["commune", "territoire", "quartier"] = Field(
        description="Ce que le point désigne : la commune, le territoire entier ou le quartier.")


class ContinuumStep(Record):
    date: When
    level: ContinuumLevel = Field(description="Position sur le continuum de la coopération.")  # type: ignore[valid-type]
    source: Cited


class Site(Sourced):
    file_name: ClassVar[str] = "site"  # schemas/site.schema.json, starters/site.yml
    label: ClassVar[str] = 'site'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Site'
    schema_description: ClassVar[str] = ('Un territoire ou un quartier engagé dans la démarche : site '
                                         'pilote, site du programme ou '
                          "quartier d'inspiration (dossier content/sites/). Le nom du fichier donne "
                          "l'adresse de sa page.")

    name: Name = Field(description="Nom du site (commune ou quartier).")
    kind: _labels(SITE_KINDS) = Field(description="pilote, programme ou inspiration.")  # type: ignore[valid-type]
    region: NonEmpty = Field(description="Région (ou province).", examples=["Hauts-de-France"])
    departement: NonEmpty | None = Field(None, description="Département (connaissance publique).",
                                         examples=["Aisne"])
    commune: NonEmpty | None = Field(None, description="Commune, si la source la nomme.")
    country: Literal["FR", "CA"] = Field(description="Pays : FR (France) ou CA (Canada).")
    neighbourhood: Name | None = Field(None, description="Quartier prioritaire concerné, si la source le nomme.")
    coordinates: Coordinates = Field(description="Point sur la carte : {lat: 49.0464, lon: 3.4030, "
                                                 "precision: commune}.")
    phases: list[Ref("phases")] = Field(default_factory=list, description="Phases du programme (content/phases/).")  # type: ignore[valid-type]
    summary: RichText | None = Field(None, description="Présentation, d'après les sources (Markdown permis).")
    collective: Text | None = Field(None, description="Composition du collectif local, si connue.")
    challenge: Text | None = Field(None, description="Défi prioritaire choisi, si connu.")
    organisations: list[Ref("organisations")] = Field(default_factory=list,  # type: ignore[valid-type]
                                      description="Organisations engagées (identifiants de content/organisations/).")
    contacts: list[Ref("contacts")] = Field(default_factory=list, description="Contacts (identifiants de "  # type: ignore[valid-type]
                                                                              "content/contacts/).")
    continuum: list[ContinuumStep] = Field(default_factory=list,
                                           description="Positions du collectif sur le continuum, datées.")
    last_checked: Day = Field(description="Date de dernière vérification (AAAA-MM-JJ).")



class Resource(Sourced):
    file_name: ClassVar[str] = "resource"  # schemas/resource.schema.json, starters/resource.yml
    label: ClassVar[str] = 'ressource'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Ressource'
    schema_description: ClassVar[str] = ("Un article, un guide, une vidéo, une boîte à outils… sur "
                                         "l'approche impact collectif (dossier "
                          'content/resources/).')

    title: Text = Field(description="Titre de la ressource, tel qu'il est publié.")
    url: Url | None = Field(None, description="Lien ; laissez vide si la source ne le donne pas.")
    type: _labels(RESOURCE_TYPES) | None = Field(None, description="Nature de la ressource, si elle est connue.")  # type: ignore[valid-type]
    language: Literal["fr", "en"] | None = Field(None, description="Langue de la ressource, si elle est connue.")
    publisher: Ref("organisations") | None = Field(None, description="Éditeur (identifiant d'organisation).")  # type: ignore[valid-type]
    year: Integer | None = Field(None, ge=1900, le=2100, description="Année de publication, si connue.")
    summary: RichText = Field(description="Résumé (Markdown permis).")
    sites: list[Ref("sites")] = Field(default_factory=list, description=(  # type: ignore[valid-type]
        "Sites concernés (identifiants de content/sites/) : la page de chaque site et son calendrier la listent "
        "d'eux-mêmes ; rien à ajouter dans la fiche du site."))
    topics: list[Topic] = Field(default_factory=list, description="Notions de l'approche abordées.")  # type: ignore[valid-type]



class Event(Sourced):
    file_name: ClassVar[str] = "event"  # schemas/event.schema.json, starters/event.yml
    label: ClassVar[str] = 'événement'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Événement'
    schema_description: ClassVar[str] = ('Une formation, une rencontre ou un temps fort, avec sa date ou '
                                         'sa période (dossier '
                          'content/events/).')

    title: Text = Field(description="Titre de l'événement.")
    date: When = Field(description="Date ou période : 2022-10, 2025-09-30, {start: 2025-10, end: 2026-06}.")
    timezone: Literal[TIMEZONES] = Field("Europe/Paris", description="Fuseau horaire du lieu.")  # type: ignore[valid-type]
    place: Name | None = Field(None, description="Lieu, si la source le donne.")
    organisers: list[Ref("organisations")] = Field(default_factory=list,  # type: ignore[valid-type]
                                   description="Organisateurs (identifiants de content/organisations/).")
    phase: Ref("phases") | None = Field(None, description="Phase du programme (identifiant de content/phases/).")  # type: ignore[valid-type]
    summary: RichText | None = Field(None, description="Présentation, d'après les sources (Markdown permis).")
    sites: list[Ref("sites")] = Field(default_factory=list, description=(  # type: ignore[valid-type]
        "Sites concernés (identifiants de content/sites/) : la page de chaque site et son calendrier le listent "
        "d'eux-mêmes ; rien à ajouter dans la fiche du site."))
    url: Url | None = Field(None, description="Page de l'événement, si une source la donne.")



class Phase(Sourced):
    file_name: ClassVar[str] = "phase"  # schemas/phase.schema.json, starters/phase.yml
    label: ClassVar[str] = 'phase'  # one record, as messages name it
    schema_title: ClassVar[str] = 'Phase du programme'
    schema_description: ClassVar[str] = ('Une période de la démarche : expérimentation, programme, '
                                         'formation… (dossier content/phases/).')

    name: Text = Field(description="Nom de la phase, avec ses années.")
    period: When = Field(description="Période : {start: 2022-04, end: 2023-06}, ou une année seule.")
    summary: RichText = Field(description="Ce qui s'y passe, d'après les sources (Markdown permis).")



class Lesson(Record):
    text: Text = Field(description="L'enseignement, formulé comme dans la source.")
    topic: Topic = Field(description="Condition ou notion de l'approche qu'elle illustre.")  # type: ignore[valid-type]


class Testimonial(Record):
    quote: Text = Field(description="Paroles des participants, citées telles quelles (français) et traduites.")
    speaker: Text = Field(description="Qui parle (sans inventer de nom).")
    topic: Topic | None = Field(None, description="Notion de l'approche qu'il illustre, s'il y a lieu.")  # type: ignore[valid-type]


class HistoryEntry(Sourced):
    file_name: ClassVar[str] = "history"  # schemas/history.schema.json, starters/history.yml
    label: ClassVar[str] = "entrée d'histoire"  # one record, as messages name it
    schema_title: ClassVar[str] = "Entrée de l'histoire apprenante"
    schema_description: ClassVar[str] = ("Un moment de l'histoire de la démarche, raconté d'après les "
                                         "sources, avec ses enseignements et "
                          'ses témoignages (dossier content/history/).')

    date: When = Field(description="Date ou période : 2022, 2022-04, 2022-04-15 ou {start: 2022-05, end: 2023-02}.")
    phase: Ref("phases") = Field(description="Phase du programme (identifiant de content/phases/).")  # type: ignore[valid-type]
    title: Text = Field(description="Titre de l'étape.")
    story: RichText = Field(description="Le récit, d'après les sources (Markdown permis).")
    lessons: list[Lesson] = Field(default_factory=list, description="Enseignements tirés de cette étape.")
    testimonials: list[Testimonial] = Field(default_factory=list,
                                            description="Témoignages cités par les sources.")
    sites: list[Ref("sites")] = Field(default_factory=list, description="Sites concernés (identifiants "  # type: ignore[valid-type]
                                                                        "de content/sites/).")



def citations(record: Record):
    """(loc, Citation) for every citation of a record: its sources and its continuum steps."""
    for index, citation in enumerate(getattr(record, "sources", [])):
        yield ("sources", index), citation
    for index, step in enumerate(getattr(record, "continuum", [])):
        yield ("continuum", index, "source"), step.source



# folder under content/ -> record class; the order is the order of loading and of the docs
KINDS: dict[str, type[Record]] = {
    "sources": SourceDocument,
    "organisations": Organisation,
    "contacts": Contact,
    "phases": Phase,
    "events": Event,
    "resources": Resource,
    "sites": Site,
    "history": HistoryEntry,
}
# ids a record cannot take because a page of the site already has that address
# (sites/index.md is the sites index)
RESERVED_IDS: dict[str, frozenset[str]] = {"sites": frozenset({"index"})}
