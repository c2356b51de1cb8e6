"""Compiled Jinja templates kept between builds, so a build does not compile them again.

Compiling the report and theme templates is about a tenth of a second, a sixth of a
small build without PDFs (issue 13). Jinja can keep the compiled code in files; this
cache can never serve code for a template that has changed:

* Jinja checks each entry against the SHA-1 of the template's source, and against
  its own bytecode format and the Python version;
* the key also holds the Jinja version and every setting that changes the code Jinja
  writes (delimiters, whitespace handling, autoescaping for that template, extensions),
  so two environments reading one file never share an entry.

Entries are written to a temporary name and renamed into place (Jinja does this), so
parallel workers may share the folder, and the folder is safe to delete at any time.
A folder that cannot be read or written, or an entry cut short, only makes the build
slower, never failed.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from yjsreport.render.cache_files import CACHE_FOLDER, machine_key, own_folder, read_entry

__all__ = ["CACHE_FOLDER", "CompiledTemplates", "compiled_templates"]
TEMPLATES_FOLDER = "templates"


def _settings(environment: Environment, name: str) -> str:
    """What, besides the source, decides the code Jinja compiles a template to."""
    autoescape = environment.autoescape
    escapes = autoescape(name) if callable(autoescape) else autoescape
    return repr(
        (
            jinja2.__version__,
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.is_async,
            environment.finalize is not None,
            bool(escapes),
            sorted(environment.extensions),
        )
    )


class CompiledTemplates(FileSystemBytecodeCache):
    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = hashlib.sha256(  # the machine key: an entry made elsewhere never matches
            f"{machine_key()}|{_settings(environment, name)}|{name}|{filename}".encode()
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """An entry that cannot be read, or is cut short or corrupt, is a miss; so is
        anything but an ordinary file (a link is never followed, a pipe never waited on)."""
        data = read_entry(Path(self._get_cache_filename(bucket)))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # a read-only or full disk: the template was compiled all the same
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(project: Path) -> CompiledTemplates | None:
    """The cache for a project's templates (None where its folder cannot be made);
    CacheLinkError where a folder of it is a link."""
    try:
        folder = own_folder(project, CACHE_FOLDER, TEMPLATES_FOLDER)
    except OSError:
        return None
    return CompiledTemplates(str(folder))
