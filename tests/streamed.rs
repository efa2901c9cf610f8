//! The streamed workbook writer (used for large rosters) against rust_xlsxwriter's in-memory
//! workbook (used for small ones): the same sheets, cell values, resolved cell styles, column widths,
//! frozen panes, dropdowns, colour rules, print set-up and defined names, read from the xlsx XML.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use raci::roster::{self, ReadOptions};
use raci::{Analysis, Options};

/// Every XML part of an xlsx, by name.
fn parts(bytes: Vec<u8>) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("utf-8 xml");
            (file.name().expect("entry name").to_string(), text)
        })
        .collect()
}

/// The text between `open` and `close`, if any.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    between(element, &format!(" {name}=\""), "\"")
}

/// Elements of a list section, split at each `<tag` (the text of each one, up to the next).
fn elements<'a>(section: &'a str, tag: &str) -> Vec<&'a str> {
    section.split(&format!("<{tag}")).skip(1).filter(|e| e.starts_with(['>', ' ', '/'])).collect()
}

/// XML text as read: writers may escape more characters than they must.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// What a workbook shows, comparable across writers.
#[derive(Debug, PartialEq)]
struct Shown {
    sheets: Vec<String>,
    /// Per sheet: cell reference -> (text, resolved style).
    cells: Vec<BTreeMap<String, (String, String)>>,
    /// Per sheet: columns, panes, dropdowns, colour rules (with their formats), autofilter, print set-up.
    layout: Vec<Vec<String>>,
    defined_names: Vec<String>,
}

fn shown(bytes: Vec<u8>) -> Shown {
    let parts = parts(bytes);
    let part = |name: &str| parts.get(name).map_or("", String::as_str);
    let strings: Vec<&str> = elements(between(part("xl/sharedStrings.xml"), "<sst", "</sst>").unwrap_or(""), "si")
        .into_iter()
        .map(|si| between(si, "<t", "</t>").and_then(|t| t.split_once('>')).map_or("", |(_, t)| t))
        .collect();

    // Styles: fonts (the default text colour written as theme 1 or as black, without the theme's
    // font scheme), fills, borders, then each cell format resolved to them.
    let styles = part("xl/styles.xml");
    let list = |section: &str, tag: &str| -> Vec<String> {
        let inner = between(styles, &format!("<{section}"), &format!("</{section}>")).unwrap_or("");
        elements(inner, tag)
            .into_iter()
            .map(|e| {
                e.replace("<scheme val=\"minor\"/>", "").replace("<color theme=\"1\"/>", "<color rgb=\"FF000000\"/>")
            })
            .collect()
    };
    let (fonts, fills, borders, dxfs) =
        (list("fonts", "font"), list("fills", "fill"), list("borders", "border"), list("dxfs", "dxf"));
    let pick = |items: &[String], xf: &str, id: &str| -> String {
        attr(xf, id).and_then(|i| i.parse::<usize>().ok()).and_then(|i| items.get(i)).cloned().unwrap_or_default()
    };
    let xfs: Vec<String> = elements(between(styles, "<cellXfs", "</cellXfs>").unwrap_or(""), "xf")
        .into_iter()
        .map(|xf| {
            let alignment = between(xf, "<alignment", "/>").unwrap_or("");
            format!(
                "{} | {} | {} | {alignment}",
                pick(&fonts, xf, "fontId"),
                pick(&fills, xf, "fillId"),
                pick(&borders, xf, "borderId")
            )
        })
        .collect();

    let workbook = part("xl/workbook.xml");
    let sheets: Vec<String> = elements(between(workbook, "<sheets>", "</sheets>").unwrap_or(""), "sheet")
        .iter()
        .filter_map(|s| attr(s, "name"))
        .map(String::from)
        .collect();
    let mut defined_names: Vec<String> = between(workbook, "<definedNames>", "</definedNames>")
        .unwrap_or("")
        .split("</definedName>")
        .filter(|d| !d.is_empty())
        .map(|d| d.replace('\'', ""))
        .collect();
    defined_names.sort();

    let mut cells = Vec::new();
    let mut layout = Vec::new();
    for n in 1..=sheets.len() {
        let xml = part(&format!("xl/worksheets/sheet{n}.xml"));
        let mut sheet = BTreeMap::new();
        for c in elements(between(xml, "<sheetData>", "</sheetData>").unwrap_or(""), "c") {
            let head = &c[..c.find('>').unwrap_or(c.len())];
            let reference = attr(head, "r").unwrap_or("").to_string();
            let style = attr(head, "s").and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
            let text = match attr(head, "t") {
                Some("s") => between(c, "<v>", "</v>")
                    .and_then(|v| v.parse::<usize>().ok())
                    .and_then(|i| strings.get(i))
                    .copied()
                    .unwrap_or("?"),
                Some("inlineStr") => between(c, "<t", "</t>").and_then(|t| t.split_once('>')).map_or("", |(_, t)| t),
                _ => "",
            };
            sheet.insert(reference, (unescape(text), xfs.get(style).cloned().unwrap_or_default()));
        }
        cells.push(sheet);
        let mut shown = Vec::new();
        for (open, close) in [
            ("<cols>", "</cols>"),
            ("<pane ", "/>"),
            ("<dataValidations", "</dataValidations>"),
            ("<autoFilter", "/>"),
            ("<pageSetUpPr", "/>"),
        ] {
            shown.push(format!("{open}{}", between(xml, open, close).unwrap_or("-")));
        }
        shown.push(
            between(xml, "<pageSetup", "/>")
                .map_or("-".into(), |p| format!("{:?}", (attr(p, "orientation"), attr(p, "fitToHeight")))),
        );
        for rule in elements(xml, "cfRule") {
            let dxf = attr(rule, "dxfId").and_then(|i| i.parse::<usize>().ok()).and_then(|i| dxfs.get(i)).cloned();
            shown.push(format!(
                "{:?}",
                (attr(rule, "type"), attr(rule, "text"), between(rule, "<formula>", "</formula>"), dxf)
            ));
        }
        shown.push(
            xml.split("<conditionalFormatting ")
                .skip(1)
                .map(|c| attr(c, "sqref").unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let heights: Vec<String> = elements(xml, "row")
            .into_iter()
            .filter_map(|row| {
                let head = &row[..row.find('>').unwrap_or(row.len())];
                Some(format!("{}:{}", attr(head, "r")?, attr(head, "ht")?))
            })
            .collect();
        shown.push(heights.join(" "));
        layout.push(shown);
    }
    Shown { sheets, cells, layout, defined_names }
}

fn both(csv: &str) -> (Shown, Shown) {
    let roster = roster::parse(csv.as_bytes(), "r.csv", &ReadOptions::default()).expect("roster");
    let analysis = Analysis::from_roster(roster, &Options::default()).expect("analysis");
    let mut in_memory = Cursor::new(Vec::new());
    raci::export::xlsx::write_in_memory(&analysis.view(), &analysis.findings, &mut in_memory).expect("in memory");
    let mut streamed = Cursor::new(Vec::new());
    raci::export::xlsx::write_streamed(&analysis.view(), &analysis.findings, &mut streamed).expect("streamed");
    (shown(in_memory.into_inner()), shown(streamed.into_inner()))
}

fn assert_same(csv: &str) {
    let (in_memory, streamed) = both(csv);
    assert_eq!(in_memory.sheets, streamed.sheets);
    for (s, name) in in_memory.sheets.iter().enumerate() {
        let (a, b) = (&in_memory.cells[s], &streamed.cells[s]);
        let first_difference = a.iter().zip(b.iter()).find(|(x, y)| x != y);
        assert_eq!(first_difference, None, "sheet {name}");
        assert_eq!(a.len(), b.len(), "cells of sheet {name}");
        assert_eq!(in_memory.layout[s], streamed.layout[s], "layout of sheet {name}");
    }
    assert_eq!(in_memory.defined_names, streamed.defined_names);
}

#[test]
fn the_streamed_workbook_shows_what_the_in_memory_one_shows_for_every_example() {
    for example in ["startup", "scaleup", "missing-po", "excel-export"] {
        let csv = std::fs::read_to_string(format!("examples/{example}.csv")).expect("example");
        let (in_memory, _) = both(&csv);
        // The comparison has something to compare: styled letter cells, a dropdown, colour rules.
        assert!(
            in_memory.cells[0].values().any(|(text, style)| text == "A/R" && style.contains("horizontal=\"center\""))
        );
        assert!(in_memory.layout[0].iter().any(|l| l.contains("A,A/R,R,C,I")), "{example}");
        assert_eq!(in_memory.layout[0].iter().filter(|l| l.contains("beginsWith")).count(), 4, "{example}");
        // Findings rows with long messages are made taller (row:height pairs, last in the layout).
        let findings_rows = in_memory.layout.last().and_then(|l| l.last()).cloned().unwrap_or_default();
        let mut tall =
            findings_rows.split(|c: char| !c.is_ascii_digit() && c != ':').filter_map(|pair| pair.split_once(':'));
        assert!(tall.any(|(_, h)| h.parse::<u32>().is_ok_and(|h| h >= 30)), "{example}: {findings_rows}");
        assert_same(&csv);
    }
}

#[test]
fn names_that_need_escaping_or_quoting_come_out_the_same() {
    assert_same(
        "name,role,team\n\
         \"Ada <&> \"\"Lovelace\"\"\",PO,Bob's team\n\
         Émile Zola,PM,Bob's team\n\
         Zoë,Engineer,Bob's team; R&D\n\
         Kai,PO/PM,R&D\n\
         Lin,Designer,R&D\n\
         Bo _x0041_ Lee,PO,R\n\
         Cy,PM,R\n",
    );
}

#[test]
fn a_streamed_workbook_is_deterministic() {
    let csv = std::fs::read_to_string("examples/scaleup.csv").expect("example");
    let roster = roster::parse(csv.as_bytes(), "r.csv", &ReadOptions::default()).expect("roster");
    let analysis = Analysis::from_roster(roster, &Options::default()).expect("analysis");
    let write = || {
        let mut out = Cursor::new(Vec::new());
        raci::export::xlsx::write_streamed(&analysis.view(), &analysis.findings, &mut out).expect("streamed");
        out.into_inner()
    };
    assert_eq!(write(), write());
}
