//! Measurement on the shared evaluation data (read in place, never copied): Arabic-English
//! name pairs and one person's name in many scripts. Skipped with a notice where the data is
//! absent. The floors sit a little under the figures measured when the rules were written
//! (exact 0.329, skeleton 0.826, Jaro-Winkler >= 0.9 0.740).

use super::variants::skeleton;
use super::*;
use std::path::PathBuf;

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ZEEF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if dir.join("eval-dev").is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: no shared data at {}: test skipped", dir.display());
        None
    }
}

/// Whole-text spellings: per-word variants combined and joined without spaces, as the
/// English side writes one word. The article (emitted as its own word) may be left out, as
/// the English side often does and as matching ignores it.
fn joined_spellings(words: &[Vec<String>]) -> Vec<String> {
    let mut acc = vec![String::new()];
    for word in words {
        let mut next = Vec::new();
        let article = word.first().is_some_and(|w| w == "al");
        for head in &acc {
            if article {
                next.push(head.clone());
            }
            for v in word.iter().take(8) {
                next.push(format!("{head}{}", v.replace(' ', "")));
            }
        }
        next.truncate(64);
        acc = next;
    }
    acc
}

#[test]
fn arabic_to_english_pairs() {
    let Some(dir) = shared_dir() else { return };
    let path = dir.join("eval-dev/arabic_translit/ar2en.txt");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    let (mut pairs, mut exact, mut skel, mut close) = (0usize, 0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for line in text.lines() {
        let Some((arabic, english)) = line.split_once('\t') else {
            continue;
        };
        let english = english.trim().to_lowercase();
        pairs += 1;
        let spellings = joined_spellings(&latin_words(arabic));
        let target_skeleton = skeleton(&english);
        exact += usize::from(spellings.contains(&english));
        skel += usize::from(spellings.iter().any(|s| skeleton(s) == target_skeleton));
        let best = spellings
            .iter()
            .map(|s| strsim::jaro_winkler(s, &english))
            .fold(0.0, f64::max);
        close += usize::from(best >= 0.9);
    }
    let share = |n: usize| n as f64 / pairs.max(1) as f64;
    println!(
        "ar2en: {pairs} pairs, exact {:.3}, skeleton {:.3}, jaro-winkler>=0.9 {:.3}, {:.1} us/word",
        share(exact),
        share(skel),
        share(close),
        started.elapsed().as_secs_f64() * 1e6 / pairs.max(1) as f64
    );
    assert_eq!(pairs, 15_898, "pairs read from {}", path.display());
    assert!(share(exact) >= 0.30, "exact hit rate {:.3}", share(exact));
    assert!(share(skel) >= 0.80, "skeleton hit rate {:.3}", share(skel));
    assert!(
        share(close) >= 0.70,
        "jaro-winkler hit rate {:.3}",
        share(close)
    );
}

#[test]
fn putin_in_every_script() {
    let Some(dir) = shared_dir() else { return };
    let path = dir.join("eval-dev/putin_names.txt");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    // Every spelling produced from non-Latin lines, word by word.
    let mut produced = std::collections::HashSet::new();
    let mut latin_tokens = std::collections::BTreeSet::new();
    for line in text.lines() {
        let words = latin_words(line);
        if script_of(line) == Script::Latin {
            // Titles ("President", "Präsident", "elnök") and initials are not the name.
            for w in words {
                if let Some(first) = w.into_iter().next()
                    && first.len() > 1
                    && !first.starts_with("pres")
                    && !matches!(first.as_str(), "prasident" | "predsjednik" | "elnok")
                {
                    latin_tokens.insert(first);
                }
            }
        } else {
            for w in words {
                for v in w {
                    produced.extend(v.split(' ').map(str::to_string));
                }
            }
        }
    }
    let (reached, missed): (Vec<_>, Vec<_>) =
        latin_tokens.iter().partition(|t| produced.contains(*t));
    println!(
        "putin: reached {} of {}: {reached:?}",
        reached.len(),
        latin_tokens.len()
    );
    println!("putin: missed {missed:?}");
    for must in [
        "putin",
        "vladimir",
        "vladimirovich",
        "wladimir",
        "poutine",
        "volodymyr",
    ] {
        assert!(produced.contains(must), "{must} not produced");
    }
    // Measured: 12 of 23; the misses are case endings (Putinas, Vladimirs) and Hungarian,
    // Catalan and Scandinavian spellings (Vlagyimir, Vladimirovitx, Vladimirovitj).
    assert!(
        reached.len() >= 12,
        "reached {} of {}",
        reached.len(),
        latin_tokens.len()
    );
}
