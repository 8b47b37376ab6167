//! Chinese characters to pinyin without tones (character data from the `pinyin` crate).
//!
//! A personal name of 2-3 characters (4 with a two-character surname) becomes two words:
//! the surname, with its Wade-Giles / Hong Kong / Southeast Asian spellings for common
//! surnames (`张` -> zhang, chang, cheung), and the given name as one word, joined first and
//! then with a space (`习近平` -> [xi, hsi], [jinping, jin ping]). Other Han runs become one
//! word of joined syllables. Japanese names in kanji get Chinese readings: a known limit.

use super::variants::Variants;
use pinyin::ToPinyin;

/// Two-character surnames (`欧阳`, `司马` ...).
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "司徒", "东方", "東方", "皇甫", "尉迟",
    "尉遲", "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "宇文", "端木", "轩辕", "軒轅",
];

/// Common surnames whose spellings vary (pinyin first, then Wade-Giles, Cantonese, Hokkien).
const SURNAMES: &[(char, &[&str])] = &[
    ('王', &["wang", "wong", "ong"]),
    ('李', &["li", "lee", "lei", "ly"]),
    ('张', &["zhang", "chang", "cheung", "teo"]),
    ('張', &["zhang", "chang", "cheung", "teo"]),
    ('刘', &["liu", "lau", "lew", "lao"]),
    ('劉', &["liu", "lau", "lew", "lao"]),
    ('陈', &["chen", "chan", "chin", "tan", "chun"]),
    ('陳', &["chen", "chan", "chin", "tan", "chun"]),
    ('杨', &["yang", "yeung", "young", "yong"]),
    ('楊', &["yang", "yeung", "young", "yong"]),
    ('黄', &["huang", "wong", "hwang", "ng", "wee"]),
    ('黃', &["huang", "wong", "hwang", "ng", "wee"]),
    ('赵', &["zhao", "chao", "chiu", "chew"]),
    ('趙', &["zhao", "chao", "chiu", "chew"]),
    ('吴', &["wu", "ng", "woo", "goh"]),
    ('吳', &["wu", "ng", "woo", "goh"]),
    ('周', &["zhou", "chou", "chow", "chau"]),
    ('徐', &["xu", "hsu", "tsui", "chui", "tsi"]),
    ('孙', &["sun", "suen", "soon"]),
    ('孫', &["sun", "suen", "soon"]),
    ('马', &["ma", "mah", "mar"]),
    ('馬', &["ma", "mah", "mar"]),
    ('朱', &["zhu", "chu", "choo", "chiu"]),
    ('胡', &["hu", "wu", "foo", "woo"]),
    ('郭', &["guo", "kuo", "kwok", "kok"]),
    ('何', &["he", "ho", "hor"]),
    ('高', &["gao", "kao", "ko", "koh"]),
    ('林', &["lin", "lam", "lim"]),
    ('罗', &["luo", "lo", "law", "loh"]),
    ('羅', &["luo", "lo", "law", "loh"]),
    ('郑', &["zheng", "cheng", "cheang", "tay"]),
    ('鄭', &["zheng", "cheng", "cheang", "tay"]),
    ('梁', &["liang", "leung", "leong", "neo"]),
    ('谢', &["xie", "hsieh", "tse", "cheah", "chia"]),
    ('謝', &["xie", "hsieh", "tse", "cheah", "chia"]),
    ('宋', &["song", "sung"]),
    ('唐', &["tang", "tong"]),
    ('许', &["xu", "hsu", "hui", "koh"]),
    ('許', &["xu", "hsu", "hui", "koh"]),
    ('韩', &["han", "hon"]),
    ('韓', &["han", "hon"]),
    ('冯', &["feng", "fung", "fong"]),
    ('馮', &["feng", "fung", "fong"]),
    ('邓', &["deng", "teng", "tang"]),
    ('鄧', &["deng", "teng", "tang"]),
    ('曹', &["cao", "tsao", "tso", "chow"]),
    ('彭', &["peng", "pang", "phang"]),
    ('曾', &["zeng", "tseng", "tsang", "chan"]),
    ('肖', &["xiao", "hsiao", "siu", "siew"]),
    ('萧', &["xiao", "hsiao", "siu", "siew"]),
    ('蕭', &["xiao", "hsiao", "siu", "siew"]),
    ('田', &["tian", "tien", "tin"]),
    ('董', &["dong", "tung"]),
    ('袁', &["yuan", "yuen"]),
    ('潘', &["pan", "poon", "phua"]),
    ('于', &["yu", "yue"]),
    ('蒋', &["jiang", "chiang", "tseung"]),
    ('蔣', &["jiang", "chiang", "tseung"]),
    ('蔡', &["cai", "tsai", "choi", "choy", "chua"]),
    ('余', &["yu", "yee", "ue"]),
    ('杜', &["du", "tu", "to"]),
    ('叶', &["ye", "yeh", "yip", "yap"]),
    ('葉', &["ye", "yeh", "yip", "yap"]),
    ('程', &["cheng", "ching"]),
    ('苏', &["su", "soo", "so"]),
    ('蘇', &["su", "soo", "so"]),
    ('魏', &["wei", "ngai"]),
    ('吕', &["lu", "lyu", "lv", "lui"]),
    ('呂', &["lu", "lyu", "lv", "lui"]),
    ('丁', &["ding", "ting"]),
    ('任', &["ren", "jen", "yam"]),
    ('沈', &["shen", "shum", "sim"]),
    ('姚', &["yao", "yiu"]),
    ('卢', &["lu", "lo", "lou", "loo"]),
    ('盧', &["lu", "lo", "lou", "loo"]),
    ('姜', &["jiang", "chiang", "keung"]),
    ('崔', &["cui", "tsui", "choi"]),
    ('钟', &["zhong", "chung", "chong"]),
    ('鍾', &["zhong", "chung", "chong"]),
    ('谭', &["tan", "tam", "tham"]),
    ('譚', &["tan", "tam", "tham"]),
    ('陆', &["lu", "luk", "loke"]),
    ('陸', &["lu", "luk", "loke"]),
    ('汪', &["wang", "wong"]),
    ('范', &["fan", "faan"]),
    ('金', &["jin", "chin", "kam", "kim"]),
    ('石', &["shi", "shih", "shek"]),
    ('廖', &["liao", "liu", "liew"]),
    ('贾', &["jia", "chia", "ka"]),
    ('賈', &["jia", "chia", "ka"]),
    ('夏', &["xia", "hsia", "ha"]),
    ('韦', &["wei", "wai"]),
    ('韋', &["wei", "wai"]),
    ('傅', &["fu", "foo"]),
    ('方', &["fang", "fong", "fung"]),
    ('白', &["bai", "pai", "pak"]),
    ('邹', &["zou", "tsou", "chow"]),
    ('鄒', &["zou", "tsou", "chow"]),
    ('孟', &["meng", "mang"]),
    ('熊', &["xiong", "hsiung", "hung"]),
    ('秦', &["qin", "chin", "chun"]),
    ('邱', &["qiu", "chiu", "yau", "khoo"]),
    ('江', &["jiang", "kong", "chiang"]),
    ('尹', &["yin", "wan"]),
    ('薛', &["xue", "hsueh", "sit"]),
    ('段', &["duan", "tuan", "tuen"]),
    ('雷', &["lei", "lui", "louie"]),
    ('侯', &["hou", "hau"]),
    ('龙', &["long", "lung"]),
    ('龍', &["long", "lung"]),
    ('史', &["shi", "shih", "sze"]),
    ('黎', &["li", "lai"]),
    ('顾', &["gu", "ku", "koo"]),
    ('顧', &["gu", "ku", "koo"]),
    ('龚', &["gong", "kung"]),
    ('龔', &["gong", "kung"]),
    ('钱', &["qian", "chien", "chin"]),
    ('錢', &["qian", "chien", "chin"]),
    ('严', &["yan", "yim", "yen"]),
    ('嚴', &["yan", "yim", "yen"]),
    ('戴', &["dai", "tai"]),
    ('孔', &["kong", "kung", "hung"]),
    ('习', &["xi", "hsi"]),
    ('習', &["xi", "hsi"]),
    ('单', &["shan", "dan"]),
    ('單', &["shan", "dan"]),
    ('区', &["ou", "au"]),
    ('區', &["ou", "au"]),
    ('解', &["xie", "hsieh"]),
    ('仇', &["qiu", "chou"]),
    ('查', &["zha", "cha"]),
];

/// Common surnames beyond [`SURNAMES`], whose pinyin is their usual spelling.
const MORE_SURNAMES: &str = "毛郝邵万萬覃武莫向汤湯陶贺賀阎閆闫付易常乐樂俞施柳尹邢严岳齐齊颜顏庞龐聂聶章鲁魯葛伍\
    韦申殷祝梅左包靳纪紀季舒耿焦牛房裴凌关關翟温溫桂柴池华華倪游祁詹卓屈甘包项項瞿";

pub fn push_words(words: &[&str], out: &mut Vec<Vec<String>>) {
    // Several Han words in one name are the parts of a foreign name (`弗拉基米尔·普京`) or a
    // surname already set apart (`习 近平`): each is spelled as one word.
    let single_name = words.len() == 1;
    for word in words {
        push_word(word, single_name, out);
    }
}

fn push_word(word: &str, may_split: bool, out: &mut Vec<Vec<String>>) {
    let chars: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let surname_len = if chars.len() >= 3 && is_compound_surname(&chars) {
        2
    } else {
        1
    };
    let given_len = chars.len().saturating_sub(surname_len);
    let starts_with_surname = surname_len == 2
        || chars
            .first()
            .is_some_and(|c| SURNAMES.iter().any(|(s, _)| s == c) || MORE_SURNAMES.contains(*c));
    let is_person_name = may_split && starts_with_surname && (1..=2).contains(&given_len);
    if !is_person_name {
        let mut v = Variants::new();
        if chars.len() == 1 {
            surname_variants(&chars, &mut v);
        }
        v.push(&syllables(&chars).concat());
        push_nonempty(v, out);
        return;
    }
    let (surname, given) = chars.split_at(surname_len);
    let mut s = Variants::new();
    surname_variants(surname, &mut s);
    s.push(&syllables(surname).concat());
    push_nonempty(s, out);
    let given = syllables(given);
    let mut g = Variants::new();
    g.push(&given.concat());
    g.push(&given.join(" "));
    // ü as people type it: lu / lyu / lv.
    if given.iter().any(|s| s.contains('ü')) {
        for (from, to) in [("ü", "u"), ("ü", "yu"), ("ü", "v")] {
            g.push(&given.concat().replace(from, to));
        }
    }
    push_nonempty(g, out);
}

fn push_nonempty(v: Variants, out: &mut Vec<Vec<String>>) {
    if !v.is_empty() {
        out.push(v.into_vec());
    }
}

fn is_compound_surname(chars: &[char]) -> bool {
    let head: String = chars.iter().take(2).collect();
    COMPOUND_SURNAMES.contains(&head.as_str())
}

fn surname_variants(surname: &[char], out: &mut Variants) {
    if let [single] = surname
        && let Some((_, spellings)) = SURNAMES.iter().find(|(c, _)| c == single)
    {
        spellings.iter().for_each(|s| out.push(s));
    }
}

/// Plain pinyin of each character (ü folded to u where the crate writes it); characters
/// without a reading are kept when ASCII, else skipped.
fn syllables(chars: &[char]) -> Vec<String> {
    let mut out = Vec::with_capacity(chars.len());
    let mut buf = [0u8; 4];
    for &c in chars {
        let text: &str = c.encode_utf8(&mut buf);
        match text.to_pinyin().next().flatten() {
            Some(p) => out.push(p.plain().to_string()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase().to_string()),
            None => {}
        }
    }
    out
}
