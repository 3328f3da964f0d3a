//! A small growable bit set over operation indices: the causal past of each operation, the ops
//! of one author, the ops a resolution voids.

/// A set of `usize` indices, one bit each. Logs are small (hundreds of operations), so a plain
/// vector of words is both the simplest and the fastest choice.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bits {
    words: Vec<u64>,
}

impl Bits {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// The set `{0, 1, …, len - 1}`.
    pub(crate) fn all(len: usize) -> Self {
        let mut bits = Self {
            words: vec![u64::MAX; len.div_ceil(64)],
        };
        if let Some(last) = bits.words.last_mut().filter(|_| !len.is_multiple_of(64)) {
            *last = (1u64 << (len % 64)) - 1;
        }
        bits
    }

    pub(crate) fn insert(&mut self, index: usize) {
        let word = index / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (index % 64);
    }

    pub(crate) fn contains(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    pub(crate) fn union_with(&mut self, other: &Bits) {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine |= theirs;
        }
    }

    /// The members of `self` that are also in `other`.
    pub(crate) fn intersection(&self, other: &Bits) -> Bits {
        Bits {
            words: self
                .words
                .iter()
                .zip(&other.words)
                .map(|(a, b)| a & b)
                .collect(),
        }
    }

    /// The members of `self` that are not in `other`.
    pub(crate) fn difference(&self, other: &Bits) -> Bits {
        Bits {
            words: self
                .words
                .iter()
                .enumerate()
                .map(|(i, a)| a & !other.words.get(i).copied().unwrap_or(0))
                .collect(),
        }
    }

    /// Whether every member of `self` is in `other`.
    pub(crate) fn is_subset(&self, other: &Bits) -> bool {
        self.words
            .iter()
            .enumerate()
            .all(|(i, a)| a & !other.words.get(i).copied().unwrap_or(0) == 0)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.iter().all(|word| *word == 0)
    }

    /// How many members.
    pub(crate) fn len(&self) -> usize {
        self.words
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// The members, in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(w * 64 + bit)
            })
        })
    }
}

/// Equal when they hold the same indices, however many words each happens to have.
impl PartialEq for Bits {
    fn eq(&self, other: &Self) -> bool {
        let (short, long) = if self.words.len() <= other.words.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        };
        long[..short.len()] == short[..] && long[short.len()..].iter().all(|w| *w == 0)
    }
}

impl Eq for Bits {}

#[cfg(test)]
mod tests {
    use super::Bits;

    #[test]
    fn holds_what_was_inserted_and_nothing_else() {
        let mut bits = Bits::new();
        for i in [0, 3, 63, 64, 130] {
            bits.insert(i);
        }
        assert_eq!(bits.iter().collect::<Vec<_>>(), vec![0, 3, 63, 64, 130]);
        assert!(bits.contains(130) && !bits.contains(129) && !bits.contains(10_000));
        assert!(!bits.is_empty() && Bits::new().is_empty());
        let mut padded = Bits::new();
        padded.insert(200);
        let mut other = Bits::new();
        other.insert(3);
        padded.intersection(&other);
        assert_eq!(padded.intersection(&other), Bits::new());
        assert_eq!(
            padded.difference(&other).iter().collect::<Vec<_>>(),
            vec![200]
        );
        assert_eq!(
            other.difference(&padded).iter().collect::<Vec<_>>(),
            vec![3]
        );
        assert!(Bits::new().is_subset(&other) && other.is_subset(&other));
        assert!(!padded.is_subset(&other) && padded.intersection(&other).is_subset(&other));
    }

    #[test]
    fn all_union_and_intersection() {
        assert_eq!(Bits::all(65).iter().count(), 65);
        assert_eq!(Bits::all(65).len(), 65);
        assert_eq!(Bits::all(64).iter().last(), Some(63));
        assert!(Bits::all(0).is_empty());
        let mut a = Bits::new();
        a.insert(1);
        a.insert(70);
        let mut b = Bits::new();
        b.insert(70);
        b.insert(200);
        assert_eq!(a.intersection(&b).iter().collect::<Vec<_>>(), vec![70]);
        a.union_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![1, 70, 200]);
    }
}
