//! The byte-level encodings of the static search index (docs/search-index.md):
//! varints, strings, content-hashed gzip files and the splitting of sorted
//! records into shards of a target size.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// Appends `value` as an unsigned LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a string as its byte length, then its UTF-8 bytes.
pub fn string(out: &mut Vec<u8>, text: &[u8]) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text);
}

/// Appends sorted document numbers as gaps, the first from 0.
pub fn gaps(out: &mut Vec<u8>, docs: impl IntoIterator<Item = u32>) {
    let mut previous = 0;
    for doc in docs {
        varint(out, u64::from(doc - previous));
        previous = doc;
    }
}

/// A file of the exported index: its name, which carries a hash of its
/// bytes so it can be cached forever, and its gzip-compressed bytes.
pub struct HashedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl HashedFile {
    /// The `ordinal`th file of a kind: `t12-89abcdef.bin`. The manifest
    /// lists only the hash; the client rebuilds the name.
    pub fn new(kind: &str, ordinal: usize, extension: &str, raw: &[u8]) -> HashedFile {
        let bytes = gzip(raw);
        HashedFile {
            name: format!("{kind}{ordinal}-{}.{extension}", short_hash(&bytes)),
            bytes,
        }
    }

    /// The hash part of the name.
    pub fn hash(&self) -> &str {
        let start = self.name.find('-').map_or(0, |i| i + 1);
        &self.name[start..start + 8]
    }
}

/// Eight hex digits of the FNV-1a hash: with the ordinal in the name, two
/// versions of one file share a name once in four billion changes.
pub fn short_hash(bytes: &[u8]) -> String {
    format!("{:08x}", (fnv1a(bytes) >> 32) as u32)
}

/// Gzip without a file name or time stamp, so equal input gives equal bytes.
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(raw.len() / 3), Compression::default());
    encoder
        .write_all(raw)
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// FNV-1a, 64 bits: a stable hash for file names (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Splits records (already in key order) into consecutive runs whose sizes
/// reach `target` bytes, returning the index where each run starts. A record
/// of half the target or more has a run of its own, so a query for a small
/// record never pays for a big neighbour.
pub fn shard_starts(sizes: impl IntoIterator<Item = usize>, target: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut filled = 0;
    let mut count = 0;
    for size in sizes {
        let big = size >= target / 2;
        if count > 0 && (filled >= target || (big && filled > 0)) {
            starts.push(count);
            filled = 0;
        }
        filled += size;
        if big {
            filled = target;
        }
        count += 1;
    }
    if count == 0 {
        starts.clear();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for value in [0, 1, 127, 128, 300, 16_384] {
            varint(&mut out, value);
        }
        assert_eq!(
            out,
            [0, 1, 127, 0x80, 1, 0xac, 2, 0x80, 0x80, 1],
            "0, 1, 127, 128, 300, 16384"
        );
    }

    #[test]
    fn gaps_start_from_zero() {
        let mut out = Vec::new();
        gaps(&mut out, [3, 4, 10]);
        assert_eq!(out, [3, 1, 6]);
    }

    #[test]
    fn shards_close_once_full() {
        assert_eq!(shard_starts([4, 4, 4, 1, 1], 10), [0, 3]);
        assert_eq!(shard_starts([1, 20, 1, 1], 10), [0, 1, 2], "big alone");
        assert_eq!(shard_starts([50], 10), [0]);
        assert!(shard_starts([], 10).is_empty());
    }

    #[test]
    fn hashed_names_follow_the_bytes() {
        let a = HashedFile::new("t", 3, "bin", b"abc");
        let b = HashedFile::new("t", 3, "bin", b"abc");
        let c = HashedFile::new("t", 3, "bin", b"abd");
        assert_eq!(a.name, b.name);
        assert_ne!(a.name, c.name);
        assert_eq!(a.name, format!("t3-{}.bin", a.hash()));
        assert_eq!(a.hash().len(), 8);
        assert_eq!(&a.bytes[..2], &[0x1f, 0x8b], "gzip magic");
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
