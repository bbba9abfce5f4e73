//! `fauxport generate`: the same arguments give the same bytes, whatever the thread count.

use fauxport_model::Param;

use crate::{fauxport, scratch, write_file};

#[test]
fn same_seed_same_bytes_for_any_thread_count() {
    let dir = scratch("generate-determinism");
    let path = |n: &str| dir.join(n).display().to_string();
    for (name, threads) in [
        ("a.ndjson", "2"),
        ("b.ndjson", "2"),
        ("c.ndjson", "1"),
        ("d.ndjson", "3"),
    ] {
        let run = fauxport(
            &[
                "generate",
                "--rows",
                "1000",
                "--seed",
                "7",
                "--threads",
                threads,
                "--out",
                &path(name),
            ],
            b"",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let a = std::fs::read(path("a.ndjson")).expect("a");
    assert_eq!(a.iter().filter(|&&b| b == b'\n').count(), 1000);
    for other in ["b.ndjson", "c.ndjson", "d.ndjson"] {
        assert!(
            std::fs::read(path(other)).expect("file") == a,
            "{other} differs from a.ndjson"
        );
    }
    let run = fauxport(&["validate", &path("a.ndjson")], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `fauxport generate ARGS EXTRA`, which must exit 0: what it wrote on standard output.
fn generated(args: &[&str], extra: &[&str]) -> Vec<u8> {
    let all: Vec<&str> = ["generate"]
        .iter()
        .chain(args)
        .chain(extra)
        .copied()
        .collect();
    let run = fauxport(&all, b"");
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn stdout_gzip_and_params() {
    let small = ["--rows", "50", "--seed", "3", "--quiet"];
    let plain = generated(&small, &[]);
    let gz = generated(&small, &["--gzip"]);
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip magic");
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped)
        .expect("valid gzip");
    assert!(unzipped == plain, "gzip holds the same bytes");

    let text = String::from_utf8(generated(&small, &["--no-params"])).expect("utf-8");
    for key in [
        "\"details\"",
        "\"attachments\"",
        "\"metadata_fields\"",
        "\"project_details\"",
        "\"label_details\"",
    ] {
        assert!(!text.contains(key), "{key} present with --no-params");
    }
    let text = String::from_utf8(generated(&small, &["--no-attachments"])).expect("utf-8");
    assert!(!text.contains("\"attachments\"") && text.contains("\"project_details\""));
}

/// Every export param has its `--no-<param>` flag, listed in `--help`; each changes the rows
/// (except `interpolated_frames`, which has no effect on LLM rows), and all of them together
/// are `--no-params`.
#[test]
fn one_no_flag_per_param() {
    let help = fauxport(&["generate", "--help"], b"");
    assert_eq!(help.code, 0);
    let help = String::from_utf8(help.stdout).expect("utf-8");
    let rows = |extra: &[&str]| generated(&["--rows", "20", "--seed", "5", "--quiet"], extra);
    let full = rows(&[]);
    for &param in Param::ALL {
        let flag = format!("--{}", param.cli_flag());
        assert!(
            help.contains(&format!("{flag}\n")),
            "{flag} missing from --help"
        );
        let off = rows(&[&flag]);
        assert_eq!(
            off == full,
            param == Param::InterpolatedFrames,
            "{flag} changes the rows, unless its param has no effect on LLM rows"
        );
    }
    let every_flag: Vec<String> = Param::ALL
        .iter()
        .map(|p| format!("--{}", p.cli_flag()))
        .collect();
    let every_flag: Vec<&str> = every_flag.iter().map(String::as_str).collect();
    assert!(
        rows(&every_flag) == rows(&["--no-params"]),
        "every --no-<param> together is --no-params"
    );
}

/// `--params NAMES` names the params that are on, as the plain download's `params=` does: the
/// same bytes as turning the others off one by one; `none` and `all` are `--no-params` and the
/// default. An unknown name, or `--params` beside a `--no-*` flag, is a usage error.
#[test]
fn params_names_the_ones_on() {
    let rows = |extra: &[&str]| generated(&["--rows", "20", "--seed", "5", "--quiet"], extra);
    let on = [Param::Attachments, Param::LabelDetails];
    let names: Vec<&str> = on.iter().map(|p| p.sdk_name()).collect();
    let others: Vec<String> = Param::ALL
        .iter()
        .filter(|p| !on.contains(p))
        .map(|p| format!("--{}", p.cli_flag()))
        .collect();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    let named = rows(&["--params", &names.join(",")]);
    assert!(
        named == rows(&others),
        "--params {names:?} is the others' --no-* flags"
    );
    assert!(
        named != rows(&[]),
        "--params {names:?} turns the others off"
    );
    assert!(rows(&["--params", "none"]) == rows(&["--no-params"]));
    assert!(rows(&["--params", "all"]) == rows(&[]));

    // The error names the param and lists the known ones.
    fauxport(&["generate", "--params", "attachments,label_detail"], b"").assert_exit(
        2,
        "unknown param \"label_detail\"; expected all, none or some of",
    );
    fauxport(&["generate", "--params", "all", "--no-attachments"], b"")
        .assert_exit(2, "cannot be used with '--no-attachments'");
}

#[test]
fn world_files_and_bad_input() {
    let dir = scratch("generate-world");
    let world = write_file(
        &dir,
        "world.toml",
        "seed = 1\n[[projects]]\nkind = \"prompt-creation\"\nrows = 5\n[[projects]]\nkind = \"response-creation\"\nrows = 7\n",
    );
    let run = fauxport(&["generate", "--quiet", "--world", &world], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.iter().filter(|&&b| b == b'\n').count(), 12);

    write_file(
        &dir,
        "world.toml",
        "seed = 1\n[[projects]]\nkind = \"nonsense\"\nrows = 5\n",
    );
    let run = fauxport(&["generate", "--world", &world], b"");
    assert_eq!(
        run.code, 2,
        "an invalid world file is a usage error: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("kind") && run.stderr.contains("world.toml"),
        "the error names the field: {}",
        run.stderr
    );

    let run = fauxport(&["generate", "--world", "/nonexistent/world.toml"], b"");
    assert_eq!(run.code, 3, "unreadable input: {}", run.stderr);
    let run = fauxport(&["generate", "--edge-cases", "2"], b"");
    run.assert_exit(2, "edge_case_rate");
}

#[test]
fn default_world_filters_and_streams() {
    let base = ["generate", "--default-world", "--rows", "300", "--quiet"];
    let run = |extra: &[&str]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let run = fauxport(&args, b"");
        assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
        String::from_utf8(run.stdout).expect("utf-8")
    };
    let all = run(&["--project", "0"]);
    let done = run(&[
        "--project",
        "0",
        "--filters",
        r#"[{"type":"task_queue_status","status":"Done"}]"#,
    ]);
    let (n_all, n_done) = (all.lines().count(), done.lines().count());
    assert!(n_done > 0 && n_done < n_all, "{n_done} of {n_all}");
    assert!(
        done.lines()
            .all(|l| l.contains("\"workflow_status\":\"DONE\""))
    );
    let done_dict = run(&[
        "--project",
        "0",
        "--filters",
        r#"{"workflow_status":"Done"}"#,
    ]);
    assert!(
        done_dict == done,
        "the SDK's dict form selects the same rows"
    );
    let errors = run(&["--project", "2", "--stream", "errors"]);
    assert!(
        errors.lines().count() > 0,
        "the response-creation project has failed rows"
    );
    assert!(
        errors.lines().all(|l| l.starts_with("{\"data_row_id\":")),
        "{errors}"
    );
    let bad = fauxport(
        &[
            "generate",
            "--default-world",
            "--filters",
            r#"[{"type":"nope"}]"#,
        ],
        b"",
    );
    assert_eq!(bad.code, 2, "a bad filter is a usage error");
    assert!(bad.stderr.contains("query[0].type"), "{}", bad.stderr);
    for (filters, names) in [
        (r#"{"workflow_status":"Skipped"}"#, "workflow_status"),
        (r#"{"workflow":"Done"}"#, "unknown field `workflow`"),
        ("[{", "--filters is not JSON"),
    ] {
        let bad = fauxport(&["generate", "--default-world", "--filters", filters], b"");
        assert_eq!(bad.code, 2, "{filters}: {}", bad.stderr);
        assert!(bad.stderr.contains(names), "{filters}: {}", bad.stderr);
    }
}

#[test]
fn a_world_with_its_own_corpus() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/corpus/world.toml"
    );
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/corpus/corpus.jsonl"
    ))
    .expect("the fixture corpus");
    let run = fauxport(
        &["generate", "--quiet", "--world", fixture, "--project", "1"],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.json_lines();
    assert_eq!(rows.len(), 80);
    for row in &rows {
        // Response creation: the uploaded prompt is a corpus prompt, JSON-escaped as in the file.
        let prompt = row["data_row"]["row_data"].as_str().expect("row_data");
        let quoted = serde_json::to_string(prompt).expect("json");
        assert!(corpus.contains(&quoted), "not a corpus prompt: {prompt}");
    }

    let dir = scratch("generate-corpus");
    let path = write_file(
        &dir,
        "world.toml",
        "corpus = \"prompts.jsonl\"\n[[projects]]\nkind = \"response-creation\"\nrows = 5\n",
    );
    let run = fauxport(&["generate", "--world", &path], b"");
    assert_eq!(
        run.code, 3,
        "a missing corpus is unreadable input: {}",
        run.stderr
    );
    assert!(run.stderr.contains("prompts.jsonl"), "{}", run.stderr);

    write_file(
        &dir,
        "prompts.jsonl",
        "{\"prompt\": \"Brakes?\", \"response\": \"Bring it in.\"}\n{\"prompt\": \"Gears?\"}\n",
    );
    let run = fauxport(&["generate", "--world", &path], b"");
    assert_eq!(run.code, 2, "a bad corpus is a usage error: {}", run.stderr);
    assert!(
        run.stderr
            .contains("prompts.jsonl:2: column 20: missing field `response`"),
        "the error names the file, the line and the field: {}",
        run.stderr
    );
}

/// `fauxport generate | head`: the reader stops early; generate stops quietly with 0 (it used to
/// print "Broken pipe" and exit 4).
#[test]
fn a_reader_that_stops_early_ends_generate_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_fauxport"))
        .args(["generate", "--rows", "200000", "--threads", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 4096];
    stdout.read_exact(&mut first).expect("the first rows");
    assert!(first.starts_with(b"{\""), "{:?}", &first[..20]);
    drop(stdout);
    let out = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn absurd_threads_and_world_sizes_are_usage_errors() {
    let world = write_file(
        &scratch("generate-absurd"),
        "world.toml",
        "[[projects]]\nkind = \"prompt-creation\"\nrows = 1000000000000\n",
    );
    for (args, named) in [
        (
            &["generate", "--rows", "1", "--threads", "0"][..],
            "--threads",
        ),
        (
            &["generate", "--rows", "1", "--threads", "40000"][..],
            "--threads",
        ),
        (&["generate", "--rows", "1000000000000"][..], "--rows"),
        (&["serve", "--rows", "100000001"][..], "--rows"),
        (
            &["check", "--rows", "100000001", "--", "true"][..],
            "--rows",
        ),
        (&["load", "--rows", "100000001"][..], "--rows"),
        (&["generate", "--world", &world][..], "projects[0].rows"),
        (
            &["serve", "--world", &world, "--addr", "127.0.0.1:0"][..],
            "projects[0].rows",
        ),
    ] {
        let run = fauxport(args, b"");
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(named), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} wrote rows");
    }
    let run = fauxport(
        &["generate", "--rows", "2", "--threads", "256", "--quiet"],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.iter().filter(|&&b| b == b'\n').count(), 2);
}
