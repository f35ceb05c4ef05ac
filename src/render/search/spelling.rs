//! British and American spellings of the same word ("anaemia" and "anemia", "tumour" and
//! "tumor", "centre" and "center", "-ise" and "-ize"), written once here. The index is made from
//! the words as the articles spell them; for every indexed word this rule maps to another
//! spelling, the index gets an alias entry from that spelling to the indexed one (see
//! `shards.rs`), so the browser needs no copy of the rule.

/// The American spelling of a lowercase `word`, if it differs; `None` for a word this rule leaves
/// alone. Only patterns with few false friends are rewritten ("shoe" keeps its "oe", "hour" and
/// "four" their "our"), and a wrong rewrite costs only an alias nobody types.
pub(crate) fn american(word: &str) -> Option<String> {
    let mut out = word.to_string();
    out = ae_oe(&out);
    out = our(&out);
    out = tre(&out);
    out = ise(&out);
    (out != word).then_some(out)
}

/// "haem", "anaem", "paed", "oesophagus", "diarrhoea", "foetus", "coeliac": "ae" inside a word
/// and "oe" where British medical spelling has it become "e".
fn ae_oe(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let ae = c == 'a' && next == Some('e') && i > 0 && after.is_some_and(is_consonant);
        let oe = c == 'o' && next == Some('e') && oe_is_british(&chars, i);
        if ae || oe {
            out.push('e');
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// True if the "oe" at `i` is British "oe" for American "e": at the start before "s" or "d"
/// (oesophagus, oestrogen, oedema), before "a" (diarrhoea, dyspnoea), and in foetus, coeliac,
/// manoeuvre, homoeopathy and amoeba.
fn oe_is_british(chars: &[char], i: usize) -> bool {
    let after = chars.get(i + 2).copied();
    if i == 0 {
        return matches!(after, Some('s' | 'd')) && chars.len() > 4;
    }
    if after == Some('a') {
        return true;
    }
    let word: String = chars.iter().collect();
    ["foet", "coel", "manoeuv", "homoeo", "amoeb"]
        .iter()
        .any(|stem| word.contains(stem))
}

fn is_consonant(c: char) -> bool {
    c.is_ascii_lowercase() && !"aeiouy".contains(c)
}

/// Endings that follow British "our" (tumour, colours, favoured, behaviourist, honourable).
const OUR_ENDINGS: [&str; 9] = ["", "s", "ed", "ing", "ite", "ites", "able", "ist", "ists"];

/// "tumour", "behaviour", "colours": "our" after at least three letters becomes "or".
fn our(word: &str) -> String {
    for ending in OUR_ENDINGS {
        if let Some(stem) = word
            .strip_suffix(ending)
            .and_then(|w| w.strip_suffix("our"))
            .filter(|stem| stem.chars().count() >= 3)
        {
            return format!("{stem}or{ending}");
        }
    }
    word.to_string()
}

/// "centre", "fibres", "litre": "tre" and "bre" at the end (or before "s" or "d") after at
/// least two letters become "ter" and "ber".
fn tre(word: &str) -> String {
    for ending in ["", "s", "d"] {
        for (british, american) in [("tre", "ter"), ("bre", "ber")] {
            if let Some(stem) = word
                .strip_suffix(ending)
                .and_then(|w| w.strip_suffix(british))
                .filter(|stem| stem.chars().count() >= 2)
            {
                return format!("{stem}{american}{ending}");
            }
        }
    }
    word.to_string()
}

/// Endings of British "-ise" and "-yse" verbs and their nouns.
const ISE_ENDINGS: [(&str, &str); 8] = [
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ises", "izes"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
];

/// "recognise", "immobilised", "paralyse", "hospitalisation": "-is-"/"-ys-" endings after at
/// least four letters become "-iz-"/"-yz-" ("rise", "wise" and "noise" are too short to change).
fn ise(word: &str) -> String {
    for (british, american) in ISE_ENDINGS {
        if let Some(stem) = word
            .strip_suffix(british)
            .filter(|stem| stem.chars().count() >= 4)
        {
            return format!("{stem}{american}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::american;

    #[test]
    fn british_medical_spellings_have_their_american_form() {
        for (uk, us) in [
            ("anaemia", "anemia"),
            ("haemorrhage", "hemorrhage"),
            ("paediatric", "pediatric"),
            ("leukaemia", "leukemia"),
            ("anaesthetic", "anesthetic"),
            ("oesophagus", "esophagus"),
            ("oedema", "edema"),
            ("oestrogen", "estrogen"),
            ("diarrhoea", "diarrhea"),
            ("foetus", "fetus"),
            ("coeliac", "celiac"),
            ("tumour", "tumor"),
            ("tumours", "tumors"),
            ("behaviour", "behavior"),
            ("centre", "center"),
            ("centres", "centers"),
            ("fibre", "fiber"),
            ("metre", "meter"),
            ("litre", "liter"),
            ("recognise", "recognize"),
            ("immobilised", "immobilized"),
            ("hospitalisation", "hospitalization"),
            ("paralyse", "paralyze"),
        ] {
            assert_eq!(american(uk).as_deref(), Some(us), "{uk}");
        }
    }

    #[test]
    fn words_that_only_look_british_are_left_alone() {
        for word in [
            "shoe", "toes", "does", "goes", "hour", "four", "your", "pour", "rise", "wise",
            "noise", "aerobic", "anemia", "tumor", "center", "after", "oe",
        ] {
            assert_eq!(american(word), None, "{word}");
        }
    }
}
