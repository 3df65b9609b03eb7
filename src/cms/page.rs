//! `admin/index.html`: the page that loads the editor. Kept out of search
//! engines (`noindex`); the editor's preview uses the hub's stylesheet; a
//! save handler leaves out fields left empty, which `check` would reject
//! as `x = ""` (Decap writes a field once touched, even when emptied).

use crate::config::{CmsScript, Config};
use crate::core::text::escape_attr;

/// The page, loading the editor's script from `script_src`.
pub fn index_html(config: &Config, script: &CmsScript, script_src: &str) -> String {
    let title = escape_attr(&format!("Edit {}", config.title));
    let lang = escape_attr(&config.language);
    let stylesheet = serde_json::Value::String(config.url("/style.css")).to_string();
    let loading = match script {
        CmsScript::Remote { integrity, .. } => format!(
            "<script src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
            escape_attr(script_src),
            escape_attr(integrity)
        ),
        CmsScript::Local { .. } => {
            format!("<script src=\"{}\"></script>", escape_attr(script_src))
        }
    };
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
</head>
<body>
{loading}
<script>
// Written by `calabash cms` from site.toml.
CMS.registerPreviewStyle({stylesheet});
// Values left empty are left out of the file, as if never given.
function isEmptyValue(value) {{
  return value === "" || value === null || value === undefined ||
    (typeof value === "object" && typeof value.size === "number" && value.size === 0);
}}
function withoutEmpty(value) {{
  if (value && typeof value === "object" && typeof value.filter === "function" &&
      typeof value.map === "function" && typeof value.toJS === "function") {{
    return value.map(withoutEmpty).filter(function (item) {{ return !isEmptyValue(item); }});
  }}
  return value;
}}
CMS.registerEventListener({{
  name: "preSave",
  handler: function (event) {{ return withoutEmpty(event.entry.get("data")); }}
}});
</script>
</body>
</html>
"#
    )
}
