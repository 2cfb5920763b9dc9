"""What the scripts that test the newsgraph CLI share (standard library only).

Not a test itself: ctest runs tests/test_*.py, which import it from their
own directory.  Each script registers its tests with @test, asserts with
check(), runs the tool with run() and ends with sys.exit(main()), which
prints "ok"/"FAIL" per test and "N passed, N failed", and returns 1 if any
failed.  Run by ctest with NEWSGRAPH_BIN (the built CLI), NEWSGRAPH_SOURCE
and NEWSGRAPH_BUILD set; without them, the source tree holding this file
and its build/.
"""
import os
import subprocess
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("NEWSGRAPH_SOURCE", os.path.dirname(HERE))
BUILD = os.environ.get("NEWSGRAPH_BUILD", os.path.join(SOURCE, "build"))
BIN = os.environ.get("NEWSGRAPH_BIN", os.path.join(BUILD, "cli", "newsgraph"))

TESTS = []


def test(fn):
    """Register fn as a test of this script, in the order defined."""
    TESTS.append(fn)
    return fn


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


# Soft checks, for scripts of many small cases (a rule family's examples,
# a floor per figure) that report every failed case and go on.
_tally = [0, 0]


def expect(cond, what):
    """Count a check; print what failed and go on.  Returns cond."""
    if cond:
        _tally[0] += 1
    else:
        _tally[1] += 1
        print("FAIL:", what)
    return cond


def tally():
    """Print "N passed, N failed" for expect(); the exit status."""
    print(f"{_tally[0]} passed, {_tally[1]} failed")
    return 1 if _tally[1] else 0


def run(args, data=b"", env=None, cwd=None, binary=None, timeout=600):
    """The CLI (or `binary`) with `args`, `data` on stdin, output captured.
    The timeout only guards against a hang."""
    return subprocess.run([binary or BIN] + list(args), input=data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, cwd=cwd, timeout=timeout)


def main():
    if not os.access(BIN, os.X_OK):
        print(f"newsgraph binary not found: {BIN}")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    for fn in TESTS:
        try:
            fn()
        except Exception:
            failed += 1
            print(f"FAIL {fn.__name__}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   {fn.__name__}")
        sys.stdout.flush()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
