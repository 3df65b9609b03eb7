//! Reading Rust as text: comments, literals and test items blanked out,
//! tokens, and where each function starts and ends.

use std::collections::BTreeSet;

/// The text with comments, strings and character literals replaced by
/// spaces (line breaks kept, so lines still count).
pub(super) fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, part: &[char]| {
        out.extend(part.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let previous_is_ident = i > 0 && ident(chars[i - 1]);
        let end = if c == '/' && next == Some('/') {
            (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len())
        } else if c == '/' && next == Some('*') {
            block_comment_end(&chars, i)
        } else if c == '"' {
            string_end(&chars, i + 1)
        } else if !previous_is_ident && (c == 'r' || c == 'b') {
            match raw_or_byte_literal_end(&chars, i) {
                Some(end) => end,
                None => i + 1,
            }
        } else if c == '\'' {
            char_literal_end(&chars, i).unwrap_or(i + 1)
        } else {
            i + 1
        };
        if end == i + 1 {
            out.push(c);
        } else {
            blank(&mut out, &chars[i..end]);
        }
        i = end;
    }
    out
}

pub(super) fn block_comment_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut i) = (0, start);
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// The end of a string whose text starts at `i` (after its quote).
pub(super) fn string_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// The end of `r"…"`, `r#"…"#`, `b"…"`, `br"…"` or `b'…'` starting at `i`.
pub(super) fn raw_or_byte_literal_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
        match chars.get(j) {
            Some('"') => return Some(string_end(chars, j + 1)),
            Some('\'') => return char_literal_end(chars, j),
            Some('r') => {}
            _ => return None,
        }
    }
    j += 1; // the `r`
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    if chars.get(j + hashes) != Some(&'"') {
        return None;
    }
    let mut k = j + hashes + 1;
    while k < chars.len() {
        if chars[k] == '"'
            && chars[k + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(k + 1 + hashes);
        }
        k += 1;
    }
    Some(chars.len())
}

/// The end of a character literal at `i`, or `None` for a lifetime.
pub(super) fn char_literal_end(chars: &[char], i: usize) -> Option<usize> {
    match chars.get(i + 1) {
        Some('\\') => {
            let close = (i + 3..chars.len()).find(|&j| chars[j] == '\'')?;
            Some(close + 1)
        }
        Some(_) if chars.get(i + 2) == Some(&'\'') => Some(i + 3),
        _ => None,
    }
}

/// `code` with every item behind `#[cfg(test)]` blanked out.
pub(super) fn blank_test_items(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    for (start, end) in test_items(code) {
        for c in &mut out[start..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    }
    out.into_iter().collect()
}

/// The character ranges of the items behind `#[cfg(test)]`.
pub(super) fn test_items(code: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = code.chars().collect();
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(found) = find_cfg_test(&chars, from) {
        let (mut depth, mut i) = (0i32, found.1);
        let end = loop {
            let Some(&c) = chars.get(i) else {
                break chars.len();
            };
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' => depth -= 1,
                '}' if depth == 0 => break i, // the end of what holds the item
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break i + 1;
                    }
                }
                ';' | ',' if depth == 0 => break i + 1,
                _ => {}
            }
            i += 1;
        };
        ranges.push((found.0, end));
        from = end;
    }
    ranges
}

/// Where the next `#[cfg(test)]` starts and ends (spaces allowed inside).
pub(super) fn find_cfg_test(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let wanted: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '#' {
            let (mut j, mut k) = (i, 0);
            while j < chars.len() && k < wanted.len() {
                if chars[j].is_whitespace() {
                    j += 1;
                } else if chars[j] == wanted[k] {
                    j += 1;
                    k += 1;
                } else {
                    break;
                }
            }
            if k == wanted.len() {
                return Some((i, j));
            }
        }
        i += 1;
    }
    None
}

/// The number of lines of a file outside its `#[cfg(test)]` items.
pub(super) fn lines_besides_tests(code: &str) -> usize {
    let line_of = |at: usize| code.chars().take(at).filter(|&c| c == '\n').count();
    let mut test_lines = BTreeSet::new();
    for (start, end) in test_items(code) {
        test_lines.extend(line_of(start)..=line_of(end));
    }
    code.lines().count() - test_lines.len()
}

/// The names of modules declared `#[cfg(test)] mod name;`.
pub(super) fn declared_test_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (start, end) in test_items(code) {
        let item: String = code.chars().skip(start).take(end - start).collect();
        let tokens = tokenize(&item);
        for window in tokens.windows(3) {
            if window[0].text == "mod" && window[2].text == ";" {
                names.push(window[1].text.clone());
            }
        }
    }
    names
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) line: usize,
}

pub(super) fn tokenize(code: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let mut text: String = chars[start..i].iter().collect();
            // `r#name` is the name `name`.
            if text == "r" && chars.get(i) == Some(&'#') {
                let rest = i + 1;
                let mut j = rest;
                while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                text = chars[rest..j].iter().collect();
                i = j;
            }
            tokens.push(Token { text, line });
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            tokens.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    tokens
}

pub(super) fn is_name(token: &Token) -> bool {
    token
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Every `fn` item with a body: its name, first line and number of lines
/// from its signature to its closing brace.
pub(super) fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let tokens = tokenize(code);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.text != "fn" || !tokens.get(i + 1).is_some_and(is_name) {
            continue;
        }
        let mut depth = 0i32;
        let mut j = i + 2;
        let body = loop {
            let Some(t) = tokens.get(j) else { break None };
            match t.text.as_str() {
                "(" | "[" => depth += 1,
                ")" | "]" => depth -= 1,
                ";" if depth == 0 => break None,
                "{" if depth == 0 => break Some(j),
                _ => {}
            }
            j += 1;
        };
        let Some(open) = body else { continue };
        let mut depth = 0i32;
        for t in &tokens[open..] {
            match t.text.as_str() {
                "{" => depth += 1,
                "}" => {
                    depth -= 1;
                    if depth == 0 {
                        let length = t.line - token.line + 1;
                        found.push((tokens[i + 1].text.clone(), token.line, length));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    found
}
