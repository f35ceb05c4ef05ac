//! Pages that stay light: long lists (the A to Z, a symptom's articles, the references) split
//! into pages of `page_size` entries, and a home page of a bounded size, checked on the real
//! site with articles added and a small `page_size`.

mod harness;

use harness::Site;
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://example.org/guide/";

/// The real site with `extra` more articles (all about back pain, each with the shared emergency
/// sign `both-legs`, updated on different days)
/// and `page_size`, built with `base_url`: its output files by path.
fn built(extra: usize, page_size: usize) -> BTreeMap<String, String> {
    let site = Site::real();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}page_size = {page_size}\nbase_url = \"{BASE}\"\n"),
    );
    for n in 0..extra {
        site.write(
            &format!("articles/extra-{n:03}.md"),
            format!(
                "+++\ntitle = \"Extra topic {n:03}\"\ndescription = \"About extra topic {n:03}.\"\nsymptoms = [\"back-pain\"]\nupdated = 2025-{:02}-{:02}\naliases = [\"Other name {n:03}\"]\n\n[care]\nemergency = [\"both-legs\"]\n+++\nSee [back spasm](back-spasm.md).\n",
                1 + n % 12,
                1 + n % 28
            ),
        );
    }
    site.run(&["build"]).expect_code(0);
    site.snapshot("public")
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8 output")))
        .collect()
}

/// The URL path (from the site root) of an output file: `a-z/page/2/index.html` -> `a-z/page/2/`.
fn url_of(file: &str) -> String {
    file.strip_suffix("index.html").unwrap_or(file).to_string()
}

/// The value of every `attr="..."` in `html`, in order.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let marker = format!(" {attr}=\"");
    html.match_indices(&marker)
        .filter_map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            Some(rest[..rest.find('"')?].replace("&amp;", "&"))
        })
        .collect()
}

/// `href` on the page at `url`, resolved to (output file, fragment); `None` for another site.
fn resolve(url: &str, href: &str) -> Option<(String, String)> {
    if href.contains(':') {
        return None;
    }
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let mut parts: Vec<&str> = url.split('/').collect();
    parts.pop();
    for piece in path.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if path.is_empty() {
        target = url.to_string();
    }
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    Some((target, fragment.to_string()))
}

/// The part of `html` from `start` to the next `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let Some(from) = html.find(start) else {
        return "";
    };
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

/// The entries a list page shows: each `<li>` of its `<ul class="CLASS">` lists, with every
/// link resolved to the page it leads to (so the same entry reads the same on any page).
fn entries(files: &BTreeMap<String, String>, file: &str, class: &str) -> Vec<String> {
    let html = &files[file];
    let url = url_of(file);
    let marker = format!("<ul class=\"{class}\">");
    html.match_indices(&marker)
        .flat_map(|(i, _)| {
            let list = between(&html[i..], &marker, "</ul>").trim_end_matches("</ul>");
            list.split("<li").skip(1).map(|li| {
                let mut line = li.to_string();
                for href in attrs(li, "href") {
                    if let Some((target, fragment)) = resolve(&url, &href) {
                        line = line.replace(&href, &format!("/{target}#{fragment}"));
                    }
                }
                line
            })
        })
        .collect()
}

/// The output files of a paginated list whose first page is `base` (`a-z/`), in page order.
fn list_pages(files: &BTreeMap<String, String>, base: &str) -> Vec<String> {
    let mut pages = vec![format!("{base}index.html")];
    while files.contains_key(&format!("{base}page/{}/index.html", pages.len() + 1)) {
        pages.push(format!("{base}page/{}/index.html", pages.len() + 1));
    }
    pages
}

/// Every entry of the list at `base` in a paged build, and in a one-page build of the same site.
fn paged_and_whole(
    paged: &BTreeMap<String, String>,
    whole: &BTreeMap<String, String>,
    base: &str,
    class: &str,
) -> (Vec<String>, Vec<String>) {
    let paged_entries = list_pages(paged, base)
        .iter()
        .flat_map(|f| entries(paged, f, class))
        .collect();
    let whole_pages = list_pages(whole, base);
    assert_eq!(whole_pages.len(), 1, "{base} fits on one page of 1000");
    (paged_entries, entries(whole, &whole_pages[0], class))
}

#[test]
fn long_lists_are_split_into_pages_and_every_entry_is_on_exactly_one() {
    let paged = built(12, 10);
    let whole = built(12, 1000);
    for (base, class) in [
        ("a-z/", "az-list"),
        ("symptoms/back-pain/", "link-list"),
        ("references/", "reference-list"),
    ] {
        let (got, expected) = paged_and_whole(&paged, &whole, base, class);
        let pages = list_pages(&paged, base);
        // Each page but the last is full; the symptom page's "often seen with" list is a
        // `link-list compact` and not counted.
        assert_eq!(
            pages.len(),
            expected.len().div_ceil(10),
            "{base}: page count"
        );
        let first_difference = got.iter().zip(&expected).position(|(g, e)| g != e);
        assert!(
            got.len() == expected.len() && first_difference.is_none(),
            "{base}: the pages hold the whole list, in order, once: {} entries for {}, first difference at {first_difference:?}",
            got.len(),
            expected.len()
        );
        for (n, page) in pages.iter().enumerate() {
            let html = &paged[page];
            let count = pages.len();
            assert!(
                html.contains(&format!("(page {} of {count}) | ", n + 1)),
                "{page}: the title says the page number"
            );
            assert!(
                html.contains(&format!(
                    "<p class=\"pagination-status\">Page {} of {count}</p>",
                    n + 1
                )),
                "{page}: page N of M"
            );
            assert_eq!(
                between(html, "<nav class=\"pagination\"", "</nav>")
                    .matches("aria-current=\"page\"")
                    .count(),
                1,
                "{page}: one current page"
            );
            assert_eq!(attrs(html, "rel").contains(&"prev".to_string()), n > 0);
            assert_eq!(
                attrs(html, "rel").contains(&"next".to_string()),
                n + 1 < count
            );
            assert!(
                paged["sitemap.xml"].contains(&format!("<loc>{BASE}{}</loc>", url_of(page))),
                "{page} is in the sitemap"
            );
        }
    }
    // The symptom's own information (its level, its care) is on every page; "often seen with"
    // only on the first.
    let back_pain = list_pages(&paged, "symptoms/back-pain/");
    assert!(paged[&back_pain[0]].contains("Often seen with"));
    assert!(!paged[&back_pain[1]].contains("Often seen with"));
}

#[test]
fn every_link_and_fragment_on_paged_output_resolves_and_ids_are_unique() {
    let files = built(12, 10);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (file, html) in files.iter().filter(|(f, _)| f.ends_with(".html")) {
        let ids = attrs(html, "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{file}: ids are unique");
        let url = url_of(file);
        for href in attrs(html, "href") {
            let Some((target, fragment)) = resolve(&url, &href) else {
                continue;
            };
            if target.ends_with(".css") || target.ends_with(".svg") || file.ends_with("404.html") {
                continue;
            }
            checked += 1;
            match files.get(&target) {
                None => broken.push(format!("{file}: {href} -> {target} does not exist")),
                Some(page) if !fragment.is_empty() && !attrs(page, "id").contains(&fragment) => {
                    broken.push(format!("{file}: {href} -> #{fragment} is not on {target}"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(checked > 5_000, "checked {checked} links");
    assert_eq!(broken, Vec::<String>::new());
}

#[test]
fn letters_and_kinds_of_source_link_to_the_page_that_holds_them() {
    let files = built(12, 10);
    let az = list_pages(&files, "a-z/");
    // Every A to Z page links each letter to the same place: the page of its first entry.
    let targets = |file: &str| -> Vec<(String, String)> {
        let nav = between(&files[file], "<nav class=\"letters-nav\"", "</nav>");
        attrs(nav, "href")
            .iter()
            .filter_map(|h| resolve(&url_of(file), h))
            .collect()
    };
    let first = targets(&az[0]);
    assert!(first.iter().any(|(page, _)| page != &az[0]), "{first:?}");
    for page in &az {
        assert_eq!(targets(page), first, "{page}: letter links");
    }
    for (page, id) in &first {
        let html = &files[page];
        assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{page}#{id}");
        // The letter starts there: the page before does not have its entries' section start.
        let n = az.iter().position(|p| p == page).expect("an A to Z page");
        if n > 0 {
            assert!(!files[&az[n - 1]].contains(&format!("id=\"{id}\"")));
        }
    }
    // A letter running over onto the next page is marked continued there.
    assert!(
        az.iter()
            .any(|p| files[p].contains("-continued\">") && files[p].contains("(continued)"))
    );
    let refs = list_pages(&files, "references/");
    let toc = |file: &str| {
        attrs(
            between(&files[file], "<nav class=\"toc\"", "</nav>"),
            "href",
        )
    };
    assert!(toc(&refs[1]).iter().any(|h| h.starts_with("../../")));
    assert!(toc(&refs[0]).iter().any(|h| h.starts_with('#')));
}

#[test]
fn the_home_page_does_not_grow_with_the_number_of_articles() {
    let cards =
        |files: &BTreeMap<String, String>| files["index.html"].matches("class=\"card\"").count();
    let small = built(0, 500);
    // The real site fits within the bound: every article is listed, as before.
    assert_eq!(cards(&small), 34);
    let fifty = built(50, 500);
    let two_hundred = built(200, 500);
    assert_eq!(cards(&fifty), 40);
    assert_eq!(cards(&two_hundred), 40);
    let (a, b) = (fifty["index.html"].len(), two_hundred["index.html"].len());
    assert!(
        b.abs_diff(a) < 500,
        "the home page grew from {a} to {b} bytes with 150 more articles"
    );
    let home = &two_hundred["index.html"];
    for link in [
        "Main topics",
        "Recently updated",
        "href=\"a-z/\"",
        "href=\"symptoms/\"",
        "href=\"#finder\"",
    ] {
        assert!(home.contains(link), "the home page has {link}");
    }
    let section = |id: &str| {
        between(home, &format!("id=\"{id}\""), "</ul>")
            .matches("class=\"card\"")
            .count()
    };
    assert_eq!(
        (section("main-topics"), section("recent-updates")),
        (20, 20)
    );
}

#[test]
fn the_emergency_page_names_a_bounded_number_of_articles_and_says_how_many_in_all() {
    let fifty = built(50, 500);
    let two_hundred = built(200, 500);
    let page = &two_hundred["emergency/index.html"];
    let lists: Vec<&str> = page
        .split("<details class=\"sign-articles\">")
        .skip(1)
        .map(|d| &d[..d.find("</details>").expect("details end")])
        .collect();
    let both_legs = lists
        .iter()
        .find(|d| d.contains("Extra topic 000"))
        .expect("the group of `both-legs` lists the extra articles");
    assert_eq!(both_legs.matches("<li>").count(), 40, "{both_legs}");
    assert!(
        both_legs.contains("articles)</summary>")
            && both_legs.contains("The first 40 are listed here"),
        "{both_legs}"
    );
    let total: usize = between(both_legs, "Read about these signs (", " articles)")
        .trim_start_matches("Read about these signs (")
        .trim_end_matches(" articles)")
        .parse()
        .expect("a count");
    assert!(total >= 200, "the summary counts every article: {total}");
    let (a, b) = (
        fifty["emergency/index.html"].len(),
        two_hundred["emergency/index.html"].len(),
    );
    assert!(
        b.abs_diff(a) < 200,
        "the emergency page grew from {a} to {b} bytes with 150 more articles"
    );
    // The real site's lists fit: every article is named and no note is shown.
    let real = built(0, 500);
    assert!(!real["emergency/index.html"].contains("are listed here"));
}
