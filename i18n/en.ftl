# User-interface text of this guide, in English (British spelling where it differs).
# Each message is one piece of text a page shows; `{ $name }` is a value the page passes.
# Keys are grouped by the page or part of a page that uses them. `check` reports a key that
# nothing uses, a key a template uses that is missing here, and any key that i18n/es.ftl lacks.

## Every page: header, search, footer (base.html)

skip-to-content = Skip to main content
search-landmark = Site
search-label = Search this guide
search-placeholder = For example: tingling
search-button = Search
nav-landmark = Main
nav-a-to-z = Symptoms A to Z
nav-all-symptoms = All symptoms
nav-emergency = Emergency signs
print-address = Printed from:
search-results-heading = Search results
search-close = Close search results
# Search's script (site.js) reads these from the page; it fills in `{query}` and `{count}`.
search-searching = Searching…
search-failed = Search could not load. Use the A to Z to find a page.
search-none = No pages found for “{ $query }”. Try another word or the A to Z.
search-none-finder = No pages found for “{ $query }”. Try another word, the A to Z or the symptom finder.
search-found =
    { $count ->
        [one] { $count } page found for “{ $query }”.
       *[other] { $count } pages found for “{ $query }”.
    }
search-browse = Browse the A to Z
search-finder-link = find pages by symptom
search-or = or
footer-disclaimer-title = This guide does not replace a clinician.
footer-disclaimer = It gives general information. A doctor, nurse or other clinician who knows you can tell you what your symptoms mean. If you think it is an emergency, call { $number } now.
footer-about = About this guide
footer-contact = Report an error or ask a question:
breadcrumb-label = Breadcrumb

## Words and links shared by several pages

a-to-z = A to Z
link-all-symptoms-list = list of all symptoms
link-browse-symptoms = Browse all symptoms
heading-continued = (continued)
tag-emergency-sign = (emergency sign)
tag-urgent = (urgent)
level-tag-emergency = Emergency sign
level-tag-urgent = Urgent
also-called = Also called:
references-title = References
articles-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
symptoms-count =
    { $count ->
        [one] { $count } symptom
       *[other] { $count } symptoms
    }
and-more = and { $count } more

## Care cards (_care.html, _level.html, _urgent_service.html)

care-label-emergency = Emergency
care-label-urgent = Urgent
care-label-routine = Non-urgent
care-call = Call
care-now-if = now if:
care-cannot-call = If you cannot call, go to the nearest emergency department.
care-urgent-heading = Get urgent help today if:
care-routine-heading = See { $service } if:
level-emergency-start = This can be a sign of an emergency. Call
level-emergency-end = now.
level-urgent = Get urgent help today.
level-routine = See { $service } if it does not get better, keeps coming back or worries you.
urgent-ask = Ask { $service } for an urgent appointment, or contact { $name }
urgent-call = call
urgent-or-go-to = or go to
urgent-its-website = its website

## Home page (home.html)

home-emergency-now-if-you-have = now if you have:
home-all-emergency = All emergency signs
home-covers = What this guide covers
home-covers-intro =
    This guide has { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }. Here are its main topics and its latest updates. Find any article in the
home-covers-by-symptom = , by symptom in the
home-covers-or-finder = , or with the
home-main-topics = Main topics
home-recent = Recently updated
home-a-to-z-link = A to Z of topics and symptoms

## Symptom finder, on the home page (home.html; its script's text is in the next group)

finder-title = Find articles by { $word }
finder-fallback-start = Choose a symptom from the
finder-fallback-or = or the
finder-fallback-end = to see the articles about it.
finder-help = Tick every { $word } you have. Articles that cover more of them come first.
finder-emergency-legend = Signs that need help now
finder-emergency-call = Call { $number } now
finder-ticked = You ticked
finder-ticked-advice = . This can be a sign of an emergency. Call { $number } now, or go to the nearest emergency department.
finder-other = Other { $terms }
finder-clear = Clear all ticks
finder-status-start =
    { $vowel ->
        [true] Tick an { $word } to see the articles about it.
       *[other] Tick a { $word } to see the articles about it.
    }
finder-call = Call { $number }
finder-jump = See matching articles
finder-results-title = Matching articles
finder-count-none = No { $words } ticked yet.
link-symptom-finder = { $word } finder
# The finder's script (finder.js) reads these from the form's data-text-* attributes; it fills
# in `{count}`, `{total}`, `{covered}`, `{names}` and `{message}`. `$word` and `$words` are
# what the finder calls one and several of what the reader ticks, `$page` what its pages are.
finder-say-emergency = Emergency sign ticked: call { $number } now. { $message }
finder-jump-count =
    { $count ->
        [one] See { $count } matching article
       *[other] See { $count } matching articles
    }
finder-covers =
    Covers { $covered } of your { $count ->
        [one] { $count } { $word }
       *[other] { $count } { $words }
    }: { $names }
finder-matches =
    { $total ->
        [one] { $total } article matches
       *[other] { $total } articles match
    } the { $count ->
        [one] { $count } { $word }
       *[other] { $count } { $words }
    } you ticked.
finder-first-shown = The first { $count } are shown.
finder-note-more = See them all on the { $page } pages:
finder-failed = The list of matching articles could not be loaded.
finder-note-failed = Find them on the { $page } pages instead:
finder-failed-links = Links to the { $page } pages follow the results heading.
finder-loading-names = Loading the articles for { $names }…
finder-loading = Loading the articles for your { $words }…
finder-and = and

## The back map (_back_map.html)

map-title = Where does it hurt?
map-help = Choose the part of your back, arms or legs where you feel it, on the picture or in the list.
map-other-title = Other parts of the body
map-other-help = The part this page is about is marked. Choose another part on the picture or in the list.

## Pages of a list (_pagination.html)

pagination-status = Page { $number } of { $count }
pagination-prev = Previous
pagination-next = Next
pagination-page = Page
pagination-page-word = page

## A to Z (a-z.html)

az-lead = Every topic and symptom in this guide. Other names are listed too, and point to the main page.
az-letters-label = Letters
az-no-entries = No entries
az-see = see
az-kind-symptom = (symptom)
az-also-the = also the
az-also-page = { $kind } page
back-to-top = Back to top

## Article (article.html)

draft-label = Draft.
draft-note = This page is not finished and is not published.
# A translated article (pages in another language than the original's): the notice at its top.
translation-stale = This translation is out of date: the original page has changed since.
translation-note = This page is a translation. A professional medical translator has not checked it yet.
translation-original = See the original ({ $language })
toc-title = On this page
toc-count =
    { $count ->
        [one] { $count } section
       *[other] { $count } sections
    }
other-names-label = Other names:
page-symptoms = Symptoms on this page
cite-back = Back to where reference { $number } is cited
related-articles = Related articles
backlinks = Pages that link here
page-history = Page history
page-updated = Page last updated:
reviewed-by = Reviewed by { $name }, on
next-review = Next review due:
not-reviewed = Not yet reviewed by a clinician
print-page = Print this page
page-changes = Changes to this page

## Emergency page (emergency.html)

emergency-title = When to get emergency help
emergency-lead = These signs need help straight away. Do not wait to see if they get better.
emergency-other-signs = Other emergency signs
emergency-read-about =
    Read about these signs ({ $count ->
        [one] { $count } article
       *[other] { $count } articles
    })
emergency-first-listed = The first { $count } are listed here. The page of each emergency symptom, linked at the end of this page, lists every article about it.
emergency-some-readers = Emergency signs for some readers
emergency-some-readers-intro = These pages list further emergency signs for the readers they are about:
emergency-symptoms-label = Emergency symptoms:

## References page (references.html)

references-lead = Every source this guide is written from ({ $count } in all), grouped by kind, with the pages that cite it.
references-kinds = Kinds of source
references-last-checked = Last checked
references-cited-by = Cited by:
references-more-pages =
    and { $count } more { $count ->
        [one] page
       *[other] pages
    }
references-not-cited = Not cited by any page yet.
references-none = No sources are listed yet.

## Region page (region.html)

region-lead = Symptoms felt in the { $region }, and the articles about them.
region-symptoms = Symptoms felt here
region-none = No symptoms in this guide are listed for the { $region } yet. See the
region-articles = Articles about these symptoms
region-top-articles = The { $shown } articles that cover the most of these symptoms, of { $total }. Each symptom's page lists all of its articles.

## Symptom page and list of symptoms (symptom.html, symptoms.html)

symptom-when-to-get-help = When to get help
symptom-articles-about = Articles about { $symptom }
symptom-seen-with = Often seen with
symptom-seen-with-lead = Other symptoms named in the same articles, and in how many of them.
shared-articles-count =
    { $count ->
        [one] { $count } shared article
       *[other] { $count } shared articles
    }
symptoms-title = Symptoms
symptoms-lead = Every symptom this guide covers, from A to Z. Choose one to see what it can mean and the articles about it.

## Page not found (404.html)

notfound-title = Page not found
notfound-lead = We could not find that page. It may have moved, or the address may be wrong.
notfound-search-landmark = Find a page
notfound-home = Go to the home page
notfound-a-to-z = Find a topic in the A to Z
notfound-emergency = If you think it is an emergency, call { $number } now.

## What the program writes itself: page titles, breadcrumbs, pagination labels (besides
## `a-to-z`, `nav-emergency`, `emergency-title`, `notfound-title` and `references-title` above)

page-home = Home
page-number = Page { $number }
page-numbered-title = { $title } (page { $number } of { $count })
pages-of-a-to-z = Pages of the A to Z
pages-of-articles-about = Pages of articles about { $symptom }
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
# The language switcher's note on another language's link, when that language has no such page
# (in the other language's file: its readers read it).
language-untranslated = not in English yet
