//! Every problem of `site.toml` points at the very key or value it is about,
//! by the TOML parser's spans: not at an earlier look-alike in a comment, a
//! longer key, a string or another table, and whether the key is quoted,
//! dotted, in an inline table or in an array of tables.

use calabash::config;
use calabash::core::diagnostics::Diagnostic;

/// Each key and value the cases below point at is written here first, where
/// a search of the text would find it.
const HEAD: &str = r#"# Looks like: url = "/same/" sort_by = "nope" colour "colour" "ten" "strng"
# "Bad Name" [collections.pages] title "topic" "expert" kind "level" "begins"
# "date" "summary" ".." "/a/../b/" [taxonomies.b] "ftp://example.org" "only" [3]
title = "Locations"
base_url = "https://example.org"
description = "The url of every base_url, a colour, a kind of level"

[taxonomies.topics]
title = "Topics"
"#;

/// A collection with the fields the cases name.
const NOTES: &str = r#"
[collections.notes]
title = "Notes"
sort_by = "date"

[collections.notes.fields]
begins = { type = "datetime" }
kind = { type = "string" }
"#;

/// `NOTES` with one more setting in the table of the collection itself.
fn notes_with(setting: &str) -> String {
    NOTES.replace(
        "sort_by = \"date\"\n",
        &format!("sort_by = \"date\"\n{setting}\n"),
    )
}

struct Case {
    name: &'static str,
    /// The whole of `site.toml`.
    toml: String,
    /// The problem's message contains this.
    message: &'static str,
    /// The problem is at the first `needle` from the first `anchor` on.
    anchor: &'static str,
    needle: &'static str,
}

/// A case whose `site.toml` is `HEAD` and then `toml`.
fn case(
    name: &'static str,
    toml: &str,
    message: &'static str,
    anchor: &'static str,
    needle: &'static str,
) -> Case {
    Case {
        name,
        toml: format!("{HEAD}{toml}"),
        message,
        anchor,
        needle,
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Where `case` says its problem is; the text also holds its needle
/// earlier, so a search of the text would point elsewhere.
fn expected(text: &str, case: &Case) -> (usize, usize) {
    let anchor = text
        .find(case.anchor)
        .unwrap_or_else(|| panic!("{}: no anchor {:?}", case.name, case.anchor));
    let at = anchor
        + text[anchor..]
            .find(case.needle)
            .unwrap_or_else(|| panic!("{}: no {:?} after the anchor", case.name, case.needle));
    let first = text.find(case.needle).unwrap_or(at);
    assert!(
        first < at,
        "{}: {:?} is not written earlier too, so the case proves nothing",
        case.name,
        case.needle
    );
    line_column(text, at)
}

/// The one problem of `text` whose message contains `message`.
fn problem(text: &str, name: &str, message: &str) -> Result<Diagnostic, String> {
    let problems = match config::parse(text, None) {
        Ok(_) => return Err(format!("{name}: no problem reported")),
        Err(problems) => problems,
    };
    let mut matching = problems.iter().filter(|p| p.message.contains(message));
    match (matching.next(), matching.next()) {
        (Some(p), None) => Ok(p.clone()),
        _ => Err(format!(
            "{name}: not one problem saying {message:?}: {:#?}",
            problems.iter().map(|p| &p.message).collect::<Vec<_>>()
        )),
    }
}

/// Runs the cases, reporting every one that points elsewhere.
fn check(cases: &[Case]) {
    let mut wrong = Vec::new();
    for case in cases {
        let want = expected(&case.toml, case);
        match problem(&case.toml, case.name, case.message) {
            Ok(p) if (p.line, p.column) == want => {
                assert_eq!(p.path, "site.toml", "{}", case.name);
            }
            Ok(p) => wrong.push(format!(
                "{}: at {}:{}, expected {}:{} ({:?}): {}",
                case.name, p.line, p.column, want.0, want.1, case.needle, p.message
            )),
            Err(err) => wrong.push(err),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn problems_the_toml_reader_finds_point_at_their_key_or_value() {
    check(&[
        case(
            "unknown key",
            &format!("{NOTES}\n[collections.extra]\ntitle = \"X\"\ncolour = \"red\"\n"),
            "unknown field `colour`",
            "[collections.extra]",
            "colour",
        ),
        case(
            "unknown quoted key",
            "[collections.extra]\ntitle = \"X\"\n\"colour\" = \"red\"\n",
            "unknown field `colour`",
            "[collections.extra]",
            "\"colour\"",
        ),
        case(
            "unknown key in an inline table",
            "[collections.extra]\ntitle = \"X\"\ncalendar = { start = \"begins\", colour = \"red\" }\n",
            "unknown field `colour`",
            "calendar = {",
            "colour",
        ),
        case(
            "unknown dotted key",
            "[collections.extra]\ntitle = \"X\"\ncalendar.start = \"begins\"\ncalendar.colour = \"red\"\n",
            "unknown field `colour`",
            "calendar.colour",
            "colour",
        ),
        case(
            "wrong type",
            "[collections.extra]\ntitle = \"X\"\npaginate_by = \"ten\"\n",
            "invalid type",
            "paginate_by",
            "\"ten\"",
        ),
        case(
            "wrong type in a field declaration",
            "[collections.extra]\ntitle = \"X\"\nfields = { level = { type = \"enum\", values = \"only\" } }\n",
            "invalid type",
            "fields = {",
            "\"only\"",
        ),
        case(
            "unknown field type",
            "[collections.extra]\ntitle = \"X\"\n[collections.extra.fields]\nlevel = { type = \"strng\" }\n",
            "unknown variant",
            "level =",
            "\"strng\"",
        ),
        case(
            "unknown key of an outline section in an array of tables",
            "[collections.extra]\ntitle = \"X\"\n\n[[collections.extra.outline]]\nheading = \"A\"\n\n[[collections.extra.outline]]\nheading = \"B\"\ncolour = \"red\"\n",
            "unknown field `colour`",
            "heading = \"A\"",
            "colour",
        ),
        case(
            "outline heading of two lines, in an array of tables",
            "[collections.extra]\ntitle = \"X\"\n\n[[collections.extra.outline]]\nheading = \"A\"\n\n[[collections.extra.outline]]\nheading = \"B\\nC\"\n",
            "an outline heading must be one line",
            "heading = \"A\"",
            "[[collections.extra.outline]]",
        ),
        case(
            "outline section of the wrong type, in a list",
            "[collections.extra]\ntitle = \"X\"\noutline = [\"A\", { heading = \"B\" }, 3]\n",
            "expected an outline section",
            "outline = [",
            "3]",
        ),
    ]);
}

#[test]
fn problems_of_collections_and_taxonomies_point_at_their_key_or_value() {
    check(&[
        case(
            "unsortable sort key",
            &format!("{NOTES}\n[collections.extra]\ntitle = \"X\"\nsort_by = \"nope\"\n"),
            "cannot be sorted by `nope`",
            "[collections.extra]",
            "\"nope\"",
        ),
        case(
            "two collections at one URL, the second's key quoted",
            "[collections.a]\ntitle = \"A\"\nurl = \"/same/\"\n[collections.b]\ntitle = \"B\"\n\"url\" = \"/same/\"\n",
            "both use the URL /same/",
            "[collections.b]",
            "\"/same/\"",
        ),
        case(
            "a collection at a taxonomy's URL",
            "[collections.a]\ntitle = \"A\"\nurl = \"/b/\"\n\n[taxonomies.b]\ntitle = \"B\"\n",
            "both use the URL /b/",
            "\n[taxonomies.b]",
            "b]",
        ),
        case(
            "unsafe URL",
            "[collections.extra]\ntitle = \"X\"\nurl = \"/a/../b/\"\n",
            "not a safe path",
            "[collections.extra]",
            "\"/a/../b/\"",
        ),
        case(
            "bad collection name",
            "[collections.\"Bad Name\"]\ntitle = \"X\"\n",
            "collection name `Bad Name`",
            "\n[collections.\"Bad",
            "\"Bad Name\"",
        ),
        case(
            "the built-in pages declared",
            "[collections.pages]\ntitle = \"P\"\n",
            "`pages` is the built-in collection",
            "\n[collections.pages]",
            "pages",
        ),
        case(
            "a common field declared again",
            &format!("{NOTES}title = {{ type = \"string\" }}\n"),
            "repeats a common field",
            "[collections.notes.fields]",
            "title",
        ),
        case(
            "a common field declared again in an inline table",
            "[collections.extra]\ntitle = \"X\"\nfields = { summary = { type = \"text\" } }\n",
            "repeats a common field",
            "fields = {",
            "summary",
        ),
        case(
            "recommended field not declared",
            &format!(
                "{NOTES}\n[collections.extra]\ntitle = \"X\"\nrecommended = [\"summary\", \"nope\"]\n"
            ),
            "recommended names `nope`",
            "recommended",
            "\"nope\"",
        ),
        case(
            "search facet not a taxonomy",
            "[search]\nfacets = [\"topics\", \"level\"]\n",
            "facets names `level`",
            "facets",
            "\"level\"",
        ),
        Case {
            name: "base_url not http(s)",
            toml: HEAD.replace("\"https://example.org\"", "\"ftp://example.org\""),
            message: "is not an http(s) URL",
            anchor: "base_url =",
            needle: "\"ftp://example.org\"",
        },
    ]);
}

#[test]
fn problems_of_field_declarations_point_at_their_key_or_value() {
    check(&[
        case(
            "enum without values, nested in an object",
            &format!(
                "{NOTES}period = {{ type = \"object\", fields = {{ kind = {{ type = \"enum\" }} }} }}\n"
            ),
            "enum field `kind` has no `values`",
            "period =",
            "kind",
        ),
        case(
            "term of an undeclared taxonomy",
            &format!("{NOTES}level = {{ type = \"term\", taxonomy = \"topic\" }}\n"),
            "uses taxonomy `topic`",
            "level =",
            "\"topic\"",
        ),
        case(
            "ref to an undeclared collection, in a list",
            &format!(
                "{NOTES}mentor = {{ type = \"ref\", collection = [\"notes\", \"expert\"] }}\n"
            ),
            "refers to collection `expert`",
            "mentor =",
            "\"expert\"",
        ),
        case(
            "term without taxonomy, as a dotted key",
            &format!("{NOTES}level.type = \"term\"\n"),
            "term field `level` names no `taxonomy`",
            "level.type",
            "level",
        ),
    ]);
}

#[test]
fn problems_of_publishing_settings_point_at_the_field_they_name() {
    check(&[
        case(
            "filter field not declared, quoted key",
            &notes_with("\"filters\" = [\"kind\", \"nope\"]"),
            "filters of collection `notes` names `nope`",
            "\"filters\"",
            "\"nope\"",
        ),
        case(
            "filter field of the wrong type",
            &notes_with("filters = [\"summary\"]"),
            "filters `summary` of collection `notes` must be a term or enum field",
            "filters =",
            "\"summary\"",
        ),
        case(
            "filter pages at an unsafe URL",
            &format!("{NOTES}\"..\" = {{ type = \"term\", taxonomy = \"topics\" }}\n"),
            "the filter pages of field `..`",
            "[collections.notes.fields]",
            "\"..\"",
        ),
        case(
            "calendar start of the wrong type, as a dotted key",
            &notes_with("calendar.start = \"date\""),
            "calendar.start `date` of collection `notes` must be a datetime field",
            "calendar.start",
            "\"date\"",
        ),
        case(
            "calendar end not declared, in an inline table",
            &notes_with("calendar = { start = \"begins\", end = \"nope\" }"),
            "calendar.end of collection `notes` names `nope`",
            "end =",
            "\"nope\"",
        ),
        case(
            "json_ld property naming an undeclared field",
            &format!(
                "{NOTES}\n[collections.notes.json_ld]\ntype = \"Event\"\nproperties = {{ startDate = \"begins\", about = \"nope\" }}\n"
            ),
            "json_ld property of collection `notes` names `nope`",
            "about =",
            "\"nope\"",
        ),
        case(
            "json_ld property mapped from an undeclared field, in a table of its own",
            &format!(
                "{NOTES}\n[collections.notes.json_ld]\ntype = \"Event\"\n[collections.notes.json_ld.properties.eventStatus]\nfield = \"nope\"\nmap = {{ a = \"b\" }}\n"
            ),
            "json_ld property of collection `notes` names `nope`",
            "eventStatus]",
            "\"nope\"",
        ),
    ]);
}

#[test]
fn a_base_url_given_on_the_command_line_is_not_located_in_the_file() {
    let text = format!("{HEAD}{NOTES}");
    let problems = config::parse(&text, Some("ftp://example.org")).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("is not an http(s) URL"));
    assert_eq!((problems[0].line, problems[0].column), (0, 0));
}
