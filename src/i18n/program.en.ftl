# The text the program writes itself (page titles, breadcrumbs, pagination labels), in English,
# for a site without i18n/. A site with i18n/ has these keys in its own files: see i18n/en.ftl.
page-home = Home
page-number = Page { $number }
page-numbered-title = { $title } (page { $number } of { $count })
a-to-z = A to Z
pages-of-a-to-z = Pages of the A to Z
pages-of-articles-about = Pages of articles about { $symptom }
nav-emergency = Emergency signs
emergency-title = When to get emergency help
notfound-title = Page not found
references-title = References
pages-of-references = Pages of the references
# A body region's page: `$builtin` is true on a site that declares no taxonomies (this guide's
# symptoms), `$label` the symptoms' label otherwise.
region-title =
    { $builtin ->
        [true] Pain and symptoms in the { $region }
       *[other] { $label } in the { $region }
    }
region-description =
    { $builtin ->
        [true] Symptoms felt in the { $region } and the articles about them.
       *[other] { $label } in the { $region } and the articles about them.
    }
# The accessible name of a citation's link, [2].
cite-label = Reference { $number }
# A search result's kind, for an article (a symptom's is its taxonomy's word).
search-article = Article
