//! Outside text quoted in messages, cut to a readable length: an error about a 200 MiB line
//! quotes its start, not all of it.

use std::borrow::Cow;

/// At most this many bytes of outside text are quoted in a message.
pub const QUOTED_BYTES: usize = 200;

/// `text` cut to at most `max` bytes (at a character boundary), with `… (N bytes in all)`
/// after it where it was cut.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max {
        return Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}… ({} bytes in all)", &text[..end], text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_long_text_is_cut_at_a_character() {
        assert_eq!(clip("Anna", 10), "Anna");
        assert_eq!(clip("ééé", 3), "é… (6 bytes in all)");
        assert_eq!(
            clip(&"x".repeat(1000), QUOTED_BYTES).len(),
            QUOTED_BYTES + "… (1000 bytes in all)".len()
        );
    }
}
