# Texto de la interfaz de esta guía, en español sencillo (lectores en general).
# Cada mensaje es un texto que muestra una página; `{ $nombre }` es un valor que pasa la página.
# Las claves son las mismas de i18n/en.ftl, en el mismo orden: `check` avisa si falta una o si
# sobra alguna. Traducción no revisada aún por un traductor médico profesional.

## Todas las páginas: encabezado, búsqueda, pie de página (base.html)

skip-to-content = Ir al contenido principal
search-landmark = Sitio
search-label = Buscar en esta guía
search-placeholder = Por ejemplo: hormigueo
search-button = Buscar
nav-landmark = Principal
nav-a-to-z = De la A a la Z
nav-all-symptoms = Síntomas
nav-emergency = Emergencias
print-address = Impreso desde:
search-results-heading = Resultados de la búsqueda
search-close = Cerrar los resultados de la búsqueda
# El script de la búsqueda (site.js) los lee de la página; pone `{query}` y `{count}`.
search-searching = Buscando…
search-failed = No se pudo cargar la búsqueda. Use la A a la Z para encontrar una página.
search-none = No se encontraron páginas para “{ $query }”. Pruebe con otra palabra o con la A a la Z.
search-none-finder = No se encontraron páginas para “{ $query }”. Pruebe con otra palabra, con la A a la Z o con el buscador de síntomas.
search-found =
    { $count ->
        [one] Se encontró { $count } página para “{ $query }”.
       *[other] Se encontraron { $count } páginas para “{ $query }”.
    }
search-browse = Ver la A a la Z
search-finder-link = buscar páginas por síntoma
search-or = o
footer-disclaimer-title = Esta guía no reemplaza a un profesional de la salud.
footer-disclaimer = Da información general. Un médico, una enfermera u otro profesional de la salud que lo conozca puede decirle qué significan sus síntomas. Si cree que es una emergencia, llame al { $number } ahora.
footer-about = Acerca de esta guía
footer-contact = Informe de un error o haga una pregunta:
breadcrumb-label = Ruta de navegación

## Palabras y enlaces que usan varias páginas

a-to-z = A a la Z
link-all-symptoms-list = lista de todos los síntomas
link-browse-symptoms = Ver todos los síntomas
heading-continued = (continuación)
tag-emergency-sign = (señal de emergencia)
tag-urgent = (urgente)
level-tag-emergency = Señal de emergencia
level-tag-urgent = Urgente
also-called = También se llama:
references-title = Referencias
articles-count =
    { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }
symptoms-count =
    { $count ->
        [one] { $count } síntoma
       *[other] { $count } síntomas
    }
and-more = y { $count } más

## Tarjetas de atención (_care.html, _level.html, _urgent_service.html)

care-label-emergency = Emergencia
care-label-urgent = Urgente
care-label-routine = No urgente
care-call = Llame al
care-now-if = ahora si:
care-cannot-call = Si no puede llamar, vaya a la sala de emergencias más cercana.
care-urgent-heading = Busque ayuda urgente hoy si:
care-routine-heading = Consulte a { $service } si:
level-emergency-start = Esto puede ser una señal de emergencia. Llame al
level-emergency-end = ahora.
level-urgent = Busque ayuda urgente hoy.
level-routine = Consulte a { $service } si no mejora, si vuelve una y otra vez o si le preocupa.
urgent-ask = Pida a { $service } una cita urgente, o comuníquese con { $name }
urgent-call = llame al
urgent-or-go-to = o vaya a
urgent-its-website = su sitio web

## Página de inicio (home.html)

home-emergency-now-if-you-have = ahora si tiene:
home-all-emergency = Todas las señales de emergencia
home-covers = Qué temas trata esta guía
home-covers-intro =
    Esta guía tiene { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }. Estos son sus temas principales y sus cambios más recientes. Encuentre cualquier artículo en la
home-covers-by-symptom = , por síntoma en la
home-covers-or-finder = , o con el
home-main-topics = Temas principales
home-recent = Cambios recientes
home-a-to-z-link = Temas y síntomas de la A a la Z

## Buscador de síntomas, en la página de inicio (home.html)

finder-title = Busque artículos por { $word }
finder-fallback-start = Elija un síntoma de la
finder-fallback-or = o de la
finder-fallback-end = para ver los artículos sobre ese síntoma.
finder-help = Marque cada { $word } que tenga. Primero aparecen los artículos que tratan más de ellos.
finder-emergency-legend = Señales que necesitan ayuda ahora
finder-emergency-call = Llame al { $number } ahora
finder-ticked = Usted marcó
finder-ticked-advice = . Esto puede ser una señal de emergencia. Llame al { $number } ahora, o vaya a la sala de emergencias más cercana.
finder-other = Otros { $terms }
finder-clear = Quitar todas las marcas
finder-status-start = Marque un { $word } para ver los artículos sobre él.
finder-call = Llame al { $number }
finder-jump = Ver los artículos que coinciden
finder-results-title = Artículos que coinciden
finder-count-none = Todavía no marcó { $words }.
link-symptom-finder = buscador por { $word }
# El script del buscador (finder.js) lee estos textos de los atributos data-text-* del
# formulario; completa `{count}`, `{total}`, `{covered}`, `{names}` y `{message}`.
finder-say-emergency = Marcó una señal de emergencia: llame al { $number } ahora. { $message }
finder-jump-count =
    { $count ->
        [one] Ver { $count } artículo que coincide
       *[other] Ver { $count } artículos que coinciden
    }
finder-covers =
    Trata { $covered } de { $count ->
        [one] { $count } { $word } marcado
       *[other] { $count } { $words } marcados
    }: { $names }
finder-matches =
    { $total ->
        [one] { $total } artículo coincide
       *[other] { $total } artículos coinciden
    } con { $count ->
        [one] { $count } { $word } marcado.
       *[other] { $count } { $words } marcados.
    }
finder-first-shown = Se muestran los primeros { $count }.
finder-note-more = Véalos todos en las páginas de { $page }:
finder-failed = No se pudo cargar la lista de artículos que coinciden.
finder-note-failed = Búsquelos en las páginas de { $page }:
finder-failed-links = Los enlaces a las páginas de { $page } siguen al título de los resultados.
finder-loading-names = Cargando los artículos sobre { $names }…
finder-loading = Cargando los artículos sobre sus { $words }…
finder-and = y

## El mapa de la espalda (_back_map.html)

map-title = ¿Dónde le duele?
map-help = Elija la parte de la espalda, los brazos o las piernas donde lo siente, en el dibujo o en la lista.
map-other-title = Otras partes del cuerpo
map-other-help = La parte de la que trata esta página está marcada. Elija otra parte en el dibujo o en la lista.

## Páginas de una lista (_pagination.html)

pagination-status = Página { $number } de { $count }
pagination-prev = Anterior
pagination-next = Siguiente
pagination-page = Página
pagination-page-word = página

## A a la Z (a-z.html)

az-lead = Todos los temas y síntomas de esta guía. También aparecen otros nombres, que llevan a la página principal.
az-letters-label = Letras
az-no-entries = Sin entradas
az-see = vea
az-kind-symptom = (síntoma)
az-also-the = también la
az-also-page = página de { $kind }
back-to-top = Volver arriba

## Artículo (article.html)

draft-label = Borrador.
draft-note = Esta página no está terminada y no está publicada.
# Un artículo traducido (páginas en otro idioma que el del original): el aviso de arriba.
translation-stale = Esta traducción no está al día: la página original cambió después.
translation-note = Esta página es una traducción. Todavía no la ha revisado un traductor médico profesional.
translation-original = Ver el original ({ $language })
toc-title = En esta página
toc-count =
    { $count ->
        [one] { $count } sección
       *[other] { $count } secciones
    }
other-names-label = Otros nombres:
page-symptoms = Síntomas en esta página
cite-back = Volver a donde se cita la referencia { $number }
related-articles = Artículos relacionados
backlinks = Páginas que enlazan aquí
page-history = Historial de la página
page-updated = Última actualización de la página:
reviewed-by = Revisado por { $name }, el
next-review = Próxima revisión:
not-reviewed = Todavía no la ha revisado un profesional de la salud
print-page = Imprimir esta página
page-changes = Cambios en esta página

## Página de emergencias (emergency.html)

emergency-title = Cuándo buscar ayuda de emergencia
emergency-lead = Estas señales necesitan ayuda enseguida. No espere a ver si mejoran.
emergency-other-signs = Otras señales de emergencia
emergency-read-about =
    Lea sobre estas señales ({ $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    })
emergency-first-listed = Aquí aparecen los primeros { $count }. La página de cada síntoma de emergencia, con enlace al final de esta página, muestra todos los artículos sobre él.
emergency-some-readers = Señales de emergencia para algunos lectores
emergency-some-readers-intro = Estas páginas muestran otras señales de emergencia para los lectores de los que tratan:
emergency-symptoms-label = Síntomas de emergencia:

## Página de referencias (references.html)

references-lead = Todas las fuentes con las que se escribió esta guía ({ $count } en total), agrupadas por tipo, con las páginas que las citan.
references-kinds = Tipos de fuente
references-last-checked = Revisada por última vez el
references-cited-by = Citada en:
references-more-pages =
    y { $count } { $count ->
        [one] página más
       *[other] páginas más
    }
references-not-cited = Todavía no la cita ninguna página.
references-none = Todavía no hay fuentes en la lista.

## Página de una región del cuerpo (region.html)

region-lead = Síntomas que se sienten en { $region }, y los artículos sobre ellos.
region-symptoms = Síntomas que se sienten aquí
region-none = Esta guía todavía no tiene síntomas para { $region }. Vea la
region-articles = Artículos sobre estos síntomas
region-top-articles = Los { $shown } artículos que tratan más de estos síntomas, de { $total }. La página de cada síntoma muestra todos sus artículos.

## Página de un síntoma y lista de síntomas (symptom.html, symptoms.html)

symptom-when-to-get-help = Cuándo buscar ayuda
symptom-articles-about = Artículos sobre { $symptom }
symptom-seen-with = Suele aparecer con
symptom-seen-with-lead = Otros síntomas que se nombran en los mismos artículos, y en cuántos de ellos.
shared-articles-count =
    { $count ->
        [one] { $count } artículo en común
       *[other] { $count } artículos en común
    }
symptoms-title = Síntomas
symptoms-lead = Todos los síntomas que trata esta guía, de la A a la Z. Elija uno para ver qué puede significar y los artículos sobre él.

## Página no encontrada (404.html)

notfound-title = No se encontró la página
notfound-lead = No pudimos encontrar esa página. Puede que la hayan movido o que la dirección esté mal.
notfound-search-landmark = Buscar una página
notfound-home = Ir a la página de inicio
notfound-a-to-z = Buscar un tema de la A a la Z
notfound-emergency = Si cree que es una emergencia, llame al { $number } ahora.

## Lo que escribe el propio programa: títulos de página, ruta de navegación, etiquetas de las
## páginas de una lista (además de `a-to-z`, `nav-emergency`, `emergency-title`,
## `notfound-title` y `references-title`, arriba)

page-home = Inicio
page-number = Página { $number }
page-numbered-title = { $title } (página { $number } de { $count })
pages-of-a-to-z = Páginas de la A a la Z
pages-of-articles-about = Páginas de artículos sobre { $symptom }
pages-of-references = Páginas de las referencias
# La página de una región del cuerpo: `$builtin` es true en un sitio que no declara taxonomías
# (los síntomas de esta guía); si no, `$label` es el nombre de los síntomas.
region-title =
    { $builtin ->
        [true] Dolor y síntomas en { $region }
       *[other] { $label } en { $region }
    }
region-description =
    { $builtin ->
        [true] Síntomas que se sienten en { $region } y los artículos sobre ellos.
       *[other] { $label } en { $region } y los artículos sobre ellos.
    }
# El nombre accesible del enlace de una cita, [2].
cite-label = Referencia { $number }
# El tipo de un resultado de búsqueda, para un artículo.
search-article = Artículo
# La nota del selector de idioma en el enlace a otro idioma, cuando ese idioma no tiene la página
# (en el archivo de ese idioma: la leen sus lectores).
language-untranslated = aún sin traducir
