"""Ground truth for the Python corpora of the context benchmark, from jedi (Debian's python3-jedi, or pip's),
an analyzer that is not a language server under test. Reads one JSON request per line on stdin,
{"file": "pkg/mod.py", "line": 12} (0-based), and answers one JSON line: the names used on that line whose
definitions lie in OTHER files of the corpus, each with the column of its first use on the line and its
definition sites (0-based, inclusive lines), and the names jedi raised on ("unresolved"), which the caller
reports rather than drops unseen.
Usage: python3 bench/jedi-gold.py CORPUS_ROOT
"""
import json
import os
import shutil
import sys
import tempfile

import jedi
import parso.cache

# A body-less definition (an assignment, a long constant) counts this many lines as its signature;
# the same number as MAX_SIGNATURE_LINES in ground-truth.ts.
MAX_SIGNATURE_LINES = 12


def main():
    root = os.path.realpath(sys.argv[1])
    in_fixed_process(root)
    # jedi's parse cache on disk (pickled parso trees, ~/.cache/jedi by default) is shared by every jedi of
    # the same Python version. parso writes pickles in place, and a half-written one costs a module's
    # definitions (the unit test); and a tree loaded from a pickle keeps the time it was first parsed as its
    # last use, so once parso holds 600 modules its collector drops it mid-run and jedi re-infers on a new
    # tree. Each run parses into a directory of its own, removed when it ends, and parso keeps every tree
    # until then.
    jedi.settings.cache_directory = tempfile.mkdtemp(prefix="jedi-gold-")
    parso.cache._CACHED_FILE_MINIMUM_SURVIVAL = float("inf")
    try:
        answer(root)
    finally:
        shutil.rmtree(jedi.settings.cache_directory, ignore_errors=True)


# What of the caller's environment the analysis depends on: where Python looks for packages. Everything
# else (the working directory, npm's variables, the worktree's path) is left behind, since it changes where
# the process's objects lie in memory.
KEPT_VARIABLES = ("PYTHONPATH",)

# Set in the process in_fixed_process starts, so it does not start another.
FIXED_PROCESS = "JEDI_GOLD_FIXED_PROCESS"


def in_fixed_process(root):
    """Re-executes this script in a process laid out the same in every run (Linux only): the addresses of its
    objects not randomized, the working directory /, only KEPT_VARIABLES of the caller's environment, and
    the script given as text (-c) rather than by the worktree's path.

    jedi keeps inferred values in sets hashed by identity, that is by address, and which of them it follows
    first decides what it reaches within its inference limits. With the kernel placing the heap at random,
    python3-jedi's jedi/api/strings.py:82 (`dct.get_key_values()`) resolved in 2 of 4 runs given the same 641
    questions and a fixed hash seed (PYTHONHASHSEED orders strings, not objects), and in 3 of 7 full samples
    the sampler then drew 17 of its 100 positions elsewhere. With the randomization off, the addresses still
    followed everything the process allocated before jedi ran: the same 641 questions, asked as the sampler
    asks them, resolved that line with a worktree as the working directory and not with /; 2 of 8 benchmark
    runs of one afternoon lost it and drew 8 of their 60 positions elsewhere. Laid out alike, the process still
    answered either way from run to run (3 of 4 runs resolved it) while jedi inspected compiled modules in a
    subprocess of its own, which a thread of this one reads: answer() keeps jedi in this process.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    addr_no_randomize = 0x0040000  # from <sys/personality.h>
    libc = ctypes.CDLL(None, use_errno=True)
    current = libc.personality(0xFFFFFFFF)  # only reads the current persona
    if current != -1 and current & addr_no_randomize and os.environ.get(FIXED_PROCESS) == "1":
        return
    if current == -1 or libc.personality(current | addr_no_randomize) == -1:
        raise SystemExit(
            f"jedi-gold.py: cannot turn off address randomization (personality(2) failed, errno {ctypes.get_errno()}), and"
            " without it jedi's answers, and so the Python gold, differ from run to run. In a container, allow the call"
            " (Docker: --security-opt seccomp=unconfined, or a profile that permits personality with ADDR_NO_RANDOMIZE)."
        )
    with open(__file__, encoding="utf-8") as handle:
        source = handle.read()
    env = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    env.update({"PYTHONHASHSEED": "0", "PYTHONUTF8": "1", FIXED_PROCESS: "1"})
    os.chdir("/")
    os.execve(sys.executable, [sys.executable, "-c", source, root], env)


def answer(root):
    # jedi analyzes with the Python running this, and inspects its compiled modules here rather than in a
    # subprocess (whose replies and reader thread made the answers vary from run to run: in_fixed_process).
    environment = jedi.InterpreterEnvironment()
    # The corpus first on the path, so that its absolute imports (`from jedi.api import x`) reach the corpus
    # and not a copy of the same package installed beside the Python running this (pip's jedi, for the
    # python3-jedi corpus). A definition in the standard library or a site package is not gold (elsewhere()).
    # The working directory ('' on the path) is not the corpus's.
    sys_path = [root, *(entry for entry in environment.get_sys_path() if entry)]
    project = jedi.Project(path=root, sys_path=sys_path, smart_sys_path=False, load_unsafe_extensions=False)
    scripts = {}
    for request in sys.stdin:
        query = json.loads(request)
        path = os.path.join(root, query["file"])
        if path not in scripts:
            with open(path, encoding="utf-8") as handle:
                source = handle.read()
            script = jedi.Script(source, path=path, project=project, environment=environment)
            by_line = {}
            for name in script.get_names(all_scopes=True, definitions=True, references=True):
                by_line.setdefault(name.line - 1, []).append(name)
            # Each line's names in column order, so a gold name keeps the column of its first use there.
            for names in by_line.values():
                names.sort(key=lambda n: n.column)
            scripts[path] = (script, source.split("\n"), by_line)
        script, lines, by_line = scripts[path]
        gold = {}
        unresolved = []
        for name in by_line.get(query["line"], []):
            try:
                found = script.goto(name.line, name.column, follow_imports=True)
            except Exception as error:  # jedi gives up on some dynamic code: the caller counts and reports these
                unresolved.append(f"{name.name}: {type(error).__name__}")
                continue
            # Sorted: jedi returns a name's definitions in the order of a set.
            sites = sorted((site(d, root) for d in found if elsewhere(d, root, path)), key=lambda s: (s["file"], s["startLine"], s["signatureLine"]))
            if sites and name.name not in gold:
                before = lines[name.line - 1][: name.column].rstrip()
                # The column in code points (Python's string index); the caller converts it to UTF-16.
                gold[name.name] = {"name": name.name, "member": before.endswith("."), "sites": sites, "column": name.column}
        sys.stdout.write(json.dumps({"gold": list(gold.values()), "unresolved": unresolved}) + "\n")
        sys.stdout.flush()


def elsewhere(definition, root, path):
    module = str(definition.module_path or "")
    # A module (`import pkg.mod`) is a whole file, not a definition a snippet can show.
    return definition.type != "module" and module.startswith(root + os.sep) and module != path and definition.line is not None


def site(definition, root):
    name_line = definition.line - 1
    start, end = definition.get_definition_start_position(), definition.get_definition_end_position()
    start_line = start[0] - 1 if start else name_line
    end_line = end[0] - 1 if end else name_line
    if end and end[1] == 0 and end_line > start_line:
        end_line -= 1  # parso ends a suite at column 0 of the next line
    header_end = header_end_line(definition)
    signature_end = max(name_line, header_end) if header_end is not None else min(end_line, start_line + MAX_SIGNATURE_LINES - 1)
    return {
        "file": os.path.relpath(str(definition.module_path), root).replace(os.sep, "/"),
        "startLine": start_line,
        "endLine": end_line,
        "signatureLine": name_line,
        "signatureEndLine": signature_end,
    }


def header_end_line(definition):
    """The line of the `:` opening a def's or class's body; None for other definitions."""
    tree_name = getattr(definition._name, "tree_name", None)
    node = tree_name.get_definition() if tree_name is not None else None
    if node is None or node.type not in ("funcdef", "classdef"):
        return None
    colon = node.children[-2]
    return colon.start_pos[0] - 1


if __name__ == "__main__":
    main()
