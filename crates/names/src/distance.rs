//! String distance on name parts without allocation: optimal string alignment distance over
//! bytes for parts up to [`MAX_FAST`] bytes (all but freak inputs). Longer or non-ASCII input
//! falls back to `strsim`. Results equal `strsim`'s. (Jaro-Winkler is not used: its prefix
//! bonus makes different names that share a beginning look alike.)

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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn equals_strsim(a in "[a-e]{0,12}", b in "[a-e]{0,12}") {
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        }

        // Letters of both cases with digits, spaces and punctuation.
        #[test]
        fn equals_strsim_on_mixed_bytes(a in "[a-cA-Cpq@_0-2' -]{0,12}", b in "[a-cA-Cpq@_0-2' -]{0,12}") {
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        }

        #[test]
        fn equals_strsim_on_long_parts(a in "[a-d]{0,64}", b in "[a-d]{0,64}") {
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        }

        #[test]
        fn never_panics_on_any_text(a in "\\PC{0,80}", b in "\\PC{0,80}") {
            let d = osa_distance(&a, &b);
            proptest::prop_assert!(d <= a.chars().count().max(b.chars().count()));
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(osa_distance("baghdadi", "bagdhadi"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
    }
}
