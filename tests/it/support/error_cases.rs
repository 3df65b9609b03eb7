//! The one problem each error fixture (tests/fixtures/errors/<kind>/, laid
//! over errors/base/) must report: shared by the build and check tests.

/// `(kind, the one headline, a part of its hint)`.
pub const CASES: &[(&str, &str, &str)] = &[
    (
        "missing-required",
        "content/notes/missing-status.md:1:1: error: missing required field `status` in collection `notes`",
        "add `status = ...`: one of \"ongoing\", \"completed\"",
    ),
    (
        "wrong-type",
        "content/notes/wrong-type.md:6:16: error: field `participants` should be a whole number, not the text \"forty\"",
        "remove the quotes: write it like participants = 42",
    ),
    (
        "bad-date",
        "content/notes/bad-date.md:6:11: error: field `updated` is not a valid date: \"March 14, 2025\"",
        "expected a date like 2025-03-14",
    ),
    (
        "impossible-date",
        "content/notes/impossible-date.md:6:11: error: invalid TOML: invalid date, expected day between 01 and 28",
        "date = 2025-03-14",
    ),
    (
        "unknown-enum",
        "content/notes/unknown-enum.md:5:10: error: `ongoing-ish` is not an allowed value of field `status`",
        "did you mean `ongoing`?",
    ),
    (
        "unknown-term",
        "content/notes/unknown-term.md:6:22: error: unknown term `ict` in taxonomy topics",
        "did you mean `ict-in-education`?",
    ),
    (
        "dangling-ref",
        "content/notes/dangling-ref.md:6:13: error: no entry `marcia-campbel` in `experts`",
        "did you mean `marcia-campbell`?",
    ),
    (
        "broken-link",
        "content/notes/broken-link.md:8:6: error: broken link: no entry `god-note` in `notes`",
        "did you mean `@/notes/good-note.md`?",
    ),
    (
        "broken-anchor",
        "content/notes/broken-anchor.md:8:6: error: broken anchor: `content/notes/good-note.md` has no heading `#contxt`",
        "did you mean `#context`?",
    ),
    (
        "unknown-collection-link",
        "content/notes/unknown-collection-link.md:8:6: error: link to unknown collection `note`",
        "did you mean `@/notes/good-note.md`?",
    ),
    (
        "duplicate-slug",
        "content/notes/dup-note.md: error: duplicate slug `dup-note` in collection `notes`",
        "content/notes/archive/dup-note.md has the same name",
    ),
    (
        "malformed-toml",
        "content/notes/malformed-toml.md:3:40: error: invalid TOML: invalid basic string, expected `\"`",
        "close the text with a double quote",
    ),
    (
        // Only the unreadable entry's own error: not also the reference and
        // the link that name it, which would bury it.
        "unreadable-target",
        "content/experts/marcia-campbell.md:2:25: error: invalid TOML: invalid basic string, expected `\"`",
        "close the text with a double quote",
    ),
    (
        "unterminated-front-matter",
        "content/notes/unterminated.md:1:1: error: the front matter is never closed",
        "add a line with just `+++`",
    ),
    (
        "missing-front-matter",
        "content/notes/no-front-matter.md:1:1: error: the file does not start with front matter",
        "start the file with a line `+++`",
    ),
    (
        "invalid-utf8",
        "content/notes/latin1.md:3:33: error: the file is not valid UTF-8 text",
        "save the file with UTF-8 encoding",
    ),
    (
        "unknown-field",
        "content/notes/unknown-field.md:6:1: error: unknown field `participnts` in collection `notes`",
        "did you mean `participants`?",
    ),
    (
        "unsafe-file-name",
        "content/notes/Bad Name.md: error: file name `Bad Name.md` is not a safe slug",
        "rename the file to `bad-name.md`",
    ),
    (
        "bad-url",
        "content/notes/bad-url.md:6:11: error: field `website` is not a web address: \"www.example.org\"",
        "starting with https://",
    ),
    (
        "bad-email",
        "content/experts/bad-email.md:5:9: error: field `email` is not an email address: \"andre at example.org\"",
        "\"name@example.org\"",
    ),
    (
        "not-a-list",
        "content/notes/not-a-list.md:6:10: error: field `topics` must be a list",
        "square brackets",
    ),
    (
        "empty-required",
        "content/notes/empty-title.md:2:9: error: field `title` is not filled in",
        "The entry's title: write the text in quotes, like title = \"...\"",
    ),
    (
        "bad-language",
        "content/notes/bad-language.md:6:8: error: `english` is not a language tag",
        "BCP 47",
    ),
    (
        "bad-alias",
        "content/notes/bad-alias.md:6:12: error: alias `old/path/` is not a path on this site: it does not start with `/`",
        "/old/path/",
    ),
    (
        "alias-clash",
        "content/notes/alias-clash.md:6:12: error: alias `/notes/good-note/` is already used by content/notes/good-note.md",
        "remove the alias",
    ),
    (
        "required-if",
        "content/experts/no-email.md:1:1: error: missing required field `email` in collection `experts` (because contact = \"email\")",
        "an email address",
    ),
    (
        "datetime-without-offset",
        "content/events/no-offset.md:5:9: error: field `start` has no UTC offset",
        "2025-06-12T14:00:00-05:00",
    ),
    (
        "unknown-nested-field",
        "content/events/nested.md:6:33: error: unknown field `venu` in field `location`",
        "did you mean `venue`?",
    ),
    (
        "missing-nested-field",
        "content/events/nested-missing.md:6:12: error: missing required field `city` in field `location`",
        "add `city = ...`",
    ),
    (
        "unknown-collection-folder",
        "content/note: error: folder `note` is not a collection declared in site.toml",
        "did you mean `notes`?",
    ),
    (
        "entry-outside-collection",
        "content/stray.md: error: entries belong in a collection's folder",
        "content/<collection>/",
    ),
    (
        "page-url-clash",
        "content/pages/notes.md: error: page `notes` would have the same URL (/notes/) as `notes`",
        "rename the page's file",
    ),
    (
        "unknown-term-parent",
        "content/_taxonomies/topics.toml:8:10: error: parent `qualty` of term `ict-in-education` is not a term listed above it",
        "did you mean `quality`?",
    ),
    (
        "malformed-site-toml",
        "site.toml:15:25: error: unknown variant `integer`, expected one of `string`, `text`, `int`, `float`, `bool`, `date`, `datetime`, `url`, `file`, `email`, `enum`, `term`, `ref`, `object`",
        "use one of the field types",
    ),
    (
        "missing-static-file",
        "content/notes/missing-static-file.md:8:5: error: broken link: the site has no page or file `/documents/plan.pdf`",
        "put the file at static/documents/plan.pdf",
    ),
    (
        "missing-file-field",
        "content/notes/missing-file-field.md:6:14: error: field `attachment`: the site has no file `/documents/plan.pdf`",
        "put the file at static/documents/plan.pdf",
    ),
    (
        "multibyte-without-front-matter",
        "content/notes/emile.md:1:1: error: the file does not start with front matter",
        "start the file with a line `+++`",
    ),
    (
        "control-character",
        "content/notes/control-character.md:2:17: error: `title` contains U+0007 (a control character)",
        "remove the escape `\\u0007`: feeds and calendar files cannot carry control characters",
    ),
    (
        "template-error",
        "templates/list.html:3:25: error: template error: Found `</` but expected }}.",
        "fix the template",
    ),
    (
        "alias-case-clash",
        "content/notes/alias-case-clash.md:6:12: error: alias `/Notes/Good-Note/` is already used by content/notes/good-note.md (/Notes/Good-Note/index.html and /notes/good-note/index.html differ only in case or Unicode form, and are one file on macOS and Windows)",
        "give it a path no other page has",
    ),
    (
        "alias-encoded-dots",
        "content/notes/alias-encoded-dots.md:6:12: error: alias `/old/%2e%2e/%2e%2e/x/` is not a path on this site: it has a `..` segment once decoded",
        "like /old/path/",
    ),
    (
        "alias-not-a-page",
        "content/notes/alias-not-a-page.md:6:12: error: alias `/notes/feed.xml` is not a path on this site: `feed.xml` names a file that is not a page, and a redirect is a page",
        "/old/page.html",
    ),
    (
        "alias-reserved",
        "content/notes/alias-reserved.md:6:12: error: alias `/__calabash/old/` is not a path on this site: /__calabash/ belongs to the preview server",
        "like /old/path/",
    ),
    (
        "collection-url-clash",
        "site.toml:13:7: error: collection `notes` would write /index.html, which the home page already writes",
        "give it a `url` no other page has",
    ),
    (
        "static-case-clash",
        "static/About/index.html: error: the static file static/About/index.html would write /About/index.html, which content/pages/about.md already writes (/About/index.html and /about/index.html differ only in case or Unicode form, and are one file on macOS and Windows)",
        "rename or remove the file",
    ),
    (
        "static-file-clash",
        "static/sitemap.xml: error: the static file static/sitemap.xml would write /sitemap.xml, which the site map already writes",
        "rename or remove the file",
    ),
    (
        "term-unicode-clash",
        "content/_taxonomies/topics.toml:15:6: error: terms `\u{fb01}le` and `file` would share the URL segment `file`",
        "more than case, accents or punctuation",
    ),
    (
        "unsafe-collection-url",
        "site.toml:13:7: error: collection `notes` would have the URL /../../../x/, which is not a safe path: it has a `..` segment",
        "like \"/practice/\"",
    ),
    (
        "unsafe-filter-field",
        "site.toml:13:12: error: the filter pages of field `../up` of collection `notes` would have an unsafe URL: it has a `..` segment",
        "plain words",
    ),
    (
        "unsafe-taxonomy-url",
        "site.toml:10:7: error: taxonomy `topics` would have the URL /%2e%2E/topics/, which is not a safe path: it has a `..` segment once decoded",
        "like \"/practice/\"",
    ),
];
