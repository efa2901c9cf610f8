//! Arbitrary bytes into the roster parser (sniffed delimiter, and a forced one taken from the first
//! byte) and, when they are UTF-8, into the template parser. Either may return an error; neither
//! may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use raci::roster::{self, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let _ = roster::parse(data, "fuzz.csv", &ReadOptions::default());
    if let Some((&first, rest)) = data.split_first()
        && first.is_ascii()
    {
        let _ = roster::parse(rest, "fuzz.csv", &ReadOptions { delimiter: Some(first), ..ReadOptions::default() });
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = raci::template::parse(text, "fuzz.toml");
    }
});
