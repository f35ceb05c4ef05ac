//! Building each page kind's view from the site: the data a template sees, with links made
//! relative to the page, and the page's structured data.

use super::chart::{Bar, BarChart};
use super::jsonld::{self, Step};
use super::paging::{self, Anchor, PaginationView};
use super::views::*;
use super::{Linker, Page, Renderer};
use crate::config::RawHtml;
use crate::crosslink::{Site, Target};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Arg, Translations};
use crate::load::Level;
use crate::placeholder::{fill, tel_href};

/// A breadcrumb step before rendering: a label and a URL from the site root (`None`: this page).
type TrailStep = (String, Option<String>);

/// The most articles the home page lists. A site with more shows its main topics and its most
/// recent updates (half of this each) and links on to the A to Z, the symptoms and the finder.
pub(super) const HOME_ARTICLE_LIMIT: usize = 40;

/// A page of a list: which (0-based) and of how many.
#[derive(Debug, Clone, Copy)]
pub(super) struct Part {
    pub index: usize,
    pub count: usize,
}

impl Part {
    /// Part `index` of a list of `items` entries, `size` a page.
    pub(super) fn of(index: usize, items: usize, size: usize) -> Part {
        Part {
            index,
            count: paging::page_count(items, size),
        }
    }

    /// `title`, with the page number when the list has several pages.
    pub(super) fn title(&self, ui: &Translations, title: &str) -> String {
        if self.count > 1 {
            ui.program_text(
                "page-numbered-title",
                &[
                    ("title", Arg::Text(title.to_string())),
                    ("number", Arg::Number((self.index + 1) as f64)),
                    ("count", Arg::Number(self.count as f64)),
                ],
            )
        } else {
            title.to_string()
        }
    }

    /// The end of a breadcrumb trail for the list called `name` at `base`: the list itself, or
    /// on a later page a link to the list and then the page.
    pub(super) fn trail_end(&self, ui: &Translations, name: &str, base: &str) -> Vec<TrailStep> {
        if self.index == 0 {
            vec![(name.to_string(), None)]
        } else {
            vec![
                (name.to_string(), Some(base.to_string())),
                (
                    ui.program_text(
                        "page-number",
                        &[("number", Arg::Number((self.index + 1) as f64))],
                    ),
                    None,
                ),
            ]
        }
    }

    /// The pagination, labelled `label`, for the list at `base`.
    pub(super) fn view(
        &self,
        linker: &Linker<'_>,
        label: &str,
        base: &str,
    ) -> Option<PaginationView> {
        paging::pagination(label.to_string(), base, self.index, self.count, |url| {
            linker.href(url)
        })
    }
}

pub(super) type ContextResult<'v> = Result<super::View<'v>, tera::Error>;

/// The first breadcrumb step of every trail.
pub(super) fn home_step(ui: &Translations) -> TrailStep {
    (ui.program_text("page-home", &[]), Some(String::new()))
}

/// The breadcrumb trail for the template.
fn crumbs(linker: &Linker<'_>, steps: &[TrailStep]) -> Vec<Crumb> {
    steps
        .iter()
        .map(|(name, url)| Crumb {
            name: name.clone(),
            href: url.as_ref().map(|u| linker.href(u)),
        })
        .collect()
}

impl<'a> Renderer<'a> {
    /// What every page shares.
    pub(super) fn common(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        page_title: String,
        description: String,
    ) -> Common<'a> {
        let config = &self.site.config;
        let about = self.about_url.as_deref().map(|url| linker.href(url));
        let canonical = self.base_url.as_ref().map(|b| format!("{b}{}", page.url));
        Common {
            site: SiteView {
                title: &config.title,
                description: &config.description,
                language: &config.language,
                emergency_number: &config.emergency_number,
                emergency_tel: tel_href(&config.emergency_number),
                urgent: UrgentView {
                    name: &config.urgent_service.name,
                    phone: config.urgent_service.phone.as_deref(),
                    tel: config.urgent_service.phone.as_deref().map(tel_href),
                    url: config.urgent_service.url.as_deref(),
                },
                routine: &config.routine_service.name,
                contact: config.contact.as_deref().map(|c| ContactView {
                    text: c,
                    href: crate::config::contact_href(c),
                }),
            },
            root: linker.root().to_string(),
            nav: Nav {
                home: linker.href(""),
                symptoms: linker.href(&symptoms_url(&self.site.config)),
                a_to_z: linker.href("a-z/"),
                emergency: linker.href("emergency/"),
                references: linker.href(super::references::REFERENCES_URL),
                about,
            },
            page_title,
            description,
            address: canonical
                .clone()
                .unwrap_or_else(|| format!("/{}", page.url)),
            languages: self
                .languages
                .links(linker, &page.url, self.base_url.as_deref()),
            canonical,
            local: self.options.local,
            json_ld: None,
            pagination: None,
        }
    }

    /// The breadcrumb trail for the template and, as a `BreadcrumbList`, for the JSON-LD.
    pub(super) fn trail(
        &self,
        linker: &Linker<'_>,
        steps: &[TrailStep],
    ) -> (Vec<Crumb>, Option<String>) {
        (
            crumbs(linker, steps),
            jsonld::breadcrumbs(&self.json_steps(linker, steps)),
        )
    }

    /// Breadcrumb steps for JSON-LD: absolute addresses with `base_url`, else relative links.
    fn json_steps<'s>(&self, linker: &Linker<'_>, steps: &'s [TrailStep]) -> Vec<Step<'s>> {
        steps
            .iter()
            .map(|(name, url)| Step {
                name,
                url: url.as_ref().map(|u| self.address_of(linker, u)),
            })
            .collect()
    }

    /// The address of `url` (from the site root) for structured data.
    fn address_of(&self, linker: &Linker<'_>, url: &str) -> String {
        match &self.base_url {
            Some(base) => format!("{base}{url}"),
            None => linker.href(url),
        }
    }

    pub(super) fn home(&self, linker: &Linker<'_>, page: &Page) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let common = self.common(
            linker,
            page,
            site.config.title.clone(),
            site.config.description.clone(),
        );
        let refs = |list: Vec<usize>| {
            list.into_iter()
                .map(|i| linker.article_ref(site, i))
                .collect()
        };
        let (articles, main_topics, recent) = if site.articles.len() <= HOME_ARTICLE_LIMIT {
            (refs(site.by_title.to_vec()), Vec::new(), Vec::new())
        } else {
            let (main, recent) = home_selection(site);
            (Vec::new(), refs(main), refs(recent))
        };
        self.serialize(HomePage {
            common,
            articles,
            main_topics,
            recent,
            article_count: site.articles.len(),
            symptoms: self
                .symptoms_by_name()
                .map(|i| linker.symptom_summary(site, i))
                .collect(),
            emergency_symptoms: self
                .emergency_terms()
                .into_iter()
                .map(|at| linker.any_term_ref(site, at))
                .collect(),
            regions: linker.regions(site),
            finder: super::finder_form::form(linker, site),
        })
    }

    pub(super) fn article(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        i: usize,
    ) -> Result<ContextResult<'a>, Diagnostic> {
        let site = self.site;
        let article = &site.articles[i];
        let links = &site.links[i];
        let front = &article.front;
        let ((whole, split), made_from) = self.article_body(linker, i);
        let part = |range| Html::part(&whole, range, made_from);
        let body = part(0..whole.len());
        let (body_before_care, body_after_care) = (part(0..split), part(split..whole.len()));
        let steps: Vec<TrailStep> = vec![home_step(&self.ui), (front.title.clone(), None)];
        let breadcrumbs = crumbs(linker, &steps);
        let json_steps = self.json_steps(linker, &steps);
        let description = fill(&site.config, &front.description);
        let mut common = self.common(linker, page, front.title.clone(), description.to_string());
        let term_set = symptoms_label(&site.config);
        common.json_ld = Some(jsonld::article(&jsonld::ArticleData {
            about_page: Some(&article.key) == site.config.about.as_ref(),
            name: &front.title,
            description: &description,
            language: &site.config.language,
            site_name: &site.config.title,
            url: common.canonical.as_deref(),
            date_modified: front.updated.to_string(),
            last_reviewed: front.reviewed.map(|r| r.to_string()),
            aliases: &front.aliases,
            terms: links
                .symptoms
                .iter()
                .map(|&s| jsonld::Term {
                    name: &site.symptoms[s].name,
                    url: self
                        .address_of(linker, &symptom_url(&site.config, &site.symptoms[s].slug)),
                })
                .collect(),
            term_kind: match site.config.article_taxonomy().is_symptoms() {
                true => jsonld::TermKind::Symptoms,
                false => jsonld::TermKind::Defined(&term_set),
            },
            further: self.further_terms(linker, i),
            breadcrumbs: &json_steps,
            citations: self.article_citations(i),
        }));
        Ok(self.serialize(ArticlePage {
            common,
            breadcrumbs,
            title: &front.title,
            aliases: &front.aliases,
            updated: super::views::DateView::of(front.updated, &self.dates),
            review: self.article_review(i),
            changes: self.article_changes(i),
            body,
            body_before_care,
            body_after_care,
            toc: article
                .outline
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| TocEntry {
                    level: h.level,
                    text: fill(&site.config, &h.text),
                    id: &h.id,
                })
                .collect(),
            symptoms: links
                .symptoms
                .iter()
                .map(|&s| linker.symptom_ref(site, s))
                .collect(),
            taxonomies: linker.article_terms(site, i),
            has_care: !front.care.is_empty(),
            references: self.article_references(i),
            care: self.article_care(i),
            related: links
                .related
                .iter()
                .map(|&r| linker.article_ref(site, r))
                .collect(),
            backlinks: links
                .backlinks
                .iter()
                .map(|&b| linker.article_ref(site, b))
                .collect(),
            draft: front.draft,
            translation: self.languages.notice(linker, &article.key, &article.url),
        }))
    }

    /// The article's Markdown as HTML, links rewritten for this page, raw HTML made safe; taken
    /// from the renderer's memo when everything it is made from is as it was. With a memo, also
    /// the digest of everything it is made from (the configuration's included).
    fn article_body(&self, linker: &Linker<'_>, i: usize) -> (super::Body, Option<u64>) {
        let Some(memo) = self.memo else {
            return (body_parts(&self.convert_body(linker, i)), None);
        };
        let site = self.site;
        let article = &site.articles[i];
        let rewrite = self.body_links(linker, i);
        let mut digest = super::Digest::default();
        std::hash::Hash::hash(&article.body, &mut digest);
        for dest in site.links[i].targets.keys() {
            std::hash::Hash::hash(&(dest, rewrite(dest)), &mut digest);
        }
        std::hash::Hash::hash(&site.references.per_article[i], &mut digest);
        let inputs = match super::digest_of(&article.outline.headings) {
            Ok(headings) => std::hash::Hasher::finish(&digest) ^ headings,
            Err(_) => return (body_parts(&self.convert_body(linker, i)), None),
        };
        let made_from = Some(inputs ^ memo.salt().rotate_left(17));
        if let Some(body) = memo.get(&article.key, inputs) {
            return (body, made_from);
        }
        let body = body_parts(&self.convert_body(linker, i));
        memo.put(&article.key, inputs, body.clone());
        (body, made_from)
    }

    /// Where each link of article `i` leads from the page `linker` is for (`None`: unchanged).
    fn body_links<'l>(
        &'l self,
        linker: &'l Linker<'_>,
        i: usize,
    ) -> impl Fn(&str) -> Option<String> + 'l {
        let site = self.site;
        let targets = &site.links[i].targets;
        move |dest: &str| -> Option<String> {
            match targets.get(dest)? {
                // Only the target's URL is read, which its file's name gives (`url_for_key`):
                // `reuse` keeps no view across a change of any article's file name, so this is
                // not a read of the article. Its headings (the fragment) are this article's
                // cross-links, which `reuse` compares.
                Target::Article { index, fragment } => {
                    let href = linker.href(&site.articles[*index].url);
                    Some(match fragment {
                        Some(f) => format!("{href}#{f}"),
                        None => href,
                    })
                }
                Target::Elsewhere { url, fragment } => {
                    let href = linker.href(url);
                    Some(match fragment {
                        Some(f) => format!("{href}#{f}"),
                        None => href,
                    })
                }
                Target::Static(file, suffix) => Some(format!("{}{file}{suffix}", linker.root())),
                Target::Anchor(_) | Target::External => None,
            }
        }
    }

    /// `article_body`'s HTML made afresh.
    fn convert_body(&self, linker: &Linker<'_>, i: usize) -> String {
        let site = self.site;
        let article = &site.articles[i];
        let rewrite = self.body_links(linker, i);
        let label = self
            .ui
            .program_text("cite-label", &[("number", Arg::Text("{number}".into()))]);
        let mut marks = super::references::CiteMarks::new(&site.references.per_article[i], &label);
        let services = |text: &str| fill(&site.config, text).into_owned();
        let body = crate::markdown::to_html_cited(
            &article.body,
            &article.outline.headings,
            &rewrite,
            &mut |ids| marks.mark(ids),
            &services,
        );
        // A body with raw HTML or a link the sanitizer might change goes through it; one made
        // only of escaped Markdown needs none (`BodyHtml::trusted`; the test
        // `trusted_bodies_lose_nothing_to_the_sanitizer` checks that it would remove nothing).
        match site.config.raw_html {
            RawHtml::Sanitize if !body.trusted => super::templates::sanitize(&body.html),
            RawHtml::Sanitize | RawHtml::Allow => body.html,
        }
    }

    pub(super) fn symptom(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        i: usize,
        part: usize,
    ) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Symptom(i));
        let site = self.site;
        let s = &site.symptoms[i];
        let size = site.config.page_size;
        let part = Part::of(part, s.articles.len(), size);
        let base = symptom_url(&site.config, &s.slug);
        let description = if s.description.is_empty() {
            format!(
                "Articles about {} and what it can mean.",
                s.name.to_lowercase()
            )
        } else {
            s.description.clone()
        };
        let mut steps = vec![
            home_step(&self.ui),
            (
                symptoms_label(&site.config),
                Some(symptoms_url(&site.config)),
            ),
        ];
        steps.extend(part.trail_end(&self.ui, &s.name, &base));
        let (breadcrumbs, json_ld) = self.trail(linker, &steps);
        let mut common = self.common(linker, page, part.title(&self.ui, &s.name), description);
        common.json_ld = json_ld;
        common.pagination = part.view(
            linker,
            &self.ui.program_text(
                "pages-of-articles-about",
                &[("symptom", Arg::Text(s.name.to_lowercase()))],
            ),
            &base,
        );
        let care = self.symptom_care(i);
        self.serialize(SymptomPage {
            common,
            breadcrumbs,
            name: &s.name,
            slug: &s.slug,
            aka: &s.aka,
            symptom_description: &s.description,
            level: s.level,
            articles: s.articles[paging::page_range(part.index, s.articles.len(), size)]
                .iter()
                .map(|&a| linker.article_ref(site, a))
                .collect(),
            article_count: s.articles.len(),
            first_page: part.index == 0,
            seen_with: s
                .seen_with
                .iter()
                .map(|&(other, count)| SeenWith {
                    symptom: linker.symptom_ref(site, other),
                    count,
                })
                .collect(),
            seen_with_chart: seen_with_chart(site, i),
            has_care: !care.is_empty(),
            care,
        })
    }

    pub(super) fn symptoms_index(&self, linker: &Linker<'_>, page: &Page) -> ContextResult<'a> {
        let site = self.site;
        let label = symptoms_label(&site.config);
        let (breadcrumbs, json_ld) =
            self.trail(linker, &[home_step(&self.ui), (label.clone(), None)]);
        let mut common = self.common(
            linker,
            page,
            label,
            format!(
                "Every {} {} covers, with the articles about each.",
                site.config.article_taxonomy().noun(),
                site.config.title
            ),
        );
        common.json_ld = json_ld;
        self.serialize(SymptomsIndexPage {
            common,
            breadcrumbs,
            symptoms: self
                .symptoms_by_name()
                .map(|i| linker.symptom_summary(site, i))
                .collect(),
            regions: linker.regions(site),
        })
    }

    /// The page of term `i` of the site's term set `set`.
    pub(super) fn term(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        set: usize,
        i: usize,
    ) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let terms = &site.term_sets[set];
        let t = &terms.terms[i];
        let label = terms.label();
        let (breadcrumbs, json_ld) = self.trail(
            linker,
            &[
                home_step(&self.ui),
                (label.clone(), Some(terms.index_url())),
                (t.name.clone(), None),
            ],
        );
        let description = if t.description.is_empty() {
            format!("Articles about {}.", t.name.to_lowercase())
        } else {
            t.description.clone()
        };
        let mut common = self.common(linker, page, t.name.clone(), description);
        common.json_ld = json_ld;
        let care = self.term_care(set, i);
        self.serialize(TermPage {
            common,
            breadcrumbs,
            taxonomy: &terms.taxonomy.name,
            label,
            index_href: linker.href(&terms.index_url()),
            name: &t.name,
            slug: &t.slug,
            aka: &t.aka,
            term_description: &t.description,
            articles: t
                .articles
                .iter()
                .map(|&a| linker.article_ref(site, a))
                .collect(),
            has_care: !care.is_empty(),
            care,
        })
    }

    /// The page listing every term of the site's term set `set`, by name.
    pub(super) fn term_index(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        set: usize,
    ) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let terms = &site.term_sets[set];
        let label = terms.label();
        let (breadcrumbs, json_ld) =
            self.trail(linker, &[home_step(&self.ui), (label.clone(), None)]);
        let mut common = self.common(
            linker,
            page,
            label.clone(),
            format!(
                "Every entry of {} in {}, with the articles about each.",
                label.to_lowercase(),
                site.config.title
            ),
        );
        common.json_ld = json_ld;
        let mut order: Vec<usize> = (0..terms.terms.len()).collect();
        order.sort_by_cached_key(|&i| (terms.terms[i].name.to_lowercase(), i));
        self.serialize(TermIndexPage {
            common,
            breadcrumbs,
            taxonomy: &terms.taxonomy.name,
            label,
            terms: order
                .into_iter()
                .map(|i| {
                    let t = &terms.terms[i];
                    TermSummary {
                        term: linker.term_ref(site, set, i),
                        aka: &t.aka,
                        description: &t.description,
                        count: t.articles.len(),
                    }
                })
                .collect(),
        })
    }

    pub(super) fn region(&self, linker: &Linker<'_>, page: &Page, i: usize) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let r = &site.regions[i];
        let (breadcrumbs, json_ld) = self.trail(
            linker,
            &[
                home_step(&self.ui),
                (
                    symptoms_label(&site.config),
                    Some(symptoms_url(&site.config)),
                ),
                (r.name.clone(), None),
            ],
        );
        let args = [
            ("region", Arg::Text(r.name.to_lowercase())),
            ("label", Arg::Text(symptoms_label(&site.config))),
            ("builtin", Arg::Text(built_in_wording(site).to_string())),
        ];
        let title = self.ui.program_text("region-title", &args);
        let description = self.ui.program_text("region-description", &args);
        let mut common = self.common(linker, page, title, description);
        common.json_ld = json_ld;
        let mut symptoms = r.symptoms.clone();
        symptoms.sort_by_cached_key(|&s| (site.symptoms[s].name.to_lowercase(), s));
        self.serialize(RegionPage {
            common,
            breadcrumbs,
            name: &r.name,
            slug: &r.slug,
            symptoms: symptoms
                .into_iter()
                .map(|s| linker.symptom_summary(site, s))
                .collect(),
            articles: r
                .articles
                .iter()
                .map(|&a| linker.article_ref(site, a))
                .collect(),
            article_count: r.article_count,
            regions: linker.regions(site),
        })
    }

    pub(super) fn a_to_z(
        &self,
        linker: &Linker<'_>,
        page: &Page,
        part: usize,
    ) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let order = &self.lists().a_to_z;
        let size = site.config.page_size;
        let part = Part::of(part, order.len(), size);
        let base = paging::A_TO_Z_URL;
        let mut steps = vec![home_step(&self.ui)];
        let title = self.ui.program_text("a-to-z", &[]);
        steps.extend(part.trail_end(&self.ui, &title, base));
        let (breadcrumbs, json_ld) = self.trail(linker, &steps);
        let mut common = self.common(
            linker,
            page,
            part.title(&self.ui, &title),
            a_to_z_description(site),
        );
        common.json_ld = json_ld;
        common.pagination = part.view(linker, &self.ui.program_text("pages-of-a-to-z", &[]), base);
        let range = paging::page_range(part.index, order.len(), size);
        let started = order[..range.start]
            .last()
            .map(|&i| paging::letter_slot(site.a_to_z[i].letter));
        let letter_nav = std::iter::once('#')
            .chain('A'..='Z')
            .map(|letter| AzNavLetter {
                letter,
                href: self.anchor_href(linker, Anchor::Letter(letter)),
            })
            .collect();
        self.serialize(AToZPage {
            common,
            breadcrumbs,
            letters: linker.a_to_z(site, &order[range], |letter| {
                started == Some(paging::letter_slot(letter))
            }),
            letter_nav,
        })
    }

    pub(super) fn emergency(&self, linker: &Linker<'_>, page: &Page) -> ContextResult<'a> {
        super::reuse::note(super::reuse::Read::Lists);
        let site = self.site;
        let (breadcrumbs, json_ld) = self.trail(
            linker,
            &[
                home_step(&self.ui),
                (self.ui.program_text("nav-emergency", &[]), None),
            ],
        );
        let mut common = self.common(
            linker,
            page,
            self.ui.program_text("emergency-title", &[]),
            emergency_description(site),
        );
        common.json_ld = json_ld;
        self.serialize(EmergencyPage {
            common,
            breadcrumbs,
            symptoms: self
                .emergency_terms()
                .into_iter()
                .map(|at| EmergencySymptom {
                    symptom: linker.any_term_ref(site, at),
                    taxonomy: at.label(site),
                    description: &at.of(site).description,
                    articles: at
                        .of(site)
                        .articles
                        .iter()
                        .map(|&a| linker.article_ref(site, a))
                        .collect(),
                })
                .collect(),
            groups: self.emergency_groups(linker),
        })
    }

    pub(super) fn not_found(&self, linker: &Linker<'_>, page: &Page) -> ContextResult<'a> {
        self.serialize(NotFoundPage {
            common: self.common(
                linker,
                page,
                self.ui.program_text("notfound-title", &[]),
                self.site.config.description.clone(),
            ),
        })
    }

    /// Symptom indexes in name order.
    fn symptoms_by_name(&self) -> impl Iterator<Item = usize> + 'a {
        let symptoms = &self.site.symptoms;
        let mut order: Vec<usize> = (0..symptoms.len()).collect();
        order.sort_by_cached_key(|&i| (symptoms[i].name.to_lowercase(), i));
        order.into_iter()
    }

    /// Article `i`'s terms in each further taxonomy it names terms of, for its JSON-LD: the
    /// taxonomy's label and each term's name and address.
    fn further_terms(&self, linker: &Linker<'_>, i: usize) -> Vec<(String, Vec<jsonld::Term<'a>>)> {
        let site = self.site;
        site.term_sets
            .iter()
            .filter_map(|set| {
                let mine = set.per_article.get(i).filter(|m| !m.is_empty())?;
                let terms = mine
                    .iter()
                    .filter_map(|&t| set.terms.get(t))
                    .map(|t| jsonld::Term {
                        name: &t.name,
                        url: self.address_of(linker, &set.term_url(&t.slug)),
                    })
                    .collect();
                Some((set.label(), terms))
            })
            .collect()
    }

    /// The emergency-level terms of every taxonomy of articles that feeds the emergency page
    /// (`emergency = true`): the taxonomies in `site.toml`'s order, each one's terms in name order.
    fn emergency_terms(&self) -> Vec<TermAt> {
        let site = self.site;
        let symptoms = &site.symptoms;
        let first = site.config.article_taxonomy().emergency;
        let mut found: Vec<TermAt> = self
            .symptoms_by_name()
            .filter(|&i| first && symptoms[i].level == Level::Emergency)
            .map(TermAt::Symptom)
            .collect();
        for (set, terms) in site.term_sets.iter().enumerate() {
            if !terms.taxonomy.emergency {
                continue;
            }
            let mut mine: Vec<usize> = (0..terms.terms.len())
                .filter(|&i| terms.terms[i].level == Level::Emergency)
                .collect();
            mine.sort_by_cached_key(|&i| (terms.terms[i].name.to_lowercase(), i));
            found.extend(mine.into_iter().map(|i| TermAt::Term(set, i)));
        }
        found
    }
}

/// The home page's selection on a site of more than `HOME_ARTICLE_LIMIT` articles: the main
/// topics (the articles covering the most symptoms, then by title) and the most recently
/// updated of the rest (newest first, then by title), half the limit each. Both come from front
/// matter alone, so `serve` renders the home page again whenever they can change.
fn home_selection(site: &Site) -> (Vec<usize>, Vec<usize>) {
    super::reuse::note(super::reuse::Read::Articles);
    let half = HOME_ARTICLE_LIMIT / 2;
    let rank: Vec<usize> = {
        let mut rank = vec![0; site.articles.len()];
        for (r, &i) in site.by_title.iter().enumerate() {
            rank[i] = r;
        }
        rank
    };
    let mut main: Vec<usize> = (0..site.articles.len()).collect();
    main.sort_by_key(|&i| (std::cmp::Reverse(site.links[i].symptoms.len()), rank[i]));
    main.truncate(half);
    let mut recent: Vec<usize> = (0..site.articles.len())
        .filter(|i| !main.contains(i))
        .collect();
    recent.sort_by_key(|&i| (std::cmp::Reverse(site.articles[i].front.updated), rank[i]));
    recent.truncate(half);
    main.sort_by_key(|&i| rank[i]);
    (main, recent)
}

/// True when the site has the built-in taxonomies (it declares none in `site.toml`): this
/// guide's symptoms and body regions, whose pages keep the guide's own wording ("Pain and
/// symptoms in the neck"). A site that declares its taxonomies gets wording made from their
/// names ("Conditions in the spine").
fn built_in_wording(site: &Site) -> bool {
    site.config.taxonomies.iter().all(|t| !t.declared())
}

/// `["conditions", "treatments", "body systems"]` -> `conditions, treatments and body systems`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The A to Z's description: what its entries are, from the taxonomies with `a_to_z`.
fn a_to_z_description(site: &Site) -> String {
    let config = &site.config;
    if built_in_wording(site) {
        return format!(
            "Every topic and symptom in {}, from A to Z, with other names.",
            config.title
        );
    }
    let mut kinds = vec!["topic".to_string()];
    kinds.extend(
        config
            .taxonomies
            .iter()
            .filter(|t| t.a_to_z)
            .map(|t| t.noun()),
    );
    format!(
        "Every {} in {}, from A to Z, with other names.",
        and_list(&kinds),
        config.title
    )
}

/// The emergency page's description: what it lists, from the taxonomies with `emergency`.
fn emergency_description(site: &Site) -> String {
    let config = &site.config;
    let number = &config.emergency_number;
    if built_in_wording(site) {
        return format!("Back and nerve symptoms that need emergency help now: call {number}.");
    }
    let feeding: Vec<String> = config
        .taxonomies
        .iter()
        .filter(|t| t.emergency)
        .map(|t| t.plural())
        .collect();
    let what = match feeding.is_empty() {
        true => "signs".to_string(),
        false => and_list(&feeding),
    };
    format!(
        "{} that need emergency help now: call {number}.",
        crate::crosslink::symptoms::name_from_slug(&what)
    )
}

/// Symptom `i`'s "often seen with" numbers as a bar chart.
fn seen_with_chart(site: &Site, i: usize) -> String {
    let s = &site.symptoms[i];
    let title = format!(
        "{} often seen with {}",
        symptoms_label(&site.config),
        s.name.to_lowercase()
    );
    BarChart {
        id: "seen-with-chart",
        title: &title,
        unit: ("shared article", "shared articles"),
        bars: s
            .seen_with
            .iter()
            .map(|&(other, count)| Bar {
                label: &site.symptoms[other].name,
                value: count,
            })
            .collect(),
    }
    .to_svg()
}

/// An article's body HTML as shown: without the `{{care}}` marker, and where the care cards go
/// in it (see `care::split_for_care`).
fn body_parts(html: &str) -> super::Body {
    let (before, after) = super::care::split_for_care(html);
    (format!("{before}{after}").into(), before.len())
}
