//! String distances on name parts without allocation: optimal string alignment distance and
//! Jaro-Winkler over bytes, with stack buffers for parts up to [`MAX_FAST`] bytes (all but
//! freak inputs). Longer input falls back to `strsim`. Results equal `strsim`'s on ASCII.

/// Longest input handled on the stack.
pub const MAX_FAST: usize = 64;

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
///
/// ASCII parts of up to [`MAX_FAST`] bytes take Hyyrö's bit-parallel algorithm (2003, the
/// transposition variant): one pass over `b` with the column of the distance matrix held as
/// bit vectors of `a`'s length, a few word operations per letter.
pub fn osa_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > MAX_FAST || b.len() > MAX_FAST || !a.is_ascii() || !b.is_ascii() {
        return strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        );
    }
    if a.is_empty() {
        return b.len();
    }
    // Positions of each letter in `a`, as bits.
    let mut peq = [0u64; 128];
    for (i, &c) in a.iter().enumerate() {
        peq[(c & 127) as usize] |= 1u64 << i;
    }
    let mut vp: u64 = !0;
    let mut vn: u64 = 0;
    let mut d0: u64 = 0;
    let mut pm_old: u64 = 0;
    let mut dist = a.len();
    let last = 1u64 << (a.len() - 1);
    for &c in b {
        let pm = peq[(c & 127) as usize];
        let tr = (((!d0) & pm) << 1) & pm_old;
        d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & last != 0 {
            dist += 1;
        }
        if hn & last != 0 {
            dist -= 1;
        }
        let hp = (hp << 1) | 1;
        let hn = hn << 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        pm_old = pm;
    }
    dist
}

/// Jaro similarity in [0, 1].
pub fn jaro(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > MAX_FAST || b.len() > MAX_FAST || !a.is_ascii() || !b.is_ascii() {
        return strsim::jaro(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        );
    }
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    // Positions of each letter in `b`, as bits; matched positions of `a` and `b`, as bits.
    let mut peq = [0u64; 128];
    for (j, &c) in b.iter().enumerate() {
        peq[(c & 127) as usize] |= 1u64 << j;
    }
    let mut a_flags = 0u64;
    let mut b_flags = 0u64;
    for (i, &ac) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = b.len().min(i + range + 1);
        if lo >= hi {
            continue;
        }
        // Bits lo..hi: the window of `b` this letter may match in.
        let window = (u64::MAX >> (64 - (hi - lo))) << lo;
        let free = peq[(ac & 127) as usize] & window & !b_flags;
        if free != 0 {
            // The first unmatched equal letter in the window, as the scan would find.
            b_flags |= free & free.wrapping_neg();
            a_flags |= 1u64 << i;
        }
    }
    let matches = a_flags.count_ones() as usize;
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let (mut fa, mut fb) = (a_flags, b_flags);
    while fa != 0 {
        let (i, j) = (fa.trailing_zeros() as usize, fb.trailing_zeros() as usize);
        if a[i] != b[j] {
            transpositions += 1;
        }
        fa &= fa - 1;
        fb &= fb - 1;
    }
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (matches - transpositions / 2) as f64 / m) / 3.0
}

/// Jaro-Winkler similarity: Jaro with a bonus for a shared prefix of up to four letters.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let sim = jaro(a, b);
    if sim <= 0.7 {
        return sim;
    }
    let prefix = a
        .bytes()
        .zip(b.bytes())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count();
    sim + 0.1 * prefix as f64 * (1.0 - sim)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn equals_strsim(a in "[a-e]{0,12}", b in "[a-e]{0,12}") {
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
            proptest::prop_assert!((jaro_winkler(&a, &b) - strsim::jaro_winkler(&a, &b)).abs() < 1e-12);
        }

        #[test]
        fn equals_strsim_on_long_parts(a in "[a-d]{0,64}", b in "[a-d]{0,64}") {
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
            proptest::prop_assert!((jaro_winkler(&a, &b) - strsim::jaro_winkler(&a, &b)).abs() < 1e-12);
        }

        #[test]
        fn never_panics_on_any_text(a in "\\PC{0,80}", b in "\\PC{0,80}") {
            let d = osa_distance(&a, &b);
            proptest::prop_assert!(d <= a.chars().count().max(b.chars().count()));
            proptest::prop_assert!((0.0..=1.0).contains(&jaro_winkler(&a, &b)));
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(osa_distance("baghdadi", "bagdhadi"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 1e-3);
    }
}
