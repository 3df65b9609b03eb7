//! The inputs of `random_input.rs`: a seeded generator, pieces that
//! parsers and span arithmetic find hard, and ways to damage a good file.

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces that parsers, span arithmetic and writers find hard.
pub const PIECES: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "\r",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\\",
    "\\u0001",
    "\\u000B",
    "\\uFFFE",
    "\\U0010FFFF",
    "\\n",
    "é",
    "É",
    "😀",
    "\u{feff}",
    "e\u{301}",
    "\u{200d}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "中文",
    "עברית",
    "\u{0}",
    "\u{1}",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fdd0}",
    "\u{10ffff}",
    "#",
    "@/",
    "](",
    "[x](@/library/",
    "![",
    "<script>",
    "]]>",
    "&",
    "title",
    "summary",
    "date",
    "= 2025-01-01",
    "2025-13-45",
    "1979-05-27T07:32:00-05:00",
    "topics",
    "[\"quality\"]",
    " ",
    "\t",
    "x",
    "0",
    "-1",
    "99999999999999999999",
    "inf",
    "nan",
    "true",
    "{ start = 2020 }",
    "```",
    "\n## ",
    "\n# ",
    "[^1]",
    "<!--",
    "-->",
    "|",
];

pub fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(300);
    (0..len).map(|_| rng.next() as u8).collect()
}

fn random_pieces(rng: &mut Rng) -> Vec<u8> {
    let count = 1 + rng.below(60);
    (0..count)
        .flat_map(|_| rng.pick(PIECES).as_bytes().to_vec())
        .collect()
}

/// `seed` with a few edits: pieces inserted, bytes changed, runs cut or
/// repeated. Byte edits may leave it invalid UTF-8, which is the point.
pub fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 | 1 => {
                let piece = rng.pick(PIECES).as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(80)).min(bytes.len());
                let run = bytes[at..end].to_vec();
                bytes.splice(at..at, run);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

/// Something a contributor or an accident could save as a file like `seed`.
pub fn variant(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    match rng.below(10) {
        0 => random_bytes(rng),
        1 => random_pieces(rng),
        2 => {
            // Text without front matter that starts with a character of
            // several bytes: the span of "no front matter" starts there.
            let mut out = rng
                .pick(&["\u{feff}", "É", "😀", "\u{85}", "中"])
                .as_bytes()
                .to_vec();
            out.extend(random_pieces(rng));
            out
        }
        _ => mutate(seed, rng),
    }
}
