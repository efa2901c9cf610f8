//! Untrusted rosters (issue #15): a roster arriving in a pull request must not make raci read files
//! outside the rules, hang, or echo what it should not. Inputs live in tests/fixtures/hostile/.

mod common;
#[cfg(unix)]
#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HOSTILE: &str = "tests/fixtures/hostile";

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(HOSTILE).join(name)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Run raci in `dir` with stdin a pipe that is never written to nor closed (so reading it would
/// block), killing it after `limit`: a run that needs the kill is a hang.
fn run_in(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raci"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start raci");
    let _stdin = child.stdin.take();
    let start = Instant::now();
    loop {
        if let Some(_status) = child.try_wait().expect("wait") {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("raci {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = start.elapsed();
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took,
    }
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, Duration::from_secs(20))
}

/// One error line on stderr, exit 2.
fn refused(run: &Run) -> &str {
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    lines[0]
}

/// `raci generate ROSTER -o DIR/out.xlsx` that succeeds: its stderr and the workbook read back.
fn generated(roster: &str) -> (String, common::Book) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.xlsx");
    let run = run(&["generate", roster, "-o", out.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The workbook is open before the directory goes.
    (run.stderr, common::Book::open(&out))
}

#[test]
fn template_cells_naming_system_files_are_refused_before_anything_is_opened() {
    for (roster, cell) in [
        ("template-dev-zero.csv", "/dev/zero"),
        ("template-dev-stdin.csv", "/dev/stdin"),
        ("template-etc-passwd.csv", "/etc/passwd"),
        ("template-dotdot.csv", "../../../../../../../../etc/passwd"),
    ] {
        let path = format!("{HOSTILE}/{roster}");
        let run = run(&["check", &path]);
        let line = refused(&run);
        assert_eq!(
            line,
            format!(
                "raci: error: {path}:2: team 'Alpha': template path '{cell}' is not allowed (a roster's template \
                 column names a bundled template (product-lifecycle, scrum, safe, startup) or a .toml file in the \
                 roster's directory or below it; pass --allow-template-paths to let the roster name other paths)"
            )
        );
        // At once: /dev/zero would grow without end and /dev/stdin would wait for input.
        assert!(run.took < Duration::from_secs(10), "{roster} took {:?}", run.took);
        assert!(!run.stderr.contains("root"), "nothing of /etc/passwd is echoed: {}", run.stderr);
    }
}

#[test]
fn a_fifo_named_by_the_roster_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(hostile("template-fifo.csv"), dir.path().join("roster.csv")).expect("copy");
    let made = Command::new("mkfifo").arg(dir.path().join("pipe.toml")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let run = run_in(dir.path(), &["check", "roster.csv"], Duration::from_secs(20));
    let line = refused(&run);
    assert!(line.starts_with("raci: error: roster.csv:2: team 'Alpha': template './pipe.toml' is a FIFO"), "{line}");
    // The same FIFO given on the command line: refused too, never opened.
    let run = run_in(dir.path(), &["check", "roster.csv", "--template", "pipe.toml"], Duration::from_secs(20));
    assert!(refused(&run).contains("template 'pipe.toml' is a FIFO (named pipe), not a template file"));
}

#[test]
fn a_device_on_the_command_line_is_refused_not_read() {
    let run = run(&["check", "examples/startup.csv", "--template", "/dev/zero"]);
    assert_eq!(
        refused(&run),
        "raci: error: template '/dev/zero' is a device, not a template file (name a bundled template or a .toml file)"
    );
}

#[test]
fn a_toml_file_that_is_not_a_template_is_refused_without_echoing_its_content() {
    let path = format!("{HOSTILE}/template-secrets.csv");
    let run = run(&["check", &path]);
    let line = refused(&run);
    assert!(line.starts_with(&format!("raci: error: {path}:2: team 'Alpha': 'secrets.toml' is not a raci template")));
    assert!(!line.contains("AWS") && !line.contains("AKIA"), "{line}");
}

#[test]
fn a_symbolic_link_out_of_the_roster_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("roster.csv"), "name,role,team,template\nAda,PO,Alpha,link.toml\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("link.toml")).expect("symlink");
    #[cfg(not(unix))]
    return;
    let run = run_in(dir.path(), &["check", "roster.csv"], Duration::from_secs(20));
    assert!(refused(&run).contains("template path 'link.toml' leads outside the roster's directory"), "{}", run.stderr);
}

#[test]
fn template_paths_resolve_against_the_roster_directory_not_the_current_one() {
    // Run from a directory holding no local.toml: the one beside the roster is used.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let roster = hostile("template-local.csv");
    let roster = roster.to_str().expect("utf-8 path");
    let run = run_in(elsewhere.path(), &["check", roster, "--format", "json"], Duration::from_secs(20));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    // The local template has one activity, which the PO owns and the engineer does: nothing to report.
    assert_eq!(json["findings"], serde_json::json!([]), "{}", run.stdout);
}

#[test]
fn allow_template_paths_lets_a_roster_name_a_file_above_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("team")).expect("mkdir");
    std::fs::copy(hostile("local.toml"), dir.path().join("shared.toml")).expect("copy");
    std::fs::write(
        dir.path().join("team/roster.csv"),
        "name,role,team,template\nAda,PO,Alpha,../shared.toml\nBob,Engineer,Alpha,\n",
    )
    .expect("write");
    let refused_run = run_in(dir.path(), &["check", "team/roster.csv"], Duration::from_secs(20));
    assert!(refused(&refused_run).contains("template path '../shared.toml' is not allowed"));
    let allowed = run_in(dir.path(), &["check", "team/roster.csv", "--allow-template-paths"], Duration::from_secs(20));
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
}

#[test]
fn bundled_names_match_in_any_case_in_the_column_and_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("roster.csv"),
        "name,role,team,template\nAda,PO,alpha,Scrum\nBob,Engineer,Alpha,SCRUM\nCy,PO,Beta,\n",
    )
    .expect("write");
    let run = run_in(dir.path(), &["check", "roster.csv", "--template", "BETA=Startup"], Duration::from_secs(20));
    assert_ne!(run.code, 2, "{}", run.stderr);
    let typo = run_in(dir.path(), &["check", "roster.csv", "--template", "Beta=scrumm"], Duration::from_secs(20));
    assert!(refused(&typo).contains("no template named 'scrumm'"), "{}", typo.stderr);
}

/// Whether text holds nothing a terminal would act on: no control character but line ends, no
/// bidi control.
fn inert(text: &str) -> bool {
    text.chars().all(|c| c == '\n' || !(c.is_control() || raci::text::is_bidi_control(c)))
}

#[test]
fn escape_sequences_in_template_text_are_shown_escaped_by_templates_show_and_check() {
    let show = run(&["templates", "show", &format!("{HOSTILE}/template-escape.toml")]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(inert(&show.stdout), "{:?}", show.stdout);
    assert!(show.stdout.starts_with("escape\\u{1b}]0;owned\\u{7} 0.0.0: clears the screen: \\u{1b}[2J\\u{1b}[H\n"));
    assert!(show.stdout.contains("\ndiscovery\\u{202e}\n  \\u{1b}[2Jroadmap  A: product-manager\n"), "{}", show.stdout);
    assert!(show.stdout.contains("  backlog\\u{2066}   A: product-owner  [backlog]\n"), "{}", show.stdout);

    let roster = format!("{HOSTILE}/template-escape.csv");
    // Markdown escapes the backslash and the bracket once more; JSON the backslash.
    for (format, id) in
        [("text", "\\u{1b}[2Jroadmap"), ("markdown", "\\\\u{1b}\\[2Jroadmap"), ("json", "\\\\u{1b}[2Jroadmap")]
    {
        let check = run(&["check", &roster, "--format", format]);
        assert_eq!(check.code, 1, "{}", check.stderr);
        assert!(inert(&check.stdout) && inert(&check.stderr), "{format}: {:?}", check.stdout);
        assert!(check.stdout.contains(&format!("1 activity without an accountable person ({id})")), "{}", check.stdout);
    }
    let (_, mut book) = generated(&roster);
    assert_eq!(book.sheet("Alpha").activities(), ["Roadmap \\u{1b}[31mred\\u{1b}[0m", "Backlog"]);
}

#[test]
fn an_escape_sequence_in_a_refused_template_is_quoted_escaped() {
    let path = format!("{HOSTILE}/template-escape-role.toml");
    let run = run(&["templates", "show", &path]);
    let line = refused(&run);
    assert!(inert(line), "{line:?}");
    assert!(line.starts_with(&format!("raci: error: {path}:8: unknown role 'owner\\u{{1b}}[2J\\u{{1b}}[H'")), "{line}");
}

#[test]
fn utf32_and_truncated_utf16_without_a_bom_are_read_with_a_note() {
    let people = ["Ada Lovelace", "José Ñúñez", "Li Wei 李伟", "Grace Hopper"];
    for (roster, notes) in [
        ("roster-utf32le.csv", &["read as UTF-32LE (from its zero bytes)"][..]),
        ("roster-utf32be.csv", &["read as UTF-32BE (from its zero bytes)"]),
        (
            "roster-utf16le-truncated.csv",
            &[
                "read as UTF-16LE (from its zero bytes)",
                "the file ends in part of a character (its last byte is missing); that part was read as '\\n' \
                 (save it again as CSV UTF-8 to be sure)",
            ],
        ),
        (
            "roster-utf16be-truncated.csv",
            &[
                "read as UTF-16BE (from its zero bytes)",
                "the file ends in part of a character (its last byte is missing); that part was dropped (save it \
                 again as CSV UTF-8 to be sure)",
            ],
        ),
    ] {
        let path = format!("{HOSTILE}/{roster}");
        let (stderr, mut book) = generated(&path);
        let want: Vec<String> = notes.iter().map(|n| format!("raci: note: {path}: {n}")).collect();
        assert_eq!(stderr.lines().collect::<Vec<_>>(), want, "{roster}");
        assert_eq!(book.names(), ["Summary", "Alpha", "Workload", "Findings", "_raci", "_raci_roster"], "{roster}");
        assert_eq!(book.sheet("Alpha").people(), people, "{roster}");
    }
}

#[test]
fn ascii_utf32_no_longer_reads_as_spaced_out_names() {
    // Before: team 'A l p h a', people 'A d a' and 'B o b', exit 0 and no note.
    let path = format!("{HOSTILE}/roster-utf32le-ascii.csv");
    let run = run(&["check", &path, "--format", "json"]);
    assert_eq!(run.stderr, format!("raci: note: {path}: read as UTF-32LE (from its zero bytes)\n"));
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(json["findings"][0]["team"], "Alpha", "{}", run.stdout);
    assert_eq!(json["summary"]["people"], 2);
}

#[test]
fn a_header_line_repeated_mid_file_is_skipped_with_a_note() {
    let path = format!("{HOSTILE}/roster-repeated-header.csv");
    let (stderr, mut book) = generated(&path);
    assert_eq!(
        stderr,
        format!("raci: note: {path}:5: this line and 1 more (8) repeat the header (line 1) and were skipped\n")
    );
    assert_eq!(book.sheet("Payments").people(), ["Ada Lovelace", "Bob Bell", "Cy Cole"]);
    assert_eq!(book.sheet("Search").people(), ["Dee Dunn", "Ed Eng", "Fay Fox"]);
}

#[test]
fn composed_and_decomposed_spellings_of_a_name_are_one_person() {
    let (code, json) = common::check_json(&[&format!("{HOSTILE}/roster-nfc-nfd.csv")]);
    assert_eq!(code, 0);
    // José Núñez (composed) on Alpha and José Núñez (combining accents) on Beta: one person, three in all.
    assert_eq!(json["summary"]["people"], 3, "{json}");
    let path = format!("{HOSTILE}/roster-nfc-nfd-same-team.csv");
    let same_team = run(&["check", &path]);
    let line = refused(&same_team);
    assert!(
        line.starts_with(&format!("raci: error: {path}:4: 'José Núñez' is listed twice on team 'Alpha'")),
        "{line}"
    );
    // The composed spelling is the one kept: the decomposed one never reaches a sheet or a report.
    assert!(line.contains("'Jos\u{e9} N\u{fa}\u{f1}ez'"), "{line:?}");
}

#[test]
fn a_name_of_zero_width_characters_only_is_refused() {
    let path = format!("{HOSTILE}/roster-zero-width-name.csv");
    assert_eq!(
        refused(&run(&["check", &path])),
        format!(
            "raci: error: {path}:3: the name holds only invisible characters (such as zero-width spaces) (type the \
             person's name or delete the line)"
        )
    );
}

#[test]
fn bidi_controls_are_removed_at_reading_and_never_reach_sheet_names_or_the_terminal() {
    let path = format!("{HOSTILE}/roster-bidi.csv");
    let (stderr, mut book) = generated(&path);
    assert_eq!(
        stderr,
        format!(
            "raci: note: {path}:2: removed bidirectional formatting characters (U+200F, U+202C, U+202E, U+2066, \
             U+2069) from 6 cells, the first on this line; they can make text display in another order than it is \
             stored\n"
        )
    );
    assert_eq!(book.names(), ["Summary", "Payments stnemyaP", "Workload", "Findings", "_raci", "_raci_roster"]);
    assert_eq!(book.sheet("Payments stnemyaP").people(), ["Ada ecalevoL", "Bob Bell", "Cy Cole"]);
    for format in ["text", "json", "markdown"] {
        let check = run(&["check", &path, "--format", format]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        assert!(inert(&check.stdout) && inert(&check.stderr), "{format}: {:?}", check.stdout);
    }
}

#[test]
fn the_ignored_columns_note_lists_twenty_and_counts_the_rest() {
    let path = format!("{HOSTILE}/roster-wide-header.csv");
    let run = run(&["check", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes: Vec<&str> = run.stderr.lines().collect();
    let shown: Vec<String> = (0..20).map(|i| format!("extra column {i}")).collect();
    assert_eq!(notes, [format!("raci: note: {path}:1: ignored columns: {}, and 4980 more", shown.join(", "))]);
}

#[test]
fn markdown_reports_escape_html_and_links_from_the_roster() {
    let run = run(&["check", &format!("{HOSTILE}/roster-html.csv"), "--format", "markdown"]);
    // Nobody is responsible for the engineering work ('Developper' is not a role raci knows).
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains(['<', '>']), "{}", run.stdout);
    assert!(run.stdout.contains("\n## Team &lt;img src=x onerror=alert(1)&gt;\n"), "{}", run.stdout);
    assert!(run.stdout.contains("| &lt;script&gt;alert(1)&lt;/script&gt; |"), "{}", run.stdout);
    assert!(run.stdout.contains("'Tom &amp; Jerry &lt;b&gt;' has role"), "{}", run.stdout);
    assert!(!run.stdout.contains("![pixel]("), "an image would load from the tracker: {}", run.stdout);
    assert!(run.stdout.contains("!\\[pixel\\](https://tracker.example/p.png)"), "{}", run.stdout);
}

#[cfg(unix)]
mod outputs {
    //! `-o` at what is not a regular file, the mode bits of an existing output, and signals while
    //! a workbook is written (issue #15 items 4 and 7).

    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

    const ROSTER: &str = "tests/fixtures/hostile/output-roster.csv";

    /// The workbook `raci generate` writes for the roster, as bytes (written to a regular file).
    fn workbook_bytes() -> Vec<u8> {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("regular.xlsx");
        let run = run(&["generate", ROSTER, "-o", out.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read(&out).expect("read workbook")
    }

    /// A device node made with mknod, or `None` (with the reason printed) when that needs root.
    fn mknod(path: &Path, kind: &str, major: &str, minor: &str) -> Option<()> {
        let made = Command::new("mknod").arg(path).args([kind, major, minor]).stderr(Stdio::null()).status();
        if made.is_ok_and(|s| s.success()) {
            Some(())
        } else {
            eprintln!("skipped: cannot mknod {} (needs root; CI runs this test as root)", path.display());
            None
        }
    }

    #[test]
    fn a_fifo_output_is_written_in_place_and_stays_a_fifo() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.xlsx");
        if !Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).expect("read the FIFO"))
        };
        let run = run(&["generate", ROSTER, "-o", fifo.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // Checked before joining: a FIFO replaced by a file would leave the reader waiting forever.
        assert!(std::fs::symlink_metadata(&fifo).expect("stat").file_type().is_fifo(), "still a FIFO");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file beside it");
        let received = reader.join().expect("reader thread");
        assert_eq!(received, workbook_bytes(), "the reader gets the same workbook as a file would");
    }

    #[test]
    fn a_character_device_output_is_written_in_place_and_stays_a_device() {
        let dir = tempfile::tempdir().expect("temp dir");
        let null = dir.path().join("null");
        // A private /dev/null (major 1, minor 3 on Linux); as another user, the system's own
        // (which raci, without root, could not have replaced even before the fix).
        let device = match mknod(&null, "c", "1", "3") {
            Some(()) => null,
            None => PathBuf::from("/dev/null"),
        };
        let before = std::fs::symlink_metadata(&device).expect("stat");
        assert!(before.file_type().is_char_device());
        let run = run(&["generate", ROSTER, "-o", device.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let after = std::fs::symlink_metadata(&device).expect("stat");
        assert!(after.file_type().is_char_device(), "still a character device");
        assert_eq!((after.ino(), after.rdev(), after.mode()), (before.ino(), before.rdev(), before.mode()));
    }

    #[test]
    fn a_block_device_output_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let disk = dir.path().join("disk");
        // A loop device node (major 7); never opened.
        let Some(()) = mknod(&disk, "b", "7", "0") else { return };
        let path = disk.to_str().expect("utf-8 path");
        let run = run(&["generate", ROSTER, "-o", path]);
        assert_eq!(
            refused(&run),
            format!(
                "raci: error: {path}: the output is a block device (a disk) (give a file name such as raci.xlsx with \
                 -o (a character device such as /dev/null, or a named pipe, is written in place))"
            )
        );
        assert!(std::fs::symlink_metadata(&disk).expect("stat").file_type().is_block_device());
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file beside it");
    }

    #[test]
    fn the_setuid_and_setgid_bits_of_an_existing_output_do_not_survive() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, "old").expect("write");
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o6750)).expect("chmod");
        let mode = std::fs::metadata(&out).expect("stat").mode() & 0o7777;
        if mode & 0o6000 == 0 {
            eprintln!("skipped: this file system does not keep setuid/setgid bits");
            return;
        }
        let run = run(&["generate", ROSTER, "-o", out.to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(std::fs::read(&out).expect("read"), workbook_bytes());
        assert_eq!(std::fs::metadata(&out).expect("stat").mode() & 0o7777, mode & 0o777, "rwx kept, s bits gone");
    }

    #[test]
    fn a_symbolic_link_output_keeps_the_link_and_replaces_its_target() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("target.xlsx"), "old").expect("write");
        std::os::unix::fs::symlink("target.xlsx", dir.path().join("link.xlsx")).expect("symlink");
        let run = run(&["generate", ROSTER, "-o", dir.path().join("link.xlsx").to_str().expect("utf-8 path")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let link = std::fs::symlink_metadata(dir.path().join("link.xlsx")).expect("stat");
        assert!(link.file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read(dir.path().join("target.xlsx")).expect("read"), workbook_bytes());
    }

    /// Start `raci generate` on a roster big enough to take seconds, send `signal` once its
    /// temporary file exists, and check the exit code and what is left in the directory.
    fn interrupted(signal: &str, code: i32) {
        let dir = tempfile::tempdir().expect("temp dir");
        let roster = dir.path().join("big.csv");
        std::fs::write(&roster, generator::generate(30_000, 3_000, 1)).expect("write roster");
        let out = dir.path().join("out.xlsx");
        std::fs::write(&out, "old").expect("write");
        let mut child = Command::new(env!("CARGO_BIN_EXE_raci"))
            .args(["generate", roster.to_str().expect("utf-8 path"), "-o", out.to_str().expect("utf-8 path")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start raci");
        let temporary = || {
            std::fs::read_dir(dir.path())
                .expect("list")
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".raci-") && n.ends_with(".tmp"))
                .collect::<Vec<_>>()
        };
        let start = Instant::now();
        while temporary().is_empty() {
            assert!(child.try_wait().expect("wait").is_none(), "raci ended before its temporary file was seen");
            assert!(start.elapsed() < Duration::from_secs(120), "no temporary file after two minutes");
            std::thread::sleep(Duration::from_millis(5));
        }
        let sent = Command::new("kill").args([signal, &child.id().to_string()]).status().expect("run kill");
        assert!(sent.success());
        let output = child.wait_with_output().expect("wait");
        assert_eq!(output.status.code(), Some(code), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(temporary(), Vec::<String>::new(), "the temporary file is removed");
        assert_eq!(std::fs::read(&out).expect("read"), b"old", "the existing output is untouched");
    }

    #[test]
    fn ctrl_c_during_generate_removes_the_temporary_file_and_exits_130() {
        interrupted("-INT", 130);
    }

    #[test]
    fn sigterm_during_generate_removes_the_temporary_file_and_exits_143() {
        interrupted("-TERM", 143);
    }
}
