//! Building the tantivy index from the validated site. The index is written
//! to a fresh folder and swapped in only when complete.

use std::path::{Path, PathBuf};

use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::markdown;
use crate::model::{EntryId, Value};
use crate::search::{Fields, analyzer, register_tokenizers, stemmer_language};
use crate::site::Site;

/// Writer memory for the whole index build, shared by its threads.
const WRITER_MEMORY: usize = 40_000_000;

/// A complete index waiting beside its final folder, swapped in by
/// `commit` only when the rest of the build succeeded too.
pub struct FreshIndex {
    fresh: PathBuf,
    dir: PathBuf,
    /// The start of each entry's text, for the exported snippets.
    pub openings: Vec<String>,
}

impl FreshIndex {
    /// The folder the index is written in until `commit`.
    pub fn path(&self) -> &Path {
        &self.fresh
    }

    pub fn commit(self) -> std::io::Result<()> {
        let old = self
            .dir
            .with_file_name(format!(".index-old-{}", std::process::id()));
        if self.dir.exists() {
            std::fs::rename(&self.dir, &old)?;
        }
        std::fs::rename(&self.fresh, &self.dir)?;
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

impl Drop for FreshIndex {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.fresh);
    }
}

/// Indexes every entry of `site` into a fresh folder beside `dir`.
pub fn build(site: &Site, dir: &Path) -> tantivy::Result<FreshIndex> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let fresh = parent.join(format!(".index-new-{}", std::process::id()));
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)?;
    }
    std::fs::create_dir_all(&fresh)?;
    let (schema, fields) = Fields::schema(&site.config.language);
    let index = Index::create_in_dir(&fresh, schema)?;
    register_tokenizers(&index);
    // One indexing thread: the page rendering has the other core.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    let default_lang = stemmer_language(&site.config.language).0;
    let mut openings = Vec::with_capacity(site.entries.len());
    for id in 0..site.entries.len() {
        let body = markdown::plain_text(site.entries[id].body_text());
        openings.push(opening(&body, OPENING_CHARS));
        writer.add_document(document(site, id, &fields, default_lang, body))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(FreshIndex {
        fresh,
        dir: dir.to_path_buf(),
        openings,
    })
}

/// About how much of an entry's text the exported index keeps for snippets.
const OPENING_CHARS: usize = 480;

/// The first `limit` characters of `text` or fewer, with spaces collapsed,
/// cut at a word boundary.
pub fn opening(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(limit.min(text.len()));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + 1 > limit && chars > 0 {
            break;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.extend(word.chars().take(limit));
        chars += len;
    }
    out
}

fn document(
    site: &Site,
    id: EntryId,
    fields: &Fields,
    default_lang: &str,
    body: String,
) -> TantivyDocument {
    let entry = &site.entries[id];
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.key, format!("{}/{}", entry.collection, entry.slug));
    doc.add_text(fields.collection, &entry.collection);
    doc.add_text(fields.url, site.config.url(&site.entry_path(id)));
    doc.add_text(fields.path, &entry.source.path);
    let (lang, language) = stemmer_language(&entry.lang);
    doc.add_text(fields.lang, lang);

    let mut labels = Vec::new();
    for value in entry.fields.values() {
        value.walk(&mut |v| {
            if let Value::Term { taxonomy, id } = v {
                doc.add_text(fields.facet, format!("{taxonomy}/{id}"));
                labels.push(site.taxonomies.label(taxonomy, id).to_string());
            }
        });
    }
    let texts = [
        (fields.title, entry.title.clone()),
        (fields.summary, entry.summary.clone()),
        (fields.body, body),
        (fields.terms, labels.join("\n")),
    ];
    for (_, text) in &texts {
        doc.add_text(fields.words, text);
    }
    if lang == default_lang {
        for (field, text) in texts {
            doc.add_text(field, text);
        }
    } else {
        // Stemmed in the entry's own language rather than the field's default.
        let mut own = analyzer(language);
        for (field, text) in texts {
            doc.add_pre_tokenized_text(field, pre_tokenize(&mut own, text));
        }
    }
    doc
}

fn pre_tokenize(analyzer: &mut TextAnalyzer, text: String) -> PreTokenizedString {
    let mut tokens: Vec<Token> = Vec::new();
    {
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
    }
    PreTokenizedString { text, tokens }
}
