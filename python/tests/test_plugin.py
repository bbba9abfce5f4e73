"""The plugin's own behaviour, through pytester (`pytest -p pytester python/tests`, which
scripts/python-example runs in its venv with the wheel installed): options and ini names, the
marker, the errors a user sees, and that the server stops with the session."""

import textwrap


pytest_plugins = ["pytester"]


def run(pytester, *args):
    # A subprocess: each run is its own pytest session, so its own server.
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args)


def test_the_command_line_wins_over_the_ini_file(pytester):
    pytester.makeini(
        """
        [pytest]
        fauxport_rows = 40
        fauxport_seed = 5
        """
    )
    pytester.makepyfile(
        """
        def test_world(fauxport_server):
            assert (fauxport_server.rows, fauxport_server.seed) == (40, 9)
            assert {p["rows"] for p in fauxport_server.world["projects"]} == {40}
            assert len(fauxport_server.project_ids) == 4
        """
    )
    result = run(pytester, "--fauxport-seed", "9")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["fauxport: *, rows 40, seed 9"])


def test_the_marker_binds_the_key_and_the_client(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.fauxport(scenario="flaky-pages", seed=7)
        def test_marked(fauxport, fauxport_server):
            assert fauxport.api_key == "fauxport:flaky-pages:7"
            assert fauxport.api_key_for("slow-task") == "fauxport:slow-task"
            assert fauxport_server.api_key == fauxport_server.world["api_key"]
            assert fauxport.endpoint == fauxport_server.base_url + "/graphql"

        def test_unmarked(fauxport):
            assert fauxport.api_key == "fauxport:happy"

        @pytest.mark.fauxport(scenario="no-such-scenario")
        def test_unknown(fauxport):
            pass
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*no scenario 'no-such-scenario'; the server has happy, *"])


def test_each_test_sees_only_its_own_requests(pytester):
    pytester.makepyfile(
        """
        import urllib.request

        def get(url):
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            return opener.open(url).read()

        def test_first(fauxport):
            get(fauxport.world["projects"][0]["download"])
            assert len(fauxport.requests(kind="download")) == 1

        def test_second(fauxport):
            assert fauxport.requests() == []
            assert fauxport.verify(kind="download", max_count=0)["ok"]
        """
    )
    run(pytester).assert_outcomes(passed=2)


def test_a_missing_binary_is_named(pytester):
    pytester.makepyfile("def test_it(fauxport_server):\n    pass\n")
    result = run(pytester, "--fauxport-bin", "/nonexistent/fauxport")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fauxport binary /nonexistent/fauxport does not exist*"])


def test_a_server_that_does_not_start_shows_its_stderr(pytester):
    broken = pytester.path / "broken-fauxport"
    broken.write_text("#!/bin/sh\necho 'error: address already in use (os error 98)' >&2\nexit 3\n")
    broken.chmod(0o755)
    pytester.makeini("[pytest]\nfauxport_bin = broken-fauxport\n")  # relative to the ini file
    pytester.makepyfile("def test_it(fauxport_server):\n    pass\n")
    result = run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*broken-fauxport serve --addr 127.0.0.1:0 --port-file * exited with status 3*",
            "*error: address already in use (os error 98)*",
        ]
    )


def test_the_server_stops_with_the_session(pytester, tmp_path):
    pid_file = tmp_path / "pid"
    pytester.makepyfile(
        f"""
        def test_it(fauxport_server):
            open({str(pid_file)!r}, "w").write(str(fauxport_server.process.pid))
        """
    )
    run(pytester).assert_outcomes(passed=1)
    pid = int(pid_file.read_text())
    # The session reaped it: the pid no longer names a process (or, at worst, a reused one that
    # is not fauxport).
    try:
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
    except FileNotFoundError:
        return
    assert b"fauxport" not in cmdline, f"fauxport serve (pid {pid}) outlived the session"


def test_expected_rows_follows_the_sdk_params(pytester):
    pytester.makepyfile(
        textwrap.dedent(
            """
            import pytest

            def test_params(fauxport):
                on = fauxport.expected_rows("prompt-creation", {"data_row_details": True})
                off = fauxport.expected_rows(fauxport.project_ids["prompt-creation"])
                assert len(on) == len(off) == fauxport.rows
                assert all("details" in row["data_row"] for row in on)
                assert not any("details" in row["data_row"] for row in off)
                with pytest.raises(ValueError, match='unknown param "label_detail"'):
                    fauxport.expected_rows("prompt-creation", {"label_detail": True})
            """
        )
    )
    run(pytester, "--fauxport-rows", "25").assert_outcomes(passed=1)


def test_help_lists_the_options(pytester):
    result = pytester.runpytest_subprocess("--help")
    result.stdout.fnmatch_lines(["*--fauxport-rows*", "*--fauxport-seed*", "*--fauxport-bin*"])
