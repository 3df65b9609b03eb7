//! Spanish translations of some generated entries, for a corpus of a hub in
//! two languages: `<slug>.es.md` beside the original, writing only what it
//! translates (title, summary, text), as a hub with translations has them;
//! or, for a Calabash without translations, `<slug>-es.md`, an entry of its
//! own with the original's other fields. Both say `lang = "es"`.

use super::front::q;
use super::prose::{fill_sentence, words as word_count};
use super::rng::Rng;
use std::fmt::Write;

/// How translations are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Files {
    /// `<slug>.es.md`: title, summary, `lang` and text only.
    Translations,
    /// `<slug>-es.md`: an entry of its own in Spanish.
    Entries,
}

/// The language translations are in, and its name in it.
pub const LANG: (&str, &str) = ("es", "Español");

const TEMPLATES: &[&str] = &[
    "{C}, {G} de {P} {V} {N} {A}",
    "{N} {A} ayuda a {G} a {V} {N}",
    "{G} dijeron que {N} les ayudó a {V} {N} {A}",
    "cuando {G} {V} {N}, {G} participan más en {N}",
    "la evidencia de {P} sugiere que {N} {A} puede {V} {N}",
    "{G} y {G} trabajaron juntos para {V} {N} durante varios {T}",
    "{C}, {N} y {N} fueron las prioridades de {G}",
    "es importante {V} {N} antes de pedir a {G} que {V} {N}",
    "la revisión encontró que {N} {A} mejoró {N}",
    "{G} de {P} necesitan apoyo {A} para {V} {N}",
];
const NOUNS: &[&str] = &[
    "la lectura",
    "la escritura",
    "la evaluación",
    "el currículo",
    "la formación docente",
    "la alfabetización",
    "las matemáticas",
    "la inclusión",
    "la tutoría",
    "el aprendizaje",
    "la educación inicial",
    "la asistencia escolar",
    "las lecturas",
    "los materiales",
    "la planificación",
    "la comprensión lectora",
    "la convivencia escolar",
    "las tareas",
    "la biblioteca escolar",
    "la educación rural",
    "los recursos digitales",
    "la radio educativa",
    "la participación de las familias",
    "la preparación ante desastres",
    "el liderazgo escolar",
];
const ADJECTIVES: &[&str] = &[
    "inclusiva",
    "temprana",
    "continua",
    "bilingüe",
    "rural",
    "práctica",
    "comunitaria",
    "digital",
    "sostenible",
    "eficaz",
    "participativa",
    "local",
];
const VERBS: &[&str] = &[
    "mejorar",
    "fortalecer",
    "evaluar",
    "planificar",
    "apoyar",
    "compartir",
    "adaptar",
    "enseñar",
    "aprender",
    "organizar",
    "leer",
    "acompañar",
];
const GROUPS: &[&str] = &[
    "los docentes",
    "las maestras",
    "los estudiantes",
    "las familias",
    "los directores",
    "los alumnos",
    "las comunidades",
    "los formadores",
    "los supervisores",
];
const PLACES: &[&str] = &[
    "Belice",
    "la República Dominicana",
    "Cuba",
    "Honduras",
    "Guatemala",
    "Panamá",
    "las escuelas rurales",
    "la región",
];
const CONNECTORS: &[&str] = &[
    "Además",
    "Sin embargo",
    "Por otra parte",
    "En la práctica",
    "Al final",
];
const TIME_UNITS: &[&str] = &["meses", "trimestres", "años escolares", "semanas"];
const HEADINGS: &[&str] = &[
    "Contexto",
    "Lo que funcionó",
    "Dificultades",
    "Recomendaciones",
    "Recursos",
    "Próximos pasos",
];

/// Whether entry `i` is translated: `percent` of entries, the same ones for a seed.
pub fn chosen(seed: u64, i: usize, percent: u64) -> bool {
    (Rng::derive(seed ^ 0x5452_414e, i as u64).below(100) as u64) < percent
}

/// One Spanish sentence, capitalised and ending with a full stop.
fn sentence(rng: &mut Rng, out: &mut String) {
    let template = rng.word(TEMPLATES);
    fill_sentence(rng, template, out, |class| match class {
        b'N' => NOUNS,
        b'A' => ADJECTIVES,
        b'V' => VERBS,
        b'G' => GROUPS,
        b'P' => PLACES,
        b'C' => CONNECTORS,
        _ => TIME_UNITS,
    });
}

/// Spanish text of about `words` words under `headings` headings.
fn body(rng: &mut Rng, words: usize, headings: usize, out: &mut String) {
    let parts = headings + 1;
    let mut written = 0;
    for part in 0..parts {
        if part > 0 {
            let _ = write!(out, "## {}\n\n", HEADINGS[(part - 1) % HEADINGS.len()]);
        }
        while written < words * (part + 1) / parts {
            let start = out.len();
            for _ in 0..rng.range(2, 5) {
                sentence(rng, out);
                out.push(' ');
            }
            out.truncate(out.trim_end().len());
            out.push_str("\n\n");
            written += word_count(&out[start..]);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
}

/// The translation of the entry whose front matter (`+++ ... +++`, one
/// `key = value` per line) is `front`, with about `words` words of text
/// under `headings` headings: its file name beside the original's, and its text.
pub fn translation(
    rng: &mut Rng,
    (slug, front): (&str, &str),
    (words, headings): (usize, usize),
    files: Files,
) -> (String, String) {
    let mut title = String::new();
    sentence(rng, &mut title);
    title.pop();
    let mut summary = String::new();
    sentence(rng, &mut summary);
    let mut out = format!(
        "+++\ntitle = {}\nsummary = {}\nlang = \"{}\"\n",
        q(&title),
        q(&summary),
        LANG.0
    );
    let name = match files {
        Files::Translations => {
            // Translated as the original was last changed: up to date.
            let updated = front.lines().find(|line| {
                let key = line.split('=').next().unwrap_or_default().trim();
                key == "updated"
            });
            if let Some(line) = updated {
                out.push_str(line);
                out.push('\n');
            }
            format!("{slug}.{}.md", LANG.0)
        }
        Files::Entries => {
            // The original's other fields; aliases stay the original's own.
            let kept = front.lines().filter(|line| {
                let key = line.split('=').next().unwrap_or_default().trim();
                !matches!(key, "+++" | "title" | "summary" | "aliases" | "lang")
            });
            for line in kept {
                out.push_str(line);
                out.push('\n');
            }
            format!("{slug}-{}.md", LANG.0)
        }
    };
    out.push_str("+++\n\n");
    body(rng, words, headings, &mut out);
    (name, out)
}
