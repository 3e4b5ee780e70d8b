//! Sharding, for CI matrices and cluster job arrays: `audit --shard K/N` audits a stable subset
//! of the articles and leaves a [`file`] beside its reports; `citegrade merge` ([`merge`]) puts
//! the N shards back together into the reports a single run would have written.
//!
//! An article belongs to shard K of N when the 64-bit FNV-1a hash of its id — its path relative
//! to the audited root, `/`-separated, without extension, as UTF-8 bytes — is K-1 modulo N.
//! FNV-1a is a published function (offset basis 0xcbf29ce484222325, prime 0x100000001b3), so an
//! article lands in the same shard on every platform, Rust version and run, whatever else is in
//! the batch.

pub mod file;
pub mod merge;

use std::fmt;
use std::hash::Hasher;
use std::str::FromStr;

use fnv::FnvHasher;

/// One part of a batch split N ways: shard `index` (1-based, K) of `count` (N).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Shard {
    /// Shard K of N; K runs from 1 to N.
    pub fn new(index: u32, count: u32) -> Result<Shard, String> {
        if count == 0 {
            return Err("N must be at least 1".into());
        }
        if index == 0 || index > count {
            return Err(format!("K must be between 1 and N ({count})"));
        }
        Ok(Shard { index, count })
    }

    /// K, from 1.
    pub fn index(self) -> u32 {
        self.index
    }

    /// N.
    pub fn count(self) -> u32 {
        self.count
    }

    /// True when the article with this id belongs to this shard.
    pub fn contains(self, id: &str) -> bool {
        hash(id) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `K/N`, as `--shard` takes it.
    fn from_str(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("'{text}' is not of the form K/N (for example 1/3)"))?;
        let number = |part: &str, name: &str| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("{name} in '{text}' is not a whole number"))
        };
        Shard::new(number(k, "K")?, number(n, "N")?)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The 64-bit FNV-1a hash of an article id's UTF-8 bytes.
pub fn hash(id: &str) -> u64 {
    let mut hasher = FnvHasher::default();
    // `write`, not `Hash::hash`: the latter appends a 0xff terminator to a str.
    hasher.write(id.as_bytes());
    hasher.finish()
}

/// A fingerprint of a whole batch: the FNV-1a hash of its article ids in discovery order, one
/// per line, in hex. Shards of one batch share it; shards cut from two batches of the same size
/// do not.
pub fn batch_fingerprint<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut hasher = FnvHasher::default();
    for id in ids {
        hasher.write(id.as_bytes());
        hasher.write(b"\n");
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from the FNV reference test suite (draft-eastlake-fnv, FNV-1a 64).
    #[test]
    fn the_hash_is_fnv_1a_64() {
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn an_article_id_always_lands_in_the_same_shard() {
        // Pinned: changing the hash would move articles between CI jobs.
        assert_eq!(hash("cardiology/statins-2019"), 0x0e87_d588_b5b9_b26a);
        assert_eq!(hash("thalamic-pain"), 0x308f_4912_98d7_7845);
        assert!(Shard::new(3, 3)
            .unwrap()
            .contains("cardiology/statins-2019"));
        assert!(Shard::new(2, 3).unwrap().contains("thalamic-pain"));
        let id = "cardiology/statins-2019";
        let owners: Vec<u32> = (1..=3)
            .filter(|k| Shard::new(*k, 3).unwrap().contains(id))
            .collect();
        assert_eq!(owners.len(), 1);
    }

    #[test]
    fn k_of_n_parses() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard::new(2, 3).unwrap()));
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        let shard: Shard = "3/3".parse().unwrap();
        assert_eq!((shard.index(), shard.count()), (3, 3));
    }

    #[test]
    fn bad_shards_say_what_is_wrong() {
        let err = |text: &str| text.parse::<Shard>().unwrap_err();
        assert_eq!(err("0/3"), "K must be between 1 and N (3)");
        assert_eq!(err("4/3"), "K must be between 1 and N (3)");
        assert_eq!(err("1/0"), "N must be at least 1");
        assert_eq!(err("3"), "'3' is not of the form K/N (for example 1/3)");
        assert_eq!(err("a/3"), "K in 'a/3' is not a whole number");
        assert_eq!(err("1/-3"), "N in '1/-3' is not a whole number");
    }
}
