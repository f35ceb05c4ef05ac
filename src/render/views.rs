//! Typed views the templates see: one `Serialize` struct per page kind, built from the site by
//! reference, with every link already made relative to the page it appears on.

use super::Linker;
use crate::crosslink::{AzTarget, Site};
use crate::load::Level;
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

pub(crate) use super::care::{CareView, EmergencyGroupView};

/// Site-wide settings every template can use.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    /// The site's name.
    pub title: &'a str,
    /// One sentence about the site.
    pub description: &'a str,
    /// Content language (`lang` attribute).
    pub language: &'a str,
    /// The emergency number, e.g. "911".
    pub emergency_number: &'a str,
    /// Its `tel:` link target (digits only), e.g. `tel:911`.
    pub emergency_tel: String,
    /// The urgent (same day) service.
    pub urgent: UrgentView<'a>,
    /// The routine service's name, e.g. "your doctor".
    pub routine: &'a str,
    /// Where to report an error or ask a question, if the site says.
    pub contact: Option<ContactView<'a>>,
}

/// The urgent service, as templates show it.
#[derive(Serialize)]
pub(crate) struct UrgentView<'a> {
    /// Its name, e.g. "NHS 111".
    pub name: &'a str,
    /// Its phone number as written, if any.
    pub phone: Option<&'a str>,
    /// The phone number's `tel:` link target.
    pub tel: Option<String>,
    /// Its web address, if any.
    pub url: Option<&'a str>,
}

/// The footer's contact link.
#[derive(Serialize)]
pub(crate) struct ContactView<'a> {
    /// The address as written.
    pub text: &'a str,
    /// `mailto:` for an email address, else the URL.
    pub href: String,
}

/// A table of contents line.
#[derive(Serialize)]
pub(crate) struct TocEntry<'a> {
    /// 2 or 3.
    pub level: u8,
    /// The heading's text, with local services filled in.
    pub text: Cow<'a, str>,
    /// Its id.
    pub id: &'a str,
}

/// Links to the site's main pages, relative to the current page.
#[derive(Serialize)]
pub(crate) struct Nav {
    /// Home page.
    pub home: String,
    /// Symptoms index.
    pub symptoms: String,
    /// A to Z.
    pub a_to_z: String,
    /// Emergency signs page.
    pub emergency: String,
    /// The references page.
    pub references: String,
    /// The "about this guide" article, if the site has `articles/about.md`.
    pub about: Option<String>,
}

/// What every page has: the site, navigation, and its own title and description.
#[derive(Serialize)]
pub(crate) struct Common<'a> {
    /// Site-wide settings.
    pub site: SiteView<'a>,
    /// Relative path from this page to the site root (`""`, `"../"`, ...), for static assets.
    pub root: String,
    /// Main navigation.
    pub nav: Nav,
    /// The page's own title (without the site name).
    pub page_title: String,
    /// The meta description.
    pub description: String,
    /// Absolute canonical URL, when `base_url` is set.
    pub canonical: Option<String>,
    /// The page's address as printed on paper: the canonical URL, or without `base_url` the path
    /// from the site root (`/back-spasm/`).
    pub address: String,
    /// Structured data (JSON-LD), already escaped for a `<script>` element; `None` for none.
    pub json_ld: Option<String>,
    /// True when built for browsing from disk (links end in `index.html`).
    pub local: bool,
    /// On a page of a list split into pages: its pagination (also `<link rel>` in the head).
    pub pagination: Option<super::paging::PaginationView>,
    /// The site's languages, for the switcher and `hreflang` (empty in a site of one).
    pub languages: Vec<super::languages::LanguageLink>,
}

/// A link to an article, for lists.
#[derive(Serialize)]
pub struct ArticleRef<'a> {
    /// Title.
    pub title: &'a str,
    /// Description, with local services filled in.
    pub description: Cow<'a, str>,
    /// Relative link.
    pub href: String,
}

/// A term of any taxonomy of articles: the first one's (`Site::symptoms`) or a term set's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermAt {
    /// `Site::symptoms[i]`.
    Symptom(usize),
    /// `Site::term_sets[set].terms[i]`.
    Term(usize, usize),
}

impl TermAt {
    /// The term itself.
    pub(crate) fn of(self, site: &Site) -> &crate::crosslink::Symptom {
        match self {
            TermAt::Symptom(i) => &site.symptoms[i],
            TermAt::Term(set, i) => &site.term_sets[set].terms[i],
        }
    }

    /// Its taxonomy's plain name for headings: "Symptoms", "Body systems".
    pub(crate) fn label(self, site: &Site) -> String {
        match self {
            TermAt::Symptom(_) => symptoms_label(&site.config),
            TermAt::Term(set, _) => site.term_sets[set].label(),
        }
    }
}

/// A link to a symptom page.
#[derive(Clone, Serialize)]
pub struct SymptomRef<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Plain name.
    pub name: &'a str,
    /// How urgent: "routine", "urgent" or "emergency".
    pub level: Level,
    /// Relative link.
    pub href: String,
}

/// A link to a term of one of the site's other taxonomies of articles.
#[derive(Serialize)]
pub struct TermRef<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Plain name.
    pub name: &'a str,
    /// Relative link.
    pub href: String,
}

/// An article's terms in one taxonomy.
#[derive(Serialize)]
pub struct ArticleTerms<'a> {
    /// The taxonomy's name, e.g. `treatments`.
    pub taxonomy: &'a str,
    /// Its plain name, e.g. `Treatments`.
    pub label: String,
    /// Link to the page listing its terms.
    pub href: String,
    /// The terms, in slug order.
    pub terms: Vec<TermRef<'a>>,
}

/// One entry of a taxonomy's index page.
#[derive(Serialize)]
pub(crate) struct TermSummary<'a> {
    /// Link to the term.
    #[serde(flatten)]
    pub term: TermRef<'a>,
    /// Other names.
    pub aka: &'a [String],
    /// Description.
    pub description: &'a str,
    /// Number of articles that name it.
    pub count: usize,
}

/// A term's page in one of the site's other taxonomies of articles.
#[derive(Serialize)]
pub(crate) struct TermPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// The taxonomy's name, e.g. `treatments`.
    pub taxonomy: &'a str,
    /// Its plain name, e.g. `Treatments`.
    pub label: String,
    /// Link to the page listing its terms.
    pub index_href: String,
    /// Plain name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Other names.
    pub aka: &'a [String],
    /// Description.
    pub term_description: &'a str,
    /// The articles that name it, by title.
    pub articles: Vec<ArticleRef<'a>>,
    /// The shared care advice tagged with this term (its taxonomy's key in `care.toml`).
    pub care: CareView<'a>,
    /// True when any care list has items.
    pub has_care: bool,
}

/// The page listing every term of one of the site's other taxonomies of articles.
#[derive(Serialize)]
pub(crate) struct TermIndexPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// The taxonomy's name, e.g. `treatments`.
    pub taxonomy: &'a str,
    /// Its plain name, e.g. `Treatments`.
    pub label: String,
    /// Every term, by name.
    pub terms: Vec<TermSummary<'a>>,
}

/// A date in both forms.
#[derive(Serialize)]
pub(crate) struct DateView {
    /// `2026-11-21`, for `<time datetime>`.
    pub iso: String,
    /// `November 21, 2026` (in the site's language), for people.
    pub long: String,
}

impl DateView {
    /// `d` in both forms, the long one in `dates`' language.
    pub(crate) fn of(d: crate::date::Date, dates: &crate::date::LongDates) -> Self {
        DateView {
            iso: d.to_string(),
            long: dates.long(d),
        }
    }
}

/// One breadcrumb step.
#[derive(Serialize)]
pub(crate) struct Crumb {
    /// Label.
    pub name: String,
    /// Relative link; `None` for the current page.
    pub href: Option<String>,
}

/// The article page.
#[derive(Serialize)]
pub(crate) struct ArticlePage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// Title.
    pub title: &'a str,
    /// Other names.
    pub aliases: &'a [String],
    /// Last change to the content.
    pub updated: DateView,
    /// The review, only when `reviewed` and `reviewed_by` say one took place.
    pub review: Option<super::references::ReviewView>,
    /// The change log, newest first.
    pub changes: Vec<super::references::ChangeView<'a>>,
    /// The rendered Markdown body (HTML), whole (without the `{{care}}` marker).
    pub body: Html,
    /// The body up to where the care cards go (see `care::split_for_care`).
    pub body_before_care: Html,
    /// The rest of the body, after the care cards.
    pub body_after_care: Html,
    /// Level-2 and level-3 headings, for the table of contents.
    pub toc: Vec<TocEntry<'a>>,
    /// The article's symptoms.
    pub symptoms: Vec<SymptomRef<'a>>,
    /// The article's terms in each of the site's other taxonomies of articles (those it names
    /// none of are left out).
    pub taxonomies: Vec<ArticleTerms<'a>>,
    /// "When to get help" lists.
    pub care: CareView<'a>,
    /// True when any care list has items.
    pub has_care: bool,
    /// The numbered reference list.
    pub references: Vec<super::references::ReferenceView<'a>>,
    /// Related articles, best first.
    pub related: Vec<ArticleRef<'a>>,
    /// Articles that link here.
    pub backlinks: Vec<ArticleRef<'a>>,
    /// True for a draft (only built with --drafts).
    pub draft: bool,
    /// On a translation: its original, and whether it is out of date.
    pub translation: Option<super::languages::TranslationNotice>,
}

/// A part of a text of HTML made once (an article's body), shown as a string. In a page's
/// fingerprint (see [`super::fingerprint_of`]) it stands as the digest of what the text was made
/// from, when that is known, rather than as its many bytes.
#[derive(Debug, Clone)]
pub(crate) struct Html {
    text: Arc<str>,
    range: Range<usize>,
    made_from: Option<u64>,
}

impl Html {
    /// The part `range` of `text`, made from inputs whose digest is `made_from`, if known.
    pub(crate) fn part(text: &Arc<str>, range: Range<usize>, made_from: Option<u64>) -> Self {
        Html {
            text: text.clone(),
            range,
            made_from,
        }
    }

    /// The text shown.
    pub(crate) fn as_str(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }
}

impl Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.made_from {
            Some(digest) if super::fingerprinting() => {
                (digest, self.range.start, self.range.end).serialize(serializer)
            }
            _ => serializer.serialize_str(self.as_str()),
        }
    }
}

/// A symptom that often appears with another, and on how many articles.
#[derive(Serialize)]
pub(crate) struct SeenWith<'a> {
    /// The other symptom.
    pub symptom: SymptomRef<'a>,
    /// Articles they share.
    pub count: usize,
}

/// A symptom page.
#[derive(Serialize)]
pub(crate) struct SymptomPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// Plain name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Other names.
    pub aka: &'a [String],
    /// Description.
    pub symptom_description: &'a str,
    /// How urgent.
    pub level: Level,
    /// Articles tagged with it, by title: those on this page of them.
    pub articles: Vec<ArticleRef<'a>>,
    /// How many articles are tagged with it in all.
    pub article_count: usize,
    /// True on the first page of its articles (the only one showing "often seen with").
    pub first_page: bool,
    /// Symptoms that most often share an article with it.
    pub seen_with: Vec<SeenWith<'a>>,
    /// The same as a bar chart (inline SVG, already escaped); empty when `seen_with` is.
    pub seen_with_chart: String,
    /// The shared care advice tagged with this symptom.
    pub care: CareView<'a>,
    /// True when any care list has items.
    pub has_care: bool,
}

/// One entry of the symptoms index.
#[derive(Serialize)]
pub struct SymptomSummary<'a> {
    /// Link to the symptom.
    #[serde(flatten)]
    pub symptom: SymptomRef<'a>,
    /// Other names.
    pub aka: &'a [String],
    /// Description.
    pub description: &'a str,
    /// Number of articles tagged with it.
    pub count: usize,
}

/// A link to a body region page, for the back map and its text list.
#[derive(Serialize)]
pub struct RegionRef<'a> {
    /// Slug, e.g. `lower-back`.
    pub slug: &'a str,
    /// Plain name.
    pub name: &'a str,
    /// Relative link.
    pub href: String,
    /// Number of symptoms felt there.
    pub count: usize,
    /// The SVG path of its shape on the back map.
    pub shape: &'a str,
    /// The leader line to its label: x1, y1, x2, y2.
    pub leader: [i32; 4],
    /// Where its label starts: x, y.
    pub label_at: [i32; 2],
    /// The label on the map in lines (empty: `name` on one line).
    pub label_lines: &'a [String],
}

/// A body region page.
#[derive(Serialize)]
pub(crate) struct RegionPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// Plain name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// The symptoms felt there, by name.
    pub symptoms: Vec<SymptomSummary<'a>>,
    /// The articles covering the most of them (at most `REGION_ARTICLE_LIMIT`).
    pub articles: Vec<ArticleRef<'a>>,
    /// How many articles are about any of them.
    pub article_count: usize,
    /// Every region, for the back map.
    pub regions: Vec<RegionRef<'a>>,
}

/// The symptoms index page.
#[derive(Serialize)]
pub(crate) struct SymptomsIndexPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// Every symptom, by name.
    pub symptoms: Vec<SymptomSummary<'a>>,
    /// Every region, for the back map.
    pub regions: Vec<RegionRef<'a>>,
}

/// One A to Z line.
#[derive(Serialize)]
pub struct AzLine<'a> {
    /// Name shown.
    pub label: &'a str,
    /// Link to the page.
    pub href: String,
    /// For another name: the main name it stands for.
    pub see: Option<&'a str>,
    /// "article", "symptom", "region", or the name of another taxonomy.
    pub kind: &'a str,
    /// Other pages with the same name, linked from the same line.
    pub also: Vec<AzAlso<'a>>,
}

/// Another page with the same name as an A to Z line.
#[derive(Serialize)]
pub struct AzAlso<'a> {
    /// Link to the page.
    pub href: String,
    /// "article", "symptom", "region", or the name of another taxonomy.
    pub kind: &'a str,
}

/// One letter of the A to Z.
#[derive(Serialize)]
pub struct AzLetter<'a> {
    /// `A`..`Z` or `#`.
    pub letter: char,
    /// Fragment id of the letter's section (`letter-b`; `letter-b-continued` on a later page
    /// of the A to Z than the one it starts on).
    pub id: String,
    /// True when the letter's entries started on an earlier page.
    pub continued: bool,
    /// Entries under it; empty letters are listed for navigation but have none.
    pub entries: Vec<AzLine<'a>>,
}

/// The A to Z page.
#[derive(Serialize)]
pub(crate) struct AToZPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// `#`, then A to Z, each with its entries on this page (possibly none).
    pub letters: Vec<AzLetter<'a>>,
    /// Every letter, linked to the page holding its first entry, for navigation.
    pub letter_nav: Vec<AzNavLetter>,
}

/// A letter in the A to Z's letter navigation.
#[derive(Serialize)]
pub(crate) struct AzNavLetter {
    /// `A`..`Z` or `#`.
    pub letter: char,
    /// Link to its section; `None` when no entry starts with it.
    pub href: Option<String>,
}

/// An emergency-level term (of any taxonomy that sets `emergency`), with its articles.
#[derive(Serialize)]
pub(crate) struct EmergencySymptom<'a> {
    /// Link to the term.
    #[serde(flatten)]
    pub symptom: SymptomRef<'a>,
    /// Its taxonomy's plain name, e.g. "Symptoms" or "Treatments".
    pub taxonomy: String,
    /// Description.
    pub description: &'a str,
    /// Articles about it.
    pub articles: Vec<ArticleRef<'a>>,
}

/// The emergency signs page.
#[derive(Serialize)]
pub(crate) struct EmergencyPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Breadcrumb trail.
    pub breadcrumbs: Vec<Crumb>,
    /// Every emergency-level term of each taxonomy that sets `emergency`: the taxonomies in
    /// `site.toml`'s order, each one's terms by name.
    pub symptoms: Vec<EmergencySymptom<'a>>,
    /// Every emergency sign once, grouped.
    pub groups: Vec<EmergencyGroupView<'a>>,
}

/// The home page.
#[derive(Serialize)]
pub(crate) struct HomePage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// Every article, by title, when they fit within `HOME_ARTICLE_LIMIT`; else none.
    pub articles: Vec<ArticleRef<'a>>,
    /// When they do not: the main topics (the articles covering the most symptoms).
    pub main_topics: Vec<ArticleRef<'a>>,
    /// And the most recently updated of the others.
    pub recent: Vec<ArticleRef<'a>>,
    /// How many articles the site has.
    pub article_count: usize,
    /// Every symptom, by name.
    pub symptoms: Vec<SymptomSummary<'a>>,
    /// Emergency-level terms, as on the emergency page.
    pub emergency_symptoms: Vec<SymptomRef<'a>>,
    /// Every region, for the back map.
    pub regions: Vec<RegionRef<'a>>,
    /// The finder's form: `finder`, `finder_emergency` and `finder_words`.
    #[serde(flatten)]
    pub finder: super::finder_form::FinderForm<'a>,
}

/// The 404 page: only the shared data.
#[derive(Serialize)]
pub(crate) struct NotFoundPage<'a> {
    /// Shared page data.
    #[serde(flatten)]
    pub common: Common<'a>,
}

/// Builds the small reusable views from the site.
impl Linker<'_> {
    /// A link to article `i`.
    pub fn article_ref<'s>(&self, site: &'s Site, i: usize) -> ArticleRef<'s> {
        super::reuse::note(super::reuse::Read::Article(i));
        let a = &site.articles[i];
        ArticleRef {
            title: &a.front.title,
            description: self.description(&site.config, a, i),
            href: self.href(&a.url),
        }
    }

    /// A link to symptom `i`.
    pub fn symptom_ref<'s>(&self, site: &'s Site, i: usize) -> SymptomRef<'s> {
        let s = &site.symptoms[i];
        SymptomRef {
            slug: &s.slug,
            name: &s.name,
            level: s.level,
            href: self.href(&symptom_url(&site.config, &s.slug)),
        }
    }

    /// A link to `term`, a term of the taxonomy of articles or of a term set, with its level.
    pub(crate) fn any_term_ref<'s>(&self, site: &'s Site, term: TermAt) -> SymptomRef<'s> {
        match term {
            TermAt::Symptom(i) => self.symptom_ref(site, i),
            TermAt::Term(set, i) => {
                let t = &site.term_sets[set].terms[i];
                SymptomRef {
                    slug: &t.slug,
                    name: &t.name,
                    level: t.level,
                    href: self.href(&site.term_sets[set].term_url(&t.slug)),
                }
            }
        }
    }

    /// A summary of symptom `i` for indexes.
    pub fn symptom_summary<'s>(&self, site: &'s Site, i: usize) -> SymptomSummary<'s> {
        super::reuse::note(super::reuse::Read::Lists);
        let s = &site.symptoms[i];
        SymptomSummary {
            symptom: self.symptom_ref(site, i),
            aka: &s.aka,
            description: &s.description,
            count: s.articles.len(),
        }
    }

    /// A link to term `i` of term set `set`.
    pub fn term_ref<'s>(&self, site: &'s Site, set: usize, i: usize) -> TermRef<'s> {
        let terms = &site.term_sets[set];
        let t = &terms.terms[i];
        TermRef {
            slug: &t.slug,
            name: &t.name,
            href: self.href(&terms.term_url(&t.slug)),
        }
    }

    /// Article `a`'s terms in each of the site's other taxonomies that it names terms of.
    pub fn article_terms<'s>(&self, site: &'s Site, a: usize) -> Vec<ArticleTerms<'s>> {
        site.term_sets
            .iter()
            .enumerate()
            .filter_map(|(set, terms)| {
                let mine = terms.per_article.get(a).filter(|m| !m.is_empty())?;
                Some(ArticleTerms {
                    taxonomy: &terms.taxonomy.name,
                    label: terms.label(),
                    href: self.href(&terms.index_url()),
                    terms: mine.iter().map(|&i| self.term_ref(site, set, i)).collect(),
                })
            })
            .collect()
    }

    /// Every body region, top to bottom, for the back map.
    pub fn regions<'s>(&self, site: &'s Site) -> Vec<RegionRef<'s>> {
        site.regions
            .iter()
            .map(|r| RegionRef {
                slug: &r.slug,
                name: &r.name,
                href: self.href(&region_url(&site.config, &r.slug)),
                count: r.symptoms.len(),
                shape: &r.map.shape,
                leader: r.map.leader,
                label_at: r.map.label_at,
                label_lines: &r.map.label_lines,
            })
            .collect()
    }

    /// The A to Z entries at `order` (indexes into `site.a_to_z`, in the order shown),
    /// grouped by letter, with every letter present; `continued` says which letters started
    /// before the first of them (on an earlier page).
    pub fn a_to_z<'s>(
        &self,
        site: &'s Site,
        order: &[usize],
        continued: impl Fn(char) -> bool,
    ) -> Vec<AzLetter<'s>> {
        let mut letters: Vec<AzLetter<'s>> = std::iter::once('#')
            .chain('A'..='Z')
            .map(|letter| {
                let continued = continued(letter);
                let id = letter_id(letter);
                AzLetter {
                    letter,
                    id: if continued {
                        format!("{id}-continued")
                    } else {
                        id
                    },
                    continued,
                    entries: Vec::new(),
                }
            })
            .collect();
        let page = |target: AzTarget| match target {
            AzTarget::Article(i) => {
                super::reuse::note(super::reuse::Read::Article(i));
                let a = &site.articles[i];
                (self.href(&a.url), a.front.title.as_str(), "article")
            }
            AzTarget::Symptom(i) => (
                self.href(&symptom_url(&site.config, &site.symptoms[i].slug)),
                site.symptoms[i].name.as_str(),
                "symptom",
            ),
            AzTarget::Region(i) => (
                self.href(&region_url(&site.config, &site.regions[i].slug)),
                site.regions[i].name.as_str(),
                "region",
            ),
            AzTarget::Term(set, i) => {
                let terms = &site.term_sets[set];
                (
                    self.href(&terms.term_url(&terms.terms[i].slug)),
                    terms.terms[i].name.as_str(),
                    terms.taxonomy.name.as_str(),
                )
            }
        };
        for entry in order.iter().filter_map(|&i| site.a_to_z.get(i)) {
            let (href, main, kind) = page(entry.target);
            let also = entry
                .also
                .iter()
                .map(|&t| {
                    let (href, _, kind) = page(t);
                    AzAlso { href, kind }
                })
                .collect();
            letters[super::paging::letter_slot(entry.letter)]
                .entries
                .push(AzLine {
                    label: &entry.label,
                    href,
                    see: entry.is_other_name.then_some(main),
                    kind,
                    also,
                });
        }
        letters
    }
}

/// The URL of a symptom page: `<segment>/<slug>/`, the segment of the taxonomy of articles.
pub(crate) fn symptom_url(config: &crate::config::SiteConfig, slug: &str) -> String {
    format!("{}/{slug}/", config.article_taxonomy().segment)
}

/// The URL of the page listing every symptom.
pub(crate) fn symptoms_url(config: &crate::config::SiteConfig) -> String {
    symptom_url(config, "").replace("//", "/")
}

/// The URL of a body region page: `<segment>/<slug>/`, the segment of the map taxonomy.
pub(crate) fn region_url(config: &crate::config::SiteConfig, slug: &str) -> String {
    let segment = config
        .map_taxonomy()
        .map_or("regions", |t| t.segment.as_str());
    format!("{segment}/{slug}/")
}

/// The plain name of the taxonomy of articles for breadcrumbs, e.g. "Symptoms".
pub(crate) fn symptoms_label(config: &crate::config::SiteConfig) -> String {
    let name = config.article_taxonomy().name.replace('-', " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// The fragment id of an A to Z letter section.
pub(crate) fn letter_id(letter: char) -> String {
    if letter == '#' {
        "other".to_string()
    } else {
        format!("letter-{}", letter.to_ascii_lowercase())
    }
}
