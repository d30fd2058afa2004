//! The byte layout of index files: unsigned LEB128 numbers and length-prefixed UTF-8 strings.
//! The script decodes the same layout (`templates/search.js`, reader `R`).

#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn num(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.bytes.push(b);
                return;
            }
            self.bytes.push(b | 0x80);
        }
    }

    pub fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Ascending numbers as the count, then gaps (the first gap counts from 0).
    pub fn ascending(&mut self, v: &[u32]) {
        self.num(v.len() as u64);
        let mut prev = 0;
        for &x in v {
            self.num(u64::from(x - prev));
            prev = x;
        }
    }
}

pub struct Reader<'b> {
    b: &'b [u8],
    pub pos: usize,
}

impl<'b> Reader<'b> {
    pub fn new(b: &'b [u8]) -> Self {
        Reader { b, pos: 0 }
    }

    pub fn num(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.b.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }

    pub fn str(&mut self) -> Option<&'b str> {
        let n = self.num()? as usize;
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        std::str::from_utf8(s).ok()
    }

    pub fn ascending(&mut self) -> Option<Vec<u32>> {
        let n = self.num()? as usize;
        let mut out = Vec::with_capacity(n.min(1 << 16));
        let mut prev = 0u64;
        for _ in 0..n {
            prev += self.num()?;
            out.push(u32::try_from(prev).ok()?);
        }
        Some(out)
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

pub fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).ok()?;
    Some(out)
}

/// A short content hash for file names: the first 40 bits of SHA-256 in lowercase base32.
/// Characters of a file name.
pub const NAME_LEN: usize = 8;

pub fn name_of(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let d = Sha256::digest(bytes);
    let mut bits = 0u64;
    for b in &d[..8] {
        bits = bits << 8 | u64::from(*b);
    }
    (0..NAME_LEN).map(|i| ALPHABET[((bits >> (59 - 5 * i)) & 31) as usize] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = Writer::default();
        w.num(300);
        w.str("gouvernance é");
        w.ascending(&[3, 5, 200]);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.num(), Some(300));
        assert_eq!(r.str(), Some("gouvernance é"));
        assert_eq!(r.ascending(), Some(vec![3, 5, 200]));
        assert_eq!(r.num(), None);
        assert_eq!(gunzip(&gzip(b"abc")).as_deref(), Some(&b"abc"[..]));
        assert_eq!(name_of(b"x").len(), NAME_LEN);
    }
}
