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
}

impl FreshIndex {
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
    for id in 0..site.entries.len() {
        writer.add_document(document(site, id, &fields, default_lang))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(FreshIndex {
        fresh,
        dir: dir.to_path_buf(),
    })
}

fn document(site: &Site, id: EntryId, fields: &Fields, default_lang: &str) -> TantivyDocument {
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
    let body = markdown::plain_text(entry.body_text());
    let texts = [
        (fields.title, entry.title.clone()),
        (fields.summary, entry.summary.clone()),
        (fields.body, body),
        (fields.terms, labels.join("\n")),
    ];
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
