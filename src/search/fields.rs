//! The index's fields and where the index lives: what is stored and indexed
//! of each entry, and the weights a query gives each field.

use std::path::{Path, PathBuf};

use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

/// Where the index of the site at `root` lives.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(".calabash").join("index")
}

/// The tokenizer of every indexed text field. Text reaches the index
/// already split, lower-cased and stemmed (in parallel, and in each entry's
/// own language), as words separated by spaces.
pub const ANALYSED: &str = "calabash_analysed";

/// The facet group of an entry's collection; the others are taxonomies
/// (and the entry's language, `language::LANGUAGE_GROUP`).
pub const COLLECTION_GROUP: &str = "collection";

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub collection: Field,
    pub title: Field,
    pub summary: Field,
    /// The title and summary as written, for results.
    pub shown_title: Field,
    pub shown_summary: Field,
    pub body: Field,
    /// The body's plain text as indexed, for snippets: results quote what
    /// was indexed, even after the source file has changed.
    pub shown_body: Field,
    pub terms: Field,
    pub url: Field,
    pub facet: Field,
    pub lang: Field,
    /// Every unstemmed word of the entry, for prefix and typo matching.
    pub words: Field,
}

/// The fields a query word is looked up in, with their weights: a word in
/// the title counts most.
pub const WEIGHTED_FIELDS: [(&str, f32); 4] = [
    ("title", 3.0),
    ("terms", 2.0),
    ("summary", 1.5),
    ("body", 1.0),
];

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYSED)
            .set_index_option(IndexRecordOption::WithFreqs);
        let text = TextOptions::default().set_indexing_options(indexing);
        // Indexed fields hold stems; results show the words as written.
        let fields = Fields {
            key: builder.add_text_field("key", STRING | STORED),
            collection: builder.add_text_field("collection", STRING | STORED),
            title: builder.add_text_field("title", text.clone()),
            summary: builder.add_text_field("summary", text.clone()),
            body: builder.add_text_field("body", text.clone()),
            terms: builder.add_text_field("terms", text),
            shown_title: builder.add_text_field("shown_title", STORED),
            shown_summary: builder.add_text_field("shown_summary", STORED),
            url: builder.add_text_field("url", STORED),
            shown_body: builder.add_text_field("shown_body", STORED),
            facet: builder.add_text_field("facet", STRING | STORED),
            lang: builder.add_text_field("lang", STRING | STORED),
            words: builder.add_text_field(
                "words",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(ANALYSED)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                ),
            ),
        };
        (builder.build(), fields)
    }

    /// The fields of `WEIGHTED_FIELDS` with their weights, in its order:
    /// what a query word is scored in.
    pub fn weighted(&self) -> [(Field, f32); 4] {
        WEIGHTED_FIELDS.map(|(name, weight)| {
            let field = match name {
                "title" => self.title,
                "terms" => self.terms,
                "summary" => self.summary,
                _ => self.body,
            };
            (field, weight)
        })
    }

    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            key: get("key")?,
            collection: get("collection")?,
            title: get("title")?,
            summary: get("summary")?,
            shown_title: get("shown_title")?,
            shown_summary: get("shown_summary")?,
            body: get("body")?,
            shown_body: get("shown_body")?,
            terms: get("terms")?,
            url: get("url")?,
            facet: get("facet")?,
            lang: get("lang")?,
            words: get("words")?,
        })
    }
}

/// Registers the tokenizer of the indexed fields on an index.
pub fn register_tokenizers(index: &tantivy::Index) {
    index.tokenizers().register(
        ANALYSED,
        TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_fields_are_the_fields_named_in_weighted_fields() {
        let (schema, fields) = Fields::schema();
        let named: Vec<(&str, f32)> = fields
            .weighted()
            .iter()
            .map(|(field, weight)| (schema.get_field_name(*field), *weight))
            .collect();
        assert_eq!(named, WEIGHTED_FIELDS.to_vec());
    }
}
